-- Question: who made the complaints of 2021, per organisation?
-- Grain:    one row per organisation and complainant group.
-- Columns:  organisation, complainant, count (conversations).
-- Missing:  conversations without a registered complainant are left out
--   (SAVE 2021: 151 of 152); 'klacht check' counts them.
-- Counts:   conversations
-- Fixed:    year = 2021
with counted as (
    select organisation, complainant, count(*) as count
    from conversations
    where year = 2021 and organisation is not null and complainant is not null
    group by all
),
final as (
    select organisation, complainant, count from counted
)
select * from final order by organisation desc, count desc, complainant
