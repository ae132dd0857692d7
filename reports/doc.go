// Package reports is the catalogue of klacht's SQL reports (the files of
// sql/): it finds a report by name, lists them, and reads a report's header
// comment, which states its question, grain, columns and denominator.
package reports
