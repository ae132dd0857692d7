-- Question: how did the AKJ handle the complaint parts about each SVMN unit
--   in 2021: informally, formally (complaints committee, objection/appeal),
--   or as signals?
-- Grain:    one row per unit, route and activity of the AKJ table
--   'Afhandeling' (partner table akj 2021 afhandeling). The route subtotals
--   (Informeel, Formeel) are not rows here: 'klacht check' reconciles them
--   with their parts. A route without activities (Signalen) is one row with
--   an empty activity.
-- Columns:  unit, route, activity, count, percent (as printed), parent (the
--   row an outcome belongs to: Klachtencommissie; from partner_parents).
-- Denominator: as printed, Informeel percentages are of the route subtotal
--   and outcome percentages of the unit's formal total (SAVE Utrecht: 33, not
--   the 31 of Klachtencommissie); report partner_percentages recomputes them.
with cells as (
    select column_group as unit_name, section as route, row_label, row_kind, row_number, unit, value
    from partner_cells
    where partner = 'akj' and year = 2021 and table_name = 'afhandeling'
),
rows as (
    select unit_name, route, row_label, row_kind, row_number,
           max(value) filter (where unit = 'count') as count,
           max(value) filter (where unit = 'percent') as percent
    from cells
    group by all
),
routes_with_activities as (
    select distinct unit_name, route from rows where row_kind = 'detail'
),
final as (
    select r.unit_name as unit, r.route,
           case when r.row_kind = 'section' then null else r.row_label end as activity,
           r.count, r.percent, p.parent
    from rows r
    left join partner_parents p
      on p.partner = 'akj' and p."table" = 'afhandeling' and p.label = r.row_label
    where r.row_kind = 'detail'
       or (r.row_kind = 'section'
           and not exists (select 1 from routes_with_activities a
                           where a.unit_name = r.unit_name and a.route = r.route))
)
select * from final order by unit desc, route, activity
