-- Question: how many internal complaint conversations were held in 2019, per
--   organisation and region, under the organisation names of 2019 (SAVE
--   before its 2020 rename)?
-- Grain:    one row per organisation (name in 2019) and region; region empty
--   for Veilig Thuis Utrecht.
-- Columns:  organisation, region, count (conversations).
with counted as (
    select organisation_in_year as organisation, region, count(*) as count
    from conversations
    where year = 2019
      and organisation_in_year is not null
      and (region is not null or organisation = 'Veilig Thuis Utrecht')
    group by all
),
final as (
    select organisation, region, count from counted
)
select * from final order by organisation desc, region
