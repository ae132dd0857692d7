-- Question: in what share of the 2021 complaint conversations was the
--   complainant supported by an AKJ confidential adviser, per organisation?
-- Grain:    one row per organisation.
-- Columns:  organisation, percent (whole percent, rounded half away from zero).
-- Denominator: all 2021 conversations of the organisation, including those
--   with no support registered (SAVE: 152, Veilig Thuis Utrecht: 22).
with counted as (
    select organisation,
           count(*) filter (where support = 'AKJ') as with_akj,
           count(*) as conversations
    from conversations
    where year = 2021 and organisation is not null
    group by all
),
final as (
    select organisation, round(100.0 * with_akj / conversations) as percent
    from counted
)
select * from final order by organisation desc
