package main

import (
	"archive/zip"
	"bufio"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// The columns of a generated register: 12, as in the figures.
var header = []string{"Datum klachtgesprek", "Datum verslag verzonden", "Klager", "Regio", "Ondersteuning", "Maatregel",
	"Categorie 1", "Categorie 2", "Verzoek andere gezinsvoogd", "Complexe scheiding", "Dossiernummer", "Opmerkingen"}

var values = [][]string{
	nil, nil,
	{"Moeder", "Vader", "Beide ouders", "Jeugdige", "Familie/Pleegouders"},
	{"Utrecht Stad", "Lekstroom", "Eemland", "Foodvalley", "Flevoland Noord"},
	{"AKJ", "Advocaat", "Hulpverlener", "Familielid/kennis", "Geen"},
	{"OTS", "OTS + JR", "JR", "Voogdij", "Preventieve jeugdbescherming"},
	{"Bejegening", "Communicatie", "Andere verwachtingen", "Partijdigheid", "Onjuiste procedure"},
	{"", "Nakomen toezeggingen", "Onjuiste rapportage", "", "Bejegening"},
	{"ja", "nee", "nee", "nee", "nee"},
	{"x", "", "", "", ""},
	nil,
	{"", "Gesprek over de samenwerking", "Verslag besproken", "", "Klager tevreden"},
}

// categoriesOf are each year's lists (config/data/categories.csv), so that
// a generated register holds only values of its year.
var categoriesOf = map[int][]string{
	2018: {"Bejegening", "Rapportages", "Bereikbaarheid", "Beslissingen", "Overig"},
	2019: {"Omgang, bejegening, niet gehoord/niet serieus genomen voelen, partijdigheid, onvoldoende actie/betrokken", "Rapportages", "Bereikbaarheid", "Overig", "Overig"},
	2020: {"Handelen van de medewerker", "Onjuiste rapportage", "Bejegening", "Bereikbaarheid", "Communicatie"},
}

// valuesOf returns the values of year's registers.
func valuesOf(year int) [][]string {
	v := append([][]string(nil), values...)
	if cats, ok := categoriesOf[year]; ok {
		v[6] = cats
		v[7] = []string{"", "", "", "", ""} // one category per complaint until 2020
		v[2] = []string{"Moeder", "Vader", "Beide ouders", "Jeugdige", "Grootouders"}
	}
	return v
}

// writeRegister writes a shared-strings workbook of n rows, as Excel does:
// the sheet XML refers to a shared strings table.
func writeRegister(path string, n int, year int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	zw := zip.NewWriter(f)
	add := func(name, body string) {
		w, _ := zw.Create(name)
		io.WriteString(w, body)
	}
	add("[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`)
	add("_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`)
	add("xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Registratie" sheetId="1" r:id="rId1"/></sheets></workbook>`)
	add("xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`)
	add("xl/styles.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="d-m-yyyy"/></numFmts><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`)

	// Shared strings: the header, the coded values, then one dossier number per row.
	sst := map[string]int{}
	var list []string
	idx := func(s string) int {
		if i, ok := sst[s]; ok {
			return i
		}
		sst[s] = len(list)
		list = append(list, s)
		return len(list) - 1
	}
	for _, h := range header {
		idx(h)
	}
	values := valuesOf(year)
	for _, vs := range values {
		for _, v := range vs {
			if v != "" {
				idx(v)
			}
		}
	}
	w, _ := zw.Create("xl/worksheets/sheet1.xml")
	bw := bufio.NewWriterSize(w, 1<<20)
	bw.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:L` + strconv.Itoa(n+1) + `"/><sheetData><row r="1">`)
	for j, h := range header {
		fmt.Fprintf(bw, `<c r="%c1" t="s"><v>%d</v></c>`, 'A'+j, idx(h))
	}
	bw.WriteString(`</row>`)
	base := 44197 + (year-2021)*365 // 1-1-year as an Excel serial
	for i := 0; i < n; i++ {
		r := i + 2
		fmt.Fprintf(bw, `<row r="%d">`, r)
		day := base + i%360
		fmt.Fprintf(bw, `<c r="A%d" s="1"><v>%d</v></c><c r="B%d" s="1"><v>%d</v></c>`, r, day, r, day+3+i%20)
		for j := 2; j < 12; j++ {
			var v string
			if j == 10 {
				v = "D" + strconv.Itoa(year) + "-" + strconv.Itoa(1000000+i)
			} else {
				v = values[j][(i*7+j*3)%len(values[j])]
			}
			if v == "" {
				continue
			}
			fmt.Fprintf(bw, `<c r="%c%d" t="s"><v>%d</v></c>`, 'A'+j, r, idx(v))
		}
		bw.WriteString(`</row>`)
	}
	bw.WriteString(`</sheetData></worksheet>`)
	if err := bw.Flush(); err != nil {
		return err
	}
	sw, _ := zw.Create("xl/sharedStrings.xml")
	sb := bufio.NewWriterSize(sw, 1<<20)
	fmt.Fprintf(sb, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">`, len(list), len(list))
	for _, s := range list {
		sb.WriteString(`<si><t>`)
		sb.WriteString(strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s))
		sb.WriteString(`</t></si>`)
	}
	sb.WriteString(`</sst>`)
	if err := sb.Flush(); err != nil {
		return err
	}
	return zw.Close()
}
