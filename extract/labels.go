package extract

import (
	"fmt"
	"strings"

	"github.com/svmn/klacht/pipeline"
)

// Labels are the canonical labels of the partner tables, as the published
// tables spell them: for a table (Labels.key), each label's LabelKey and the
// label. A table without any is read as printed.
type Labels map[string]map[string]string

// AddLabel adds a canonical label of a partner's table.
func (l Labels) AddLabel(partner, table, label string) {
	k := partner + "/" + table
	if l[k] == nil {
		l[k] = map[string]string{}
	}
	l[k][LabelKey(label)] = label
}

// LabelKey is what two spellings of one label share: case, accents, white
// space, spaces around '/' and a trailing footnote marker aside
// ('Gegrond' and 'gegrond'; 'Familie / Thuis*' and 'Familie/Thuis').
func LabelKey(s string) string {
	return pipeline.FoldValue(pipeline.CleanLabel(strings.TrimRight(s, "* ")))
}

// canonicalLabels sets the labels of a table's cells to the canonical ones.
// A cell whose row, section or column has a label that matches none is a
// reject, and is left out of the table.
func (p *Partners) canonicalLabels(rel string, t *Table) {
	known := p.Labels[t.Name.Partner+"/"+t.Name.Table]
	if len(known) == 0 {
		return
	}
	kept := t.Cells[:0]
	for _, c := range t.Cells {
		ok := true
		for _, f := range []struct {
			field string
			label *string
		}{{"row", &c.RowLabel}, {"section", &c.Section}, {"column", &c.ColumnPath}} {
			if *f.label == "" || isYear(*f.label) {
				continue
			}
			canonical, found := known[LabelKey(*f.label)]
			if !found {
				p.Journal.Reject(t.Name.Year, true, &pipeline.Error{Loc: pipeline.Location{File: rel, Page: c.Page, Row: c.Line, Col: c.Column},
					Field: f.field, Value: *f.label, Err: fmt.Errorf("%q is no %s label of table %s: if it is new, add it to config/data/partner_labels.csv; else correct the spelling", *f.label, f.field, t.Name)})
				ok = false
				break
			}
			*f.label = canonical
		}
		if canonical, found := known[LabelKey(c.ColumnGroup)]; found {
			c.ColumnGroup = canonical
		}
		if ok {
			kept = append(kept, c)
		}
	}
	t.Cells = kept
}
