package extract

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/flate"
	"context"
	"fmt"
	"hash/crc32"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/svmn/klacht/pipeline"
)

// packParts zips a case's parts/ folder into an .xlsx. zip.txt, if there,
// says how the zip differs from the folder: "rename PART NAME" stores a part
// under another name (another case, backslashes), "corrupt PART" stores it
// with a wrong checksum.
func packParts(t *testing.T, dir, out string) {
	t.Helper()
	rename, corrupt := map[string]string{}, map[string]bool{}
	if f, err := os.Open(filepath.Join(dir, "zip.txt")); err == nil {
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			switch w := strings.Fields(sc.Text()); {
			case len(w) == 3 && w[0] == "rename":
				rename[w[1]] = w[2]
			case len(w) == 2 && w[0] == "corrupt":
				corrupt[w[1]] = true
			case len(w) > 0:
				t.Fatalf("zip.txt: %q", sc.Text())
			}
		}
		f.Close()
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	root := filepath.Join(dir, "parts")
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		content, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		name := rel
		if n, ok := rename[rel]; ok {
			name = n
		}
		if !corrupt[rel] {
			w, err := zw.Create(name)
			if err != nil {
				return err
			}
			_, err = w.Write(content)
			return err
		}
		var comp bytes.Buffer
		fw, _ := flate.NewWriter(&comp, flate.BestCompression)
		fw.Write(content)
		fw.Close()
		w, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, CRC32: crc32.ChecksumIEEE(content) ^ 0xffff,
			CompressedSize64: uint64(comp.Len()), UncompressedSize64: uint64(len(content))})
		if err != nil {
			return err
		}
		_, err = w.Write(comp.Bytes())
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestXLSXCases reads each case of testdata/xlsx, a workbook's parts as
// real-world tools write them, packed as an .xlsx: it must read as its
// rows.txt (go test ./extract -run TestXLSXCases -update rewrites them;
// read the diff before committing it).
func TestXLSXCases(t *testing.T) {
	cases, err := filepath.Glob(filepath.Join("testdata", "xlsx", "*", "parts"))
	if err != nil || len(cases) == 0 {
		t.Fatalf("no cases: %v", err)
	}
	for _, c := range cases {
		dir := filepath.Dir(c)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "case.xlsx")
			packParts(t, dir, path)
			got := renderSheets(t, path)
			matchRows(t, filepath.Join(dir, "rows.txt"), got)
			agreeWithExcelize(t, dir, path)
		})
	}
}

// agreeWithExcelize compares the cells klacht reads with excelize's raw
// values, where excelize reads the file. A case where excelize is wrong
// says why in excelize.txt, and must then still differ, so that the note
// stays true.
func agreeWithExcelize(t *testing.T, dir, path string) {
	t.Helper()
	ex, err := excelizeCells(path)
	if err != nil {
		return // excelize cannot read it: nothing to compare
	}
	ours := map[string]string{}
	if err := ReadCells(context.Background(), path, "", DefaultLimits, func(c WorkbookCell) error {
		ours[fmt.Sprintf("%s!%s", c.Sheet, pipeline.CellName(c.Column, c.Row))] = string(c.Value)
		return nil
	}); err != nil {
		return // klacht refuses it (rows.txt says why)
	}
	why, err := os.ReadFile(filepath.Join(dir, "excelize.txt"))
	switch noted, agree := err == nil, maps.Equal(ours, ex); {
	case !agree && !noted:
		t.Errorf("klacht reads %q, excelize %q", ours, ex)
	case agree && noted:
		t.Errorf("klacht and excelize agree, but excelize.txt says they do not: %s", why)
	}
}

// excelizeCells reads every filled cell of a workbook with excelize, raw.
func excelizeCells(path string) (map[string]string, error) {
	f, err := excelize.OpenFile(path, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[string]string{}
	for _, sh := range f.GetSheetList() {
		rows, err := f.Rows(sh)
		if err != nil {
			continue // a chart sheet
		}
		for r := 1; rows.Next(); r++ {
			cols, err := rows.Columns(excelize.Options{RawCellValue: true})
			if err != nil {
				return nil, err
			}
			for c, v := range cols {
				if v != "" {
					out[fmt.Sprintf("%s!%s", sh, pipeline.CellName(c+1, r))] = v
				}
			}
		}
		rows.Close()
	}
	return out, nil
}
