// Command bench measures klacht at scale and writes docs/performance.md:
//
//	go run ./scripts/bench [-rows 1000000] [-files 200] [-per-file 5000] [-repeat 3] [-out docs/performance.md]
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
	"cmp"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/klauspost/compress/flate"
	"github.com/xuri/excelize/v2"
)

type result struct {
	step     string
	seconds  float64 // the median of the runs
	min, max float64 // of the runs
	runs     int
	rssMB    float64
	cpu      float64 // (user+sys)/wall: 2 is both cores busy
	rows     int
}

// median returns the run with the median time, with the spread of all.
func median(runs []result) result {
	slices.SortFunc(runs, func(a, b result) int { return cmp.Compare(a.seconds, b.seconds) })
	m := runs[len(runs)/2]
	m.min, m.max, m.runs = runs[0].seconds, runs[len(runs)-1].seconds, len(runs)
	return m
}

func main() {
	rows := flag.Int("rows", 1_000_000, "rows of the big register")
	files := flag.Int("files", 200, "number of small registers")
	perFile := flag.Int("per-file", 5000, "rows of each small register")
	out := flag.String("out", "docs/performance.md", "where to write the results")
	skipSlow := flag.Bool("skip-slow", false, "skip excelize formatted and pandas (minutes)")
	repeat := flag.Int("repeat", 3, "runs of the quick steps (unzip, klacht); the median is reported")
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
	// measure times f in this process, runs times.
	measure := func(step string, n, runs int, f func() error) {
		var all []result
		for range runs {
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
			all = append(all, result{step: step, seconds: wall, rows: n, cpu: (ru1.cpu - ru0.cpu) / wall})
		}
		res = append(res, median(all))
	}
	// process times a command with /usr/bin/time, runs times.
	process := func(step string, n, runs int, args ...string) {
		var all []result
		for range runs {
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
			all = append(all, result{step: step, seconds: wall, rssMB: kb / 1024, cpu: (u + s) / wall, rows: n})
		}
		m := median(all)
		for _, r := range all {
			m.rssMB = max(m.rssMB, r.rssMB) // the peak of all runs
		}
		res = append(res, m)
	}
	measure("unzip alone: inflate the sheet XML (archive/zip)", *rows, *repeat, func() error { return inflate(big, false) })
	measure("unzip alone, with klauspost/compress's flate (as klacht does)", *rows, *repeat, func() error { return inflate(big, true) })
	measure("excelize Rows(), raw values", *rows, 1, func() error { return excelizeRows(big, true) })
	if !*skipSlow {
		measure("excelize Rows(), formatted values", *rows, 1, func() error { return excelizeRows(big, false) })
		process("pandas + openpyxl (read_excel)", *rows, 1, "/usr/bin/python3", "-c",
			"import sys, pandas; df = pandas.read_excel(sys.argv[1], engine='openpyxl'); print(len(df))", big)
	}
	db := filepath.Join(dir, "big.duckdb")
	env := []string{"--config", filepath.Join(dir, "none.yaml")}
	os.WriteFile(filepath.Join(dir, "none.yaml"), []byte("published_dir: /nonexistent\n"), 0o644)
	process("klacht rebuild, 1 register", *rows, *repeat, append([]string{klacht, "rebuild", "--input", filepath.Dir(big), "--db", db}, env...)...)
	process("klacht import, no change, 1 register", *rows, *repeat, append([]string{klacht, "import", "--input", filepath.Dir(big), "--db", db}, env...)...)
	// With hash_key set, as in production: every dossier number becomes a keyed hash.
	os.Setenv("KLACHT_HASH_KEY", "bench")
	process("klacht rebuild, 1 register, with hash_key", *rows, *repeat, append([]string{klacht, "rebuild", "--input", filepath.Dir(big), "--db", db + ".key"}, env...)...)
	os.Unsetenv("KLACHT_HASH_KEY")
	db2 := filepath.Join(dir, "many.duckdb")
	process(fmt.Sprintf("klacht rebuild, %d registers", *files), *files**perFile, *repeat, append([]string{klacht, "rebuild", "--input", many, "--db", db2}, env...)...)
	process(fmt.Sprintf("klacht import, no change, %d registers", *files), *files**perFile, *repeat, append([]string{klacht, "import", "--input", many, "--db", db2}, env...)...)
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

// inflate inflates the sheet XML and throws it away, with archive/zip's
// flate or klauspost/compress's.
func inflate(path string, klauspost bool) error {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return err
	}
	defer zr.Close()
	if klauspost {
		zr.RegisterDecompressor(zip.Deflate, func(r io.Reader) io.ReadCloser { return flate.NewReader(r) })
	}
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
	b.WriteString("| step | rows | seconds | runs (spread) | rows/s | peak RSS | CPU (cores busy) |\n|---|---|---|---|---|---|---|\n")
	for _, r := range res {
		rss := "-"
		if r.rssMB > 0 {
			rss = fmt.Sprintf("%.0f MB", r.rssMB)
		}
		spread := "1"
		if r.runs > 1 {
			spread = fmt.Sprintf("median of %d (%.2f-%.2f)", r.runs, r.min, r.max)
		}
		fmt.Fprintf(&b, "| %s | %d | %.2f | %s | %.0f | %s | %.2f |\n", r.step, r.rows, r.seconds, spread, float64(r.rows)/r.seconds, rss, r.cpu)
	}
	b.WriteString("\n## The targets, as ratios from this run\n\n| target | measured | met |\n|---|---|---|\n")
	rb, unzip, kunzip := get("klacht rebuild, 1 register"), get("unzip alone:"), get("unzip alone, with klauspost")
	ratio := func(name string, v float64, ok bool) {
		fmt.Fprintf(&b, "| %s | %.2f | %v |\n", name, v, map[bool]string{true: "yes", false: "**no**"}[ok])
	}
	if rb != nil && unzip != nil {
		ratio("rebuild of the big register ≤ 5 × unzip alone (archive/zip)", rb.seconds/unzip.seconds, rb.seconds <= 5*unzip.seconds)
	}
	if rb != nil && kunzip != nil {
		ratio("the same against the faster flate klacht uses", rb.seconds/kunzip.seconds, rb.seconds <= 5*kunzip.seconds)
	}
	if f := get("excelize Rows(), formatted"); f != nil && rb != nil {
		ratio("rows/s ≥ 15 × excelize formatted", f.seconds/rb.seconds, f.seconds/rb.seconds >= 15)
	}
	if p := get("pandas"); p != nil && rb != nil {
		ratio("rows/s ≥ 30 × pandas/openpyxl", p.seconds/rb.seconds, p.seconds/rb.seconds >= 30)
	}
	if k := get("klacht rebuild, 1 register, with"); k != nil {
		if unzip != nil {
			ratio("with hash_key: rebuild ≤ 5 × unzip alone (archive/zip)", k.seconds/unzip.seconds, k.seconds <= 5*unzip.seconds)
		}
		if f := get("excelize Rows(), formatted"); f != nil {
			ratio("with hash_key: rows/s ≥ 15 × excelize formatted", f.seconds/k.seconds, f.seconds/k.seconds >= 15)
		}
		if p := get("pandas"); p != nil {
			ratio("with hash_key: rows/s ≥ 30 × pandas/openpyxl", p.seconds/k.seconds, p.seconds/k.seconds >= 30)
		}
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
