-- Question: how many internal complaint conversations did each organisation
--   and region hold, per year?
-- Grain:    one row per register year, organisation (today's name) and
--   region as registered; Veilig Thuis Utrecht has no regions (region empty).
-- Columns:  year, organisation, region, count (conversations).
-- Missing:  conversations without an organisation, or SAVE conversations
--   without a region, are left out; 'klacht check' counts them.
-- Counts:   conversations
with counted as (
    select year, organisation, region, count(*) as count
    from conversations
    where organisation is not null
      and (region is not null or organisation = 'Veilig Thuis Utrecht')
    group by all
),
final as (
    select year, organisation, region, count from counted
)
select * from final order by year, organisation desc, region
