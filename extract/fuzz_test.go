package extract

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/svmn/klacht/pipeline"
)

// The corpus found by fuzzing is kept in testdata/fuzz and runs with every
// go test; go test -fuzz FuzzParseNumber ./extract extends it.

func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"1.082", "8,7", "69%", "22,4 %", "-", "", "12*", "1.234.567,89", "8.7", "-0", "00,0", "9999999999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, ok, err := ParseNumber(s)
		if err != nil {
			if !errors.Is(err, ErrNumber) || ok {
				t.Fatalf("ParseNumber(%q): ok %v with error %v", s, ok, err)
			}
			return
		}
		if !ok || n.Dash {
			return
		}
		if math.IsNaN(n.Value) || math.IsInf(n.Value, 0) {
			t.Fatalf("ParseNumber(%q) = %v", s, n.Value)
		}
		// Written back the Dutch way, it reads the same.
		back := strings.ReplaceAll(strconv.FormatFloat(n.Value, 'f', n.Decimals, 64), ".", ",")
		m, ok, err := ParseNumber(back)
		if err != nil || !ok || m.Value != n.Value {
			t.Fatalf("ParseNumber(%q) = %v, but %q reads %v, %v", s, n.Value, back, m.Value, err)
		}
	})
}

func FuzzParseTable(f *testing.F) {
	for _, s := range []string{
		"Cliënten AKJ;Veilig Thuis Utrecht;;SAVE Utrecht;\nOuders;60;69%;220;73%\n;87;;302;\n",
		"Totaal 2016\tTotaal 2015\n1.  Werkwijze instantie (1.446)\t1.  Woonsituatie / Groep /\n\tGroepsgenoten (634)\n",
		"Tabel 9a\nVragen\n1. Wetgeving\n",
		`"","Opgelost` + "\n" + `/ KC-BB-","Totaal"` + "\n" + `"Gesprek","1","2"` + "\n",
		"\xef\xbb\xbf;Totaal\nJeugdigen;8,7\n",
		"Hoorzittingen KJMN,2021,2020\n,23,19\n",
	} {
		f.Add([]byte(s))
	}
	spec := TableSpec{Sections: []string{"Informeel"}, GroupUnits: []string{"count", "percent"}}
	f.Fuzz(func(t *testing.T, data []byte) {
		tb, err := ParseTable("f.csv", TableName{"akj", 2021, "f"}, spec, data)
		if err != nil {
			var pe *pipeline.Error
			if !errors.As(err, &pe) || pe.Loc.File != "f.csv" {
				t.Fatalf("error without its place: %v", err)
			}
			return
		}
		if len(tb.Cells) == 0 {
			t.Fatal("a table without cells")
		}
		for _, c := range tb.Cells {
			if c.Line < 1 || c.Column < 1 || c.RowNumber < 1 {
				t.Fatalf("cell without its place: %+v", c)
			}
			switch c.Unit {
			case pipeline.UnitCount, pipeline.UnitPercent:
				if c.Value == nil {
					t.Fatalf("a %s without a value: %+v", c.Unit, c)
				}
			case pipeline.UnitNone:
			default:
				t.Fatalf("unit %q", c.Unit)
			}
		}
	})
}
