package sample

import (
	"embed"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"
)

// How the sample's registers are saved (Options.Registers).
const (
	// RegistersMixed, the bundled sample: as excelize writes them, but for
	// two that LibreOffice saved, one as .ods and one as .xlsx.
	RegistersMixed = ""
	// RegistersGenerated: every register as excelize writes it, the source
	// of LibreOffice's saves (scripts/libreoffice-fixtures.sh).
	RegistersGenerated = "generated"
	// RegistersODS and RegistersXLSX: every register as LibreOffice saved it.
	RegistersODS  = "libreoffice-ods"
	RegistersXLSX = "libreoffice-xlsx"
)

// RegisterFormats are the values of Options.Registers.
var RegisterFormats = []string{RegistersMixed, RegistersGenerated, RegistersODS, RegistersXLSX}

// libreoffice holds every register of the generated sample as LibreOffice
// saved it: ods/<path>.ods and xlsx/<path>.xlsx.
//
//go:embed testdata/libreoffice
var libreoffice embed.FS

// Options choose what Write adds to the clean sample.
type Options struct {
	// Registers says how the registers are saved: one of RegisterFormats.
	// A register that Errors changes is always written as generated.
	Registers string
	// Errors adds what klacht must reject: an .xls, a corrupt and an
	// encrypted workbook, a sheet without a known header, values no synonym
	// maps, a row without a year, and partner CSVs it cannot read. It
	// changes no published figure.
	Errors bool
	// Dialect writes every partner table in one of Dialects; empty mixes
	// them, table by table.
	Dialect string
	// PDF, one of PDFLayouts, puts the partner reports themselves in the
	// input, as PDF in that layout, instead of their tables as CSV.
	PDF string
}

// reports holds the partner reports as PDF in every layout:
// pdf/<layout>/<report>.pdf, built by pdfgen (go generate).
//
//go:embed testdata/pdf
var reports embed.FS

// Write writes the sample registers under dir.
func Write(dir string, opts Options) error {
	all := conversations()
	if opts.Errors {
		// Three cells no rule can read; no field is in a published table:
		// a neighbour, who is no complainant group, and a mother misspelt.
		byRegion(all, 2020, utStad)[2].complainant = "Buurvrouw"
		byRegion(all, 2020, foodvalle)[1].badReportDate = "31-02-2020"
		moder := misspelt(byRegion(all, 2020, eemland), "Moeder", "Moder")
		// Two values of other years' lists: loaded as registered, and flagged.
		byRegion(all, 2020, lekstroom)[0].complainant = "Familie/Pleegouders"
		byRegion(all, 2018, eemland)[0].categories = []string{"Partijdigheid"}
		for _, c := range []*conv{byRegion(all, 2020, utStad)[2], byRegion(all, 2020, foodvalle)[1], moder, byRegion(all, 2020, lekstroom)[0], byRegion(all, 2018, eemland)[0]} {
			c.altered = true
		}
	}
	if !slices.Contains(RegisterFormats, opts.Registers) {
		return fmt.Errorf("sample: registers %q: want one of %q", opts.Registers, RegisterFormats)
	}
	for _, wb := range workbooks(all) {
		var err error
		if saved := wb.savedBy(opts.Registers); saved != "" {
			err = wb.copySaved(dir, saved)
		} else {
			err = wb.write(dir)
		}
		if err != nil {
			return fmt.Errorf("sample %s: %w", wb.path, err)
		}
	}
	// Excel leaves a lock file beside a workbook that is open.
	if err := writeFile(dir, "2021/~$Klachtenregistratie 2021 Lekstroom.xlsx", []byte("\x0bSAVE Lekstroom\x00\x00")); err != nil {
		return err
	}
	if err := writePartners(dir, opts.Dialect, opts.PDF); err != nil {
		return err
	}
	if opts.Errors {
		return writeErrors(dir)
	}
	return nil
}

// misspelt gives the first of convs whose complainant is want the
// complainant typed as typo, and returns it.
func misspelt(convs []*conv, want, typo string) *conv {
	i := slices.IndexFunc(convs, func(c *conv) bool { return c.complainant == want })
	convs[i].complainant = typo
	return convs[i]
}

// writePartners writes the partner tables under dir/partners: as CSV, or
// the reports as PDF in layout pdf.
func writePartners(dir, dialect, pdf string) error {
	if pdf != "" {
		if !slices.Contains(PDFLayouts, pdf) {
			return fmt.Errorf("sample: PDF layout %q: want one of %q", pdf, PDFLayouts)
		}
		for _, r := range partnerReports {
			b, err := reports.ReadFile("testdata/pdf/" + pdf + "/" + r.file)
			if err != nil {
				return err
			}
			if err := writeFile(dir, "partners/"+r.file, b); err != nil {
				return err
			}
		}
		return nil
	}
	for i, t := range printed {
		d := dialect
		if d == "" {
			d = Dialects[i%len(Dialects)]
		}
		b, err := partnerCSV(d, t.text)
		if err != nil {
			return fmt.Errorf("sample %s (%s): %w", t.file, d, err)
		}
		if err := writeFile(dir, "partners/"+t.file, b); err != nil {
			return err
		}
	}
	return nil
}

func writeFile(dir, rel string, b []byte) error {
	path := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}

// workbooks lays the conversations out as the regions keep them.
func workbooks(all map[int][]*conv) []workbook {
	forms := []string{"Dashboard", "Lijsten", "Toelichting"}
	return []workbook{
		// 2018: a workbook per province with a sheet per region (region from
		// the sheet name, year from the file name).
		{path: "2018/Klachtenregistratie 2018 Flevoland.xlsx", mixed: "xlsx", extra: []string{"Lijsten"}, sheets: []sheet{
			{name: flevNoord, rows: byRegion(all, 2018, flevNoord), blankAfter: []int{4}, total: true,
				cols: cols(volgnr, received("Datum ontvangst", excelDate), held("Datum klachtgesprek", excelDate), reported("Verslag verstuurd", excelDate),
					complainant("Klager"), measure("Maatregel"), support("Ondersteuning"), categorySingle("Aard klacht"), identifying())},
			{name: flevZuid, rows: byRegion(all, 2018, flevZuid),
				cols: cols(held("Datum gesprek", excelDate), complainant("Klager"), support("Ondersteund door"), measure("Kader"), categorySingle("Aard klacht"), identifying()[2])},
		}},
		// A workbook for four regions, with a Regio column, a merged title,
		// blank rows, a Totaal row and a Dashboard; inline strings.
		{path: "2018/Klachtenregistratie SAVE Utrecht 2018.xlsx", stream: true, extra: []string{"Dashboard"}, sheets: []sheet{
			{name: "Registratie", title: "Klachtenregistratie SAVE Utrecht 2018", blankAfter: []int{10, 11, 40}, total: true,
				rows: cat(byRegion(all, 2018, utStad), byRegion(all, 2018, utZOW), byRegion(all, 2018, lekstroom), byRegion(all, 2018, foodvalle)),
				cols: cols(volgnr, region("Regio"), held("Datum klachtgesprek", excelDate), reported("Datum verslag verzonden", excelDate),
					complainant("Klager"), measure("Maatregel"), support("Ondersteuning"), categorySingle("Aard klacht"), identifying())},
		}},
		// Eemland keeps one workbook with a sheet per year.
		{path: "Eemland/Klachtenregistratie Eemland.xlsx", extra: []string{"Lijsten"}, sheets: []sheet{
			{name: "2018", rows: byRegion(all, 2018, eemland),
				cols: cols(text("Onderdeel", func(*conv) string { return "SAVE" }), held("Datum klachtgesprek", dmyyyy), complainant("Klager"), measure("Maatregel"), support("Ondersteuning"), categorySingle("Aard klacht"))},
			{name: "2019", rows: byRegion(all, 2019, eemland), hidden: []int{3, 4},
				cols: cols(text("Onderdeel", func(*conv) string { return "SAVE" }), held("Datum klachtgesprek", dmyyyy), complainant("Klager"), measure("Maatregel"), support("Ondersteuning"), categorySingle("Aard klacht"), requestOther("Verzoek andere gezinsvoogd"))},
			{name: "2020", rows: byRegion(all, 2020, eemland),
				cols: cols(text("Onderdeel", func(*conv) string { return "SAVE Jeugdbescherming" }), held("Datum klachtgesprek", iso), reported("Verslag verstuurd", iso), complainant("Klager"), measure("Maatregel"), support("Ondersteuning"), categorySingle("Aard klacht"))},
			{name: "2021", rows: byRegion(all, 2021, eemland), total: true,
				cols: cols(held("Datum klachtgesprek", excelDate), reported("Verslag verstuurd", excelDate), complainant("Klager"), support("Ondersteuning"), measure("Maatregel"), categoryNumbered(), requestOther("Verzoek andere gezinsvoogd"), identifying())},
		}},
		{path: "Veilig Thuis/Klachten Veilig Thuis 2018.xlsx", sheets: []sheet{
			{name: "Blad1", rows: byRegion(all, 2018, ""),
				cols: cols(received("Ontvangen", serial), held("Datum gesprek", serial), complainant("Wie klaagt"), support("Ondersteuning"), categorySingle("Aard klacht"), identifying()[0])},
		}},

		// 2019: a workbook per region, in many hands.
		{path: "2019/Klachtenregistratie 2019 Flevoland Noord.xlsx", sheets: []sheet{
			{name: "Registratie", rows: byRegion(all, 2019, flevNoord), autofilter: true, blankAfter: []int{7},
				cols: cols(held("Datum klachtgesprek", dmyyyy), reported("Datum verslag verzonden", dmyyyy), complainant("Klager"), partner(), measure("Maatregel"), support("Ondersteuning"), categorySingle("Aard klacht"), requestOther("Verzoek andere gezinsvoogd"), identifying())},
		}},
		{path: "2019/Klachtenregistratie 2019 Flevoland Zuid.xlsx", sheets: []sheet{
			{name: "Registratie", title: "Klachtenregistratie SAVE Flevoland Zuid 2019", rows: byRegion(all, 2019, flevZuid),
				cols: cols(volgnr, support("Ondersteuning"), complainant("Klager"), held("Datum klachtgesprek", ddmmyy), measure("Kader"), categorySingle("Aard klacht"), requestOther("Wisseling medewerker gevraagd"))},
		}},
		{path: "2019/Klachtenregistratie 2019 Utrecht Stad.xlsx", extra: forms, sheets: []sheet{
			{name: "Registratie", rows: byRegion(all, 2019, utStad), hidden: []int{0, 12, 13},
				cols: cols(held("Datum klachtgesprek", excelDate), complainant("Klager"), measure("Maatregel"), support("Ondersteuning"), categoryColumns(categoryLists[2019]), requestOther("Verzoek andere gezinsvoogd"), identifying())},
		}},
		{path: "2019/Klachtenregistratie 2019 Utrecht Zuidoost-West.xlsx", mixed: "ods", sheets: []sheet{
			{name: "Registratie", rows: byRegion(all, 2019, utZOW), total: true,
				cols: cols(held("Datum klachtgesprek", dutch), complainant("Klager"), measure("Maatregel"), support("Ondersteuning"), categorySingle("Aard klacht"), requestOther("Verzoek andere gezinsvoogd"))},
		}},
		{path: "2019/Lekstroom en Foodvalley.xlsx", sheets: []sheet{
			{name: lekstroom, title: "Klachtenregistratie 2019", rows: byRegion(all, 2019, lekstroom),
				cols: cols(held("Datum klachtgesprek", serial), complainant("Klager"), measure("Maatregel"), support("Ondersteuning"), categorySingle("Aard klacht"), requestOther("Verzoek andere gezinsvoogd"))},
			{name: foodvalle, title: "Klachtenregistratie 2019", rows: byRegion(all, 2019, foodvalle),
				cols: cols(held("Datum klachtgesprek", mixed), complainant("Klager"), measure("Maatregel"), support("Ondersteuning"), categorySingle("Aard klacht"), requestOther("Verzoek andere gezinsvoogd"))},
		}},
		{path: "2019/Klachtenregistratie 2019 Veilig Thuis Utrecht.xlsx", sheets: []sheet{
			{name: "Registratie", rows: byRegion(all, 2019, ""),
				cols: cols(org("Organisatie"), held("Datum klachtgesprek", excelDate), complainant("Klager"), support("Ondersteuning"), categorySingle("Aard klacht"))},
		}},

		// 2020: one workbook with a sheet per region, and the form's other sheets.
		{path: "2020/Klachtenregistratie SAVE Jeugdbescherming 2020.xlsx", extra: forms, sheets: []sheet{
			{name: flevNoord, rows: byRegion(all, 2020, flevNoord), cols: form2020(excelDate)},
			{name: flevZuid, rows: byRegion(all, 2020, flevZuid), cols: form2020(dmyyyy)},
			{name: utStad, rows: byRegion(all, 2020, utStad), cols: form2020(iso), blankAfter: []int{2}},
			{name: "Utrecht Zuidoost-West", rows: byRegion(all, 2020, utZOW), cols: form2020(mixed), hidden: []int{20}},
			{name: lekstroom, rows: byRegion(all, 2020, lekstroom), cols: form2020(excelDate), total: true},
			{name: foodvalle, rows: byRegion(all, 2020, foodvalle), cols: form2020(ddmmyy)},
		}},
		{path: "2020/VT 2020.xlsx", sheets: []sheet{
			{name: "Klachten", rows: byRegion(all, 2020, ""),
				cols: cols(volgnr, received("Datum klacht ontvangen", excelDate), held("Datum klachtgesprek", excelDate), reported("Datum verslag verzonden", excelDate), complainant("Klager"), support("Ondersteuning"), categorySingle("Aard klacht"), identifying())},
		}},

		// 2021: the new category list, up to five per complaint.
		{path: "2021/Klachtenregistratie 2021 Flevoland.xlsx", extra: []string{"Lijsten"}, sheets: []sheet{
			{name: "Registratie 2021", rows: cat(byRegion(all, 2021, flevNoord), byRegion(all, 2021, flevZuid)),
				cols: cols(spelled("Team", func(c *conv) string { return c.region }, map[string][]string{flevNoord: {"flevoland noord", "Flevoland Noord"}, flevZuid: {"Flevoland Zuid ", "FLEVOLAND ZUID"}}),
					held("Datum klachtgesprek", excelDate), reported("Datum verslag verzonden", excelDate), complainant("Klager"), partner(), support("Ondersteuning"), measure("Maatregel"), categoryNumbered(), requestOther("Verzoek andere gezinsvoogd"), divorce(), identifying())},
		}},
		{path: "2021/Klachtenregistratie 2021 Utrecht Stad.xlsx", sheets: []sheet{
			{name: "Registratie", title: "Klachtenregistratie SAVE Jeugdbescherming Utrecht Stad 2021", rows: byRegion(all, 2021, utStad), total: true,
				cols: cols(held("Datum klachtgesprek", dmyyyy), reported("Verslag verstuurd", dmyyyy), complainant("Klager"), support("Ondersteuning"), measure("Maatregel"), categoryInOneCell("Categorieën"), requestOther("Verzoek andere gezinsvoogd"), identifying())},
		}},
		{path: "2021/Klachtenregistratie 2021 Utrecht Zuidoost.xlsx", stream: true, sheets: []sheet{
			{name: "Registratie", rows: byRegion(all, 2021, utZO), blankAfter: []int{5},
				cols: cols(volgnr, held("Datum klachtgesprek", excelDate), reported("Datum verslag verzonden", excelDate), complainant("Klager"), support("Ondersteuning"), measure("Maatregel"), categoryNumbered(), requestOther("Verzoek andere gezinsvoogd"), identifying())},
		}},
		{path: "2021/Klachtenregistratie 2021 Utrecht West.xlsx", sheets: []sheet{
			{name: "Registratie", rows: byRegion(all, 2021, utWest), autofilter: true,
				cols: cols(held("Datum klachtgesprek", ddmmyy), complainant("Klager"), support("Ondersteuning"), measure("Maatregel"), categoryColumns(categoryLists[2021]), requestOther("Verzoek andere gezinsvoogd"))},
		}},
		{path: "2021/Klachtenregistratie 2021 Lekstroom.xlsx", extra: forms, sheets: []sheet{
			{name: "Registratie", rows: byRegion(all, 2021, lekstroom), hidden: []int{1},
				cols: cols(held("Datum klachtgesprek", iso), reported("Datum verslag verzonden", iso), complainant("Klager"), support("Ondersteuning"), measure("Maatregel"), categoryNumbered(), requestOther("Verzoek andere gezinsvoogd"), identifying())},
		}},
		// No year in any name: the year comes from the conversation dates,
		// which this workbook keeps in the 1904 date system.
		{path: "2021/Foodvalley/Registratie Foodvalley.xlsx", date1904: true, sheets: []sheet{
			{name: "Registratie", rows: byRegion(all, 2021, foodvalle),
				cols: cols(held("Datum klachtgesprek", excelDate), reported("Datum verslag verzonden", excelDate), complainant("Klager"), support("Ondersteuning"), measure("Maatregel"), categoryInOneCell("Categorie"), requestOther("Verzoek andere gezinsvoogd"))},
		}},
		{path: "2021/Klachtenregistratie 2021 Veilig Thuis Utrecht.xlsx", stream: true, sheets: []sheet{
			{name: "Registratie", title: "Klachtenregistratie Veilig Thuis Utrecht 2021", rows: byRegion(all, 2021, ""), total: true,
				cols: cols(org("Organisatie"), held("Datum klachtgesprek", excelDate), reported("Datum verslag verzonden", excelDate), complainant("Klager"), partner(), support("Ondersteuning"), categoryNumbered(), identifying())},
		}},
	}
}

// form2020 is the 2020 registration form, with its date form.
func form2020(f dateForm) []column {
	return cols(org("Organisatie"), received("Datum ontvangst", f), held("Datum klachtgesprek", f), reported("Datum verslag verzonden", f),
		complainant("Klager"), measure("Maatregel"), support("Ondersteuning"), categorySingle("Aard klacht"), divorce(), identifying())
}

func cat(lists ...[]*conv) []*conv {
	var out []*conv
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}

// writeErrors adds the files klacht must refuse, each with a clear message.
func writeErrors(dir string) error {
	ole := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 504)...)
	if err := writeFile(dir, "errors/Klachtenregistratie 2017 oud.xls", ole); err != nil {
		return err
	}
	if err := writeFile(dir, "errors/Klachtenregistratie 2021 kapot.xlsx", []byte("PK\x03\x04 this zip archive was cut off")); err != nil {
		return err
	}
	enc := excelize.NewFile()
	defer enc.Close()
	enc.SetSheetRow("Sheet1", "A1", &[]any{"Datum klachtgesprek", "Klager", "Regio", "Ondersteuning"})
	path := filepath.Join(dir, "errors", "Klachtenregistratie 2021 beveiligd.xlsx")
	if err := enc.SaveAs(path, excelize.Options{Password: "geheim"}); err != nil {
		return err
	}
	// Partner CSVs that fail alone: an unreadable value, and a name that
	// does not say which table it is.
	if err := writeFile(dir, "partners/akj_2020_clienten.csv", []byte("Cliënten AKJ;Veilig Thuis Utrecht\nOuders;60\nJongere;vier\nDerden;23\n")); err != nil {
		return err
	}
	if err := writeFile(dir, "partners/AKJ jaarverslag tabel 3.csv", []byte("Vragen;12\n")); err != nil {
		return err
	}
	bad := []workbook{
		// A conversation whose year nothing names: not loaded, recorded.
		{path: "errors/Registratie Eemland.xlsx", sheets: []sheet{
			{name: "Blad1", rows: []*conv{{complainant: "Moeder", support: "AKJ", categories: []string{"Bejegening"}}},
				cols: cols(text("Datum klachtgesprek", func(*conv) string { return "" }), complainant("Klager"), support("Ondersteuning"), categorySingle("Aard klacht"))},
		}},
		// A table whose header klacht does not know: recorded, not skipped quietly.
		{path: "errors/Klachtenregistratie 2021 Lekstroom oud formulier.xlsx", sheets: []sheet{
			{name: "Blad1", rows: []*conv{{}, {}},
				cols: []column{{"Wanneer", func(*conv, int) any { return "1-3-2021" }}, {"Wie", func(*conv, int) any { return "moeder" }}, {"Waarover", func(*conv, int) any { return "bejegening" }}}},
		}},
	}
	for _, wb := range bad {
		if err := wb.write(dir); err != nil {
			return err
		}
	}
	return nil
}

// savedBy says which of LibreOffice's saves to write for the workbook, "ods"
// or "xlsx", or "" to generate it.
func (wb workbook) savedBy(registers string) string {
	for _, s := range wb.sheets {
		if slices.ContainsFunc(s.rows, func(c *conv) bool { return c.altered }) {
			return ""
		}
	}
	switch registers {
	case RegistersODS:
		return "ods"
	case RegistersXLSX:
		return "xlsx"
	case RegistersMixed:
		return wb.mixed
	}
	return ""
}

// copySaved writes LibreOffice's save of the workbook, as ods or xlsx.
func (wb workbook) copySaved(dir, as string) error {
	rel := wb.path
	if as == "ods" {
		rel = strings.TrimSuffix(rel, ".xlsx") + ".ods"
	}
	b, err := libreoffice.ReadFile("testdata/libreoffice/" + as + "/" + rel)
	if err != nil {
		return fmt.Errorf("no LibreOffice save of it (run scripts/libreoffice-fixtures.sh): %w", err)
	}
	return writeFile(dir, rel, b)
}
