// Package publish turns report results into what analysts share: the annual
// analysis as Markdown, self-contained HTML with SVG charts, or a formatted
// Excel workbook with native charts; and makes them safe to publish.
//
// Protect makes tables fit to publish under a Rule: counts below the
// threshold print as <5 (primary cells), the cells hidden so that none of
// them can be recomputed from the visible cells and the table's totals as x
// (secondary cells, chosen to hide little), and figures derived from a
// hidden count with its mark; footnotes under each table explain the marks.
// Its Audit gives, for each primary cell, the range a reader can work out:
// two linear programs per cell, solved by gonum's simplex (simplex.go).
// docs/publication.md is the rule and what the audit promises.
//
// Neutralise keeps a text cell from acting as a spreadsheet formula.
package publish
