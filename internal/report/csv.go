package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
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

func optFloat(f *float64) string {
	if f == nil {
		return ""
	}
	return strconv.FormatFloat(*f, 'f', -1, 64)
}

func indicatorRecord(kind, dim, group string, i Indicator) []string {
	rec := make([]string, len(csvHeader))
	copy(rec, []string{kind, i.ID, dim, group, strconv.Itoa(i.Count), strconv.Itoa(i.Of),
		strconv.FormatFloat(i.Share, 'f', -1, 64), optFloat(i.Value), strconv.Itoa(i.Unchecked), optFloat(i.Change), optFloat(i.Change12)})
	if i.Unknown != nil {
		rec[colUnknown] = strconv.Itoa(*i.Unknown)
	}
	if i.Label != nil && i.Definition != nil && i.Question != nil {
		copy(rec[colLabelSV:], []string{i.Label.SV, i.Label.EN, i.Definition.SV, i.Definition.EN, i.Question.SV, i.Question.EN})
	}
	return rec
}

// WriteCSV writes one row per overall indicator, one per group indicator
// and one per agency, under one header.
func WriteCSV(w io.Writer, rep *Report) error {
	cw := csv.NewWriter(w)
	_ = cw.Write(csvHeader)
	for _, i := range rep.Indicators {
		_ = cw.Write(indicatorRecord("indicator", "", "", i))
	}
	for _, g := range rep.Groups {
		for _, i := range g.Indicators {
			_ = cw.Write(indicatorRecord("group", g.Dimension, g.Key, i))
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
			"", b(r.Publishes), strconv.FormatFloat(r.Stars, 'f', -1, 64))
		rec = append(rec, make([]string, len(csvHeader)-len(rec))...)
		_ = cw.Write(rec)
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("report: write CSV of %s: %w", rep.ID, err)
	}
	return nil
}
