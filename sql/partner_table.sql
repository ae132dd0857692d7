-- Question: what does one partner table say, in the form the report printed
--   it? Params: $partner (akj, kjmn), $year (the report year), $table (the
--   name after the year in the file name: haarlem_tabel_2c, afhandeling).
-- Grain:    as printed: one row per value for grids (row, column, value,
--   total rows included); per ranked item for top-3 tables (period, rank,
--   label, count) and rankings (group, rank, label); per label for lists.
-- Columns:  those of the table's shape, above, named as the published
--   tables name them. Each partner table is also a view of its own,
--   partner_<partner>_<year>_<table>, whose columns are no SQL keywords
--   (row_label, column_label; section) and whose grids also carry each
--   value's unit, which the print does not show.
with printed as (
    select * rename (row_label as "row", column_label as "column", section as "group")
    from query_table('partner_' || $partner || '_' || $year || '_' || $table)
),
final as (
    select columns(c -> c <> 'unit') from printed
)
select * from final order by all
