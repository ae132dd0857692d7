package transform

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/xuri/excelize/v2"

	"github.com/svmn/klacht/pipeline"
)

// raw is a register row for tests: file, sheet, title, row and cells as
// field/header/cell/value quadruples.
type raw struct {
	file, sheet, title string
	row                int
	date1904           bool
	cells              [][4]string
}

func rawReader(t *testing.T, rows ...raw) array.RecordReader {
	t.Helper()
	rec := rawBatchOf(t, rows...)
	defer rec.Release()
	rr, err := array.NewRecordReader(pipeline.Raw, []arrow.RecordBatch{rec})
	if err != nil {
		t.Fatal(err)
	}
	return rr
}

// rawBatchOf is rows as one pipeline.Raw record batch.
func rawBatchOf(t *testing.T, rows ...raw) arrow.RecordBatch {
	t.Helper()
	b := array.NewRecordBuilder(memory.DefaultAllocator, pipeline.Raw)
	defer b.Release()
	cats := b.Field(pipeline.RawCategories).(*array.ListBuilder)
	st := cats.ValueBuilder().(*array.StructBuilder)
	for _, r := range rows {
		for i, v := range map[int]string{pipeline.RawFile: r.file, pipeline.RawSheet: r.sheet, pipeline.RawTitle: r.title} {
			if err := b.Field(i).(*array.BinaryDictionaryBuilder).AppendString(v); err != nil {
				t.Fatal(err)
			}
		}
		b.Field(pipeline.RawRow).(*array.Int32Builder).Append(int32(r.row))
		b.Field(pipeline.RawDate1904).(*array.BooleanBuilder).Append(r.date1904)
		cats.Append(true)
		cells := map[string][4]string{}
		for _, c := range r.cells {
			col, _, err := excelize.CellNameToCoordinates(c[2])
			if err != nil {
				t.Fatal(err)
			}
			switch c[0] {
			case pipeline.FieldCategory, pipeline.FieldCategoryColumn:
				if strings.TrimSpace(c[3]) == "" {
					continue // the extractor hands on filled category cells only
				}
				st.Append(true)
				st.FieldBuilder(pipeline.RawCategoryColumn).(*array.Int16Builder).Append(int16(col))
				header := c[1]
				if c[0] == pipeline.FieldCategory {
					header = ""
				}
				st.FieldBuilder(pipeline.RawCategoryHeader).(*array.StringBuilder).Append(header)
				st.FieldBuilder(pipeline.RawCategoryValue).(*array.StringBuilder).Append(c[3])
			default:
				if _, dup := cells[c[0]]; dup {
					t.Fatalf("two cells of %s: the extractor picks one", c[0])
				}
				cells[c[0]] = c
			}
		}
		for i, f := range pipeline.RawFields {
			c, ok := cells[f]
			col := 0
			if ok {
				col, _, _ = excelize.CellNameToCoordinates(c[2])
			}
			b.Field(pipeline.RawColumn(i)).(*array.StringBuilder).Append(c[3])
			b.Field(pipeline.RawColumn(i) + 1).(*array.Int16Builder).Append(int16(col))
		}
	}
	return b.NewRecordBatch()
}

func testRegisters(j *pipeline.Journal) *Registers {
	return &Registers{
		Synonyms: []Synonym{
			{"organisation", "SAVE", "SAVE Jeugdbescherming"}, {"organisation", "Veilig Thuis", "Veilig Thuis Utrecht"},
			{"region", "Eemland", "Eemland"}, {"region", "Utrecht West", "Utrecht West"},
			{"complainant", "Moeder", "Moeder"}, {"complainant", "M", "Moeder"},
			{"category", "Bejegening", "Bejegening"}, {"category", "Communicatie", "Communicatie"},
			{"yes_no", "ja", "true"}, {"yes_no", "x", "true"}, {"yes_no", "nee", "false"},
		},
		Regions: []Region{{"Eemland", "SAVE Jeugdbescherming"}, {"Utrecht West", "SAVE Jeugdbescherming"}},
		Validity: []Valid{{"region", "Utrecht West", Years{2021, 0}}, {"category", "Bejegening", Years{2018, 2018}}, {"category", "Bejegening", Years{2020, 0}},
			{"complainant", "Moeder", Years{0, 0}}},
		Names:     []OrgName{{"SAVE Jeugdbescherming", "SAVE", Years{0, 2019}}, {"SAVE Jeugdbescherming", "SAVE Jeugdbescherming", Years{2020, 0}}, {"Veilig Thuis Utrecht", "Veilig Thuis Utrecht", Years{}}},
		HashKey:   "k",
		BatchSize: 2,
		Journal:   j,
	}
}

// transformBatches runs tr over the record batches recs, each a batch of
// its own, as the extractor hands them on.
func transformBatches(t *testing.T, tr *Registers, recs []arrow.RecordBatch) array.RecordReader {
	t.Helper()
	rr, err := array.NewRecordReader(pipeline.Raw, recs)
	if err != nil {
		t.Fatal(err)
	}
	out, err := tr.Transform(context.Background(), rr)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// row is one conversation read back as text, for comparison.
type row map[string]string

func transformAll(t *testing.T, tr *Registers, rows ...raw) []row {
	t.Helper()
	out, err := tr.Transform(context.Background(), rawReader(t, rows...))
	if err != nil {
		t.Fatal(err)
	}
	defer out.Release()
	var got []row
	for out.Next() {
		rec := out.RecordBatch()
		for i := range int(rec.NumRows()) {
			r := row{}
			for j, f := range rec.Schema().Fields() {
				if rec.Column(j).IsNull(i) {
					continue
				}
				r[f.Name] = rec.Column(j).ValueStr(i)
			}
			got = append(got, r)
		}
	}
	if err := out.Err(); err != nil {
		t.Fatal(err)
	}
	return got
}

func TestTransformRegisters(t *testing.T) {
	for _, tc := range []struct {
		name    string
		in      raw
		want    row      // fields that must have these values
		null    []string // fields that must be null
		rejects []string // "cell field: reason prefix"
	}{
		{
			name: "year from the sheet before the title and the file, region and organisation from the file",
			in:   raw{file: "x/Klachtenregistratie 2018 Eemland.xlsx", sheet: "2019", title: "Registratie 2020", row: 5, cells: [][4]string{{"complainant", "Klager", "B5", " m "}}},
			want: row{"year": "2019", "year_source": "sheet", "region": "Eemland", "region_source": "file", "organisation": "SAVE Jeugdbescherming", "organisation_in_year": "SAVE", "complainant": "Moeder"},
		},
		{
			name: "year from the conversation date when no name has one",
			in:   raw{file: "Registratie Eemland.xlsx", sheet: "Blad1", row: 2, cells: [][4]string{{"date_conversation", "Datum gesprek", "A2", "3 maart 2021"}}},
			want: row{"year": "2021", "year_source": "date_conversation", "organisation_in_year": "SAVE Jeugdbescherming", "date_conversation": "2021-03-03"},
		},
		{
			name:    "an unknown value is not guessed",
			in:      raw{file: "Eemland 2021.xlsx", sheet: "R", row: 7, cells: [][4]string{{"complainant", "Klager", "D7", "Buurvrouw"}, {"region", "Regio", "E7", "Utrecht Oost"}}},
			want:    row{"unmapped": `["region","complainant"]`},
			null:    []string{"complainant", "region", "organisation"},
			rejects: []string{"E7 region: unknown value", " organisation: no organisation", "D7 complainant: unknown value"},
		},
		{
			name:    "yes/no: blank is no, anything unknown is a reject",
			in:      raw{file: "Eemland 2021.xlsx", sheet: "R", row: 3, cells: [][4]string{{"request_other_worker", "Verzoek", "F3", ""}, {"complex_divorce", "Complexe scheiding", "G3", "misschien"}}},
			want:    row{"request_other_worker": "false"},
			null:    []string{"complex_divorce", "with_current_partner"},
			rejects: []string{"G3 complex_divorce: not yes/no"},
		},
		{
			name: "categories in one cell, split on ; and line breaks, and marked columns",
			in: raw{file: "Eemland 2021.xlsx", sheet: "R", row: 4, cells: [][4]string{
				{"category", "Categorieën", "H4", "Bejegening;\nCommunicatie ; "},
				{"category_column", "Communicatie", "J4", "x"},
				{"category_column", "Bejegening", "K4", ""},
			}},
			want: row{"categories": `["Bejegening","Communicatie","Communicatie"]`, "category_columns": `["H","H","J"]`},
		},
		{
			name:    "a bad date is recorded and left empty",
			in:      raw{file: "Eemland 2021.xlsx", sheet: "R", row: 9, cells: [][4]string{{"date_report_sent", "Verslag verstuurd", "C9", "31-02-2021"}}},
			null:    []string{"date_report_sent"},
			rejects: []string{"C9 date_report_sent: not a date"},
		},
		{
			name: "Veilig Thuis has no region and needs none",
			in:   raw{file: "Klachten Veilig Thuis 2018.xlsx", sheet: "Blad1", row: 2, cells: [][4]string{{"organisation", "Organisatie", "A2", "veilig thuis"}}},
			want: row{"organisation": "Veilig Thuis Utrecht", "year": "2018"},
			null: []string{"region"},
		},
		{
			name: "values of other years' lists are loaded and flagged",
			in: raw{file: "Klachtenregistratie 2019 Utrecht West.xlsx", sheet: "R", row: 5, cells: [][4]string{
				{"category", "Aard klacht", "C5", "Bejegening"}, {"complainant", "Klager", "D5", "moeder"}}},
			want: row{"region": "Utrecht West", "categories": `["Bejegening"]`, "category_columns": `["C"]`, "complainant": "Moeder"},
			rejects: []string{
				" region: valid only in other years: loaded as registered and flagged; check the register's year, or the value (Utrecht West is in the lists from 2021, not in 2019)",
				"C5 category: valid only in other years: loaded as registered and flagged; check the register's year, or the value (Bejegening is in the lists of 2018, from 2020, not in 2019)",
			},
		},
		{
			name:    "SAVE without a region is recorded",
			in:      raw{file: "Klachten 2018.xlsx", sheet: "Blad1", row: 2, cells: [][4]string{{"organisation", "Organisatie", "A2", "SAVE"}}},
			null:    []string{"region"},
			rejects: []string{" region: no region"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			j := pipeline.NewJournal()
			got := transformAll(t, testRegisters(j), tc.in)
			if len(got) != 1 {
				t.Fatalf("got %d rows", len(got))
			}
			for k, v := range tc.want {
				if got[0][k] != v {
					t.Errorf("%s = %q, want %q", k, got[0][k], v)
				}
			}
			for _, k := range tc.null {
				if v, ok := got[0][k]; ok {
					t.Errorf("%s = %q, want null", k, v)
				}
			}
			var rejects []string
			for _, r := range j.Rejects() {
				rejects = append(rejects, r.Loc.Cell+" "+r.Field+": "+r.Err.Error())
			}
			if len(rejects) != len(tc.rejects) {
				t.Fatalf("rejects %q, want %q", rejects, tc.rejects)
			}
			for i, want := range tc.rejects {
				if !strings.HasPrefix(rejects[i], want) {
					t.Errorf("reject %q, want %q...", rejects[i], want)
				}
			}
		})
	}
}

// Batches are normalised on several goroutines: every row comes out once,
// whatever the number of workers, and the rows loaded are counted per file.
func TestTransformParallel(t *testing.T) {
	for _, workers := range []int{1, 3} {
		t.Run(fmt.Sprintf("workers=%d", workers), func(t *testing.T) {
			j := pipeline.NewJournal()
			tr := testRegisters(j)
			tr.Workers = workers
			var recs []arrow.RecordBatch
			for b := range 7 {
				var rows []raw
				for i := range 10 {
					rows = append(rows, raw{file: fmt.Sprintf("Eemland 2021 %d.xlsx", b%2), sheet: "R", row: b*10 + i + 2,
						cells: [][4]string{{"complainant", "Klager", fmt.Sprintf("B%d", b*10+i+2), "M"}}})
				}
				recs = append(recs, rawBatchOf(t, rows...))
			}
			out := transformBatches(t, tr, recs)
			defer out.Release()
			seen := map[string]int{}
			for out.Next() {
				rec := out.RecordBatch()
				file := rec.Column(rec.Schema().FieldIndices("source_file")[0]).(*array.String)
				row := rec.Column(rec.Schema().FieldIndices("source_row")[0]).(*array.Int32)
				for i := range int(rec.NumRows()) {
					seen[fmt.Sprintf("%s:%d", file.Value(i), row.Value(i))]++
				}
			}
			if err := out.Err(); err != nil {
				t.Fatal(err)
			}
			if len(seen) != 70 {
				t.Errorf("%d distinct rows, want 70", len(seen))
			}
			for k, n := range seen {
				if n != 1 {
					t.Errorf("row %s came out %d times", k, n)
				}
			}
			for _, f := range j.Files() {
				if want := map[string]int64{"Eemland 2021 0.xlsx": 40, "Eemland 2021 1.xlsx": 30}[f.File]; f.RowsLoaded != want {
					t.Errorf("%s: %d rows loaded, want %d", f.File, f.RowsLoaded, want)
				}
			}
		})
	}
}

func TestTransformRowsWithoutYearAndYearFilter(t *testing.T) {
	j := pipeline.NewJournal()
	tr := testRegisters(j)
	tr.Year = 2021
	rows := []raw{
		{file: "Eemland.xlsx", sheet: "Blad1", row: 2},
		{file: "Eemland.xlsx", sheet: "2020", row: 2},
		{file: "Eemland.xlsx", sheet: "2021", row: 2, cells: [][4]string{{"dossier_number", "Dossiernummer", "C2", "D-123"}}},
		{file: "Eemland.xlsx", sheet: "2021", row: 3, cells: [][4]string{{"dossier_number", "Dossiernummer", "C3", " d-123"}}},
	}
	got := transformAll(t, tr, rows...)
	if len(got) != 2 {
		t.Fatalf("kept %d rows, want the two of 2021", len(got))
	}
	if k := got[0]["client_key"]; k == "" || k != got[1]["client_key"] || strings.Contains(k, "123") {
		t.Errorf("client keys %q and %q: want one stable pseudonym", k, got[1]["client_key"])
	}
	rej := j.Rejects()
	if len(rej) != 1 || !rej[0].RowRejected || rej[0].Loc.Row != 2 || rej[0].Loc.Sheet != "Blad1" {
		t.Errorf("rejects %+v: want the row without a year", rej)
	}
	f := j.Files()[0]
	if f.RowsLoaded != 2 || f.RowsSkipped != 1 || f.RowsRejected != 1 {
		t.Errorf("file counts %+v", f)
	}
}

func TestTransformWithoutHashKey(t *testing.T) {
	j := pipeline.NewJournal()
	tr := testRegisters(j)
	tr.HashKey = ""
	got := transformAll(t, tr, raw{file: "Eemland 2021.xlsx", sheet: "R", row: 2, cells: [][4]string{{"dossier_number", "Dossiernummer", "C2", "D-1"}}})
	if _, ok := got[0]["client_key"]; ok {
		t.Error("client_key without a key")
	}
	if notes := j.Notes(); len(notes) != 1 || !strings.Contains(notes[0].Message, "hash_key") {
		t.Errorf("notes %+v", notes)
	}
}

func TestTransformRejectsOtherSchemas(t *testing.T) {
	rr, _ := array.NewRecordReader(pipeline.Conversation, nil)
	if _, err := testRegisters(pipeline.NewJournal()).Transform(context.Background(), rr); err == nil {
		t.Error("a conversation stream was taken as raw rows")
	}
}

// A name that names two regions equally names neither: the rows get no
// region from it (and so a reject each), and one note says why, however
// many workers see the sheet's batches.
func TestTiedNames(t *testing.T) {
	j := pipeline.NewJournal()
	tr := testRegisters(j)
	tr.Synonyms = append(tr.Synonyms, Synonym{"region", "Utrecht Stad", "Utrecht Stad"})
	tr.Regions = append(tr.Regions, Region{"Utrecht Stad", "SAVE Jeugdbescherming"})
	tr.Workers = 4
	const file = "Klachtenregistratie 2021 Utrecht Stad en Utrecht West.xlsx"
	var recs []arrow.RecordBatch
	for b := range 8 {
		recs = append(recs, rawBatchOf(t, raw{file: file, sheet: "Blad1", row: b + 2,
			cells: [][4]string{{"organisation", "Organisatie", fmt.Sprintf("A%d", b+2), "SAVE"}}}))
	}
	out := transformBatches(t, tr, recs)
	defer out.Release()
	n := 0
	for out.Next() {
		rec := out.RecordBatch()
		region := rec.Column(rec.Schema().FieldIndices("region")[0])
		n += int(rec.NumRows())
		if region.NullN() != region.Len() {
			t.Errorf("a region was taken from a name that names two: %v", region)
		}
	}
	if err := out.Err(); err != nil || n != 8 {
		t.Fatalf("%d rows, err %v", n, err)
	}
	var notes []string
	for _, note := range j.Notes() {
		notes = append(notes, note.Loc.String()+": "+note.Message)
	}
	want := file + `: the file name "Klachtenregistratie 2021 Utrecht Stad en Utrecht West" names Utrecht Stad and Utrecht West equally as region: none is taken from them; give the region in its column`
	if len(notes) != 1 || notes[0] != want {
		t.Errorf("notes %q\nwant [%q]", notes, want)
	}
	noRegion := 0
	for _, r := range j.Rejects() {
		if errors.Is(r.Err, ErrNoRegion) {
			noRegion++
		}
	}
	if noRegion != 8 {
		t.Errorf("%d rows rejected for no region, want 8", noRegion)
	}
}
