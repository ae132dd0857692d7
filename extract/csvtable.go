package extract

import (
	"bytes"
	"cmp"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"github.com/svmn/klacht/pipeline"
)

// Table shapes: how a partner table is laid out, and so how it is printed.
const (
	ShapeGrid    = "grid"    // row labels × value columns
	ShapeTop3    = "top3"    // ranked labels with bracketed counts, a column per period
	ShapeRanking = "ranking" // ranked labels without counts, in sections
	ShapeList    = "list"    // labels only
)

// TableSpec says what a partner table's layout cannot show. Table may be a
// glob pattern (haarlem_tabel_c*); the first spec that matches applies.
type TableSpec struct {
	Partner, Table string
	Shape          string   // empty: inferred from the layout
	Sections       []string // labels of section rows: Informeel, Formeel
	GroupUnits     []string // units of the columns under one group header, in order: count, percent
	LabelName      string   // the name of a list table's one column
}

// TableName is which partner table a file holds.
type TableName struct {
	Partner string
	Year    int
	Table   string
}

func (n TableName) String() string { return fmt.Sprintf("%s %d %s", n.Partner, n.Year, n.Table) }

var fileName = regexp.MustCompile(`^([a-z]+)_((?:19|20)\d\d)_([a-z0-9_]+)\.csv$`)

// ParseName reads <partner>_<year>_<table>.csv.
func ParseName(file string) (TableName, bool) {
	m := fileName.FindStringSubmatch(strings.ToLower(path.Base(file)))
	if m == nil {
		return TableName{}, false
	}
	y, _ := strconv.Atoi(m[2])
	return TableName{Partner: m[1], Year: y, Table: m[3]}, true
}

// Table is a parsed partner table.
type Table struct {
	Name        TableName
	Shape       string
	Encoding    string // utf-8, utf-8-bom or windows-1252 (a CSV)
	Delimiter   string // ",", ";" or "\t" (a CSV)
	Caption     string // a PDF's table: its caption
	Page        int    // a PDF's table: the page it starts on
	HeaderLines int
	Rows        int // body rows read
	Skipped     int // title, header, blank, repeated header and footnote lines
	Cells       []Cell
}

// Cell is one printed value (or label, for tables without values).
type Cell struct {
	Page         int // in a PDF, the page it is on (0 in a CSV)
	Line, Column int // where it is: CSV line and field number; in a PDF, the text line on its page and the table's column
	RowNumber    int
	Section      string
	RowLabel     string
	RowKind      string
	Rank         int // 0: not ranked
	ColumnNumber int
	ColumnPath   string
	ColumnGroup  string
	Value        *float64
	Decimals     int
	Unit         string
	Raw          string
}

// line is one CSV record.
type line struct {
	n     int      // line number of the record's first field; in a PDF, of the text line on its page
	page  int      // in a PDF, the page; 0 in a CSV
	cells []string // trimmed
	raw   []string
}

func (l line) filled(from int) int {
	n := 0
	for _, c := range l.cells[min(from, len(l.cells)):] {
		if c != "" {
			n++
		}
	}
	return n
}

func (l line) cell(i int) string {
	if i < len(l.cells) {
		return l.cells[i]
	}
	return ""
}

func (l line) key() string { return strings.Join(l.cells, "\x1f") }

var (
	rankedCell = regexp.MustCompile(`^(\d{1,2})\.\s*(\pL.*?)\s*(?:\(\s*([\d.]+)\s*\))?\s*\*?$`)
	countOnly  = regexp.MustCompile(`^\(\s*([\d.]+)\s*\)$`)
	trailCount = regexp.MustCompile(`^(.*?)\s*\(\s*([\d.]+)\s*\)$`)
	titleLine  = regexp.MustCompile(`(?i)^tabel\s`)
	pageLine   = regexp.MustCompile(`(?i)^(pagina|page|blz\.?)\s*\d+`)
)

// ParseTable reads one partner table from a PDF-table CSV. It sniffs the
// encoding and the delimiter, joins a header of several lines, and sorts the
// body into section, detail and total rows or ranked items. Any cell it
// cannot read makes the whole table an error, with the cell's place.
func ParseTable(file string, name TableName, spec TableSpec, data []byte) (*Table, error) {
	return parseTable(file, name, spec, data, DefaultLimits)
}

func parseTable(file string, name TableName, spec TableSpec, data []byte, lim Limits) (*Table, error) {
	lines, enc, delim, err := readLines(file, data, lim)
	if err != nil {
		return nil, err
	}
	t, err := tableFromLines(file, name, spec, lines)
	if err != nil {
		return nil, err
	}
	t.Encoding, t.Delimiter = enc, string(delim)
	return t, nil
}

// tableFromLines reads a table from its lines, a cell per column, as a CSV
// holds them or as findTables sets a PDF's text: it splits the head from
// the body, infers the shape, and reads the body by it.
func tableFromLines(file string, name TableName, spec TableSpec, lines []line) (*Table, error) {
	t := &Table{Name: name}
	titles, headers, body := splitHead(lines)
	t.HeaderLines = len(headers)
	t.Skipped = len(titles) + len(headers)
	shape, counted := inferShape(body)
	t.Shape = cmp.Or(spec.Shape, shape)
	p := &bodyParser{t: t, spec: spec, counted: counted, items: map[int]int{}}
	p.paths, p.groups = columnPaths(headers)
	seen := map[string]bool{}
	for _, l := range append(titles, headers...) {
		seen[l.key()] = true
	}
	for _, l := range body {
		switch {
		case seen[l.key()] || pageLine.MatchString(l.cell(0)) && l.filled(1) == 0:
			t.Skipped++ // a page header repeated, or a page number
			continue
		case strings.HasPrefix(l.cell(0), "*") && l.filled(1) == 0:
			t.Skipped++ // a footnote
			continue
		}
		if err := p.line(l); err != nil {
			return nil, errAt(file, l.page, err.line, err.col, err.err)
		}
	}
	if len(t.Cells) == 0 {
		page := 0
		if len(lines) > 0 {
			page = lines[0].page
		}
		return nil, errAt(file, page, 0, 0, fmt.Errorf("no table found: %d header lines and no values, ranked items or labels under them", len(headers)))
	}
	return t, nil
}

// errAt is a problem at line l, column c of file (0: not known); in a PDF,
// of page.
func errAt(file string, page, l, c int, err error) error {
	return &pipeline.Error{Loc: pipeline.Location{File: file, Page: page, Row: l, Col: c}, Err: err}
}

// readLines decodes the file, sniffs its delimiter and reads its records.
func readLines(file string, data []byte, lim Limits) ([]line, string, rune, error) {
	text, enc, err := decode(data)
	if err != nil {
		return nil, "", 0, errAt(file, 0, 0, 0, err)
	}
	delim := sniff(text)
	lines, err := records(text, delim, lim)
	var pe *csv.ParseError
	switch {
	case err == nil:
		return lines, enc, delim, nil
	case errors.As(err, &pe) && errors.Is(pe.Err, ErrTooBig):
		return nil, "", 0, errAt(file, 0, pe.Line, pe.Column, fmt.Errorf("refused: %w", pe.Err))
	case errors.As(err, &pe):
		return nil, "", 0, errAt(file, 0, pe.Line, pe.Column, fmt.Errorf("not a CSV table: %w", pe.Err))
	default:
		return nil, "", 0, errAt(file, 0, 0, 0, err)
	}
}

// splitHead splits the lines into the title (caption lines), the header
// lines and the body.
func splitHead(lines []line) (titles, headers, body []line) {
	i := 0
	for ; i < len(lines) && lines[i].filled(1) == 0 && titleLine.MatchString(lines[i].cell(0)); i++ {
		titles = append(titles, lines[i])
	}
	for j := i; j < len(lines); j++ { // a caption on its own lines above a header
		if lines[j].filled(1) > 0 {
			if headerLike(lines[j]) && lines[j].cell(0) == "" {
				titles, i = append(titles, lines[i:j]...), j
			}
			break
		}
	}
	// The first header line may hold a caption over the labels; the lines
	// under it have no text there, unless the caption runs on down the
	// first column beside them ('Tabel A. Aantal unieke cliënten met wie' /
	// 'de vertrouwenspersoon contact heeft' / 'gehad.').
	for ; i < len(lines) && headerLike(lines[i]); i++ {
		if len(headers) > 0 && lines[i].cell(0) != "" && !titleLine.MatchString(headers[0].cell(0)) {
			break
		}
		headers = append(headers, lines[i])
	}
	return titles, headers, lines[i:]
}

// inferShape tells the shape of a table from its body: ranked items with
// counts (top3) or without (ranking), values (grid), or labels only
// (list). counted says whether ranked items have counts.
func inferShape(body []line) (shape string, counted bool) {
	ranked, valued := false, false
	for _, l := range body {
		for j, c := range l.cells {
			if m := rankedCell.FindStringSubmatch(c); m != nil {
				ranked = true
				counted = counted || m[3] != ""
			} else if j > 0 && c != "" && !strings.ContainsFunc(c, unicode.IsLetter) {
				valued = true // a number, or what should be one
			}
		}
	}
	switch {
	case ranked && counted:
		return ShapeTop3, counted
	case ranked:
		return ShapeRanking, counted
	case valued:
		return ShapeGrid, counted
	}
	return ShapeList, counted
}

// bodyParser reads the body lines of a table into its cells.
type bodyParser struct {
	t             *Table
	spec          TableSpec
	paths, groups labels
	counted       bool        // ranked items have counts
	section       string      // the section the lines are under
	detailSeen    bool        // a detail row has been read (grid)
	items         map[int]int // the ranked item open in each column: its index in t.Cells
}

// lineError is a problem at a line and column of the table.
type lineError struct {
	line, col int
	err       error
}

// line reads one body line, by the table's shape.
func (p *bodyParser) line(l line) *lineError {
	p.t.Rows++
	switch p.t.Shape {
	case ShapeTop3, ShapeRanking:
		return p.ranked(l)
	case ShapeList:
		return p.listItem(l)
	}
	return p.gridRow(l)
}

// ranked reads a line of ranked items: an item ('1. Wetgeving (1.090)') in
// each column, or the rest of one wrapped onto this line, or a section
// heading.
func (p *bodyParser) ranked(l line) *lineError {
	t := p.t
	label := pipeline.CleanLabel(strings.TrimRight(l.cell(0), "* "))
	for j, c := range l.cells {
		if c == "" {
			continue
		}
		if m := rankedCell.FindStringSubmatch(c); m != nil {
			rank, _ := strconv.Atoi(m[1])
			item := Cell{Page: l.page, Line: l.n, Column: j + 1, RowNumber: t.Rows, Section: p.section, RowKind: pipeline.RowDetail,
				Rank: rank, ColumnNumber: j, ColumnPath: p.paths.at(j), ColumnGroup: p.groups.at(j), Unit: pipeline.UnitNone, Raw: l.raw[j]}
			if err := item.addText(m[2], m[3]); err != nil {
				return &lineError{l.n, j + 1, err}
			}
			t.Cells = append(t.Cells, item)
			p.items[j] = len(t.Cells) - 1
			if m[3] != "" || !p.counted {
				delete(p.items, j)
			}
			continue
		}
		if k, open := p.items[j]; open { // the item goes on on this line
			it := &t.Cells[k]
			it.Raw += "\n" + l.raw[j]
			text, count := c, ""
			if m := countOnly.FindStringSubmatch(c); m != nil {
				text, count = "", m[1]
			} else if m := trailCount.FindStringSubmatch(c); m != nil {
				text, count = m[1], m[2]
			}
			if err := it.addText(text, count); err != nil {
				return &lineError{l.n, j + 1, err}
			}
			if count != "" {
				delete(p.items, j)
			}
			continue
		}
		if j == 0 && l.filled(1) == 0 && t.Shape == ShapeRanking {
			p.section = label
			continue
		}
		return &lineError{l.n, j + 1, fmt.Errorf("%q is neither a ranked item ('1. Wetgeving (1.090)') nor the rest of one", c)}
	}
	return nil
}

// listItem reads a line of a list table: one label.
func (p *bodyParser) listItem(l line) *lineError {
	if l.filled(1) > 0 {
		return &lineError{l.n, 2, fmt.Errorf("a list table has one column, but this line has more: %q", strings.Join(l.cells, " | "))}
	}
	label := pipeline.CleanLabel(strings.TrimRight(l.cell(0), "* "))
	p.t.Cells = append(p.t.Cells, Cell{Page: l.page, Line: l.n, Column: 1, RowNumber: p.t.Rows, RowLabel: label, RowKind: pipeline.RowDetail,
		Unit: pipeline.UnitNone, Raw: l.raw[0]})
	return nil
}

// gridRow reads a row of a grid: its label and values, as a section,
// detail or total row; a label without values heads a section.
func (p *bodyParser) gridRow(l line) *lineError {
	t := p.t
	label := pipeline.CleanLabel(strings.TrimRight(l.cell(0), "* "))
	var cells []Cell
	for j := 1; j < len(l.cells); j++ {
		n, ok, err := ParseNumber(l.cells[j])
		if err != nil {
			return &lineError{l.n, j + 1, fmt.Errorf("%q: %w", l.cells[j], err)}
		}
		if !ok || n.Dash {
			continue // empty, or '-': not applicable
		}
		v := n.Value
		cells = append(cells, Cell{Page: l.page, Line: l.n, Column: j + 1, ColumnNumber: j, ColumnPath: p.paths.at(j), ColumnGroup: p.groups.at(j),
			Value: &v, Decimals: n.Decimals, Unit: unitOf(n, j, p.paths, p.groups, p.spec), Raw: l.raw[j]})
	}
	kind := pipeline.RowDetail
	switch {
	case len(cells) == 0 && label != "" && !hasDash(l):
		p.section = label // a section heading without a subtotal
		t.Rows--
		t.Skipped++
		return nil
	case p.isSection(label):
		kind, p.section = pipeline.RowSection, label
	case strings.HasPrefix(pipeline.FoldHeader(label), "totaal"):
		kind = pipeline.RowTotal
	case label == "" && p.detailSeen:
		kind = pipeline.RowTotal
	default:
		p.detailSeen = true
	}
	for _, c := range cells {
		c.RowNumber, c.Section, c.RowLabel, c.RowKind = t.Rows, p.section, label, kind
		if kind == pipeline.RowSection {
			c.Section = label
		}
		t.Cells = append(t.Cells, c)
	}
	return nil
}

// isSection reports whether label is one of the spec's section rows.
func (p *bodyParser) isSection(label string) bool {
	for _, s := range p.spec.Sections {
		if pipeline.FoldValue(s) == pipeline.FoldValue(label) {
			return true
		}
	}
	return false
}

// addText adds text to a ranked item's label and, if given, its count.
func (c *Cell) addText(text, count string) error {
	c.RowLabel = pipeline.CleanLabel(strings.TrimSpace(c.RowLabel + " " + text))
	if count == "" {
		return nil
	}
	n, ok, err := ParseNumber(count)
	if err != nil || !ok {
		return fmt.Errorf("count %q: %w", count, ErrNumber)
	}
	c.Value, c.Unit = &n.Value, pipeline.UnitCount
	return nil
}

func hasDash(l line) bool {
	for _, c := range l.cells[1:] {
		if n, ok, _ := ParseNumber(c); ok && n.Dash {
			return true
		}
	}
	return false
}

// headerLike reports whether l is a header line: text beyond the label
// column, each a year (a year over a column is a header) or words that are
// not a ranked item.
func headerLike(l line) bool {
	if l.filled(1) == 0 {
		return false
	}
	for _, c := range l.cells[1:] {
		if c == "" || isYear(c) {
			continue
		}
		if rankedCell.MatchString(c) || !strings.ContainsFunc(c, unicode.IsLetter) && c != "%" {
			return false
		}
	}
	return true
}

// labels holds a text per column (index = field number - 1).
type labels []string

func (l labels) at(j int) string {
	if j < len(l) {
		return l[j]
	}
	return ""
}

// columnPaths joins the header lines of each column into one label ('Totaal'
// over '2016' is 'Totaal 2016'; 'KC-BB-' over 'TR:' is 'KC-BB-TR:'). A line
// with fewer labels than the line below is a group line: its labels span the
// blank cells to their right ('Veilig Thuis Utrecht' over 'aantal' and '%').
// A column without any header takes the label to its left (a count and a
// percent column under one group). groups holds each column's top label.
// Only lines at the top of the header are group lines.
func columnPaths(headers []line) (paths, groups labels) {
	width := 0
	for _, h := range headers {
		width = max(width, len(h.cells))
	}
	grid := make([][]string, len(headers))
	for i, h := range headers {
		grid[i] = make([]string, width)
		copy(grid[i], h.cells)
	}
	group := make([]bool, len(grid))
	for i := 0; i+1 < len(grid); i++ {
		// Group lines are at the top: under a line of labels for every
		// column, a line with fewer is not one ('Totaal' / 'nieuw' / '2016').
		if group[i] = headers[i].filled(1) < headers[i+1].filled(1) && (i == 0 || group[i-1]); group[i] {
			for j := 2; j < width; j++ {
				if grid[i][j] == "" {
					grid[i][j] = grid[i][j-1]
				}
			}
		}
	}
	paths, groups = make(labels, width), make(labels, width)
	for j := 0; j < width; j++ { // column 0 holds the row labels, or in a top-3 table the first period
		var parts []string
		for i := range grid {
			parts = append(parts, grid[i][j])
		}
		for _, p := range parts {
			if p != "" {
				groups[j] = pipeline.CleanLabel(p) // the top line that has text
				break
			}
		}
		paths[j] = pipeline.CleanLabel(strings.TrimRight(joinLines(parts), "* "))
		if paths[j] == "" && j > 1 {
			paths[j], groups[j] = paths[j-1], groups[j-1]
		}
	}
	return paths, groups
}

// unitOf tells a count from a percentage: by the % sign, by a '%' header, or
// by the table spec's units under one group.
func unitOf(n Number, j int, paths, groups labels, spec TableSpec) string {
	if n.Percent {
		return pipeline.UnitPercent
	}
	leaf := strings.Fields(paths.at(j))
	if len(leaf) > 0 {
		switch strings.ToLower(leaf[len(leaf)-1]) {
		case "%", "perc", "perc.", "percentage", "procent":
			return pipeline.UnitPercent
		}
	}
	if len(spec.GroupUnits) > 0 {
		k := 0 // the column's place under its group
		for i := j - 1; i >= 1 && groups.at(i) == groups.at(j); i-- {
			k++
		}
		if k < len(spec.GroupUnits) {
			return spec.GroupUnits[k]
		}
	}
	return pipeline.UnitCount
}

// joinWrapped joins the lines of a cell the way a wrapped header or label
// reads: with a space, or with nothing after a hyphen ('KC-BB-' and 'TR:'
// make 'KC-BB-TR:').
func joinWrapped(c string) string { return joinLines(strings.Split(c, "\n")) }

// joinLines joins the lines of a wrapped text, leaving out empty ones.
func joinLines(lines []string) string {
	var b strings.Builder
	for _, part := range lines {
		part = cleanCell(part)
		if part == "" {
			continue
		}
		if b.Len() > 0 && !strings.HasSuffix(b.String(), "-") {
			b.WriteByte(' ')
		}
		b.WriteString(part)
	}
	return b.String()
}

// decode turns the file into text: UTF-8 (with or without BOM) or, failing
// that, Windows-1252, as Excel writes CSV on Dutch Windows.
func decode(data []byte) (string, string, error) {
	if bytes.IndexByte(data, 0) >= 0 {
		return "", "", errors.New("not a text file (it holds NUL bytes): save the table as CSV")
	}
	if b, ok := bytes.CutPrefix(data, []byte("\xef\xbb\xbf")); ok {
		if !utf8.Valid(b) {
			return "", "", errors.New("starts as UTF-8 but is not: save it again as CSV UTF-8")
		}
		return string(b), "utf-8-bom", nil
	}
	if utf8.Valid(data) {
		return string(data), "utf-8", nil
	}
	b, err := charmap.Windows1252.NewDecoder().Bytes(data)
	if err != nil {
		return "", "", fmt.Errorf("neither UTF-8 nor Windows-1252: %w", err)
	}
	return string(b), "windows-1252", nil
}

// sniff picks the delimiter that splits the most lines into the same number
// of fields: tab, then ';', then ','.
func sniff(text string) rune {
	best, bestScore := ',', 0
	for _, d := range []rune{'\t', ';', ','} {
		r := csv.NewReader(strings.NewReader(text))
		r.Comma, r.LazyQuotes, r.FieldsPerRecord = d, true, -1
		counts := map[int]int{}
		for k := 0; k < 60; k++ {
			rec, err := r.Read()
			if err != nil {
				break
			}
			if len(rec) > 1 {
				counts[len(rec)]++
			}
		}
		score := 0
		for _, n := range counts {
			score = max(score, n)
		}
		if score > bestScore {
			best, bestScore = d, score
		}
	}
	return best
}

// records reads the CSV, dropping blank lines. A record with more fields
// than max_columns, or a field longer than max_cell_bytes, is refused.
func records(text string, delim rune, lim Limits) ([]line, error) {
	r := csv.NewReader(strings.NewReader(text))
	r.Comma, r.LazyQuotes, r.FieldsPerRecord = delim, true, -1
	var out []line
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		n, _ := r.FieldPos(0)
		if len(rec) > lim.Columns {
			return nil, &csv.ParseError{StartLine: n, Line: n, Column: 1, Err: fmt.Errorf("%d fields, more than max_columns (%d): %w", len(rec), lim.Columns, ErrTooBig)}
		}
		for i, c := range rec {
			if len(c) > lim.CellBytes {
				return nil, &csv.ParseError{StartLine: n, Line: n, Column: i + 1, Err: fmt.Errorf("a field of %d bytes, more than max_cell_bytes (%d): %w", len(c), lim.CellBytes, ErrTooBig)}
			}
		}
		l := line{n: n, raw: rec, cells: make([]string, len(rec))}
		for i, c := range rec {
			l.cells[i] = joinWrapped(c)
		}
		if l.filled(0) > 0 {
			out = append(out, l)
		}
	}
}
