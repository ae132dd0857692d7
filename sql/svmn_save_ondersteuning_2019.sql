-- Question: by whom were SAVE complainants supported in 2019?
-- Grain:    one row per kind of support.
-- Columns:  support, count (SAVE conversations of 2019).
-- Missing:  conversations without registered support are left out ('Geen'
--   is a registered value: no support).
with counted as (
    select support, count(*) as count
    from conversations
    where year = 2019 and organisation = 'SAVE Jeugdbescherming' and support is not null
    group by all
),
final as (
    select support, count from counted
)
select * from final order by count desc, support
