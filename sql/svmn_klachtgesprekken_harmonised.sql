-- Question: how did the number of internal complaint conversations change
--   from year to year, per organisation and region, when every year is put
--   in the same terms?
-- Grain:    one row per year, organisation (today's name) and harmonised
--   region: 2021's Utrecht Zuidoost and Utrecht West roll up into Utrecht
--   Zuidoost/West (table regions, harmonised_region). Veilig Thuis Utrecht
--   has no regions (region empty).
-- Columns:  year, organisation, region, count (conversations), change (count
--   minus the count of the previous year for the same organisation and
--   region; empty where that year has no row).
-- Counts:   conversations
with counted as (
    select c.year, c.organisation, r.harmonised_region as region, count(*) as count
    from conversations c
    left join regions r on r.region = c.region
    where c.organisation is not null
      and (c.region is not null or c.organisation = 'Veilig Thuis Utrecht')
    group by all
),
final as (
    select a.year, a.organisation, a.region, a.count, a.count - b.count as change
    from counted a
    left join counted b
      on b.year = a.year - 1 and b.organisation = a.organisation
     and b.region is not distinct from a.region
)
select * from final order by year, organisation desc, region
