-- Schema 3 to 4: the reviewed reference data's hash moves out of source_files
-- (where it was a row '<reference data>', as if it were a file of the input)
-- into reference_data_version. Run after schema.sql, which makes the table.
insert into reference_data_version (sha256, loaded_run)
select sha256, loaded_run from source_files where source_file = '<reference data>' and status = 'current';
delete from source_files where source_file = '<reference data>';
