package extract

import (
	"fmt"
	"path"
	"regexp"
	"strconv"
	"strings"

	"github.com/svmn/klacht/pipeline"
)

// CaptionRule names a table of a PDF report by its caption, for the
// reports of one partner whose name matches Report (a glob: rapportage*,
// haarlem). Caption is a keyword the caption holds ('Cliënten'), matched
// ignoring case and accents, or 'Tabel {number}' for any numbered caption;
// Table is the name, in which {report} and {number} are filled in
// ('{report}_tabel_{number}': haarlem_tabel_2c). The first rule that
// matches names the table.
type CaptionRule struct {
	Partner, Report, Caption, Table string
}

var reportFile = regexp.MustCompile(`^([a-z]+)_((?:19|20)\d\d)_([a-z0-9_]+)\.pdf$`)

// ParseReportName reads <partner>_<year>_<report>.pdf; the report's name is
// in Table.
func ParseReportName(file string) (TableName, bool) {
	m := reportFile.FindStringSubmatch(strings.ToLower(path.Base(file)))
	if m == nil {
		return TableName{}, false
	}
	y, _ := strconv.Atoi(m[2])
	return TableName{Partner: m[1], Year: y, Table: m[3]}, true
}

// readReport reads every table of a partner report as PDF. A table it
// cannot read is a problem of its own; the others are read.
func (p *Partners) readReport(rel string, data []byte) ([]*Table, []error, error) {
	report, ok := p.Names[path.Base(rel)]
	if !ok {
		if report, ok = ParseReportName(rel); !ok {
			return nil, nil, fmt.Errorf("cannot tell partner, year and report from the name: rename it <partner>_<year>_<report>.pdf (akj_2021_rapportage.pdf) or add it to partner_files.csv")
		}
	}
	pages, err := readPDFText(data, defaultPDFLimits)
	if err != nil {
		return nil, nil, err
	}
	found := findTables(pages)
	if len(found) == 0 {
		return nil, nil, fmt.Errorf("no table found in %d pages: a table has a caption ('Tabel 2c. ...') or columns of numbers", len(pages))
	}
	var tables []*Table
	var problems []error
	unnamed := 0
	for _, f := range found {
		name, named := p.tableName(report, f.caption)
		if !named {
			unnamed++
			name.Table = fmt.Sprintf("%s_table_%d", report.Table, unnamed)
			if m := captionStart.FindStringSubmatch(f.caption); m != nil {
				name.Table = report.Table + "_tabel_" + strings.ToLower(m[1])
			}
		}
		t, err := tableFromLines(rel, name, p.Spec(name), f.lines)
		if err != nil {
			problems = append(problems, fmt.Errorf("table %q: %w", f.caption, err))
			continue
		}
		t.Caption, t.Page = f.caption, f.page
		if !named {
			p.Journal.Note(pipeline.Location{File: rel, Page: f.page}, fmt.Sprintf(
				"the caption %q matches no rule of partner_captions.csv: loaded as table %s, shape %s", f.caption, name.Table, t.Shape))
		}
		tables = append(tables, t)
	}
	return tables, problems, nil
}

// tableName names a table of a report by the first caption rule that
// matches; false if none does.
func (p *Partners) tableName(report TableName, caption string) (TableName, bool) {
	name := TableName{Partner: report.Partner, Year: report.Year}
	folded := pipeline.FoldValue(caption)
	number := ""
	if m := captionStart.FindStringSubmatch(caption); m != nil {
		number = strings.ToLower(m[1])
	}
	for _, r := range p.Captions {
		if ok, _ := path.Match(r.Report, report.Table); !ok || r.Partner != report.Partner {
			continue
		}
		switch {
		case strings.Contains(r.Caption, "{number}"):
			if number == "" {
				continue
			}
		case !strings.Contains(folded, pipeline.FoldValue(r.Caption)):
			continue
		}
		name.Table = strings.NewReplacer("{report}", report.Table, "{number}", number).Replace(r.Table)
		return name, true
	}
	return name, false
}
