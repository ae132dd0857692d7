// Package transform normalises extracted rows.
//
// Registers (register.go) turns raw register rows (pipeline.Raw) into
// complaint conversations (pipeline.Conversation): it settles each row's
// register year and region from the first place that names them, maps every
// coded value to its canonical form through the reviewed synonym table,
// parses the date forms found in registers (date.go), and replaces personal
// data by a keyed hash or drops it. A value that no synonym maps is never
// guessed: it is left null, its field is listed in the row's unmapped column,
// and the cell is recorded as a reject.
//
// Record batches are normalised on several goroutines at once (Workers),
// each with its own caches of what raw values mean; the order of the
// conversations is not that of the rows.
package transform
