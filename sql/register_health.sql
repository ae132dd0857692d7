-- Question: how well does each register follow the form, year by year: how
--   many rows were read and loaded, how many problems per 100 rows, which
--   columns the form expects that it lacks, which columns klacht does not
--   know, and what share of its reports went out within 14 days?
-- Grain:    one row per register year and register file (.xlsx, .xlsm, .ods,
--   .xls) in the current state of the warehouse; a file that could not be
--   read at all, or a sheet without a header, has an empty year.
-- Columns:  year, source_file, organisation (of its conversations),
--   header_found (klacht found a header row in one of the file's sheets:
--   false for a file it could not open or read as a register),
--   rows_read (rows loaded plus rows kept out), rows_loaded, problems
--   (rejects of the file and year: cells and rows), problems_per_100
--   (problems per 100 rows read, one decimal; empty without rows),
--   missing_columns (the columns today's form, register_form, expects for
--   the file's organisation, also of earlier years, that none of the
--   file's data sheets holding that year's conversations has; empty for a
--   file klacht could not read),
--   unknown_columns (headers no alias matches,
--   ignored), within_14_days_pct (reports sent within 14 days of the
--   conversation, one decimal).
-- Denominator: within_14_days_pct is of all the year's conversations of the
--   file and year, a report without a sent date counting as late; empty
--   where they have no report date at all (the share is unknown, not 0).
with files as (
    select year, source_file from conversations
    union
    select year, source_file from main.rejects
    where regexp_matches(lower(source_file), '\.(xlsx|xlsm|ods|xls)$')
),
loaded as (
    select year, source_file, any_value(organisation) as organisation, count(*) as rows_loaded,
           count(date_report_sent) as with_report_date,
           count(*) filter (where report_within_14_days) as within_14_days
    from conversations
    group by all
),
problems as (
    select year, source_file, count(*) as problems,
           count(distinct sheet || '!' || source_row) filter (where row_rejected and source_row is not null) as rows_out
    from main.rejects
    group by all
),
organisation_of as (
    select source_file, any_value(organisation) as organisation from conversations group by all
),
sheet_years as (
    -- the years of a sheet's conversations: a register may keep a sheet per year
    select distinct source_file, sheet, year from conversations
),
has_columns as (
    -- a sheet without conversations (all kept out) speaks for every year of its file
    select c.source_file, s.year, case when c.field = 'category_column' then 'category' else c.field end as field
    from register_columns c
    left join sheet_years s on s.source_file = c.source_file and s.sheet = c.sheet
),
missing as (
    select f.year, f.source_file,
           string_agg(case when e.header = '{category}' then 'Categorie' else e.header end, '; ' order by e.header) as missing_columns
    from files f
    join register_form e on e.expected = 'yes'
    left join organisation_of o on o.source_file = f.source_file
    where f.source_file in (select source_file from register_columns)
      and (e.organisation is null or e.organisation = o.organisation)
      and not exists (select 1 from has_columns c
                      where c.source_file = f.source_file and c.field = e.field
                        and (c.year is null or c.year is not distinct from f.year))
    group by all
),
unknown as (
    select source_file, string_agg(distinct header, '; ' order by header) as unknown_columns
    from register_columns where field is null
    group by source_file
),
final as (
    select f.year, f.source_file, l.organisation,
           f.source_file in (select source_file from register_columns) as header_found,
           coalesce(l.rows_loaded, 0) + coalesce(p.rows_out, 0) as rows_read,
           coalesce(l.rows_loaded, 0) as rows_loaded,
           coalesce(p.problems, 0) as problems,
           round(100.0 * coalesce(p.problems, 0) / nullif(coalesce(l.rows_loaded, 0) + coalesce(p.rows_out, 0), 0), 1) as problems_per_100,
           m.missing_columns, u.unknown_columns,
           case when l.with_report_date > 0 then round(100.0 * l.within_14_days / l.rows_loaded, 1) end as within_14_days_pct
    from files f
    left join loaded l on l.year is not distinct from f.year and l.source_file = f.source_file
    left join problems p on p.year is not distinct from f.year and p.source_file = f.source_file
    left join missing m on m.year is not distinct from f.year and m.source_file = f.source_file
    left join unknown u on u.source_file = f.source_file
)
select * from final order by year nulls last, source_file
