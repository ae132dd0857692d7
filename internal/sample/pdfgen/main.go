// Command pdfgen typesets the partner reports as PDF in every layout
// (sample.PDFLayouts) into testdata/pdf/<layout>/, with the DejaVu Sans
// font that github.com/go-pdf/fpdf ships. Run by go generate
// ./internal/sample.
package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/svmn/klacht/internal/sample"
)

func main() {
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
