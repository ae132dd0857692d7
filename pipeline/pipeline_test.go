package pipeline

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

func TestFold(t *testing.T) {
	for _, tc := range []struct{ fn, in, want string }{
		{"header", "Datum  ontvangst:", "datumontvangst"},
		{"header", "Cliëntnaam", "clientnaam"},
		{"header", "Categorie 1", "categorie1"},
		{"header", "Wisseling medewerker gevraagd?", "wisselingmedewerkergevraagd"},
		{"value", "  Moeder ", "moeder"},
		{"value", "Familie /Pleegouders", "familie/pleegouders"},
		{"value", "OTS+JR", "ots+jr"},
		{"value", "OTS + JR", "ots+jr"},
		{"value", "Beide  ouders", "beide ouders"},
		{"value", "Cliënt", "client"},
		{"label", "Bezwaar/ beroep", "Bezwaar/beroep"},
		{"label", " Familie / Thuis ", "Familie/Thuis"},
	} {
		t.Run(tc.fn+" "+tc.in, func(t *testing.T) {
			got := map[string]func(string) string{"header": FoldHeader, "value": FoldValue, "label": CleanLabel}[tc.fn](tc.in)
			if got != tc.want {
				t.Errorf("%q, want %q", got, tc.want)
			}
		})
	}
}

func TestLocation(t *testing.T) {
	for _, tc := range []struct {
		loc  Location
		want string
	}{
		{Location{File: "reg2021.xlsx", Sheet: "Registratie", Cell: "C14", Row: 14}, "reg2021.xlsx:Registratie!C14"},
		{Location{File: "reg2021.xlsx", Sheet: "Registratie", Row: 14}, "reg2021.xlsx:Registratie!14:14"},
		{Location{File: "reg2021.xlsx", Sheet: "Registratie"}, "reg2021.xlsx:Registratie"},
		{Location{File: "akj_2021_afhandeling.csv", Row: 3, Col: 2}, "akj_2021_afhandeling.csv:3:2"},
		{Location{File: "x.xls"}, "x.xls"},
	} {
		if got := tc.loc.String(); got != tc.want {
			t.Errorf("%+v: %q, want %q", tc.loc, got, tc.want)
		}
	}
	cause := errors.New("boom")
	e := &Error{Loc: Location{File: "r.xlsx", Sheet: "S", Cell: "D2"}, Field: "complainant", Value: "Buurvrouw", Err: cause}
	if e.Error() != `r.xlsx:S!D2: complainant "Buurvrouw": boom` || !errors.Is(e, cause) {
		t.Errorf("Error() = %q", e.Error())
	}
}

func TestJournal(t *testing.T) {
	j := NewJournal()
	j.Update("a.xlsx", func(s *FileStat) { s.RowsRead += 2 })
	j.Reject(2021, true, &Error{Loc: Location{File: "a.xlsx"}, Err: errors.New("x")})
	j.Update("b.xls", func(s *FileStat) { s.RowsLoaded += 3 }) // sent before it failed
	j.Fail(&Error{Loc: Location{File: "b.xls"}, Err: errors.New("old")})
	j.Ignore("~$c.xlsx", "lock")
	files := j.Files()
	if len(files) != 3 || files[0].File != "a.xlsx" || files[0].RowsRejected != 1 || files[0].Problems != 1 ||
		files[1].Status != StatusFailed || files[1].Message != "b.xls: old" || files[1].RowsLoaded != 0 || files[1].RowsRejected != 3 ||
		files[1].RowsRead != 3 || files[2].Status != StatusIgnored {
		t.Errorf("files %+v", files)
	}
	if r := j.Rejects(); len(r) != 2 || r[0].Year != 2021 || !r[0].RowRejected || r[1].Year != 0 {
		t.Errorf("rejects %+v", r)
	}
}

var intSchema = arrow.NewSchema([]arrow.Field{{Name: "n", Type: arrow.PrimitiveTypes.Int64}}, nil)

func batchOf(n int64) arrow.RecordBatch {
	b := array.NewRecordBuilder(memory.DefaultAllocator, intSchema)
	defer b.Release()
	b.Field(0).(*array.Int64Builder).Append(n)
	return b.NewRecordBatch()
}

func TestStream(t *testing.T) {
	rr := Stream(context.Background(), intSchema, func(ctx context.Context, emit Emit) error {
		for i := range int64(3) {
			if err := emit(batchOf(i)); err != nil {
				return err
			}
		}
		return fmt.Errorf("after three")
	})
	var got []int64
	for rr.Next() {
		got = append(got, rr.RecordBatch().Column(0).(*array.Int64).Value(0))
	}
	if len(got) != 3 || got[2] != 2 || rr.Err() == nil || rr.Err().Error() != "after three" {
		t.Errorf("got %v, err %v", got, rr.Err())
	}
	rr.Release()

	// Releasing early stops the producer through its context.
	stopped := make(chan error, 1)
	rr = Stream(context.Background(), intSchema, func(ctx context.Context, emit Emit) error {
		for i := int64(0); ; i++ {
			if err := emit(batchOf(i)); err != nil {
				stopped <- err
				return err
			}
		}
	})
	rr.Next()
	rr.Release()
	if err := <-stopped; !errors.Is(err, context.Canceled) {
		t.Errorf("producer stopped with %v", err)
	}
}

func TestStrings(t *testing.T) {
	rr := Strings([]string{"a", "b"}, [][]string{{"1", ""}, {"x"}})
	defer rr.Release()
	if !rr.Next() {
		t.Fatal("no record")
	}
	rec := rr.RecordBatch()
	if rec.NumRows() != 2 || rec.Column(1).NullN() != 2 || rec.Column(0).ValueStr(1) != "x" {
		t.Errorf("record %v", rec)
	}
}

func TestJournalCapsSameRejects(t *testing.T) {
	j := NewJournal()
	for i := range MaxSameRejects + 50 {
		j.Reject(2021, false, &Error{Loc: Location{File: "a.xlsx", Sheet: "S", Cell: fmt.Sprintf("D%d", i+2)}, Field: "complainant", Err: errors.New("unknown value")})
	}
	j.Reject(2021, false, &Error{Loc: Location{File: "a.xlsx", Sheet: "S", Cell: "E2"}, Field: "region", Err: errors.New("unknown value")})
	r := j.Rejects()
	if len(r) != MaxSameRejects+2 || j.Files()[0].Problems != MaxSameRejects+51 {
		t.Fatalf("%d rejects kept, %d problems counted", len(r), j.Files()[0].Problems)
	}
	last := r[MaxSameRejects].Err.Error()
	if last != "and 50 more cells of this file with the same problem, not listed one by one: unknown value" {
		t.Errorf("summary %q", last)
	}
}

func TestCellName(t *testing.T) {
	for _, tc := range []struct {
		col, row int
		want     string
	}{
		{1, 1, "A1"}, {3, 14, "C14"}, {26, 2, "Z2"}, {27, 2, "AA2"}, {702, 9, "ZZ9"}, {703, 9, "AAA9"}, {16384, 1048576, "XFD1048576"},
	} {
		t.Run(tc.want, func(t *testing.T) {
			if got := CellName(tc.col, tc.row); got != tc.want {
				t.Errorf("CellName(%d, %d) = %q, want %q", tc.col, tc.row, got, tc.want)
			}
		})
	}
}

// A stage given no Journal runs: a nil Journal records nothing.
func TestNilJournal(t *testing.T) {
	var j *Journal
	e := &Error{Loc: Location{File: "a.xlsx"}, Err: errors.New("boom")}
	j.Update("a.xlsx", func(s *FileStat) { s.RowsRead++ })
	j.Fail(e)
	j.Ignore("b.xlsx", "lock file")
	j.Reject(2021, true, e)
	j.Note(Location{}, "note")
	j.Done("a.xlsx")
	if j.Files() != nil || j.Rejects() != nil || j.Notes() != nil {
		t.Error("a nil journal returned records")
	}
}

// The named positions of the schemas leave no field unnamed, and each
// names the field it says.
func TestSchemaPositions(t *testing.T) {
	for name, s := range map[string]*arrow.Schema{"Raw": Raw, "PartnerCell": PartnerCell, "Conversation": Conversation} {
		seen := map[string]bool{}
		for i, f := range s.Fields() {
			if f.Name == "" || f.Type == nil || seen[f.Name] {
				t.Errorf("%s: field %d is %q (%v): a position without its field, or twice", name, i, f.Name, f.Type)
			}
			seen[f.Name] = true
		}
	}
	for pos, want := range map[int]string{RawFile: "file", RawSheet: "sheet", RawTitle: "title", RawRow: "row", RawDate1904: "date1904",
		RawColumn(0): RawFields[0], RawColumn(0) + 1: RawFields[0] + "_column", RawCategories: "categories"} {
		if got := Raw.Field(pos).Name; got != want {
			t.Errorf("Raw field %d is %q, want %q", pos, got, want)
		}
	}
	if RawCategories != Raw.NumFields()-1 {
		t.Errorf("RawCategories is %d of %d fields", RawCategories, Raw.NumFields())
	}
	if PartnerCell.Field(CellRaw).Name != "raw" || PartnerCell.NumFields() != CellRaw+1 || PartnerCell.Field(CellValue).Name != "value" {
		t.Errorf("PartnerCell positions: %v", PartnerCell)
	}
}
