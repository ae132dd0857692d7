package transform

import (
	"cmp"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"github.com/svmn/klacht/pipeline"
)

// Region ties a canonical region to its organisation.
type Region struct{ Region, Organisation string }

// Years is a span of years, From to To; 0 leaves a side open.
type Years struct{ From, To int }

// Covers reports whether year is in the span.
func (y Years) Covers(year int) bool {
	return (y.From == 0 || y.From <= year) && (y.To == 0 || year <= y.To)
}

// String says the span as a list's years: "of 2019", "from 2021",
// "until 2020", "of 2018-2020".
func (y Years) String() string {
	switch {
	case y.From == y.To:
		return fmt.Sprintf("of %d", y.From)
	case y.To == 0:
		return fmt.Sprintf("from %d", y.From)
	case y.From == 0:
		return fmt.Sprintf("until %d", y.To)
	}
	return fmt.Sprintf("of %d-%d", y.From, y.To)
}

// OrgName is the name an organisation had in some years.
type OrgName struct {
	Organisation, Name string
	Years
}

// Valid is a canonical value and the years it is in the register's list,
// such as Utrecht West from 2021.
type Valid struct {
	Field, Value string
	Years
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
	Workers   int // record batches normalised at once (0: one per core)
	Journal   *pipeline.Journal
}

var _ pipeline.Transformer = (*Registers)(nil)

// Reasons a cell or row is recorded as a reject.
var (
	ErrUnmapped  = errors.New("unknown value: no synonym in config/data/synonyms.csv maps it, so the row is loaded with this field unknown; add the value there if it is a spelling of a known one")
	ErrYesNo     = errors.New("not yes/no: use ja, x or 1 for yes and nee, 0 or blank for no")
	ErrNoYear    = errors.New("no register year: neither the sheet name, the title rows nor the file name names a year, and the row has no valid conversation date; the row is not loaded")
	ErrNoOrg     = errors.New("no organisation: the row has no Organisatie value and no region, and neither the sheet name, the title rows nor the file name names one")
	ErrNoRegion  = errors.New("no region: the row has no Regio value and neither the sheet name, the title rows nor the file name names one")
	ErrOtherYear = errors.New("valid only in other years: loaded as registered and flagged; check the register's year, or the value")
)

// Transform streams the conversations of the raw rows in rr. Batches are
// normalised on Workers goroutines at once; the order of conversations in the
// output is not that of the input.
func (t *Registers) Transform(ctx context.Context, rr array.RecordReader) (array.RecordReader, error) {
	if !rr.Schema().Equal(pipeline.Raw) {
		return nil, fmt.Errorf("transform registers: input schema is %s, want pipeline.Raw", rr.Schema())
	}
	ref := t.reference()
	workers := t.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	rr.Retain()
	return pipeline.Stream(ctx, pipeline.Conversation, func(ctx context.Context, emit pipeline.Emit) error {
		defer rr.Release()
		var mu sync.Mutex
		done := false
		next := func() arrow.RecordBatch {
			mu.Lock()
			defer mu.Unlock()
			if done || ctx.Err() != nil || !rr.Next() {
				done = true
				return nil
			}
			rec := rr.RecordBatch()
			rec.Retain()
			return rec
		}
		errs := make(chan error, workers)
		for range workers {
			go func() {
				n := &normaliser{reference: ref, facts: map[sheetKey]*nameFacts{}, cache: make([]map[string]lookup, cacheDate1904+1)}
				out := newConversationBatch(emit, t.BatchSize)
				for rec := next(); rec != nil; rec = next() {
					err := n.batch(rec, out)
					rec.Release()
					if err != nil {
						errs <- err
						return
					}
				}
				errs <- out.flush()
			}()
		}
		var err error
		for range workers {
			if e := <-errs; e != nil && err == nil {
				err = e
				mu.Lock()
				done = true
				mu.Unlock()
			}
		}
		return cmp.Or(err, ctx.Err(), rr.Err())
	}), nil
}

// reference is what all workers share, read-only: the reference data in
// the form lookups need.
type reference struct {
	*Registers
	syn           synonyms
	regionNames   nameMatcher
	orgNames      nameMatcher
	regionOrg     map[string]string
	orgHasRegions map[string]bool
	valid         map[[2]string][]Valid // field, value -> the years it is valid
	noKey         sync.Once
	tiesNoted     sync.Map // sheets whose names name two values equally, noted once
}

func (t *Registers) reference() *reference {
	s := newSynonyms(t.Synonyms)
	r := &reference{Registers: t, syn: s, regionNames: newNameMatcher(s, pipeline.FieldRegion),
		orgNames: newNameMatcher(s, pipeline.FieldOrganisation), regionOrg: map[string]string{},
		orgHasRegions: map[string]bool{}, valid: map[[2]string][]Valid{}}
	for _, reg := range t.Regions {
		r.regionOrg[reg.Region] = reg.Organisation
		r.orgHasRegions[reg.Organisation] = true
	}
	for _, v := range t.Validity {
		k := [2]string{v.Field, v.Value}
		r.valid[k] = append(r.valid[k], v)
	}
	return r
}

// normaliser is one worker's state: the shared reference data, and caches
// of what it has looked up, since registers repeat a few values many times.
type normaliser struct {
	*reference
	facts map[sheetKey]*nameFacts // what the names of a sheet say
	cache []map[string]lookup     // per field of RawFields, then cacheYesNo...: raw value -> its meaning
	mac   hash.Hash
	c     conversation // the row being normalised, reused
	buf   []byte
	other map[otherYear]error
}

// otherYear is a canonical value in a year.
type otherYear struct {
	value string
	year  int
}

// checkYear checks that a canonical value is in the list of year (see
// outsideYears), remembering the answer.
func (n *normaliser) checkYear(value string, spans []Valid, year int) error {
	if len(spans) == 0 || slices.ContainsFunc(spans, func(v Valid) bool { return v.Covers(year) }) {
		return nil
	}
	k := otherYear{value, year}
	if err, ok := n.other[k]; ok {
		return err
	}
	err := outsideYears(value, spans, year)
	if n.other == nil {
		n.other = map[otherYear]error{}
	}
	n.other[k] = err
	return err
}

// Caches of lookups besides those of the fields in pipeline.RawFields.
var (
	cacheYesNo    = len(rawFields)
	cacheCategory = len(rawFields) + 1
	cacheDate     = len(rawFields) + 2
	cacheDate1904 = len(rawFields) + 3
)

// Positions of the fields in pipeline.RawFields.
var (
	rawFields             = pipeline.RawFields
	rawDateReceived       = slices.Index(rawFields, pipeline.FieldDateReceived)
	rawDateConversation   = slices.Index(rawFields, pipeline.FieldDateConversation)
	rawDateReportSent     = slices.Index(rawFields, pipeline.FieldDateReportSent)
	rawOrganisation       = slices.Index(rawFields, pipeline.FieldOrganisation)
	rawRegion             = slices.Index(rawFields, pipeline.FieldRegion)
	rawComplainant        = slices.Index(rawFields, pipeline.FieldComplainant)
	rawWithCurrentPartner = slices.Index(rawFields, pipeline.FieldWithCurrentPartner)
	rawSupport            = slices.Index(rawFields, pipeline.FieldSupport)
	rawMeasure            = slices.Index(rawFields, pipeline.FieldMeasure)
	rawRequestOtherWorker = slices.Index(rawFields, pipeline.FieldRequestOtherWorker)
	rawComplexDivorce     = slices.Index(rawFields, pipeline.FieldComplexDivorce)
	rawDossierNumber      = slices.Index(rawFields, pipeline.FieldDossierNumber)
)

// lookup is what a raw value means: its canonical value (ok: a synonym maps
// it), the years that value is valid, or a date.
type lookup struct {
	canonical string
	ok        bool
	valid     []Valid
	org       string // of a region: its organisation
	date      arrow.Date32
	err       error
}

// sheetKey names a sheet: its file, its name and the text of its title rows.
type sheetKey struct{ file, sheet, title string }

// nameFacts is what the sheet name, the title rows and the file name say.
type nameFacts struct {
	year         int
	yearSource   string
	region       lookup // its meaning, if a name names one
	regionSource string
	org          opt[string]
}

// cached returns the meaning of a raw value for cache k, working it out
// with find the first time.
func (n *normaliser) cached(k int, value string, find func(string) lookup) lookup {
	m := n.cache[k]
	if m == nil {
		m = map[string]lookup{}
		n.cache[k] = m
	}
	if l, ok := m[value]; ok {
		return l
	}
	l := find(value)
	if len(m) < 10000 {
		m[strings.Clone(value)] = l
	}
	return l
}

// synonym maps a raw value of field through the synonyms.
func (n *normaliser) synonym(k int, field, value string) lookup {
	return n.cached(k, value, func(v string) lookup {
		if c, ok := n.syn.lookup(field, v); ok {
			return n.meaning(field, c)
		}
		return lookup{}
	})
}

// meaning is what a canonical value of field carries: the years it is
// valid and, for a region, its organisation.
func (r *reference) meaning(field, canonical string) lookup {
	l := lookup{canonical: canonical, ok: true, valid: r.valid[[2]string{field, canonical}]}
	if field == pipeline.FieldRegion {
		l.org = r.regionOrg[canonical]
	}
	return l
}

// date reads a register date: a serial number at once, other forms through
// ParseDate, remembered.
func (n *normaliser) date(value string, date1904 bool) (arrow.Date32, error) {
	if d, ok := serialDate(value, date1904); ok {
		return d, nil
	}
	k := cacheDate
	if date1904 {
		k = cacheDate1904
	}
	l := n.cached(k, value, func(v string) lookup {
		d, err := ParseDate(v, date1904)
		return lookup{date: arrow.Date32FromTime(d), err: err}
	})
	return l.date, l.err
}

// namesOf returns what the names of the row's sheet say, worked out once
// per sheet; batch asks only when the sheet changes.
func (n *normaliser) namesOf(r *rawRow) *nameFacts {
	key := sheetKey{r.file, r.sheet, r.title}
	if f, ok := n.facts[key]; ok {
		return f
	}
	f := &nameFacts{}
	names := []struct{ source, name string }{
		{"sheet", r.sheet}, {"title", r.title}, {"file", strings.TrimSuffix(path.Base(r.file), path.Ext(r.file))},
	}
	for _, nm := range names {
		if y, ok := yearIn(nm.name); ok {
			f.year, f.yearSource = y, nm.source
			break
		}
	}
	for _, nm := range names {
		if v, ok := n.named(r, nm.source, nm.name, pipeline.FieldRegion, n.regionNames); ok {
			f.region, f.regionSource = n.meaning(pipeline.FieldRegion, v), nm.source
			break
		}
	}
	for _, nm := range names {
		if v, ok := n.named(r, nm.source, nm.name, pipeline.FieldOrganisation, n.orgNames); ok {
			f.org = some(v)
			break
		}
	}
	n.facts[sheetKey{strings.Clone(key.file), strings.Clone(key.sheet), strings.Clone(key.title)}] = f
	return f
}

// named returns the value of field that a name of the row's sheet (its
// source: sheet, title or file) names. A name that names two values of field
// equally (Utrecht Stad and Utrecht West) names neither: that is noted, once
// per sheet, with where the name is.
func (n *normaliser) named(r *rawRow, source, name, field string, m nameMatcher) (string, bool) {
	v, tied, ok := m.match(name)
	if len(tied) == 0 {
		return v, ok
	}
	loc := pipeline.Location{File: r.file, Sheet: r.sheet}
	if source == "file" {
		loc.Sheet = ""
	}
	if _, noted := n.tiesNoted.LoadOrStore(fmt.Sprint(loc, source, field), true); !noted {
		names := map[string]string{"sheet": "the sheet name %q names", "title": "the title rows %q name", "file": "the file name %q names"}[source]
		n.Journal.Note(loc, fmt.Sprintf(names+" %s equally as %s: none is taken from them; give the %s in its column",
			name, strings.Join(tied, " and "), field, field))
	}
	return "", false
}

// outsideYears returns ErrOtherYear, saying which years' lists value is in,
// unless one of spans covers year.
func outsideYears(value string, spans []Valid, year int) error {
	if len(spans) == 0 {
		return nil
	}
	var years []string
	for _, v := range spans {
		if v.Covers(year) {
			return nil
		}
		years = append(years, v.Years.String())
	}
	return fmt.Errorf("%w (%s is in the lists %s, not in %d)", ErrOtherYear, value, strings.Join(years, ", "), year)
}

// rawRecord is a pipeline.Raw record batch, its columns typed.
type rawRecord struct {
	file, sheet, title  *array.Dictionary // of *array.String
	row                 *array.Int32
	date1904            *array.Boolean
	values              []*array.String
	columns             []*array.Int16
	cats                *array.List
	catColumn           *array.Int16
	catHeader, catValue *array.String
}

func newRawRecord(rec arrow.RecordBatch) *rawRecord {
	cats := rec.Column(pipeline.RawCategories).(*array.List)
	st := cats.ListValues().(*array.Struct)
	r := &rawRecord{
		file:      rec.Column(pipeline.RawFile).(*array.Dictionary),
		sheet:     rec.Column(pipeline.RawSheet).(*array.Dictionary),
		title:     rec.Column(pipeline.RawTitle).(*array.Dictionary),
		row:       rec.Column(pipeline.RawRow).(*array.Int32),
		date1904:  rec.Column(pipeline.RawDate1904).(*array.Boolean),
		cats:      cats,
		catColumn: st.Field(pipeline.RawCategoryColumn).(*array.Int16),
		catHeader: st.Field(pipeline.RawCategoryHeader).(*array.String),
		catValue:  st.Field(pipeline.RawCategoryValue).(*array.String),
	}
	for i := range rawFields {
		r.values = append(r.values, rec.Column(pipeline.RawColumn(i)).(*array.String))
		r.columns = append(r.columns, rec.Column(pipeline.RawColumn(i)+1).(*array.Int16))
	}
	return r
}

// rawRow is one row of a rawRecord.
type rawRow struct {
	rec                *rawRecord
	i                  int
	file, sheet, title string
	row                int
	date1904           bool
}

// rawCell is the cell of a field in a row: its column (1-based; 0: the sheet
// has none) and text.
type rawCell struct {
	col   int
	value string
}

// cell returns the field's cell, and whether the sheet has a column for it.
func (r *rawRow) cell(field int) (rawCell, bool) {
	col := int(r.rec.columns[field].Value(r.i))
	if col == 0 {
		return rawCell{}, false
	}
	return rawCell{col, r.rec.values[field].Value(r.i)}, true
}

// filled returns the field's cell if it is not blank.
func (r *rawRow) filled(field int) (rawCell, bool) {
	c, ok := r.cell(field)
	return c, ok && !pipeline.Blank(c.value)
}

// opt is a value that may be null.
type opt[T any] struct {
	v  T
	ok bool
}

func some[T any](v T) opt[T] { return opt[T]{v, true} }

// conversation is one normalised row.
type conversation struct {
	file, sheet, yearSource                       string
	year, row                                     int
	organisation, orgInYear, region, regionSource opt[string]
	dateReceived, dateConversation, dateReport    opt[arrow.Date32]
	complainant, support, measure                 opt[string]
	clientKey                                     opt[[16]byte] // the first 128 bits of the HMAC
	withPartner, requestOther, complexDivorce     opt[bool]
	unmapped                                      []string
	categories                                    []opt[string]
	categoryCols                                  []int // the column of each category
}

// rowProblems collects a row's rejects until its year is known.
type rowProblems struct {
	raw  *rawRow
	errs []*pipeline.Error
}

func (p *rowProblems) add(c rawCell, field string, err error) {
	loc := pipeline.Location{File: p.raw.file, Sheet: p.raw.sheet, Row: p.raw.row}
	if c.col > 0 {
		loc.Cell = pipeline.CellName(c.col, p.raw.row)
	}
	p.errs = append(p.errs, &pipeline.Error{Loc: loc, Field: field, Value: strings.Clone(c.value), Err: err})
}

// batch normalises the rows of one record batch into out.
func (n *normaliser) batch(rec arrow.RecordBatch, out *conversationBatch) error {
	raw := newRawRecord(rec)
	loaded := map[string]int64{}
	names := func(d *array.Dictionary, i int) string {
		return d.Dictionary().(*array.String).Value(d.GetValueIndex(i))
	}
	var (
		r     rawRow
		facts *nameFacts
		last  [3]int // dictionary indices of the last row's file, sheet and title
	)
	for i := range int(rec.NumRows()) {
		at := [3]int{raw.file.GetValueIndex(i), raw.sheet.GetValueIndex(i), raw.title.GetValueIndex(i)}
		if facts == nil || at != last {
			r.file, r.sheet, r.title = names(raw.file, i), names(raw.sheet, i), names(raw.title, i)
			facts, last = n.namesOf(&r), at
		}
		r = rawRow{rec: raw, i: i, file: r.file, sheet: r.sheet, title: r.title, row: int(raw.row.Value(i)), date1904: raw.date1904.Value(i)}
		if n.conversation(&r, facts) {
			loaded[r.file]++
			if err := out.append(&n.c); err != nil {
				return err
			}
		}
	}
	for file, k := range loaded {
		n.Journal.Update(file, func(s *pipeline.FileStat) { s.RowsLoaded += k })
	}
	return nil
}

// conversation normalises r, whose sheet's names say facts, into n.c; false
// if the row is not loaded.
func (n *normaliser) conversation(r *rawRow, facts *nameFacts) bool {
	c := &n.c
	*c = conversation{file: r.file, sheet: r.sheet, row: r.row,
		unmapped: c.unmapped[:0], categories: c.categories[:0], categoryCols: c.categoryCols[:0]}
	p := &rowProblems{raw: r}
	unmapped := func(field string, cell rawCell, err error) {
		p.add(cell, field, err)
		c.unmapped = append(c.unmapped, field)
	}

	for _, d := range []struct {
		field int
		dst   *opt[arrow.Date32]
	}{
		{rawDateReceived, &c.dateReceived}, {rawDateConversation, &c.dateConversation}, {rawDateReportSent, &c.dateReport},
	} {
		if cell, ok := r.filled(d.field); ok {
			if v, err := n.date(cell.value, r.date1904); err != nil {
				unmapped(rawFields[d.field], cell, err)
			} else {
				*d.dst = some(v)
			}
		}
	}

	c.year, c.yearSource = facts.year, facts.yearSource
	if c.year == 0 && c.dateConversation.ok {
		c.year, c.yearSource = c.dateConversation.v.ToTime().Year(), "date_conversation"
	}
	if c.year == 0 {
		n.Journal.Reject(0, true, &pipeline.Error{Loc: pipeline.Location{File: r.file, Sheet: r.sheet, Row: r.row}, Err: ErrNoYear})
		return false
	}
	if n.Year != 0 && c.year != n.Year {
		n.Journal.Update(r.file, func(s *pipeline.FileStat) { s.RowsSkipped++ })
		return false
	}

	// Region and organisation: the column, else the names, else (for the
	// organisation) the region's organisation.
	region, regionSource, regionCell := facts.region, facts.regionSource, rawCell{value: facts.region.canonical}
	if cell, ok := r.filled(rawRegion); ok {
		region, regionSource, regionCell = n.synonym(rawRegion, pipeline.FieldRegion, cell.value), "column", cell
		if !region.ok {
			unmapped(pipeline.FieldRegion, cell, ErrUnmapped)
		}
	}
	if region.ok {
		c.region, c.regionSource = some(region.canonical), some(regionSource)
		if err := n.checkYear(region.canonical, region.valid, c.year); err != nil {
			p.add(regionCell, pipeline.FieldRegion, err)
		}
	}
	if cell, ok := r.filled(rawOrganisation); ok {
		if l := n.synonym(rawOrganisation, pipeline.FieldOrganisation, cell.value); l.ok {
			c.organisation = some(l.canonical)
		} else {
			unmapped(pipeline.FieldOrganisation, cell, ErrUnmapped)
		}
	} else {
		c.organisation = facts.org
		if !c.organisation.ok && region.org != "" {
			c.organisation = some(region.org)
		}
		if !c.organisation.ok {
			p.add(rawCell{}, pipeline.FieldOrganisation, ErrNoOrg)
		}
	}
	if c.organisation.ok {
		c.orgInYear = n.orgNameIn(c.organisation.v, c.year)
		if cell, _ := r.cell(rawRegion); !c.region.ok && cell.value == "" && n.orgHasRegions[c.organisation.v] {
			p.add(cell, pipeline.FieldRegion, ErrNoRegion)
		}
	}

	for _, d := range []struct {
		field int
		dst   *opt[string]
	}{
		{rawComplainant, &c.complainant}, {rawSupport, &c.support}, {rawMeasure, &c.measure},
	} {
		if cell, ok := r.filled(d.field); ok {
			if l := n.synonym(d.field, rawFields[d.field], cell.value); l.ok {
				*d.dst = some(l.canonical)
				if err := n.checkYear(l.canonical, l.valid, c.year); err != nil {
					p.add(cell, rawFields[d.field], err)
				}
			} else {
				unmapped(rawFields[d.field], cell, ErrUnmapped)
			}
		}
	}
	for _, d := range []struct {
		field int
		dst   *opt[bool]
	}{
		{rawWithCurrentPartner, &c.withPartner}, {rawRequestOtherWorker, &c.requestOther}, {rawComplexDivorce, &c.complexDivorce},
	} {
		if cell, ok := r.cell(d.field); ok {
			if v, ok := n.yesNo(cell.value); ok {
				*d.dst = some(v)
			} else {
				unmapped(rawFields[d.field], cell, ErrYesNo)
			}
		}
	}

	n.categories(r, p)
	if cell, ok := r.filled(rawDossierNumber); ok {
		c.clientKey = n.clientKey(cell.value)
	}
	for _, e := range p.errs {
		n.Journal.Reject(c.year, false, e)
	}
	return true
}

// categories reads the row's category cells into n.c: cells naming
// categories (split on ; and line breaks) and marked category columns.
func (n *normaliser) categories(r *rawRow, p *rowProblems) {
	c := &n.c
	add := func(cell rawCell, l lookup) {
		c.categoryCols = append(c.categoryCols, cell.col)
		if !l.ok {
			c.categories = append(c.categories, opt[string]{})
			p.add(cell, pipeline.FieldCategory, ErrUnmapped)
			c.unmapped = append(c.unmapped, pipeline.FieldCategory)
			return
		}
		c.categories = append(c.categories, some(l.canonical))
		if err := n.checkYear(l.canonical, l.valid, c.year); err != nil {
			p.add(cell, pipeline.FieldCategory, err)
		}
	}
	start, end := r.rec.cats.ValueOffsets(r.i)
	for j := int(start); j < int(end); j++ {
		col, header, value := int(r.rec.catColumn.Value(j)), r.rec.catHeader.Value(j), r.rec.catValue.Value(j)
		if header == "" { // a cell naming categories, split on ; and line breaks
			for rest := value; rest != ""; {
				part, after, _ := cutAny(rest, ";\n\r")
				if part = strings.TrimSpace(part); part != "" {
					add(rawCell{col, part}, n.synonym(cacheCategory, pipeline.FieldCategory, part))
				}
				rest = after
			}
			continue
		}
		marked, ok := n.yesNo(value)
		switch {
		case !ok:
			p.add(rawCell{col, value}, pipeline.FieldCategory, ErrYesNo)
			c.unmapped = append(c.unmapped, pipeline.FieldCategory)
		case marked:
			add(rawCell{col, header}, n.synonym(cacheCategory, pipeline.FieldCategory, header))
		}
	}
}

// cutAny cuts s around the first of the bytes in seps.
func cutAny(s, seps string) (before, after string, found bool) {
	if i := strings.IndexAny(s, seps); i >= 0 {
		return s[:i], s[i+1:], true
	}
	return s, "", false
}

func (n *normaliser) yesNo(v string) (bool, bool) {
	if pipeline.Blank(v) {
		return false, true
	}
	l := n.synonym(cacheYesNo, "yes_no", v)
	return l.canonical == "true", l.ok
}

// orgNameIn returns the name organisation org had in year.
func (n *normaliser) orgNameIn(org string, year int) opt[string] {
	for _, nm := range n.Names {
		if nm.Organisation == org && nm.Covers(year) {
			return some(nm.Name)
		}
	}
	return opt[string]{}
}

// clientKey pseudonymises a dossier number with a keyed hash, so distinct
// clients can be counted without the number reaching the warehouse.
func (n *normaliser) clientKey(dossier string) opt[[16]byte] {
	if n.HashKey == "" {
		n.noKey.Do(func() {
			n.Journal.Note(pipeline.Location{}, "hash_key is not set (KLACHT_HASH_KEY): dossier numbers are dropped and client_key stays empty")
		})
		return opt[[16]byte]{}
	}
	if n.mac == nil {
		n.mac = hmac.New(sha256.New, []byte(n.HashKey))
	}
	n.mac.Reset()
	n.buf = pipeline.AppendFoldValue(n.buf[:0], dossier)
	n.mac.Write(n.buf)
	n.buf = n.mac.Sum(n.buf[:0])
	return some([16]byte(n.buf[:16]))
}

// keyLabel is what the key fingerprint is the HMAC of.
const keyLabel = "klacht client_key fingerprint"

// KeyFingerprint identifies a hash key without saying it: the HMAC-SHA256
// under key of a fixed label, its first 64 bits in hex; empty for no key.
// The warehouse keeps it, so that a run with another key can be told from
// one with the same.
func KeyFingerprint(key string) string {
	if key == "" {
		return ""
	}
	mac := hmac.New(sha256.New, []byte(key))
	mac.Write([]byte(keyLabel))
	return hex.EncodeToString(mac.Sum(nil)[:8])
}
