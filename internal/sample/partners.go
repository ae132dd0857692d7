package sample

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"regexp"
	"strings"

	"golang.org/x/text/encoding/charmap"
)

// Dialects are the ways staff turn a PDF table into CSV:
//   - pdftool: a PDF table tool's output: ',' with every field quoted, UTF-8,
//     no caption, each column's header lines in one cell, wrapped cells kept
//     with their line breaks;
//   - excel: pasted into Dutch Excel and saved as CSV: ';', Windows-1252,
//     CRLF, whole numbers without thousands separators;
//   - pasted: the PDF's text pasted and saved as tab-separated text: UTF-8
//     with a BOM, '69 %', the header repeated after a page break with a page
//     number, wrapped ranked items on lines of their own.
var Dialects = []string{"pdftool", "excel", "pasted"}

// printedLine is one printed line: its cells and whether it is a header line.
type printedLine struct {
	cells  []string
	header bool
	title  bool
}

func parsePrinted(text string) []printedLine {
	var out []printedLine
	for _, l := range strings.Split(strings.TrimPrefix(text, "\n"), "\n") {
		pl := printedLine{}
		l, pl.header = strings.CutPrefix(l, "^")
		for _, c := range strings.Split(l, "|") {
			pl.cells = append(pl.cells, strings.ReplaceAll(strings.TrimSpace(c), `\n`, "\n"))
		}
		pl.title = !pl.header && len(pl.cells) == 1 && strings.HasPrefix(pl.cells[0], "Tabel ")
		out = append(out, pl)
	}
	return out
}

var (
	rankStart = regexp.MustCompile(`^\d{1,2}\.`)
	grouped   = regexp.MustCompile(`^\d{1,3}(\.\d{3})+$`)
	percent   = regexp.MustCompile(`^(\d+(,\d+)?)\s*%$`)
)

func partnerCSV(dialect, text string) ([]byte, error) {
	lines := parsePrinted(text)
	var rows [][]string
	switch dialect {
	case "pdftool":
		var headers [][]string
		for _, l := range lines {
			switch {
			case l.title:
			case l.header:
				headers = append(headers, l.cells)
			default:
				if headers != nil {
					rows = append(rows, mergeHeaders(headers))
					headers = nil
				}
				rows = append(rows, l.cells)
			}
		}
	case "excel", "pasted":
		var headerRows [][]string
		body := 0
		for _, l := range lines {
			if !l.header && !l.title {
				body++
			}
		}
		seen := 0
		for _, l := range lines {
			if l.header {
				headerRows = append(headerRows, l.cells)
			}
			if !l.header && !l.title {
				seen++
				if dialect == "pasted" && body >= 8 && seen == body*2/3 && len(headerRows) > 0 {
					// A page break inside the table: the page number, then the header again.
					rows = append(rows, []string{"Pagina 2"})
					rows = append(rows, headerRows...)
				}
			}
			rows = append(rows, expandWrapped(l.cells, dialect)...)
		}
	default:
		return nil, fmt.Errorf("unknown dialect %q", dialect)
	}
	var buf bytes.Buffer
	if dialect == "pasted" {
		buf.WriteString("\xef\xbb\xbf")
	}
	if dialect == "pdftool" {
		for _, r := range rows {
			q := make([]string, len(r))
			for i, c := range r {
				q[i] = `"` + strings.ReplaceAll(c, `"`, `""`) + `"`
			}
			buf.WriteString(strings.Join(q, ",") + "\n")
		}
		return buf.Bytes(), nil
	}
	w := csv.NewWriter(&buf)
	w.Comma = map[string]rune{"excel": ';', "pasted": '\t'}[dialect]
	w.UseCRLF = dialect == "excel"
	if err := w.WriteAll(rows); err != nil {
		return nil, err
	}
	if dialect == "excel" {
		return charmap.Windows1252.NewEncoder().Bytes(buf.Bytes())
	}
	return buf.Bytes(), nil
}

// mergeHeaders puts each column's header lines in one cell, as PDF table
// tools do.
func mergeHeaders(headers [][]string) []string {
	width := 0
	for _, h := range headers {
		width = max(width, len(h))
	}
	out := make([]string, width)
	for j := range width {
		var parts []string
		for _, h := range headers {
			if j < len(h) && h[j] != "" {
				parts = append(parts, h[j])
			}
		}
		out[j] = strings.Join(parts, "\n")
	}
	return out
}

// expandWrapped writes a printed line for excel and pasted: a ranked item
// wrapped over lines goes on lines of its own; other wrapped cells are
// joined, as staff fix them after pasting.
func expandWrapped(cells []string, dialect string) [][]string {
	height := 1
	for _, c := range cells {
		if rankStart.MatchString(c) {
			height = max(height, strings.Count(c, "\n")+1)
		}
	}
	rows := make([][]string, height)
	for i := range rows {
		rows[i] = make([]string, len(cells))
	}
	for j, c := range cells {
		if rankStart.MatchString(c) {
			for i, part := range strings.Split(c, "\n") {
				rows[i][j] = part
			}
			continue
		}
		rows[0][j] = number(strings.Join(strings.Fields(c), " "), dialect)
	}
	return rows
}

// number writes a printed number the way the dialect holds it.
func number(c, dialect string) string {
	switch {
	case dialect == "excel" && grouped.MatchString(c):
		return strings.ReplaceAll(c, ".", "")
	case dialect == "pasted" && percent.MatchString(c):
		return percent.ReplaceAllString(c, "$1 %")
	}
	return c
}
