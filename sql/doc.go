// Package sql holds klacht's reports, one .sql file per report, and embeds
// them in the binary (Files). Each file starts with a header comment that
// states the question, the grain, the columns and the denominator of every
// percentage; then CTEs; then select * from final order by .... Reports
// take named parameters ($year), bound with klacht query --param year=2021.
//
// Package reports finds them by name and reads their headers.
package sql
