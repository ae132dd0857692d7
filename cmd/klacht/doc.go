/*
Command klacht builds the complaints warehouse from the regional registers
and runs the reports on it.

	klacht rebuild [--year N] [--input DIR] [--db FILE]
	klacht query NAME|FILE.sql|'SQL' [--param k=v]... [--format table|csv|json|markdown]
	klacht check [--format ...]

Every command takes --config FILE and --db FILE; settings can also come from
KLACHT_* environment variables. Exit codes: 0 done, 1 failed (the warehouse
is as it was), 2 bad usage or configuration, 3 done with rejects.
*/
package main
