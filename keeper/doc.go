// Package keeper makes the workbooks that close the loop with the register
// keepers, the staff who keep the regions' registers by hand.
//
// Template writes next year's register form from the reviewed lists: a
// title row that names organisation, region and year, the header klacht's
// aliases know, a drop-down on every coded column from a hidden Lijsten
// sheet with exactly that year's values, date validation and a Dutch date
// format, a frozen and protected header, and a sheet that explains each
// column.
//
// FeedbackWorkbook writes what klacht found in one register: a summary
// (rows read and loaded, problems per 100 rows, the columns it lacks and
// those klacht does not know, reports sent within 14 days) and every
// problem with a link to its cell, what is wrong in plain Dutch, and the
// closest allowed values (Closest), offered, never applied.
//
// The package takes plain values: the command line gathers them from the
// reviewed data and the warehouse, and the words from
// config/data/register_texts.csv.
package keeper
