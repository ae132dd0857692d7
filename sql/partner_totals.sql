-- Question: does every total and subtotal printed in a partner table equal
--   the sum of its parts?
-- Grain:    one row per printed total: a total row (its column's detail rows
--   above it), a route subtotal (the section's rows), a parent row (such as
--   Klachtencommissie over its outcomes, from partner_parents), and a total
--   column (the last column, headed 'Totaal...', over the columns before it
--   when none of those is headed 'Totaal').
-- Columns:  partner, year, table_name, row, column, kind, printed, parts
--   (the sum of the parts), difference (printed - parts), status ('match' or
--   'differs'), source_file, source_page (of a PDF report; empty for a CSV)
--   and source_line: where the total is printed.
with cells as (
    select c.*, p.parent
    from partner_cells c
    left join partner_parents p
      on p.partner = c.partner and p."table" = c.table_name and p.label = c.row_label
    where c.unit = 'count' and c.shape = 'grid'
),
total_rows as (
    select t.*, 'total row' as kind,
           (select sum(d.value) from cells d
            where d.partner = t.partner and d.year = t.year and d.table_name = t.table_name
              and d.column_number = t.column_number and d.row_kind = 'detail' and d.parent is null
              and d.row_number < t.row_number) as parts
    from cells t
    where t.row_kind = 'total'
),
subtotals as (
    select t.*, 'subtotal' as kind,
           (select sum(d.value) from cells d
            where d.partner = t.partner and d.year = t.year and d.table_name = t.table_name
              and d.column_number = t.column_number and d.row_kind = 'detail' and d.parent is null
              and d.section = t.row_label) as parts
    from cells t
    where t.row_kind = 'section'
      and exists (select 1 from cells d
                  where d.partner = t.partner and d.year = t.year and d.table_name = t.table_name
                    and d.row_kind = 'detail' and d.section = t.row_label)
),
parents as (
    select t.*, 'parent' as kind,
           (select sum(d.value) from cells d
            where d.partner = t.partner and d.year = t.year and d.table_name = t.table_name
              and d.column_number = t.column_number and d.parent = t.row_label
              and d.section is not distinct from t.section) as parts
    from cells t
    where exists (select 1 from cells d
                  where d.partner = t.partner and d.year = t.year and d.table_name = t.table_name
                    and d.parent = t.row_label)
),
last_columns as (
    select partner, year, table_name, max(column_number) as last_column,
           count(distinct column_number) as columns,
           count(distinct column_number) filter (where column_path ilike 'totaal%') as total_headed
    from cells
    group by all
),
total_columns as (
    select t.*, 'total column' as kind,
           (select sum(d.value) from cells d
            where d.partner = t.partner and d.year = t.year and d.table_name = t.table_name
              and d.row_number = t.row_number and d.column_number < t.column_number) as parts
    from cells t
    join last_columns l using (partner, year, table_name)
    where t.column_number = l.last_column and t.column_path ilike 'totaal%'
      and l.total_headed = 1 and l.columns >= 3
),
checks as (
    select * from total_rows
    union all by name select * from subtotals
    union all by name select * from parents
    union all by name select * from total_columns
),
final as (
    select partner, year, table_name, row_label as "row", column_path as "column", kind,
           value as printed, parts, value - parts as difference,
           case when value = parts then 'match' else 'differs' end as status,
           source_file, source_page, source_line, row_number, column_number
    from checks
)
select * exclude (row_number, column_number)
from final
order by partner, year, table_name, row_number, column_number, kind
