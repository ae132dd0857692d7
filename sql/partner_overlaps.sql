-- Question: where do two partner reports print the same figure (the KJMN
--   reports of 2019 and 2021 both print the hearings of 2016-2019), and do
--   they agree? The reports use the latest report's figure.
-- Grain:    one row per figure that more than one report prints: the same
--   partner, table, row, column and unit.
-- Columns:  partner, table_name, row, column, reports (the report years,
--   oldest first), values (in the same order), used (the latest report's
--   value), status ('agrees' or 'differs').
with figures as (
    select partner, table_name, row_label, column_path, unit, year, value
    from partner_cells
    where value is not null
),
printed_twice as (
    select partner, table_name, row_label, column_path, unit,
           list(year order by year) as reports,
           list(value order by year) as "values",
           arg_max(value, year) as used,
           count(distinct value) as distinct_values
    from figures
    group by all
    having count(distinct year) > 1
),
final as (
    select partner, table_name, row_label as "row", column_path as "column",
           reports, "values", used,
           case when distinct_values = 1 then 'agrees' else 'differs' end as status
    from printed_twice
)
select * from final order by partner, table_name, "column", "row"
