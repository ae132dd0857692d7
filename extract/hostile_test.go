package extract

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/svmn/klacht/pipeline"
)

var updateHostile = flag.Bool("update-hostile", false, "rewrite the small hostile files in testdata/hostile")

const (
	relsXML  = `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`
	bookXML  = `<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Registratie" sheetId="1" r:id="rId1"/></sheets></workbook>`
	bookRels = `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`
	header   = `<row r="1"><c r="A1" t="inlineStr"><is><t>Klager</t></is></c><c r="B1" t="inlineStr"><is><t>Regio</t></is></c><c r="C1" t="inlineStr"><is><t>Ondersteuning</t></is></c></row>`
)

func sheetXML(dimension, rows string) string {
	return `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="` + dimension + `"/><sheetData>` + header + rows + `</sheetData></worksheet>`
}

// writeXLSX writes a workbook from its parts; a part named in raw is stored
// with the given uncompressed size in its header, whatever it inflates to.
func writeXLSX(t testing.TB, path string, parts map[string]string, raw map[string]uint64) {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range []string{"_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/sharedStrings.xml", "xl/worksheets/sheet1.xml"} {
		content, ok := parts[name]
		if !ok {
			continue
		}
		if size, lie := raw[name]; lie {
			var comp bytes.Buffer
			fw, _ := flate.NewWriter(&comp, flate.BestCompression)
			fw.Write([]byte(content))
			fw.Close()
			w, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, CompressedSize64: uint64(comp.Len()), UncompressedSize64: size, CRC32: 0})
			if err != nil {
				t.Fatal(err)
			}
			w.Write(comp.Bytes())
			continue
		}
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(content))
	}
	zw.Close()
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func partsOf(sheet, sst string) map[string]string {
	p := map[string]string{"_rels/.rels": relsXML, "xl/workbook.xml": bookXML, "xl/_rels/workbook.xml.rels": bookRels, "xl/worksheets/sheet1.xml": sheet}
	if sst != "" {
		p["xl/sharedStrings.xml"] = sst
	}
	return p
}

// TestHostileFiles: each hostile file is refused with a clear message, and
// the good file beside it still loads. Small files are kept in
// testdata/hostile (go test ./extract -update-hostile rewrites them); big
// ones are generated here.
func TestHostileFiles(t *testing.T) {
	small := map[string]map[string]string{
		"entities 2021.xlsx":      partsOf(`<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><worksheet><sheetData>`+header+`<row r="2"><c t="inlineStr"><is><t>&lol3;</t></is></c></row></sheetData></worksheet>`, ""),
		"entities sst 2021.xlsx":  partsOf(sheetXML("A1:C2", `<row r="2"><c r="A2" t="s"><v>0</v></c></row>`), `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]><sst><si><t>&a;</t></si></sst>`),
		"malformed sst 2021.xlsx": partsOf(sheetXML("A1:C2", `<row r="2"><c r="A2" t="s"><v>0</v></c></row>`), `<?xml version="1.0"?><sst><si><t>Moeder</si></sst>`),
		"sst index 2021.xlsx":     partsOf(sheetXML("A1:C2", `<row r="2"><c r="A2" t="s"><v>7</v></c></row>`), `<?xml version="1.0"?><sst><si><t>Moeder</t></si></sst>`),
		"cut off sheet 2021.xlsx": partsOf(`<?xml version="1.0"?><worksheet><sheetData>`+header+`<row r="2"><c r="A2" t="inlineStr"><is><t>Moe`, ""),
		"good Eemland 2021.xlsx":  partsOf(sheetXML("A1:C2", `<row r="2"><c r="A2" t="inlineStr"><is><t>Moeder</t></is></c><c r="B2" t="inlineStr"><is><t>Eemland</t></is></c></row>`), ""),
	}
	dir := t.TempDir()
	hostile := filepath.Join("testdata", "hostile")
	for name, parts := range small {
		if *updateHostile {
			os.MkdirAll(hostile, 0o755)
			writeXLSX(t, filepath.Join(hostile, name), parts, nil)
		}
		b, err := os.ReadFile(filepath.Join(hostile, name))
		if err != nil {
			t.Fatalf("%v (go test ./extract -update-hostile writes the corpus)", err)
		}
		os.WriteFile(filepath.Join(dir, name), b, 0o644)
	}
	// Big ones: a zip bomb that says so, one that lies about its size (and is
	// stopped at that size, as damaged), and a
	// sheet with more cells than max_sheet_cells (lowered below), whatever
	// dimension it declares.
	var many strings.Builder
	for r := 2; r <= 700; r++ {
		fmt.Fprintf(&many, `<row r="%d"><c r="A%d"><v>1</v></c><c r="B%d"><v>2</v></c><c r="C%d"><v>3</v></c></row>`, r, r, r, r)
	}
	writeXLSX(t, filepath.Join(dir, "many cells 2021.xlsx"), partsOf(sheetXML("A1:C2", many.String()), ""), nil)
	spaces := strings.Repeat(" ", 64<<20)
	writeXLSX(t, filepath.Join(dir, "bomb 2021.xlsx"), partsOf(sheetXML("A1:C2", spaces), ""), nil)
	writeXLSX(t, filepath.Join(dir, "lying size 2021.xlsx"), partsOf(sheetXML("A1:C2", spaces), ""), map[string]uint64{"xl/worksheets/sheet1.xml": 4096})

	j := pipeline.NewJournal()
	x := registers(j)
	x.Limits = DefaultLimits
	x.Limits.Ratio = 10 // a part may inflate 10 times its size at most
	x.Limits.SheetCells = 1000
	// A file may send rows before it fails; the loader drops them, as the
	// journal says it failed.
	failed := map[string]bool{}
	var kept []got
	all := extractAll(t, x, dir)
	for _, f := range j.Files() {
		failed[f.File] = f.Status == pipeline.StatusFailed
	}
	for _, g := range all {
		if !failed[g.file] {
			kept = append(kept, g)
		}
	}
	if len(kept) != 1 || kept[0].file != "good Eemland 2021.xlsx" {
		t.Errorf("%d rows of files that did not fail (%v): want the good file's one row", len(kept), kept)
	}
	messages := map[string]string{}
	for _, r := range j.Rejects() {
		messages[r.Loc.File] = r.Error.Error()
	}
	for file, want := range map[string]error{
		"many cells 2021.xlsx":    ErrTooBig,
		"entities 2021.xlsx":      ErrEntities,
		"entities sst 2021.xlsx":  ErrEntities,
		"malformed sst 2021.xlsx": ErrNotXLSX,
		"sst index 2021.xlsx":     ErrSheet,
		"cut off sheet 2021.xlsx": ErrSheet,
		"bomb 2021.xlsx":          ErrZipBomb,
		"lying size 2021.xlsx":    ErrCorrupt,
	} {
		t.Run(file, func(t *testing.T) {
			if found := rejectOf(j, file); found == nil || !errors.Is(&found.Error, want) {
				t.Errorf("reject %q, want %v", messages[file], want)
			}
		})
	}
}

func TestHostileCSV(t *testing.T) {
	dir := t.TempDir()
	line := bytes.Repeat([]byte("x"), 100<<20) // a 100 MB line
	os.WriteFile(filepath.Join(dir, "akj_2021_lang.csv"), append([]byte("Tabel;Totaal\nOuders;"), line...), 0o644)
	os.WriteFile(filepath.Join(dir, "akj_2021_breed.csv"), append([]byte("Tabel"), bytes.Repeat([]byte(";1"), 1_000_000)...), 0o644)
	os.WriteFile(filepath.Join(dir, "akj_2021_cel.csv"), append([]byte(";Totaal\nOuders;"), bytes.Repeat([]byte("9"), 2<<20)...), 0o644)
	os.WriteFile(filepath.Join(dir, "akj_2021_goed.csv"), []byte(";Totaal\nOuders;60\n"), 0o644)
	j := pipeline.NewJournal()
	p := &Partners{MaxFileBytes: 16 << 20, BatchSize: 10, Journal: j}
	rr, err := p.Extract(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for rr.Next() {
		n += int(rr.RecordBatch().NumRows())
	}
	rr.Release()
	if n != 1 {
		t.Errorf("%d cells loaded, want the good file's 1", n)
	}
	for file, says := range map[string]string{
		"akj_2021_lang.csv":  "larger than 16777216 bytes",
		"akj_2021_breed.csv": "1000001 fields, more than max_columns",
		"akj_2021_cel.csv":   "more than max_cell_bytes",
	} {
		found := false
		for _, r := range j.Rejects() {
			if r.Loc.File == file {
				found = strings.Contains(r.Error.Error(), says)
				if !found {
					t.Errorf("%s: %v", file, r.Error.Error())
				}
			}
		}
		if !found {
			t.Errorf("%s not refused with %q", file, says)
		}
	}
}

// TestHostileODS: each hostile .ods is refused with a clear message, within
// bounded memory, and the good one beside it still loads.
func TestHostileODS(t *testing.T) {
	row := func(attrs, cells string) string {
		return `<table:table-row ` + attrs + `>` + cells + `</table:table-row>`
	}
	cell := func(attrs, text string) string {
		return `<table:table-cell office:value-type="string" ` + attrs + `><text:p>` + text + `</text:p></table:table-cell>`
	}
	head := row("", cell("", "Klager")+cell("", "Regio")+cell("", "Ondersteuning"))
	sheet := func(rows string) string {
		return odsContent("", `<table:table table:name="Registratie">`+head+rows+`</table:table>`)
	}
	good := sheet(row("", cell("", "Moeder")+cell("", "Eemland")) +
		row(`table:number-rows-repeated="1048574"`, `<table:table-cell table:number-columns-repeated="16384"/>`))
	dir := t.TempDir()
	for name, content := range map[string]string{
		"good Eemland 2021.ods": good,
		// 16,384 filled cells repeated over a billion rows: 16 trillion cells
		// from a file of a few hundred bytes.
		"repeat bomb 2021.ods": sheet(row(`table:number-rows-repeated="1000000000"`, cell(`table:number-columns-repeated="16384"`, "x"))),
		"wide 2021.ods":        sheet(row("", cell(`table:number-columns-repeated="20000"`, "x"))),
		"long cell 2021.ods":   sheet(row("", cell("", incompressible(2<<20)))),
		"cut off 2021.ods":     good[:len(good)/2],
	} {
		writeODS(t, filepath.Join(dir, name), odsMimetype, content, nil)
	}
	writeODS(t, filepath.Join(dir, "encrypted 2021.ods"), odsMimetype, good, map[string]string{"META-INF/manifest.xml": `<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="content.xml"><manifest:encryption-data manifest:checksum-type="SHA1/1K"/></manifest:file-entry></manifest:manifest>`})
	writeODS(t, filepath.Join(dir, "tekst 2021.ods"), "application/vnd.oasis.opendocument.text", good, nil)

	j := pipeline.NewJournal()
	x := registers(j)
	x.Limits = DefaultLimits
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	got := extractAll(t, x, dir)
	runtime.ReadMemStats(&after)
	if len(got) != 1 || got[0].file != "good Eemland 2021.ods" {
		t.Errorf("rows %+v: want the good file's one row", got)
	}
	// Seven files, one of them a bomb: the whole extraction allocates a few
	// MB, not the gigabytes that expanding a repeat would.
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 64<<20 {
		t.Errorf("reading the files allocated %d MB", alloc>>20)
	} else {
		t.Logf("reading the files allocated %.1f MB", float64(alloc)/(1<<20))
	}
	for file, want := range map[string]error{
		"repeat bomb 2021.ods": ErrTooBig,
		"wide 2021.ods":        ErrTooBig,
		"long cell 2021.ods":   ErrTooBig,
		"cut off 2021.ods":     ErrNotODS,
		"encrypted 2021.ods":   ErrEncryptedODS,
		"tekst 2021.ods":       ErrNotODS,
	} {
		t.Run(file, func(t *testing.T) {
			if found := rejectOf(j, file); found == nil || !errors.Is(&found.Error, want) {
				t.Errorf("reject %v, want %v", found, want)
			} else {
				t.Log(found.Error.Error())
			}
		})
	}
}

// rejectOf is the last reject of file, or nil.
func rejectOf(j *pipeline.Journal, file string) *pipeline.Reject {
	var found *pipeline.Reject
	for _, r := range j.Rejects() {
		if r.Loc.File == file {
			found = &r
		}
	}
	return found
}

// incompressible is n letters that deflate does not shrink much, so that a
// long cell is not taken for a zip bomb first.
func incompressible(n int) string {
	b := make([]byte, n)
	x := uint32(2463534242)
	for i := range b {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		b[i] = 'a' + byte(x%26)
	}
	return string(b)
}
