package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/svmn/klacht/config"
	"github.com/svmn/klacht/keeper"
	"github.com/svmn/klacht/pipeline"
)

func (a *app) templateCmd() *cobra.Command {
	var (
		year, fromYear       int
		organisation, region string
		out                  string
	)
	cmd := &cobra.Command{
		Use:   "template --year N [--organisation O] [--region R] [--from-year M] --out FILE.xlsx",
		Short: "Write next year's register form from the reviewed lists",
		Long: `Template writes the register workbook of year N for a register keeper, from
the reviewed data (config/data): a sheet named N with a title row that names
organisation, region and year (klacht reads them from it), the header row
with each field's name as klacht knows it (register_form.csv), a drop-down on
every coded column with exactly the values of year N (regions, complainant
groups, support, measure, yes/no, a column per category of the year marked
x), date columns with date validation and a Dutch format, the header frozen
and protected (no password), and a sheet that explains each column.

--region names the region (and so the organisation); --organisation an
organisation without regions (Veilig Thuis Utrecht). Without them the form
has Organisatie and Regio columns. Personal data: only the dossier number,
optional, which klacht never stores in clear.

A year whose lists are not reviewed (config/data/register_years.csv) is an
error; --from-year M starts from year M's lists and says so.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if year < 1990 || year > 2099 {
				return usageError{fmt.Errorf("--year %d: want the year of the register, such as 2022", year)}
			}
			if strings.ToLower(filepath.Ext(out)) != ".xlsx" {
				return usageError{fmt.Errorf("--out %q: the form is a workbook: give a file name ending in .xlsx", out)}
			}
			form, note, err := a.registerForm(year, fromYear, organisation, region)
			if err != nil {
				return err
			}
			var b bytes.Buffer
			if err := keeper.Template(&b, form); err != nil {
				return fmt.Errorf("write the form: %w", err)
			}
			if err := os.WriteFile(out, b.Bytes(), 0o644); err != nil {
				return fmt.Errorf("write the form: %w", err)
			}
			if note != "" {
				fmt.Fprintln(cmd.ErrOrStderr(), "klacht: note:", note)
			}
			fmt.Fprintf(cmd.ErrOrStderr(), "klacht: form %q written to %s (%d columns)\n", form.Title, out, len(form.Columns))
			return nil
		},
	}
	cmd.Flags().IntVar(&year, "year", 0, "the year of the register")
	cmd.Flags().IntVar(&fromYear, "from-year", 0, "use the lists of this year, where the year's are not reviewed yet")
	cmd.Flags().StringVar(&organisation, "organisation", "", "the organisation (for one without regions)")
	cmd.Flags().StringVar(&region, "region", "", "the region, as regions.csv names it")
	cmd.Flags().StringVar(&out, "out", "", "the workbook to write (.xlsx)")
	return cmd
}

// registerForm makes the form of year for an organisation and region (both
// may be empty) from the reviewed data.
func (a *app) registerForm(year, fromYear int, organisation, region string) (keeper.Form, string, error) {
	data, err := config.LoadData(a.cfg.DataDir)
	if err != nil {
		return keeper.Form{}, "", usageError{err}
	}
	texts, err := config.RegisterTexts(a.cfg.DataDir)
	if err != nil {
		return keeper.Form{}, "", usageError{err}
	}
	lists, note, err := listsOf(data, texts, year, fromYear)
	if err != nil {
		return keeper.Form{}, "", err
	}
	org, reg, err := lists.place(organisation, region)
	if err != nil {
		return keeper.Form{}, "", err
	}
	name := org
	if names := lists.choices("organisation", org); org != "" && len(names) > 0 {
		name = names[0] // as it was called in the year
	}
	title := strings.NewReplacer("{organisation}", name, "{region}", reg, "{year}", strconv.Itoa(year)).Replace(texts["title"])
	form := keeper.Form{Year: year, Title: strings.Join(strings.Fields(title), " "), Texts: texts}
	for _, r := range data.Form.Records() {
		form.Columns = append(form.Columns, lists.formColumns(r, org, reg)...)
	}
	return form, note, nil
}

// place finds the organisation and region a form is for: a region names its
// organisation; an organisation may be named by any of its names. Both are
// checked against the lists' year.
func (l registerLists) place(organisation, region string) (string, string, error) {
	org := ""
	if organisation != "" {
		for _, r := range l.data.Synonyms.Records() { // every name and spelling the registers use
			if r["field"] == pipeline.FieldOrganisation && pipeline.FoldValue(r["value"]) == pipeline.FoldValue(organisation) {
				org = r["canonical"]
			}
		}
		if org == "" {
			return "", "", usageError{fmt.Errorf("--organisation %q: not an organisation of organisations.csv (%s)", organisation, strings.Join(l.choices("organisation", ""), ", "))}
		}
	}
	if region == "" {
		return org, "", nil
	}
	for _, r := range l.data.Regions.Records() {
		if pipeline.FoldValue(r["region"]) == pipeline.FoldValue(region) && yearsOf(r).Covers(l.year) {
			if org != "" && r["organisation"] != org {
				return "", "", usageError{fmt.Errorf("--region %q is a region of %s, not of %s", region, r["organisation"], org)}
			}
			return r["organisation"], r["region"], nil
		}
	}
	return "", "", usageError{fmt.Errorf("--region %q: not a region of %d in regions.csv (%s)", region, l.year, strings.Join(l.choices("region", org), ", "))}
}

// formColumns are the columns of a row of register_form.csv for a form of
// organisation org and region reg: none where the title names the value or
// the organisation does not keep it, a column per category of the year for
// the categories.
func (l registerLists) formColumns(r map[string]string, org, reg string) []keeper.Column {
	width, _ := strconv.ParseFloat(r["width"], 64)
	c := keeper.Column{Header: r["header"], Kind: keeper.KindList, Width: width, Note: r["note"]}
	switch {
	case r["organisation"] != "" && org != "" && r["organisation"] != org,
		r["field"] == pipeline.FieldOrganisation && org != "",
		r["field"] == pipeline.FieldRegion && (reg != "" || len(l.choices("region", org)) == 0):
		return nil
	case r["choices"] == keeper.KindDate, r["choices"] == keeper.KindText:
		c.Kind = r["choices"]
		return []keeper.Column{c}
	case r["field"] == pipeline.FieldCategory:
		var out []keeper.Column
		for _, category := range l.choices("category", "") {
			c.Header, c.Choices = category, l.choices(r["choices"], org)
			out = append(out, c)
		}
		return out
	}
	c.Choices = l.choices(r["choices"], org)
	return []keeper.Column{c}
}
