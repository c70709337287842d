package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// csvHeader is the one header of a report's CSV: rows of kind "indicator"
// (overall), "group" (per group) and "agency" fill the columns they have.
// Every overall indicator row carries its label, definition and the
// survey question it answers in Swedish and English, in the last columns.
var csvHeader = []string{"kind", "indicator", "dimension", "group", "count", "of", "share", "value", "unchecked", "change", "change12",
	"orgNumber", "name", "sizeClass", "department", "agencyType", "scored", "total", "level", "datasets",
	"documents", "files", "openMachineReadable", "api", "portal", "readiness", "linksChecked", "linksBroken", "hvd", "mqaPoints", "mqaRating",
	"unknown", "publishes", "stars", "label_sv", "label_en", "definition_sv", "definition_en", "question_sv", "question_en"}

// Columns after the agency's, by index: unknown, then (agency) publishes
// and stars, then the indicator's texts from label_sv on.
const (
	colUnknown = 31
	colLabelSV = colUnknown + 3
)

// CSVOptions choose a CSV variant. The zero value is RFC 4180 with a
// decimal point; Swedish is what Excel in a Swedish locale opens as
// columns of numbers: semicolons between fields and a decimal comma.
type CSVOptions struct {
	Swedish bool
}

// number formats f with the variant's decimal mark.
func (o CSVOptions) number(f float64) string {
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if o.Swedish {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

func (o CSVOptions) optFloat(f *float64) string {
	if f == nil {
		return ""
	}
	return o.number(*f)
}

// safeCell keeps a cell from being read as a formula by a spreadsheet
// (CSV injection): text that starts with =, +, -, @, a tab or a carriage
// return gets a leading apostrophe, which spreadsheets show as text.
// Numbers, negative ones included, are left as they are.
func safeCell(s string) string {
	if s == "" || !strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return s
	}
	if _, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64); err == nil {
		return s
	}
	return "'" + s
}

func (o CSVOptions) indicatorRecord(kind, dim, group string, i Indicator) []string {
	rec := make([]string, len(csvHeader))
	copy(rec, []string{kind, i.ID, dim, group, strconv.Itoa(i.Count), strconv.Itoa(i.Of),
		o.number(i.Share), o.optFloat(i.Value), strconv.Itoa(i.Unchecked), o.optFloat(i.Change), o.optFloat(i.Change12)})
	if i.Unknown != nil {
		rec[colUnknown] = strconv.Itoa(*i.Unknown)
	}
	if i.Label != nil && i.Definition != nil && i.Question != nil {
		copy(rec[colLabelSV:], []string{i.Label.SV, i.Label.EN, i.Definition.SV, i.Definition.EN, i.Question.SV, i.Question.EN})
	}
	return rec
}

// utf8BOM begins every CSV: without it Excel reads UTF-8 as Latin-1 and
// mangles å, ä and ö.
const utf8BOM = "\ufeff"

// WriteCSV writes the report as RFC 4180 CSV; see WriteCSVVariant.
func WriteCSV(w io.Writer, rep *Report) error { return WriteCSVVariant(w, rep, CSVOptions{}) }

// WriteCSVVariant writes one row per overall indicator, one per group
// indicator and one per agency, under one header, in UTF-8 with a byte
// order mark, every text cell safe from being read as a formula.
func WriteCSVVariant(w io.Writer, rep *Report, o CSVOptions) error {
	if _, err := io.WriteString(w, utf8BOM); err != nil {
		return fmt.Errorf("report: write CSV of %s: %w", rep.ID, err)
	}
	cw := csv.NewWriter(w)
	if o.Swedish {
		cw.Comma = ';'
	}
	write := func(rec []string) {
		for i := range rec {
			rec[i] = safeCell(rec[i])
		}
		_ = cw.Write(rec)
	}
	write(slices.Clone(csvHeader))
	for _, i := range rep.Indicators {
		write(o.indicatorRecord("indicator", "", "", i))
	}
	for _, g := range rep.Groups {
		for _, i := range g.Indicators {
			write(o.indicatorRecord("group", g.Dimension, g.Key, i))
		}
	}
	b := strconv.FormatBool
	for _, r := range rep.Rows {
		rec := make([]string, 11, len(csvHeader))
		rec[0] = "agency"
		rec = append(rec, r.OrgNumber, r.Name, r.SizeClass, r.Department, r.Group, b(r.Scored),
			strconv.Itoa(r.Total), strconv.Itoa(r.Level), strconv.Itoa(r.Datasets),
			b(r.Documents), b(r.Files), b(r.OpenMR), b(r.API), r.Portal, r.Readiness,
			strconv.Itoa(r.LinksChecked), strconv.Itoa(r.LinksBroken), r.HVD, strconv.Itoa(r.MQAPoints), r.MQARating,
			"", b(r.Publishes), o.number(r.Stars))
		rec = append(rec, make([]string, len(csvHeader)-len(rec))...)
		write(rec)
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("report: write CSV of %s: %w", rep.ID, err)
	}
	return nil
}
