-- Question: who contacted the AKJ (confidential advisers) in 2021 about each
--   SVMN unit, by type of client?
-- Grain:    one row per AKJ unit and client type, from the AKJ report's
--   table 'Cliënten AKJ' (partner table akj 2021 clienten).
-- Columns:  unit, client_type, count (persons), percent (as printed).
-- Denominator: the printed percent is of the unit's persons (the unlabelled
--   total row: 87, 88, 302); report partner_percentages recomputes it.
with cells as (
    select column_group as unit_name, row_label, row_number, unit, value
    from partner_cells
    where partner = 'akj' and year = 2021 and table_name = 'clienten' and row_kind = 'detail'
),
final as (
    select unit_name as unit, row_label as client_type,
           max(value) filter (where unit = 'count') as count,
           max(value) filter (where unit = 'percent') as percent
    from cells
    group by unit_name, row_label, row_number
)
select * from final order by unit desc, count desc
