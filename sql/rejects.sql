-- Question: which input files, rows and cells did the loads not take as they
--   are, and why?
-- Grain:    one row per problem: a file that could not be read (no sheet or
--   cell), a row that was not loaded (row_rejected), or a value that no
--   synonym maps (the row is loaded with that field unknown).
-- Columns:  file, location (Registratie!D2 for a cell, Registratie!2 for a
--   row, line:column for a CSV, empty for a whole file), raw_value, reason,
--   year (register year; empty if not known), field, row_rejected, and
--   sheet, cell and row apart.
with final as (
    select source_file as file,
           case when sheet is not null and cell is not null then sheet || '!' || cell
                when sheet is not null and source_row is not null then sheet || '!' || source_row
                when sheet is not null then sheet
                else cell end as location,
           raw_value, reason, year, field, row_rejected, sheet, cell, source_row as row
    from main.rejects -- main: the view reports.rejects is this report
)
select * from final order by file, sheet, row, cell
