package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
)

// csvHeader is the one header of a report's CSV: rows of kind "indicator"
// (overall), "group" (per group) and "agency" fill the columns they have.
var csvHeader = []string{"kind", "indicator", "dimension", "group", "count", "of", "share", "value", "unchecked", "change", "change12",
	"orgNumber", "name", "sizeClass", "department", "agencyType", "scored", "total", "level", "datasets",
	"documents", "files", "openMachineReadable", "api", "portal", "readiness", "linksChecked", "linksBroken", "hvd", "mqaPoints", "mqaRating"}

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
			strconv.Itoa(r.LinksChecked), strconv.Itoa(r.LinksBroken), r.HVD, strconv.Itoa(r.MQAPoints), r.MQARating)
		_ = cw.Write(rec)
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("report: write CSV of %s: %w", rep.ID, err)
	}
	return nil
}
