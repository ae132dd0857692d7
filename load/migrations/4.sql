-- Schema 3 to 4: the reviewed reference data's hash moves out of source_files
-- (where it was a row '<reference data>', as if it were a file of the input)
-- into loaded_with, which schema.sql makes. The client key's fingerprint is
-- not known: the next import says so, once.
insert into loaded_with (reference_sha256, client_key_fingerprint, loaded_run)
select sha256, 'unknown', loaded_run from source_files where source_file = '<reference data>' and status = 'current';
delete from source_files where source_file = '<reference data>';
