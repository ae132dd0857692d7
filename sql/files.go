package sql

import "embed"

// Files holds the reports, NAME.sql at the root.
//
//go:embed *.sql
var Files embed.FS
