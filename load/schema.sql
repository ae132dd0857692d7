-- The warehouse schema. docs/warehouse.md documents every table and column.
-- A change to it raises schemaVersion in warehouse.go, with a migration in
-- migrations/<new version>.sql that brings a warehouse of the version before
-- to it. What a run does to these tables is in run.sql.

create table if not exists klacht_schema (version integer not null);

-- Where a conversation's year or region came from.
create type if not exists name_source as enum ('column', 'sheet', 'title', 'file', 'date_conversation');

create table if not exists conversations (
    conversation_id       varchar generated always as (source_file || ':' || sheet || '!' || source_row) virtual, -- file:sheet!row of the register row
    year                  integer not null,  -- register year
    year_source           name_source not null, -- sheet, title, file or date_conversation
    organisation          varchar,           -- today's name
    organisation_in_year  varchar,           -- the name the organisation had in year
    region                varchar,           -- as registered
    region_source         name_source,       -- column, sheet, title or file
    date_received         date,
    date_conversation     date,
    date_report_sent      date,
    days_to_report        integer,           -- date_report_sent - date_conversation
    report_within_14_days boolean,           -- the KPI: report sent within 14 days of the conversation
    complainant           varchar,
    with_current_partner  boolean,
    support               varchar,
    measure               varchar,
    request_other_worker  boolean,
    complex_divorce       boolean,
    category_count        integer not null,
    categories            varchar[] not null,-- as registered in that year's list; null: unmapped (view conversation_categories)
    category_columns      varchar[] not null,-- the column (H) of each category's cell, on source_row
    client_key            varchar,           -- keyed hash of the dossier number
    unmapped              varchar[] not null,-- fields whose value no synonym maps
    source_file           varchar not null,
    sheet                 varchar not null,
    source_row            integer not null,
    run_id                integer not null
);

-- One row per (conversation, category): the categories lists unnested.
create or replace view conversation_categories as
select conversation_id, year,
       unnest(range(1, len(categories) + 1)) as position,
       unnest(categories) as category,     -- null: unmapped, see rejects
       unnest(category_columns) || source_row as source_cell
from conversations;

create table if not exists rejects (
    run_id       integer not null,
    year         integer,                    -- null: the year is not known (a file that could not be read)
    source_file  varchar not null,
    sheet        varchar,
    cell         varchar,
    source_row   integer,
    field        varchar,
    raw_value    varchar,
    reason       varchar not null,
    row_rejected boolean not null            -- true: the row is not in conversations
);

-- The columns of each register's data sheets as their header rows name them,
-- for the files of the current state (like rejects): what a register holds
-- and lacks (report register_health, klacht feedback).
create table if not exists register_columns (
    run_id        integer not null,
    source_file   varchar not null,
    sheet         varchar not null,
    cell          varchar not null,          -- the header cell
    column_number integer not null,
    header        varchar not null,          -- as typed
    field         varchar                    -- the field it was read as; null: no alias matches, ignored
);

create table if not exists run_notes (
    run_id      integer not null,
    source_file varchar,
    sheet       varchar,
    cell        varchar,
    message     varchar not null
);

create table if not exists runs (
    run_id        integer not null,
    command       varchar not null,
    year          integer,                   -- the year rebuilt, or null for all
    input         varchar not null,
    started_at    timestamp not null,
    finished_at   timestamp not null,
    files         integer not null,          -- files read
    files_failed  integer not null,
    files_unchanged integer not null default 0, -- import: files skipped, their content unchanged
    files_retired integer not null default 0,   -- import: files gone from the input
    closed_year_changes varchar,             -- changes to closed years: "2020: file changed; ..."
    rows_read     bigint not null,
    rows_loaded   bigint not null,
    rows_rejected bigint not null,
    rejects       bigint not null,
    status        varchar not null
);

create table if not exists run_files (
    run_id        integer not null,
    source_file   varchar not null,
    status        varchar not null,          -- loaded, failed, ignored or unchanged
    sheets        integer not null,
    rows_read     bigint not null,
    rows_loaded   bigint not null,
    rows_rejected bigint not null,
    rows_skipped  bigint not null,
    problems      bigint not null,
    message       varchar
);

create table if not exists header_aliases (field varchar not null, alias varchar not null);
create table if not exists synonyms (field varchar not null, value varchar not null, canonical varchar not null);
create table if not exists organisation_names (
    organisation varchar not null, name varchar not null, valid_from integer, valid_to integer, note varchar);
create table if not exists regions (
    region varchar not null, organisation varchar not null, province varchar not null,
    valid_from integer, valid_to integer, harmonised_region varchar not null);
create table if not exists categories (category varchar not null, valid_from integer, valid_to integer);

create table if not exists printed_totals (
    source varchar not null, "table" varchar not null, year integer not null,
    organisation_or_unit varchar not null, label varchar not null, value double not null);

create table if not exists partner_cells (
    source_file   varchar not null,
    source_page   integer,                   -- of a PDF report; null: a CSV
    source_line   integer not null,
    source_column integer not null,
    partner       varchar not null,          -- akj, kjmn
    year          integer not null,          -- the report year
    table_name    varchar not null,          -- afhandeling, haarlem_tabel_2c
    shape         varchar not null,          -- grid, top3, ranking, list
    row_number    integer not null,
    section       varchar,
    row_label     varchar not null,
    row_kind      varchar not null,          -- detail, section, total
    rank          integer,
    column_number integer not null,
    column_path   varchar not null,
    column_group  varchar not null,
    value         double,
    decimals      integer not null,
    unit          varchar not null,          -- count, percent, none
    raw           varchar not null,
    run_id        integer not null
);

create table if not exists partner_table_specs (
    partner varchar not null, "table" varchar not null, shape varchar, sections varchar,
    group_units varchar, label_name varchar, note varchar);
create table if not exists partner_parents (
    partner varchar not null, "table" varchar not null, label varchar not null, parent varchar not null);
create table if not exists partner_captions (
    partner varchar not null, report varchar not null, caption varchar not null, "table" varchar not null, note varchar);
create table if not exists partner_labels (
    partner varchar not null, "table" varchar not null, label varchar not null);
create table if not exists partner_file_names (
    file varchar not null, partner varchar not null, year integer not null, "table" varchar not null);

create table if not exists register_form (
    field varchar not null, header varchar not null, choices varchar not null, width integer,
    expected varchar not null, organisation varchar, note varchar);
create table if not exists register_years (year integer not null, note varchar);

create table if not exists complainant_groups (
    complainant varchar not null, valid_from integer, valid_to integer,
    harmonised_complainant varchar not null, note varchar);
create table if not exists akj_categories (akj_category varchar not null, definition varchar);
create table if not exists category_crosswalk (
    category varchar not null, valid_from integer, valid_to integer,
    akj_category varchar, grade varchar not null, note varchar);

-- The manifest: every source file loaded, with its content hash, and the
-- version of the reviewed reference data the rows were read with. import
-- loads a file again only when its hash changes, and every file when the
-- reference data changes.
create table if not exists source_files (
    source_file varchar not null,
    sha256      varchar not null,
    size        bigint not null,
    status      varchar not null,           -- current, or retired (the file is gone)
    loaded_run  integer not null,           -- the run that loaded this version
    retired_run integer                     -- the run that found the file gone
);
-- One row: what the current rows were read with, besides the files.
create table if not exists loaded_with (
    reference_sha256       varchar not null, -- of the reference tables (config/data, or data_dir), as read
    client_key_fingerprint varchar,          -- of the hash_key that made client_key (an HMAC of a fixed label, never the key); null: no key
    loaded_run             integer not null  -- the run that read them
);

-- History: rows of a file's earlier versions, and of removed files. Not
-- counted by any report; kept to show what changed.
create table if not exists conversations_history as
    select *, null::integer as retired_run, null::varchar as retired_reason from conversations limit 0;
create or replace view conversation_categories_history as
select conversation_id, year,
       unnest(range(1, len(categories) + 1)) as position,
       unnest(categories) as category,
       unnest(category_columns) || source_row as source_cell,
       source_file, retired_run, retired_reason
from conversations_history;
create table if not exists partner_cells_history as
    select *, null::integer as retired_run, null::varchar as retired_reason from partner_cells limit 0;
