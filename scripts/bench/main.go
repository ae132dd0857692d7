// Command bench measures klacht at scale and writes docs/performance.md:
//
//	go run ./scripts/bench [-rows 1000000] [-files 200] [-per-file 5000] [-out docs/performance.md]
//
// It generates a shared-strings register of -rows rows and -files registers
// of -per-file rows, then, in one run on the same files, times: inflating the
// sheet XML alone (the floor), excelize's row iterator (raw and formatted),
// pandas with openpyxl, klacht rebuild, and a klacht import without change,
// with peak RSS from /usr/bin/time.
package main

import (
	"archive/zip"
	"bytes"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

type result struct {
	step    string
	seconds float64
	rssMB   float64
	cpu     float64 // (user+sys)/wall: 2 is both cores busy
	rows    int
}

func main() {
	rows := flag.Int("rows", 1_000_000, "rows of the big register")
	files := flag.Int("files", 200, "number of small registers")
	perFile := flag.Int("per-file", 5000, "rows of each small register")
	out := flag.String("out", "docs/performance.md", "where to write the results")
	skipSlow := flag.Bool("skip-slow", false, "skip excelize formatted and pandas (minutes)")
	flag.Parse()
	dir, err := os.MkdirTemp("", "klacht-bench-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	big := filepath.Join(dir, "big", "Klachtenregistratie 2021 Utrecht Stad.xlsx")
	os.MkdirAll(filepath.Dir(big), 0o755)
	log.Printf("generating %d rows", *rows)
	if err := writeRegister(big, *rows, 2021); err != nil {
		log.Fatal(err)
	}
	many := filepath.Join(dir, "many")
	os.MkdirAll(many, 0o755)
	regions := []string{"Utrecht Stad", "Lekstroom", "Eemland", "Foodvalley", "Flevoland Noord", "Flevoland Zuid", "Utrecht West", "Utrecht Zuidoost"}
	for i := range *files {
		p := filepath.Join(many, fmt.Sprintf("Klachtenregistratie %d %s %03d.xlsx", 2018+i%4, regions[i%len(regions)], i))
		if err := writeRegister(p, *perFile, 2018+i%4); err != nil {
			log.Fatal(err)
		}
	}
	klacht := filepath.Join(dir, "klacht")
	build := exec.Command("go", "build", "-tags", "duckdb_arrow", "-o", klacht, "./cmd/klacht")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		log.Fatal(err)
	}
	info, _ := os.Stat(big)
	xmlBytes := sheetXMLSize(big)
	var res []result
	measure := func(step string, n int, f func() error) {
		log.Printf("measuring %s", step)
		start := time.Now()
		var ru0 runtimeUsage
		ru0.read()
		if err := f(); err != nil {
			log.Fatalf("%s: %v", step, err)
		}
		var ru1 runtimeUsage
		ru1.read()
		wall := time.Since(start).Seconds()
		res = append(res, result{step: step, seconds: wall, rows: n, cpu: (ru1.cpu - ru0.cpu) / wall})
	}
	process := func(step string, n int, args ...string) {
		log.Printf("measuring %s", step)
		cmd := exec.Command("/usr/bin/time", append([]string{"-f", "%e %M %U %S"}, args...)...)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		cmd.Stdout = io.Discard
		err := cmd.Run()
		lines := strings.Split(strings.TrimSpace(stderr.String()), "\n")
		f := strings.Fields(lines[len(lines)-1])
		if len(f) != 4 {
			log.Fatalf("%s: %v\n%s", step, err, stderr.String())
		}
		wall, _ := strconv.ParseFloat(f[0], 64)
		kb, _ := strconv.ParseFloat(f[1], 64)
		u, _ := strconv.ParseFloat(f[2], 64)
		s, _ := strconv.ParseFloat(f[3], 64)
		res = append(res, result{step: step, seconds: wall, rssMB: kb / 1024, cpu: (u + s) / wall, rows: n})
	}
	measure("unzip alone: inflate the sheet XML", *rows, func() error { return inflate(big) })
	measure("excelize Rows(), raw values", *rows, func() error { return excelizeRows(big, true) })
	if !*skipSlow {
		measure("excelize Rows(), formatted values", *rows, func() error { return excelizeRows(big, false) })
		process("pandas + openpyxl (read_excel)", *rows, "/usr/bin/python3", "-c",
			"import sys, pandas; df = pandas.read_excel(sys.argv[1], engine='openpyxl'); print(len(df))", big)
	}
	db := filepath.Join(dir, "big.duckdb")
	env := []string{"--config", filepath.Join(dir, "none.yaml")}
	os.WriteFile(filepath.Join(dir, "none.yaml"), []byte("published_dir: /nonexistent\n"), 0o644)
	process("klacht rebuild, 1 register", *rows, append([]string{klacht, "rebuild", "--input", filepath.Dir(big), "--db", db}, env...)...)
	process("klacht import, no change, 1 register", *rows, append([]string{klacht, "import", "--input", filepath.Dir(big), "--db", db}, env...)...)
	db2 := filepath.Join(dir, "many.duckdb")
	process(fmt.Sprintf("klacht rebuild, %d registers", *files), *files**perFile, append([]string{klacht, "rebuild", "--input", many, "--db", db2}, env...)...)
	process(fmt.Sprintf("klacht import, no change, %d registers", *files), *files**perFile, append([]string{klacht, "import", "--input", many, "--db", db2}, env...)...)
	write(*out, res, *rows, info.Size(), xmlBytes, *files, *perFile)
}

type runtimeUsage struct{ cpu float64 }

func (r *runtimeUsage) read() {
	b, err := os.ReadFile("/proc/self/stat")
	if err != nil {
		return
	}
	f := strings.Fields(string(b)[strings.LastIndexByte(string(b), ')')+2:])
	u, _ := strconv.ParseFloat(f[11], 64)
	s, _ := strconv.ParseFloat(f[12], 64)
	r.cpu = (u + s) / 100
}

func sheetXMLSize(path string) int64 {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return 0
	}
	defer zr.Close()
	for _, f := range zr.File {
		if strings.HasPrefix(f.Name, "xl/worksheets/") {
			return int64(f.UncompressedSize64)
		}
	}
	return 0
}

func inflate(path string) error {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return err
	}
	defer zr.Close()
	for _, f := range zr.File {
		if strings.HasPrefix(f.Name, "xl/worksheets/") {
			rc, err := f.Open()
			if err != nil {
				return err
			}
			_, err = io.Copy(io.Discard, rc)
			rc.Close()
			return err
		}
	}
	return nil
}

func excelizeRows(path string, raw bool) error {
	f, err := excelize.OpenFile(path, excelize.Options{TmpDir: os.TempDir()})
	if err != nil {
		return err
	}
	defer f.Close()
	rows, err := f.Rows("Registratie")
	if err != nil {
		return err
	}
	n := 0
	for rows.Next() {
		if _, err := rows.Columns(excelize.Options{RawCellValue: raw}); err != nil {
			return err
		}
		n++
	}
	return rows.Close()
}

func write(path string, res []result, rows int, size, xmlBytes int64, files, perFile int) {
	get := func(prefix string) *result {
		for i := range res {
			if strings.HasPrefix(res[i].step, prefix) {
				return &res[i]
			}
		}
		return nil
	}
	var b strings.Builder
	cpu := "unknown"
	if c, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		if m := regexp.MustCompile(`model name\s*:\s*(.*)`).FindSubmatch(c); m != nil {
			cpu = string(m[1])
		}
	}
	fmt.Fprintf(&b, "# Performance\n\nMeasured by `go run ./scripts/bench` on %s: %d cores (%s), Go %s.\n",
		time.Now().Format("2006-01-02"), runtime.NumCPU(), cpu, runtime.Version())
	fmt.Fprintf(&b, "One register of %d rows × 12 columns with shared strings (%.0f MB, %.0f MB of sheet XML), and %d registers of %d rows.\n\n",
		rows, float64(size)/1e6, float64(xmlBytes)/1e6, files, perFile)
	b.WriteString("| step | rows | seconds | rows/s | peak RSS | CPU (cores busy) |\n|---|---|---|---|---|---|\n")
	for _, r := range res {
		rss := "-"
		if r.rssMB > 0 {
			rss = fmt.Sprintf("%.0f MB", r.rssMB)
		}
		fmt.Fprintf(&b, "| %s | %d | %.2f | %.0f | %s | %.2f |\n", r.step, r.rows, r.seconds, float64(r.rows)/r.seconds, rss, r.cpu)
	}
	b.WriteString("\n## The targets, as ratios from this run\n\n| target | measured | met |\n|---|---|---|\n")
	rb, unzip := get("klacht rebuild, 1 "), get("unzip alone")
	ratio := func(name string, v float64, ok bool) {
		fmt.Fprintf(&b, "| %s | %.2f | %v |\n", name, v, map[bool]string{true: "yes", false: "**no**"}[ok])
	}
	if rb != nil && unzip != nil {
		ratio("rebuild of the big register ≤ 5 × unzip alone", rb.seconds/unzip.seconds, rb.seconds <= 5*unzip.seconds)
	}
	if f := get("excelize Rows(), formatted"); f != nil && rb != nil {
		ratio("rows/s ≥ 15 × excelize formatted", f.seconds/rb.seconds, f.seconds/rb.seconds >= 15)
	}
	if p := get("pandas"); p != nil && rb != nil {
		ratio("rows/s ≥ 30 × pandas/openpyxl", p.seconds/rb.seconds, p.seconds/rb.seconds >= 30)
	}
	for _, r := range res {
		if strings.HasPrefix(r.step, "klacht") {
			ratio("peak RSS ≤ 300 MB: "+r.step, r.rssMB, r.rssMB <= 300)
		}
	}
	if m := get(fmt.Sprintf("klacht rebuild, %d", files)); m != nil {
		ratio("both cores busy with many files (CPU ≥ 1.5)", m.cpu, m.cpu >= 1.5)
	}
	if notes, err := os.ReadFile("scripts/bench/notes.md"); err == nil {
		b.WriteString("\n")
		b.Write(notes)
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		log.Fatal(err)
	}
	fmt.Print(b.String())
}
