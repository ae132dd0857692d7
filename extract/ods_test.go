package extract

import (
	"archive/zip"
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/svmn/klacht/pipeline"
)

var updateCases = flag.Bool("update", false, "rewrite the expected rows of testdata/ods/*/rows.txt and testdata/xlsx/*/rows.txt")

// matchRows compares the rows a case reads with the case's rows.txt, or
// rewrites that file under -update.
func matchRows(t *testing.T, want, got string) {
	t.Helper()
	if *updateCases {
		if err := os.WriteFile(want, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	b, err := os.ReadFile(want)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(b) {
		t.Errorf("rows differ from %s\ngot:\n%s\nwant:\n%s", want, got, b)
	}
}

// writeODS writes an .ods package: its mimetype first and stored, as ODF
// asks, then content.xml and any other parts.
func writeODS(t testing.TB, path, mimetype, content string, parts map[string]string) {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateHeader(&zip.FileHeader{Name: "mimetype", Method: zip.Store})
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte(mimetype))
	all := map[string]string{"content.xml": content}
	for name, p := range parts {
		all[name] = p
	}
	for _, name := range []string{"META-INF/manifest.xml", "content.xml", "styles.xml"} {
		if p, ok := all[name]; ok {
			w, err := zw.Create(name)
			if err != nil {
				t.Fatal(err)
			}
			w.Write([]byte(p))
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// odsContent wraps tables in the document content of an .ods.
func odsContent(calculation, tables string) string {
	return `<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3"><office:automatic-styles><style:style xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" style:name="ro1"/></office:automatic-styles><office:body><office:spreadsheet>` +
		calculation + tables + `</office:spreadsheet></office:body></office:document-content>`
}

// renderSheets reads every sheet of a workbook and renders its rows as
// text: a line per row, "sheet!row: A=value | C=value", with line breaks,
// carriage returns and tabs shown as \n, \r and \t.
func renderSheets(t *testing.T, path string) string {
	t.Helper()
	wb, err := openWorkbook(path, DefaultLimits)
	if err != nil {
		return "error: " + err.Error() + "\n"
	}
	defer wb.Close()
	var b strings.Builder
	for {
		name, rows, ok, err := wb.nextSheet()
		if err != nil {
			fmt.Fprintf(&b, "error: %v\n", err)
			return b.String()
		}
		if !ok {
			return b.String()
		}
		if wb.dates1904() {
			fmt.Fprintf(&b, "%s: serial dates count from 1904\n", name)
		}
		for {
			ok, err := rows.next()
			if err != nil {
				fmt.Fprintf(&b, "%s!%d: error: %v\n", name, rows.number(), err)
				break
			}
			if !ok {
				break
			}
			var cells []string
			for i, c := range rows.values() {
				if len(c) > 0 {
					v := strings.NewReplacer("\n", `\n`, "\t", `\t`, "\r", `\r`).Replace(string(c))
					cells = append(cells, fmt.Sprintf("%s=%s", pipeline.ColumnName(i+1), v))
				}
			}
			fmt.Fprintf(&b, "%s!%d: %s\n", name, rows.number(), strings.Join(cells, " | "))
		}
		rows.close()
	}
}

// TestODS reads each case of testdata/ods: its content.xml, packed as an
// .ods, must read as its rows.txt (go test ./extract -run TestODS -update
// rewrites them; read the diff before committing it).
func TestODS(t *testing.T) {
	cases, err := filepath.Glob(filepath.Join("testdata", "ods", "*", "content.xml"))
	if err != nil || len(cases) == 0 {
		t.Fatalf("no cases: %v", err)
	}
	for _, c := range cases {
		dir := filepath.Dir(c)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			content, err := os.ReadFile(c)
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(t.TempDir(), "case.ods")
			writeODS(t, path, odsMimetype, string(content), nil)
			got := renderSheets(t, path)
			matchRows(t, filepath.Join(dir, "rows.txt"), got)
		})
	}
}
