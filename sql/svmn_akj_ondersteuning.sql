-- Question: in what share of the complaint conversations was the
--   complainant supported by an AKJ confidential adviser, per organisation
--   and year?
-- Grain:    one row per register year and organisation (today's name).
-- Columns:  year, organisation, conversations, with_support (support
--   registered), with_akj, percent (with_akj of conversations, whole
--   percent, as the analysis prints it), percent_of_registered (with_akj of
--   with_support, one decimal).
-- Denominators: percent is of all conversations; percent_of_registered of
--   the conversations whose support is registered.
with counted as (
    select year, organisation, count(*) as conversations, count(support) as with_support,
           count(*) filter (where support = 'AKJ') as with_akj
    from conversations
    where organisation is not null
    group by all
),
final as (
    select year, organisation, conversations, with_support, with_akj,
           round(100.0 * with_akj / conversations) as percent,
           round(100.0 * with_akj / nullif(with_support, 0), 1) as percent_of_registered
    from counted
)
select * from final order by year, organisation desc
