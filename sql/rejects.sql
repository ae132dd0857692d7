-- Question: which input files, rows and cells did the loads not take as they
--   are, and why?
-- Grain:    one row per problem: a file that could not be read (no sheet or
--   cell), a row that was not loaded (row_rejected), or a value that no
--   synonym maps (the row is loaded with that field unknown).
-- Columns:  file, sheet, cell (A1 address), row (sheet row), raw_value,
--   reason, year (register year; empty if not known), field, row_rejected.
with final as (
    select source_file as file, sheet, cell, source_row as row, raw_value, reason, year, field, row_rejected
    from rejects
)
select * from final order by file, sheet, row, cell
