-- What a run of import or rebuild does to the warehouse, statement by
-- statement, each block under its name (run.go runs them by name). The tables
-- are in schema.sql. Named parameters: $run is the run's run_id; $file a
-- source file, relative to the input folder; the others say what they hold.
-- {view} is the Arrow stream being loaded. One statement per ';' at the end
-- of a line: DuckDB binds parameters to one statement at a time.

-- name: next_run
-- One more than the last run in the log, and than the last run of any
-- warehouse kept beside it ($after), so that a run after a rollback is not
-- numbered like a kept one.
select greatest(coalesce(max(run_id), 0), $after) + 1 from runs;

-- name: last_run
select coalesce(max(run_id), 0) from runs;

-- name: copy_run_log
-- A full rebuild keeps the run log of the warehouse it replaces (attached as
-- previous); columns an older warehouse lacks get their defaults.
insert into runs by name select * from previous.runs;
insert into run_files by name select * from previous.run_files;

-- name: clear_year
-- A rebuild of one year replaces that year's rows, and the rejects that
-- belong to no year (files that could not be read are read again).
delete from conversations where year = $year;
delete from partner_cells where year = $year;
delete from rejects where year = $year or year is null;

-- name: insert_conversations
-- What derives from the row is computed here, in one pass over the stream;
-- conversation_id is a generated column.
insert into conversations by name
select *,
       datediff('day', date_conversation, date_report_sent) as days_to_report,
       datediff('day', date_conversation, date_report_sent) <= 14 as report_within_14_days,
       len(categories) as category_count,
       $run::integer as run_id
from {view};

-- name: insert_with_run
insert into {table} by name select *, $run::integer as run_id from {view};

-- name: insert
insert into {table} by name select * from {view};

-- name: discard_failed
-- A file that failed part-way may have sent rows before it failed: none of
-- them stay. Its earlier rows, if any, stay until it can be read.
delete from conversations where source_file = $file and run_id = $run;
delete from partner_cells where source_file = $file and run_id = $run;

-- name: years_of_file
-- The years a change to a file touches: those of its earlier and new rows.
select year from conversations where source_file = $file
union
select year from partner_cells where source_file = $file
order by 1;

-- name: retire_file
-- The rows of a file's earlier version (or of a file gone from the input)
-- move to history, with the run and the reason; its earlier rejects go.
insert into conversations_history by name
select *, $run::integer as retired_run, $reason::varchar as retired_reason
from conversations where source_file = $file and run_id < $run;
delete from conversations where source_file = $file and run_id < $run;
insert into partner_cells_history by name
select *, $run::integer as retired_run, $reason::varchar as retired_reason
from partner_cells where source_file = $file and run_id < $run;
delete from partner_cells where source_file = $file and run_id < $run;
delete from rejects where source_file = $file and run_id < $run;
delete from register_columns where source_file = $file and run_id < $run;

-- name: retire_manifest
update source_files set status = 'retired', retired_run = $run
where source_file = $file and status = 'current';

-- name: record_file
delete from source_files where source_file = $file and status = 'current';
insert into source_files (source_file, sha256, size, status, loaded_run)
values ($file, $sha256, $size, 'current', $run);

-- name: record_loaded_with
delete from loaded_with;
insert into loaded_with (reference_sha256, client_key_fingerprint, loaded_run) values ($reference, $client_key, $run);

-- name: settle_columns
-- A register read again in this run (a rebuild of one year reads them all)
-- has the columns it has now, not those of the run that loaded it before;
-- one that failed keeps those.
delete from register_columns
where run_id < $run
  and source_file in (select source_file from run_files where run_id = $run and status = 'loaded');

-- name: record_run
-- The run's row in runs: its totals are those of its run_files and rejects.
insert into runs by name
select $run::integer as run_id,
       $command::varchar as command,
       $year::integer as year,
       $input::varchar as input,
       $started_at::timestamp as started_at,
       $finished_at::timestamp as finished_at,
       count(*) filter (where status <> 'unchanged') as files,
       count(*) filter (where status = 'failed') as files_failed,
       count(*) filter (where status = 'unchanged') as files_unchanged,
       $files_retired::integer as files_retired,
       $closed_year_changes::varchar as closed_year_changes,
       coalesce(sum(rows_read), 0) as rows_read,
       coalesce(sum(rows_loaded), 0) as rows_loaded,
       coalesce(sum(rows_rejected), 0) as rows_rejected,
       (select count(*) from rejects where run_id = $run) as rejects,
       case when (select count(*) from rejects where run_id = $run) > 0 then 'rejects' else 'ok' end as status
from run_files
where run_id = $run;

-- name: manifest
select source_file, sha256, size from source_files where status = 'current';

-- name: manifest_loaded_with
select reference_sha256, client_key_fingerprint from loaded_with;

-- name: manifest_years
-- The years each file's rows are in.
select source_file, list(distinct year order by year) from (
    select source_file, year from conversations
    union all
    select source_file, year from partner_cells
) group by source_file;

-- name: manifest_schema3
-- A warehouse of schema 3 keeps the reference data's hash as a row of
-- source_files named '<reference data>'; migrations/4.sql moves it.
select source_file, sha256, size from source_files where status = 'current' and source_file <> '<reference data>';

-- name: manifest_loaded_with_schema3
select sha256, 'unknown' from source_files where status = 'current' and source_file = '<reference data>';

-- name: year_counts
select year, count(*) from conversations group by year order by year;

-- name: partner_counts
select partner, year, count(distinct table_name) from partner_cells group by all order by all;

-- name: partner_views
select view_name from duckdb_views()
where not internal and database_name = current_database() and schema_name = 'main' and view_name like 'partner\_%' escape '\';

-- name: partner_tables
select distinct partner, year, table_name, shape from partner_cells order by all;
