// Package publish turns report results into what analysts share: the annual
// analysis as Markdown, self-contained HTML with SVG charts, or a formatted
// Excel workbook with native charts; and makes them safe to publish.
//
// Suppress hides counts below a threshold, and the complementary cells that
// would let someone recompute them, and the percentages derived from them.
// Neutralise keeps a text cell from acting as a spreadsheet formula.
package publish
