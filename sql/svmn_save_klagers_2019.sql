-- Question: who made the SAVE complaints of 2019?
-- Grain:    one row per complainant group, as registered in 2019.
-- Columns:  complainant, count (SAVE conversations of 2019).
-- Missing:  conversations without a registered complainant are left out.
with counted as (
    select complainant, count(*) as count
    from conversations
    where year = 2019 and organisation = 'SAVE Jeugdbescherming' and complainant is not null
    group by all
),
final as (
    select complainant, count from counted
)
select * from final order by count desc, complainant
