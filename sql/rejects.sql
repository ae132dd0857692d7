-- Question: which input rows, cells and files did the last load not take as
--   they are, and why?
-- Grain:    one row per problem: a file that could not be read, a row that
--   was not loaded (row_rejected), or a value that no synonym maps (the row
--   is loaded with that field unknown).
-- Columns:  file, sheet, cell, raw_value, reason, year, field, row_rejected.
with final as (
    select source_file as file, sheet, cell, raw_value, reason, year, field, row_rejected, source_row
    from rejects
)
select * exclude (source_row) from final order by file, sheet, source_row, cell
