package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	"strings"
	"text/tabwriter"

	"github.com/svmn/klacht/load"
	"github.com/svmn/klacht/publish"
)

var formats = []string{"table", "csv", "json", "markdown"}

func checkFormat(f string) error {
	for _, ok := range formats {
		if f == ok {
			return nil
		}
	}
	return usageError{fmt.Errorf("--format %q: want one of %s", f, strings.Join(formats, ", "))}
}

// write prints res in format. NULL prints as empty and whole numbers print
// without a decimal part, so csv output compares byte for byte with the
// published tables.
func write(w io.Writer, format string, res *load.Result) error {
	switch format {
	case "csv":
		cw := csv.NewWriter(w)
		cw.Write(res.Columns)
		for _, row := range res.Rows {
			cells := texts(row)
			for i, v := range row {
				if _, isText := v.(string); isText {
					cells[i] = publish.Neutralise(cells[i]) // a text cell never acts as a formula
				}
			}
			cw.Write(cells)
		}
		cw.Flush()
		return cw.Error()
	case "json":
		return writeJSON(w, res)
	case "markdown":
		esc := func(s []string) []string {
			for i := range s {
				s[i] = strings.ReplaceAll(strings.ReplaceAll(s[i], "|", `\|`), "\n", " ")
			}
			return s
		}
		fmt.Fprintf(w, "| %s |\n", strings.Join(esc(append([]string(nil), res.Columns...)), " | "))
		fmt.Fprintf(w, "|%s\n", strings.Repeat(" --- |", len(res.Columns)))
		for _, row := range res.Rows {
			fmt.Fprintf(w, "| %s |\n", strings.Join(esc(texts(row)), " | "))
		}
		return nil
	default:
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, strings.Join(res.Columns, "\t"))
		for _, row := range res.Rows {
			cells := texts(row)
			for i := range cells {
				cells[i] = strings.ReplaceAll(cells[i], "\n", " ")
			}
			fmt.Fprintln(tw, strings.Join(cells, "\t"))
		}
		return tw.Flush()
	}
}

// writeJSON writes res as an array of objects, each with its keys in the
// order of the columns, numbers as numbers and lists as arrays.
func writeJSON(w io.Writer, res *load.Result) error {
	var b bytes.Buffer
	b.WriteString("[")
	for i, row := range res.Rows {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString("\n  {")
		for j, c := range res.Columns {
			if j > 0 {
				b.WriteString(",")
			}
			k, _ := json.Marshal(c)
			v, err := json.Marshal(jsonValue(row[j]))
			if err != nil {
				return err
			}
			fmt.Fprintf(&b, "\n    %s: %s", k, v)
		}
		b.WriteString("\n  }")
	}
	if len(res.Rows) > 0 {
		b.WriteString("\n")
	}
	b.WriteString("]\n")
	_, err := w.Write(b.Bytes())
	return err
}

func texts(row []any) []string {
	out := make([]string, len(row))
	for i, v := range row {
		out[i] = text(v)
	}
	return out
}

// text renders one value (see publish.Text).
func text(v any) string { return publish.Text(v) }

// jsonValue keeps numbers as JSON numbers, lists as arrays and renders the
// rest as text.
func jsonValue(v any) any {
	switch x := v.(type) {
	case nil, bool, string, int, int8, int16, int32, int64, uint8, uint16, uint32, uint64:
		return x
	case float64, float32:
		return json.Number(text(x))
	case *big.Int:
		return json.Number(x.String())
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = jsonValue(e)
		}
		return out
	default:
		return text(v)
	}
}

// namedResult is one named table of a command's output.
type namedResult struct {
	name string
	res  *load.Result
}

// writeSections prints tables one after another, as klacht check does: a
// heading "== name" (in csv a line "# name"), or in json one object with a
// member per table.
func writeSections(w io.Writer, format string, sections []namedResult) error {
	if format == "json" { // one object, a member per table, in order
		fmt.Fprint(w, "{")
		for i, s := range sections {
			if i > 0 {
				fmt.Fprint(w, ",")
			}
			k, _ := json.Marshal(s.name)
			fmt.Fprintf(w, "\n%s: ", k)
			if err := writeJSON(w, s.res); err != nil {
				return err
			}
		}
		_, err := fmt.Fprintln(w, "}")
		return err
	}
	for i, s := range sections {
		switch format {
		case "csv":
			fmt.Fprintf(w, "# %s\n", s.name)
		default:
			if i > 0 {
				fmt.Fprintln(w)
			}
			fmt.Fprintf(w, "== %s\n", s.name)
		}
		if err := write(w, format, s.res); err != nil {
			return err
		}
	}
	return nil
}
