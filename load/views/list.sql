-- A list partner table as printed: one label per row, under the spec's
-- label_name.
select row_label as "{{label_name}}"
from partner_cells
where partner = '{{partner}}' and year = {{year}} and table_name = '{{table}}'
order by row_number
