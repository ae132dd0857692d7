-- A top-3 partner table as printed: period (the column header), rank, label,
-- count (the bracketed count).
select column_path as period, rank, row_label as label, value as count
from partner_cells
where partner = '{{partner}}' and year = {{year}} and table_name = '{{table}}'
order by column_number, rank
