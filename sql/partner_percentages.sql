-- Question: does every percentage printed in a partner table agree with the
--   percentage recomputed from the printed counts?
-- Grain:    one row per printed percentage.
-- Columns:  partner, year, table_name, unit (the column group: the AKJ
--   unit), row, count, printed (the printed percent), denominator,
--   denominator_of (what it is), recomputed (100 * count / denominator, one
--   decimal more than printed), difference (printed - exact), status
--   ('within rounding': at most half the last printed digit off, or
--   'differs').
-- Denominator: for a part of another row (an outcome under
--   Klachtencommissie) that row's count; else for a row in a route with a
--   printed subtotal (Informeel) the subtotal; else the table's total row for
--   the column group; else the sum of the group's detail rows.
-- Derived:  printed (a percentage, although its name does not say so)
with cells as (
    select c.*, p.parent
    from partner_cells c
    left join partner_parents p
      on p.partner = c.partner and p."table" = c.table_name and p.label = c.row_label
),
counts as (
    select * from cells where unit = 'count'
),
pairs as (
    select p.partner, p.year, p.table_name, p.column_group, p.section, p.row_label, p.row_number,
           p.parent, p.value as printed, p.decimals, c.value as count
    from cells p
    join counts c
      on c.partner = p.partner and c.year = p.year and c.table_name = p.table_name
     and c.row_number = p.row_number and c.column_group = p.column_group
    where p.unit = 'percent'
),
denominators as (
    select x.*,
           coalesce(
               (select max(d.value) from counts d
                where x.parent is not null and d.partner = x.partner and d.year = x.year and d.table_name = x.table_name
                  and d.column_group = x.column_group and d.row_label = x.parent
                  and d.section is not distinct from x.section),
               (select max(d.value) from counts d
                where d.partner = x.partner and d.year = x.year and d.table_name = x.table_name
                  and d.column_group = x.column_group and d.row_kind = 'section' and d.row_label = x.section),
               (select max(d.value) from counts d
                where d.partner = x.partner and d.year = x.year and d.table_name = x.table_name
                  and d.column_group = x.column_group and d.row_kind = 'total'),
               (select sum(d.value) from counts d
                where d.partner = x.partner and d.year = x.year and d.table_name = x.table_name
                  and d.column_group = x.column_group and d.row_kind = 'detail' and d.parent is null)
           ) as denominator,
           case when x.parent is not null then x.parent
                when exists (select 1 from counts d
                             where d.partner = x.partner and d.year = x.year and d.table_name = x.table_name
                               and d.column_group = x.column_group and d.row_kind = 'section' and d.row_label = x.section)
                     then x.section || ' (subtotal)'
                when exists (select 1 from counts d
                             where d.partner = x.partner and d.year = x.year and d.table_name = x.table_name
                               and d.column_group = x.column_group and d.row_kind = 'total')
                     then 'total row'
                else 'sum of the rows' end as denominator_of
    from pairs x
),
final as (
    select partner, year, table_name, column_group as unit, row_label as "row", count, printed,
           denominator, denominator_of,
           round(100 * count / denominator, decimals + 1) as recomputed,
           round(printed - 100 * count / denominator, 2) as difference,
           case when abs(printed - 100 * count / denominator) <= 0.5 * pow(10, -decimals) + 1e-9
                then 'within rounding' else 'differs' end as status,
           row_number
    from denominators
    where denominator > 0
)
select * exclude (row_number) from final order by partner, year, table_name, unit, row_number
