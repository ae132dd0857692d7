// Package publish turns report results into what analysts share: the annual
// analysis as Markdown, self-contained HTML with charts drawn by gonum/plot
// and a print stylesheet, or an Excel workbook to publish (contents sheet,
// number formats, page setup, native charts); and makes them safe to
// publish.
//
// A Table carries its reader's words (headings, units, sentences) as the
// caller gives them; Dutch writes numbers the Dutch way (1.082, 42,9%) and
// Sentence fills a sentence from a row of data under the publication rule.
// Figures are a table's charts, one per value of a split column, with the
// cells hidden for publication left out.
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
