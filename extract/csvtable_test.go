package extract

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"github.com/svmn/klacht/pipeline"
)

func TestParseNumber(t *testing.T) {
	for _, tc := range []struct {
		in       string
		want     float64
		percent  bool
		decimals int
		dash     bool
		ok       bool
	}{
		{"1.082", 1082, false, 0, false, true},
		{"1082", 1082, false, 0, false, true},
		{"10.572", 10572, false, 0, false, true},
		{"1.234.567", 1234567, false, 0, false, true},
		{"8,7", 8.7, false, 1, false, true},
		{"1.082,5", 1082.5, false, 1, false, true},
		{"69%", 69, true, 0, false, true},
		{"69 %", 69, true, 0, false, true},
		{"22,4 %", 22.4, true, 1, false, true},
		{"12*", 12, false, 0, false, true},
		{"\u00a043\u00a0", 43, false, 0, false, true},
		{"-2", -2, false, 0, false, true},
		{"0", 0, false, 0, false, true},
		{"-", 0, false, 0, true, true},
		{"", 0, false, 0, false, false},
	} {
		t.Run(tc.in, func(t *testing.T) {
			n, ok, err := ParseNumber(tc.in)
			if err != nil || ok != tc.ok || n.Value != tc.want || n.Percent != tc.percent || n.Decimals != tc.decimals || n.Dash != tc.dash {
				t.Errorf("ParseNumber(%q) = %+v, %v, %v", tc.in, n, ok, err)
			}
		})
	}
	for _, in := range []string{"8.7", "1.08", "12.3456", "1,2,3", "zestig", "12 cliënten", "%", "1.082.5", "--2", "2-"} {
		t.Run("error "+in, func(t *testing.T) {
			if n, ok, err := ParseNumber(in); !errors.Is(err, ErrNumber) {
				t.Errorf("ParseNumber(%q) = %+v, %v, %v; want ErrNumber", in, n, ok, err)
			}
		})
	}
}

// cells renders a table's cells as "row|section|kind|rank|column|group|value unit".
func cells(tb *Table) []string {
	var out []string
	for _, c := range tb.Cells {
		v := "-"
		if c.Value != nil {
			v = fmt.Sprint(*c.Value)
		}
		out = append(out, fmt.Sprintf("%s|%s|%s|%d|%s|%s|%s %s", c.RowLabel, c.Section, c.RowKind, c.Rank, c.ColumnPath, c.ColumnGroup, v, c.Unit))
	}
	return out
}

func TestParseTable(t *testing.T) {
	afhandeling := TableSpec{Sections: []string{"Informeel", "Formeel"}, GroupUnits: []string{"count", "percent"}}
	for _, tc := range []struct {
		name, data string
		spec       TableSpec
		shape      string
		delim      string
		want       []string
	}{
		{
			name:  "spanning group over a count and a percent column, unlabelled total",
			data:  "Cliënten AKJ;Veilig Thuis Utrecht;;SAVE Utrecht;\nOuders;60;69%;220;73%\n;87;;302;\n",
			shape: ShapeGrid, delim: ";",
			want: []string{
				"Ouders||detail|0|Veilig Thuis Utrecht|Veilig Thuis Utrecht|60 count", "Ouders||detail|0|Veilig Thuis Utrecht|Veilig Thuis Utrecht|69 percent",
				"Ouders||detail|0|SAVE Utrecht|SAVE Utrecht|220 count", "Ouders||detail|0|SAVE Utrecht|SAVE Utrecht|73 percent",
				"||total|0|Veilig Thuis Utrecht|Veilig Thuis Utrecht|87 count", "||total|0|SAVE Utrecht|SAVE Utrecht|302 count",
			},
		},
		{
			name:  "a group line over sub-headers; the spec's units where no % is printed",
			data:  "\tVeilig Thuis Utrecht\t\n\taantal\t%\nInformeel\t50\t\nGesprek leidinggevende\t25\t50\n",
			spec:  afhandeling,
			shape: ShapeGrid, delim: "\t",
			want: []string{
				"Informeel|Informeel|section|0|Veilig Thuis Utrecht aantal|Veilig Thuis Utrecht|50 count",
				"Gesprek leidinggevende|Informeel|detail|0|Veilig Thuis Utrecht aantal|Veilig Thuis Utrecht|25 count",
				"Gesprek leidinggevende|Informeel|detail|0|Veilig Thuis Utrecht %|Veilig Thuis Utrecht|50 percent",
			},
		},
		{
			name:  "headers over lines, years are headers, hyphens join, labels cleaned",
			data:  `"Tabel A. Clients",,` + "\n" + `,"Totaal","KC-BB-"` + "\n" + `,"2016","TR: niet-` + "\n" + `ontvankelijk"` + "\n" + `"Familie / Thuis","1.082","8,7"` + "\n" + `"Totaal aantal","10.572","-"` + "\n",
			shape: ShapeGrid, delim: ",",
			want: []string{
				"Familie/Thuis||detail|0|Totaal 2016|Totaal|1082 count", "Familie/Thuis||detail|0|KC-BB-TR: niet-ontvankelijk|KC-BB-|8.7 count",
				"Totaal aantal||total|0|Totaal 2016|Totaal|10572 count",
			},
		},
		{
			name:  "page headers repeated, page numbers and footnotes skipped",
			data:  ";Totaal;Nieuw\nJeugdigen*;29;24\nPagina 2\n;Totaal;Nieuw\nOuders;38;33\n* Ter beoordeling van de cliënt\n",
			shape: ShapeGrid, delim: ";",
			want: []string{"Jeugdigen||detail|0|Totaal|Totaal|29 count", "Jeugdigen||detail|0|Nieuw|Nieuw|24 count", "Ouders||detail|0|Totaal|Totaal|38 count", "Ouders||detail|0|Nieuw|Nieuw|33 count"},
		},
		{
			name:  "top 3 with bracketed counts, items wrapped over lines",
			data:  "Totaal 2016\tTotaal 2015\n1.  Werkwijze instantie (1.446)\t1.  Woonsituatie / Groep /\n2.  Wetgeving (1.090)\tGroepsgenoten\n\t (634)\n",
			shape: ShapeTop3, delim: "\t",
			want: []string{"Werkwijze instantie||detail|1|Totaal 2016|Totaal 2016|1446 count", "Woonsituatie/Groep/Groepsgenoten||detail|1|Totaal 2015|Totaal 2015|634 count", "Wetgeving||detail|2|Totaal 2016|Totaal 2016|1090 count"},
		},
		{
			name:  "a ranking in sections",
			data:  "Tabel 9a. Top 3\nVragen\n1. Wetgeving\n2. Werkwijze instantie\nProblemen\n1. Familie / Thuis\n",
			shape: ShapeRanking, delim: ",",
			want: []string{"Wetgeving|Vragen|detail|1|||- none", "Werkwijze instantie|Vragen|detail|2|||- none", "Familie/Thuis|Problemen|detail|1|||- none"},
		},
		{
			name:  "a list",
			data:  "\xef\xbb\xbfTabel 8a. Instanties\nDe Hartekampgroep\nDe Jeugd- & Gezinsbeschermers\n",
			shape: ShapeList, delim: ",",
			want: []string{"De Hartekampgroep||detail|0|||- none", "De Jeugd- & Gezinsbeschermers||detail|0|||- none"},
		},
		{
			name:  "years across, one unlabelled row",
			data:  "Hoorzittingen KJMN,2021,2020\n,23,19\n",
			shape: ShapeGrid, delim: ",",
			want: []string{"||detail|0|2021|2021|23 count", "||detail|0|2020|2020|19 count"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tb, err := ParseTable("t.csv", TableName{"akj", 2021, "t"}, tc.spec, []byte(tc.data))
			if err != nil {
				t.Fatal(err)
			}
			if tb.Shape != tc.shape || tb.Delimiter != tc.delim {
				t.Errorf("shape %q, delimiter %q; want %q, %q", tb.Shape, tb.Delimiter, tc.shape, tc.delim)
			}
			if got := cells(tb); strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("cells\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

func TestParseTableEncodings(t *testing.T) {
	text := "Cliënten;Één\nJeugdigen;29\n"
	cp1252, err := charmap.Windows1252.NewEncoder().String(text)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ data, enc string }{
		{text, "utf-8"},
		{"\xef\xbb\xbf" + text, "utf-8-bom"},
		{cp1252, "windows-1252"},
	} {
		t.Run(tc.enc, func(t *testing.T) {
			tb, err := ParseTable("t.csv", TableName{}, TableSpec{}, []byte(tc.data))
			if err != nil {
				t.Fatal(err)
			}
			if tb.Encoding != tc.enc || tb.Cells[0].ColumnPath != "Één" {
				t.Errorf("encoding %q, header %q", tb.Encoding, tb.Cells[0].ColumnPath)
			}
		})
	}
}

func TestParseTableErrors(t *testing.T) {
	for _, tc := range []struct{ name, data, at, says string }{
		{"a value that is no number", ";Totaal\nOuders;60\nJongere;vier\n", "t.csv:3:2", `"vier": not a number`},
		{"a decimal point", ";Totaal\nJeugdigen;8.7\n", "t.csv:2:2", "not a number"},
		{"binary", "PK\x03\x04\x00\x00", "t.csv", "not a text file"},
		{"bad UTF-8 after a BOM", "\xef\xbb\xbfa;\xff\n", "t.csv", "starts as UTF-8"},
		{"only a header", ";Totaal;Nieuw\n", "t.csv", "no table found"},
		{"a list with a second column", "Tabel 8a\nDe Hartekampgroep\nKenter;Jeugdhulp\n", "t.csv:3:2", "a list table has one column"},
		{"a ranked table with stray text", "Totaal 2016;Totaal 2015\n1. Wetgeving (12);1. Wetgeving (10)\nzomaar;\n", "t.csv:3:1", "neither a ranked item"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseTable("t.csv", TableName{}, TableSpec{}, []byte(tc.data))
			var pe *pipeline.Error
			if !errors.As(err, &pe) || !strings.HasPrefix(err.Error(), tc.at) || !strings.Contains(err.Error(), tc.says) {
				t.Errorf("err %v; want %s: ...%s", err, tc.at, tc.says)
			}
		})
	}
}

func TestParseName(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want TableName
		ok   bool
	}{
		{"partners/akj_2021_afhandeling.csv", TableName{"akj", 2021, "afhandeling"}, true},
		{"AKJ_2016_Haarlem_Tabel_2c.csv", TableName{"akj", 2016, "haarlem_tabel_2c"}, true},
		{"kjmn_2019_klachtonderdelen.csv", TableName{"kjmn", 2019, "klachtonderdelen"}, true},
		{"AKJ jaarverslag tabel 3.csv", TableName{}, false},
		{"akj_21_afhandeling.csv", TableName{}, false},
	} {
		got, ok := ParseName(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("ParseName(%q) = %v, %v", tc.in, got, ok)
		}
	}
}
