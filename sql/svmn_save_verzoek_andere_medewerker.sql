-- Question: in how many SAVE complaint conversations did the complainant ask
--   for another worker (gezinsvoogd)?
-- Grain:    one row per register year whose registers record the request.
--   Years whose registers have no such column are left out, not shown as 0.
-- Columns:  year, count (SAVE conversations with the request).
with counted as (
    select year, count(*) filter (where request_other_worker) as count
    from conversations
    where organisation = 'SAVE Jeugdbescherming'
    group by year
    having count(request_other_worker) > 0
),
final as (
    select year, count from counted
)
select * from final order by year
