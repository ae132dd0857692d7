-- Schema 4 to 5: partner tables are read from the PDF reports too; a cell's
-- page says where in the report it is (null for a CSV).
alter table partner_cells add column if not exists source_page integer;
alter table partner_cells_history add column if not exists source_page integer;
