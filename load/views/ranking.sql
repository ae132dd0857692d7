-- A ranking partner table as printed: group (the section), rank, label.
select section as "group", rank, row_label as label
from partner_cells
where partner = '{{partner}}' and year = {{year}} and table_name = '{{table}}'
order by row_number, column_number
