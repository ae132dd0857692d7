/*
Command klacht builds the complaints warehouse from the regional registers
and the partners' tables, and runs the reports on it.

	klacht import [--input DIR] [--lock-timeout D]   load what changed since the last run (the nightly job)
	klacht rebuild [--year N] [--input DIR]           rebuild the warehouse, or only register year N
	klacht status [--limit N]                         the recent runs and what each did
	klacht query NAME|FILE.sql|'SQL' [--param k=v]... [--format table|csv|json|markdown] [--publish]
	klacht check [--format ...]                       reconcile printed totals with the warehouse
	klacht report --year N [--format md|html|xlsx] [--out FILE] [--publish]
	klacht export --parquet DIR                       the tables as Parquet, Hive-partitioned by year
	klacht sample --out DIR [--errors] [--dialect pdftool|excel|pasted]

Every command takes --config FILE and --db FILE; every setting can also come
from a KLACHT_* environment variable (config/klacht.sample.yaml lists them).

Exit codes:

	0  done; nothing rejected
	1  failed; the warehouse is as it was
	2  bad command line or configuration
	3  done and published, with rejects (files, rows or cells): see klacht query rejects
	4  another run (import or rebuild) holds the lock: nothing done

The command parses flags and settings, builds the stages (extract,
transform, load) and wires them together (run.go); the warehouse's own
rules are in package load.
*/
package main
