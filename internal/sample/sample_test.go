package sample

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// The bundled sample in testdata/sample is what Write writes: regenerate
// it with go generate ./internal/sample after changing the generator.
func TestBundledSampleIsCurrent(t *testing.T) {
	fresh := t.TempDir()
	if err := Write(fresh, Options{}); err != nil {
		t.Fatal(err)
	}
	bundled := filepath.Join("..", "..", "testdata", "sample")
	want := listFiles(t, fresh)
	if got := listFiles(t, bundled); !slices.Equal(got, want) {
		t.Fatalf("bundled files %q\nwant %q", got, want)
	}
	for _, rel := range want {
		t.Run(rel, func(t *testing.T) {
			if !strings.HasSuffix(rel, ".xlsx") || strings.Contains(rel, "~$") {
				// .ods (LibreOffice's save), .csv, the lock file: byte for byte
				a, errA := os.ReadFile(filepath.Join(bundled, rel))
				b, errB := os.ReadFile(filepath.Join(fresh, rel))
				if errA != nil || errB != nil || !bytes.Equal(a, b) {
					t.Errorf("bundled %s differs from the generator's (%v, %v)", rel, errA, errB)
				}
				return
			}
			if a, b := cells(t, filepath.Join(bundled, rel)), cells(t, filepath.Join(fresh, rel)); a != b {
				t.Errorf("bundled %s differs from the generator's", rel)
			}
		})
	}
}

func listFiles(t *testing.T, dir string) []string {
	var out []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// cells renders every sheet's raw cell values.
func cells(t *testing.T, path string) string {
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var b strings.Builder
	for _, s := range f.GetSheetList() {
		rows, err := f.GetRows(s, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		b.WriteString(s + "\n")
		for _, r := range rows {
			b.WriteString(strings.Join(r, "\t") + "\n")
		}
	}
	return b.String()
}

// The sample's rows agree with the published distributions it is built on.
func TestConversationsAgreeWithCounts(t *testing.T) {
	all := conversations()
	for year, regions := range counts {
		total := 0
		for _, rc := range regions {
			if got := len(byRegion(all, year, rc.region)); got != rc.n {
				t.Errorf("%d %q: %d conversations, want %d", year, rc.region, got, rc.n)
			}
			total += rc.n
		}
		if len(all[year]) != total {
			t.Errorf("%d: %d conversations, want %d", year, len(all[year]), total)
		}
	}
	// Deterministic: the same call gives the same rows.
	again := conversations()
	for year := range all {
		for i := range all[year] {
			a, b := *all[year][i], *again[year][i]
			if !slices.Equal(a.categories, b.categories) {
				t.Fatalf("%d row %d: categories differ between calls", year, i)
			}
			a.categories, b.categories = nil, nil
			if !reflect.DeepEqual(a, b) {
				t.Fatalf("%d row %d differs between calls", year, i)
			}
		}
	}
}
