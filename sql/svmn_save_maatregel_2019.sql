-- Question: under which legal measure did the SAVE complaints of 2019 arise?
-- Grain:    one row per measure.
-- Columns:  measure, count (SAVE conversations of 2019).
-- Missing:  conversations without a registered measure are left out.
with counted as (
    select measure, count(*) as count
    from conversations
    where year = 2019 and organisation = 'SAVE Jeugdbescherming' and measure is not null
    group by all
),
final as (
    select measure, count from counted
)
select * from final order by count desc, measure
