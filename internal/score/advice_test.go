package score

import (
	"strings"
	"testing"

	"github.com/katalog-se/katalog/catalog"
)

// TestAdviceFitsTheFormats: a GeoPackage publisher is told that GeoPackage
// is not on the MQA lists and pointed to GeoJSON, not told to make "the
// table" a CSV; an Excel publisher is pointed to CSV or ODS.
func TestAdviceFitsTheFormats(t *testing.T) {
	for _, tc := range []struct {
		format   string
		want     []string
		wantNot  []string
		judgedAs FormatJudgement
	}{
		{"application/geopackage+sqlite3", []string{"GeoPackage", "GeoJSON", "MQA"}, []string{"tabellen", "the table"},
			FormatJudgement{Code: "GPKG", Name: "GeoPackage", Structured: true, MediaType: true, Known: true}},
		{"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", []string{"Excel (XLSX)", "CSV (text/csv), ODS"}, []string{"GeoJSON"},
			FormatJudgement{Code: "XLSX", Name: "Excel (XLSX)", MachineReadable: true, Structured: true, MediaType: true, Known: true}},
	} {
		d := goodDataset("a")
		d.Distributions[0].Format = tc.format
		s := scoreOf(t, goodInputs(), []catalog.Dataset{d})
		r := mustRule(t, s, RuleOpenMachineReadable)
		if r.Passed {
			t.Fatalf("%s passes the open machine-readable rule", tc.format)
		}
		for _, lang := range []string{r.Advice.SV, r.Advice.EN} {
			for _, w := range tc.want {
				if !strings.Contains(lang, w) {
					t.Errorf("%s: advice %q lacks %q", tc.format, lang, w)
				}
			}
			for _, w := range tc.wantNot {
				if strings.Contains(lang, w) {
					t.Errorf("%s: advice %q says %q", tc.format, lang, w)
				}
			}
		}
		if got := JudgeFormat(tc.format); got != tc.judgedAs {
			t.Errorf("JudgeFormat(%s) = %+v, want %+v", tc.format, got, tc.judgedAs)
		}
		np := mustRule(t, s, "mqa.nonProprietary")
		if !strings.Contains(np.Advice.EN, tc.judgedAs.Name+" is not on the MQA list of non-proprietary formats") {
			t.Errorf("%s: non-proprietary advice %q", tc.format, np.Advice.EN)
		}
	}
	if j := JudgeFormat("text/csv"); !j.Open || !j.MachineReadable || !j.NonProprietary {
		t.Errorf("CSV judged %+v", j)
	}
}

// TestAdviceForNothingPublished: an agency with no datasets is told to
// publish, and nothing else (no licences, no formats of files it does not
// have).
func TestAdviceForNothingPublished(t *testing.T) {
	s := scoreOf(t, Inputs{}, nil)
	if len(s.Improvements) != 1 || s.Improvements[0].Rule != RulePublishes {
		t.Fatalf("improvements of an agency without datasets: %+v", s.Improvements)
	}
	// One dataset that is not PUBLIC: still only publishing.
	d := goodDataset("a")
	d.AccessRights = restricted
	s = scoreOf(t, goodInputs(), []catalog.Dataset{d})
	if len(s.Improvements) != 1 || s.Improvements[0].Rule != RulePublishes {
		t.Fatalf("improvements of an agency without PUBLIC datasets: %+v", s.Improvements)
	}
}

// TestAdviceNamesNoCommand: advice is for stewards, who cannot run
// katalog's commands; the harvestability rule says what to do when no
// check has run.
func TestAdviceNamesNoCommand(t *testing.T) {
	d := goodDataset("a")
	d.Distributions[0].Format = "application/pdf"
	d.Distributions[0].License = ""
	s := scoreOf(t, Inputs{}, []catalog.Dataset{d})
	for _, c := range s.Components {
		for _, r := range c.Rules {
			for _, text := range []string{r.Advice.SV, r.Advice.EN} {
				if strings.Contains(text, "katalog check") || strings.Contains(text, "katalog validate") {
					t.Errorf("%s: advice names a command: %q", r.ID, text)
				}
			}
		}
	}
	h := mustRule(t, s, RuleHarvestable)
	if !strings.Contains(h.Advice.EN, "harvestUrl") || !strings.Contains(h.Advice.SV, "/datasets/dcat") {
		t.Errorf("unchecked harvestability advice %+v", h.Advice)
	}
	files := mustRule(t, s, RuleFiles)
	if !strings.Contains(files.Advice.SV, "dokument (PDF)") {
		t.Errorf("files advice %q", files.Advice.SV)
	}
	for _, imp := range s.Improvements {
		if imp.Rule == RuleLinks || imp.Rule == RuleValidation {
			t.Errorf("a rule waiting for a check is a step: %+v", imp)
		}
	}
}
