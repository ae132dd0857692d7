-- A ranking partner table as printed: section, rank, label.
select section, rank, row_label as label
from partner_cells
where partner = '{{partner}}' and year = {{year}} and table_name = '{{table}}'
order by row_number, column_number
