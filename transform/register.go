package transform

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"github.com/svmn/klacht/pipeline"
)

// Region ties a canonical region to its organisation.
type Region struct{ Region, Organisation string }

// OrgName is the name an organisation had from one year to another (0: open).
type OrgName struct {
	Organisation, Name string
	From, To           int
}

// Valid is a span of years in which a canonical value is in the register's
// list (0: open), such as Utrecht West from 2021.
type Valid struct {
	Field, Value string
	From, To     int
}

// Registers normalises raw register rows into conversations. It implements
// pipeline.Transformer.
type Registers struct {
	Synonyms  []Synonym
	Regions   []Region
	Names     []OrgName
	Validity  []Valid // values of versioned fields (region, complainant, category) and their years
	HashKey   string  // key of the hash that replaces dossier numbers; empty: no client key
	Year      int     // if not 0, only rows of this register year are kept
	BatchSize int
	Journal   *pipeline.Journal
}

// Reasons a cell or row is recorded as a reject.
var (
	ErrUnmapped  = errors.New("unknown value: no synonym in config/data/synonyms.csv maps it, so the row is loaded with this field unknown; add the value there if it is a spelling of a known one")
	ErrYesNo     = errors.New("not yes/no: use ja, x or 1 for yes and nee, 0 or blank for no")
	ErrNoYear    = errors.New("no register year: neither the sheet name, the title rows nor the file name names a year, and the row has no valid conversation date; the row is not loaded")
	ErrNoOrg     = errors.New("no organisation: the row has no Organisatie value and no region, and neither the sheet name, the title rows nor the file name names one")
	ErrNoRegion  = errors.New("no region: the row has no Regio value and neither the sheet name, the title rows nor the file name names one")
	ErrOtherYear = errors.New("valid only in other years: loaded as registered and flagged; check the register's year, or the value")
)

// Transform streams the conversations of the raw rows in rr.
func (t *Registers) Transform(ctx context.Context, rr array.RecordReader) (array.RecordReader, error) {
	if !rr.Schema().Equal(pipeline.Raw) {
		return nil, fmt.Errorf("transform registers: input schema is %s, want pipeline.Raw", rr.Schema())
	}
	n := t.normaliser()
	rr.Retain()
	return pipeline.Stream(ctx, pipeline.Conversation, func(ctx context.Context, emit pipeline.Emit) error {
		defer rr.Release()
		out := newConversationBatch(emit, t.BatchSize)
		defer out.Release()
		for rr.Next() {
			if err := ctx.Err(); err != nil {
				return err
			}
			raws := readRaw(rr.RecordBatch())
			loaded := map[string]int64{}
			for i := range raws {
				if c, ok := n.conversation(&raws[i]); ok {
					loaded[c.file]++
					if err := out.append(c); err != nil {
						return err
					}
				}
			}
			for file, k := range loaded {
				n.Journal.Update(file, func(s *pipeline.FileStat) { s.RowsLoaded += k })
			}
		}
		if err := rr.Err(); err != nil {
			return err
		}
		return out.Flush()
	}), nil
}

type normaliser struct {
	*Registers
	syn         synonyms
	regionNames nameMatcher
	orgNames    nameMatcher
	regionOrg   map[string]string
	valid       map[[2]string][]Valid // field, value -> the years it is valid
	noKeyNoted  bool
	facts       map[sheetKey]*nameFacts      // what the names of a sheet say
	cache       map[string]map[string]lookup // field -> raw value -> synonym
}

// sheetKey names a sheet: its file, its name and the text of its title rows.
type sheetKey struct{ file, sheet, title string }

// nameFacts is what the sheet name, the title rows and the file name say.
type nameFacts struct {
	names                     []struct{ source, name string }
	year                      int
	yearSource                string
	region, regionSource, org *string
}

type lookup struct {
	canonical string
	ok        bool
}

// lookupCached maps a raw value through the synonyms, remembering the
// answer: registers repeat a few values many times.
func (n *normaliser) lookupCached(field, value string) (string, bool) {
	m := n.cache[field]
	if m == nil {
		m = map[string]lookup{}
		n.cache[field] = m
	}
	if l, ok := m[value]; ok {
		return l.canonical, l.ok
	}
	c, ok := n.syn.lookup(field, value)
	if len(m) < 10000 {
		m[strings.Clone(value)] = lookup{c, ok}
	}
	return c, ok
}

// namesOf returns what the names of the row's sheet say, worked out once
// per sheet.
func (n *normaliser) namesOf(r *rawRow) *nameFacts {
	key := sheetKey{r.file, r.sheet, r.title} // no allocation to look it up, once per row
	if f, ok := n.facts[key]; ok {
		return f
	}
	f := &nameFacts{names: []struct{ source, name string }{
		{"sheet", r.sheet}, {"title", r.title}, {"file", strings.TrimSuffix(path.Base(r.file), path.Ext(r.file))},
	}}
	for _, nm := range f.names {
		if y, ok := yearIn(nm.name); ok {
			f.year, f.yearSource = y, nm.source
			break
		}
	}
	for _, nm := range f.names {
		if v, ok := n.regionNames.match(nm.name); ok {
			f.region, f.regionSource = &v, ptr(nm.source)
			break
		}
	}
	for _, nm := range f.names {
		if v, ok := n.orgNames.match(nm.name); ok {
			f.org = &v
			break
		}
	}
	n.facts[sheetKey{strings.Clone(key.file), strings.Clone(key.sheet), strings.Clone(key.title)}] = f
	return f
}

func (t *Registers) normaliser() *normaliser {
	s := newSynonyms(t.Synonyms)
	n := &normaliser{Registers: t, syn: s, regionNames: newNameMatcher(s, pipeline.FieldRegion),
		orgNames: newNameMatcher(s, pipeline.FieldOrganisation), regionOrg: map[string]string{},
		facts: map[sheetKey]*nameFacts{}, cache: map[string]map[string]lookup{}}
	for _, r := range t.Regions {
		n.regionOrg[r.Region] = r.Organisation
	}
	n.valid = map[[2]string][]Valid{}
	for _, v := range t.Validity {
		k := [2]string{v.Field, v.Value}
		n.valid[k] = append(n.valid[k], v)
	}
	return n
}

// inYear checks that a canonical value is in the list of year; if not, the
// error says which years it belongs to.
func (n *normaliser) inYear(field, value string, year int) error {
	spans := n.valid[[2]string{field, value}]
	if len(spans) == 0 {
		return nil
	}
	var years []string
	for _, v := range spans {
		if (v.From == 0 || v.From <= year) && (v.To == 0 || year <= v.To) {
			return nil
		}
		switch {
		case v.From == v.To:
			years = append(years, fmt.Sprintf("of %d", v.From))
		case v.To == 0:
			years = append(years, fmt.Sprintf("from %d", v.From))
		case v.From == 0:
			years = append(years, fmt.Sprintf("until %d", v.To))
		default:
			years = append(years, fmt.Sprintf("of %d-%d", v.From, v.To))
		}
	}
	return fmt.Errorf("%w (%s is in the lists %s, not in %d)", ErrOtherYear, value, strings.Join(years, ", "), year)
}

type rawCell struct{ field, header, cell, value string }

type rawRow struct {
	file, sheet, title string
	row                int
	date1904           bool
	cells              []rawCell
}

func readRaw(rec arrow.RecordBatch) []rawRow {
	file := rec.Column(0).(*array.String)
	sheet := rec.Column(1).(*array.String)
	title := rec.Column(2).(*array.String)
	row := rec.Column(3).(*array.Int32)
	d1904 := rec.Column(4).(*array.Boolean)
	cells := rec.Column(5).(*array.List)
	st := cells.ListValues().(*array.Struct)
	field, header := st.Field(0).(*array.String), st.Field(1).(*array.String)
	addr, value := st.Field(2).(*array.String), st.Field(3).(*array.String)
	out := make([]rawRow, rec.NumRows())
	for i := range out {
		r := rawRow{file: file.Value(i), sheet: sheet.Value(i), title: title.Value(i), row: int(row.Value(i)), date1904: d1904.Value(i)}
		start, end := cells.ValueOffsets(i)
		for j := start; j < end; j++ {
			r.cells = append(r.cells, rawCell{field.Value(int(j)), header.Value(int(j)), addr.Value(int(j)), value.Value(int(j))})
		}
		out[i] = r
	}
	return out
}

// conversation is one normalised row; nil pointers are nulls.
type conversation struct {
	id, yearSource, file, sheet                   string
	year, row                                     int
	organisation, orgInYear, region, regionSource *string
	dateReceived, dateConversation, dateReport    *time.Time
	complainant, support, measure, clientKey      *string
	withPartner, requestOther, complexDivorce     *bool
	unmapped                                      []string
	categories                                    []category
}

type category struct {
	name *string
	cell string
}

// rowProblems collects a row's rejects until its year is known.
type rowProblems struct {
	raw  *rawRow
	errs []*pipeline.Error
}

func (p *rowProblems) add(c rawCell, field string, err error) {
	p.errs = append(p.errs, &pipeline.Error{
		Loc:   pipeline.Location{File: p.raw.file, Sheet: p.raw.sheet, Cell: c.cell, Row: p.raw.row},
		Field: field, Value: c.value, Err: err})
}

func (n *normaliser) conversation(r *rawRow) (conversation, bool) {
	c := conversation{id: r.file + ":" + r.sheet + "!" + strconv.Itoa(r.row), file: r.file, sheet: r.sheet, row: r.row}
	p := &rowProblems{raw: r}
	// first is the field's first filled cell, else its first cell.
	first := func(field string) (rawCell, bool) {
		var found rawCell
		ok := false
		for _, cell := range r.cells {
			if cell.field != field {
				continue
			}
			if strings.TrimSpace(cell.value) != "" {
				return cell, true
			}
			if !ok {
				found, ok = cell, true
			}
		}
		return found, ok
	}
	filled := func(field string) (rawCell, bool) {
		cell, ok := first(field)
		return cell, ok && strings.TrimSpace(cell.value) != ""
	}
	unmapped := func(field string, cell rawCell, err error) {
		p.add(cell, field, err)
		c.unmapped = append(c.unmapped, field)
	}

	for _, d := range []struct {
		field string
		dst   **time.Time
	}{
		{pipeline.FieldDateReceived, &c.dateReceived}, {pipeline.FieldDateConversation, &c.dateConversation},
		{pipeline.FieldDateReportSent, &c.dateReport},
	} {
		field, dst := d.field, d.dst
		if cell, ok := filled(field); ok {
			if d, err := ParseDate(cell.value, r.date1904); err != nil {
				unmapped(field, cell, err)
			} else {
				*dst = &d
			}
		}
	}

	facts := n.namesOf(r)
	c.year, c.yearSource = facts.year, facts.yearSource
	if c.year == 0 && c.dateConversation != nil {
		c.year, c.yearSource = c.dateConversation.Year(), "date_conversation"
	}
	if c.year == 0 {
		n.Journal.Reject(0, true, &pipeline.Error{Loc: pipeline.Location{File: r.file, Sheet: r.sheet, Row: r.row}, Err: ErrNoYear})
		return c, false
	}
	if n.Year != 0 && c.year != n.Year {
		n.Journal.Update(r.file, func(s *pipeline.FileStat) { s.RowsSkipped++ })
		return c, false
	}

	// Region and organisation: the column, else the names, else (for the
	// organisation) the region's organisation.
	if cell, ok := filled(pipeline.FieldRegion); ok {
		if v, ok := n.lookupCached(pipeline.FieldRegion, cell.value); ok {
			c.region, c.regionSource = &v, ptr("column")
		} else {
			unmapped(pipeline.FieldRegion, cell, ErrUnmapped)
		}
	} else {
		c.region, c.regionSource = facts.region, facts.regionSource
	}
	if c.region != nil {
		if err := n.inYear(pipeline.FieldRegion, *c.region, c.year); err != nil {
			cell, _ := first(pipeline.FieldRegion)
			if *c.regionSource != "column" {
				cell = rawCell{value: *c.region}
			}
			p.add(cell, pipeline.FieldRegion, err)
		}
	}
	if cell, ok := filled(pipeline.FieldOrganisation); ok {
		if v, ok := n.lookupCached(pipeline.FieldOrganisation, cell.value); ok {
			c.organisation = &v
		} else {
			unmapped(pipeline.FieldOrganisation, cell, ErrUnmapped)
		}
	} else {
		c.organisation = facts.org
		if c.organisation == nil && c.region != nil {
			if o, ok := n.regionOrg[*c.region]; ok {
				c.organisation = &o
			}
		}
		if c.organisation == nil {
			p.add(rawCell{}, pipeline.FieldOrganisation, ErrNoOrg)
		}
	}
	if c.organisation != nil {
		c.orgInYear = n.nameInYear(*c.organisation, c.year)
		if cell, _ := first(pipeline.FieldRegion); c.region == nil && cell.value == "" && n.hasRegions(*c.organisation) {
			p.add(cell, pipeline.FieldRegion, ErrNoRegion)
		}
	}

	for _, d := range []struct {
		field string
		dst   **string
	}{
		{pipeline.FieldComplainant, &c.complainant}, {pipeline.FieldSupport, &c.support}, {pipeline.FieldMeasure, &c.measure},
	} {
		field, dst := d.field, d.dst
		if cell, ok := filled(field); ok {
			if v, ok := n.lookupCached(field, cell.value); ok {
				*dst = &v
				if err := n.inYear(field, v, c.year); err != nil {
					p.add(cell, field, err)
				}
			} else {
				unmapped(field, cell, ErrUnmapped)
			}
		}
	}
	for _, d := range []struct {
		field string
		dst   **bool
	}{
		{pipeline.FieldWithCurrentPartner, &c.withPartner}, {pipeline.FieldRequestOtherWorker, &c.requestOther},
		{pipeline.FieldComplexDivorce, &c.complexDivorce},
	} {
		field, dst := d.field, d.dst
		if cell, ok := first(field); ok {
			if v, ok := n.yesNo(cell.value); ok {
				*dst = &v
			} else {
				unmapped(field, cell, ErrYesNo)
			}
		}
	}

	for _, cell := range r.cells {
		switch cell.field {
		case pipeline.FieldCategory:
			for _, part := range strings.FieldsFunc(cell.value, func(r rune) bool { return r == ';' || r == '\n' || r == '\r' }) {
				if strings.TrimSpace(part) == "" {
					continue
				}
				if v, ok := n.lookupCached(pipeline.FieldCategory, part); ok {
					c.categories = append(c.categories, category{&v, cell.cell})
					if err := n.inYear(pipeline.FieldCategory, v, c.year); err != nil {
						p.add(rawCell{cell.field, cell.header, cell.cell, strings.TrimSpace(part)}, pipeline.FieldCategory, err)
					}
				} else {
					c.categories = append(c.categories, category{nil, cell.cell})
					unmapped(pipeline.FieldCategory, rawCell{cell.field, cell.header, cell.cell, strings.TrimSpace(part)}, ErrUnmapped)
				}
			}
		case pipeline.FieldCategoryColumn:
			marked, ok := n.yesNo(cell.value)
			if !ok {
				unmapped(pipeline.FieldCategory, cell, ErrYesNo)
				continue
			}
			if !marked {
				continue
			}
			if v, ok := n.syn.lookup(pipeline.FieldCategory, cell.header); ok {
				c.categories = append(c.categories, category{&v, cell.cell})
				if err := n.inYear(pipeline.FieldCategory, v, c.year); err != nil {
					p.add(rawCell{value: cell.header, cell: cell.cell}, pipeline.FieldCategory, err)
				}
			} else {
				c.categories = append(c.categories, category{nil, cell.cell})
				unmapped(pipeline.FieldCategory, rawCell{value: cell.header, cell: cell.cell}, ErrUnmapped)
			}
		}
	}

	if cell, ok := filled(pipeline.FieldDossierNumber); ok {
		c.clientKey = n.clientKey(cell.value)
	}
	for _, e := range p.errs {
		n.Journal.Reject(c.year, false, e)
	}
	return c, true
}

func (n *normaliser) yesNo(v string) (bool, bool) {
	if strings.TrimSpace(v) == "" {
		return false, true
	}
	c, ok := n.lookupCached("yes_no", v)
	return c == "true", ok
}

func (n *normaliser) nameInYear(org string, year int) *string {
	for _, nm := range n.Names {
		if nm.Organisation == org && (nm.From == 0 || nm.From <= year) && (nm.To == 0 || year <= nm.To) {
			return &nm.Name
		}
	}
	return nil
}

func (n *normaliser) hasRegions(org string) bool {
	for _, o := range n.regionOrg {
		if o == org {
			return true
		}
	}
	return false
}

// clientKey pseudonymises a dossier number with a keyed hash, so distinct
// clients can be counted without the number reaching the warehouse.
func (n *normaliser) clientKey(dossier string) *string {
	if n.HashKey == "" {
		if !n.noKeyNoted {
			n.noKeyNoted = true
			n.Journal.Note(pipeline.Location{}, "hash_key is not set (KLACHT_HASH_KEY): dossier numbers are dropped and client_key stays empty")
		}
		return nil
	}
	m := hmac.New(sha256.New, []byte(n.HashKey))
	m.Write([]byte(pipeline.FoldValue(dossier)))
	k := hex.EncodeToString(m.Sum(nil)[:16])
	return &k
}

func ptr[T any](v T) *T { return &v }
