// Command pdfgen typesets the partner reports as PDF in every layout
// (sample.PDFLayouts) into testdata/pdf/<layout>/, with the DejaVu Sans
// font that github.com/go-pdf/fpdf ships, and the PDF inputs of extract's
// partner cases. Run by go generate ./internal/sample. With -html REPORT it
// prints a report as a web page instead (scripts/chromium-partner-pdf.sh).
package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"

	"github.com/svmn/klacht/internal/sample"
)

func main() {
	if len(os.Args) == 3 && os.Args[1] == "-html" { // a report as a web page, for a browser to print
		page, err := sample.PartnerHTML(os.Args[2])
		if err != nil {
			fmt.Fprintln(os.Stderr, "pdfgen:", err)
			os.Exit(1)
		}
		fmt.Print(page)
		return
	}
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "pdfgen:", err)
		os.Exit(1)
	}
}

func run() error {
	dir, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/go-pdf/fpdf").Output()
	if err != nil {
		return fmt.Errorf("find the fpdf module: %w", err)
	}
	font, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(dir)), "font", "DejaVuSansCondensed.ttf"))
	if err != nil {
		return err
	}
	if err := writeCases(font); err != nil {
		return err
	}
	for _, layout := range sample.PDFLayouts {
		pdfs, err := sample.PartnerPDFs(layout, font)
		if err != nil {
			return err
		}
		out := filepath.Join("testdata", "pdf", layout)
		if err := os.RemoveAll(out); err != nil {
			return err
		}
		if err := os.MkdirAll(out, 0o755); err != nil {
			return err
		}
		for name, b := range pdfs {
			if err := os.WriteFile(filepath.Join(out, name), b, 0o644); err != nil {
				return err
			}
		}
	}
	return nil
}

// cases are the PDF inputs of extract's partner table cases that the
// partner reports do not hold: what a real report may print besides.
var cases = []struct {
	dir, file, layout, title string
	tables                   []string
}{
	{"pdf-unnamed-table", "kjmn_2021_jaarverslag.pdf", sample.PDFCaptionAbove, "KJMN Jaarverslag 2021",
		[]string{`
Tabel 4. Klachten per kwartaal.
^ | Aantal
Eerste kwartaal | 18
Tweede kwartaal | 21`, `
^Hoorzittingen KJMN | 2021 | 2020
 | 23 | 19`}},
	{"pdf-two-reports-disagree", "kjmn_2019_jaarverslag.pdf", sample.PDFCaptionInside, "KJMN Jaarverslag 2019",
		[]string{`
^Hoorzittingen KJMN | 2019 | 2018 | 2017 | 2016
 | 13 | 15 | 17 | 26`}},
}

// unreadable are PDFs klacht cannot read, each with what to do: one with a
// password, and a scan without text.
func unreadable() (map[string][]byte, error) {
	out := map[string][]byte{}
	for name, draw := range map[string]func(p *fpdf.Fpdf){
		"akj_2021_rapportage.pdf": func(p *fpdf.Fpdf) {
			p.SetProtection(fpdf.CnProtectPrint, "geheim", "eigenaar")
			p.AddPage()
			p.Text(20, 20, "Tabel 1. Aantallen.")
		},
		"kjmn_2021_jaarverslag.pdf": func(p *fpdf.Fpdf) {
			p.AddPage()
			p.Rect(20, 20, 170, 240, "F") // a scanned page: an image, no text
		},
	} {
		p := fpdf.New("P", "mm", "A4", "")
		p.SetCreationDate(time.Date(2022, 3, 1, 12, 0, 0, 0, time.UTC))
		p.SetFont("Helvetica", "", 10)
		draw(p)
		var b bytes.Buffer
		if err := p.Output(&b); err != nil {
			return nil, err
		}
		out[name] = b.Bytes()
	}
	return out, nil
}

// writeCases writes the PDFs of extract's cases.
func writeCases(font []byte) error {
	bad, err := unreadable()
	if err != nil {
		return err
	}
	dir := filepath.Join("..", "..", "extract", "testdata", "partners", "pdf-unreadable", "input")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for name, b := range bad {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			return err
		}
	}
	for _, c := range cases {
		b, err := sample.TypesetReport(c.layout, font, c.title, c.tables...)
		if err != nil {
			return fmt.Errorf("case %s: %w", c.dir, err)
		}
		dir := filepath.Join("..", "..", "extract", "testdata", "partners", c.dir, "input")
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, c.file), b, 0o644); err != nil {
			return err
		}
	}
	return nil
}
