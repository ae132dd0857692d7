-- Schema 5 to 6: the warehouse knows each register's columns, and the
-- register form of each year (klacht template, klacht feedback).
create table if not exists register_columns (
    run_id        integer not null,
    source_file   varchar not null,
    sheet         varchar not null,
    cell          varchar not null,
    column_number integer not null,
    header        varchar not null,
    field         varchar
);
create table if not exists register_form (
    field varchar not null, header varchar not null, choices varchar not null, width integer,
    expected varchar not null, organisation varchar, note varchar);
create table if not exists register_years (year integer not null, note varchar);
