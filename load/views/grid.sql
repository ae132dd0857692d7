-- A grid partner table as printed: one row per printed value, total rows
-- included: row_label, column_label (the header, joined onto one line),
-- value, and its unit (count or percent).
select row_label, column_path as column_label, value, unit
from partner_cells
where partner = '{{partner}}' and year = {{year}} and table_name = '{{table}}' and unit <> 'none'
order by row_number, column_number
