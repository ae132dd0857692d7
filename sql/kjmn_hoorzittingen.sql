-- Question: how many complaints about SVMN did the complaints committee
--   (KJMN) hear in a hearing, per year?
-- Grain:    one row per year, from the KJMN tables 'Hoorzittingen KJMN'
--   (years across); where several reports print a year, the latest report's
--   figure is used.
-- Columns:  year, count (complaints heard).
with cells as (
    select try_cast(column_path as integer) as heard_in, year as report_year, value
    from partner_cells
    where partner = 'kjmn' and table_name = 'hoorzittingen' and unit = 'count' and row_kind = 'detail'
),
final as (
    select heard_in as year, arg_max(value, report_year) as count
    from cells
    where heard_in is not null
    group by heard_in
)
select * from final order by year
