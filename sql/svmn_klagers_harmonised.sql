-- Question: who complained, per year and organisation, in the complainant
--   groups of today (2021 merged Grootouders, Pleegouders, Familie and
--   Overigen into Familie/Pleegouders)?
-- Grain:    one row per year, organisation and harmonised complainant group
--   (table complainant_groups).
-- Columns:  year, organisation, complainant, count (conversations), percent
--   (of the organisation's conversations in that year with a registered
--   complainant, one decimal).
-- Denominator: conversations with a registered complainant; those without
--   one are left out; 'klacht check' counts them.
-- Counts:   conversations
with counted as (
    select c.year, c.organisation, g.harmonised_complainant as complainant, count(*) as count
    from conversations c
    join complainant_groups g on g.complainant = c.complainant
    where c.organisation is not null
    group by all
),
final as (
    select year, organisation, complainant, count,
           round(100.0 * count / sum(count) over (partition by year, organisation), 1) as percent
    from counted
)
select * from final order by year, organisation desc, count desc, complainant
