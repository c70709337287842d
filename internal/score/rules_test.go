package score

import (
	"math"
	"strings"
	"testing"

	"github.com/katalog-se/katalog/catalog"
)

// goodInputs are inputs under which a good dataset passes everything
// katalog can express.
func goodInputs() Inputs {
	return Inputs{
		Check: &CheckSummary{URL: "https://example.se/datasets/dcat", Ready: true, CheckedAt: fixedNow,
			Links: LinkCounts{Checked: 4, OK: 4}, Link: okLinks, APIDescription: verifiedAPIs},
		Validation: &ValidationSummary{Profile: "dcat-ap-se-3.0.1", ValidatedAt: fixedNow},
		Portal:     &catalog.PortalStatus{Status: catalog.PortalListed, CheckedAt: fixedNow, OnPortal: 1, InCatalogs: 1},
	}
}

// TestRules flips one thing at a time on a good dataset and checks that
// exactly the expected rule changes its verdict.
func TestRules(t *testing.T) {
	tests := []struct {
		rule   string
		mutate func(*Inputs, *catalog.Dataset)
		// points the rule keeps after the mutation (0 unless partial).
		points float64
	}{
		{"mqa.keyword", func(_ *Inputs, d *catalog.Dataset) { d.Keywords = catalog.LangStrings{"sv": {" "}} }, 0},
		{"mqa.theme", func(_ *Inputs, d *catalog.Dataset) { d.Themes = nil }, 0},
		{"mqa.spatial", func(_ *Inputs, d *catalog.Dataset) { d.Spatial = nil }, 0},
		{"mqa.accessUrlStatus", func(in *Inputs, _ *catalog.Dataset) {
			in.Check.Link = LinkMap(map[string]bool{"https://example.se/a": false, "https://example.se/a.csv": true})
		}, 0},
		{"mqa.downloadUrl", func(_ *Inputs, d *catalog.Dataset) { d.Distributions[0].DownloadURL = "" }, 0},
		{"mqa.downloadUrlStatus", func(in *Inputs, _ *catalog.Dataset) {
			in.Check.Link = LinkMap(map[string]bool{"https://example.se/a": true, "https://example.se/a.csv": false})
		}, 0},
		{"mqa.format", func(_ *Inputs, d *catalog.Dataset) { d.Distributions[0].Format = "" }, 0},
		{"mqa.mediaType", func(_ *Inputs, d *catalog.Dataset) { d.Distributions[0].Format = "CSV" }, 0},
		{"mqa.formatVocabulary", func(_ *Inputs, d *catalog.Dataset) { d.Distributions[0].Format = "application/x-made-up" }, 0},
		{"mqa.nonProprietary", func(_ *Inputs, d *catalog.Dataset) {
			d.Distributions[0].Format = "application/vnd.ms-excel"
		}, 0},
		{"mqa.machineReadable", func(_ *Inputs, d *catalog.Dataset) { d.Distributions[0].Format = "application/pdf" }, 0},
		{"mqa.licence", func(_ *Inputs, d *catalog.Dataset) { d.Distributions[0].License = "" }, 0},
		{"mqa.knownLicence", func(_ *Inputs, d *catalog.Dataset) { d.Distributions[0].License = "https://example.se/villkor" }, 0},
		{"mqa.accessRights", func(_ *Inputs, d *catalog.Dataset) { d.AccessRights = "" }, 0},
		{"mqa.accessRightsVocabulary", func(_ *Inputs, d *catalog.Dataset) { d.AccessRights = "https://example.se/open" }, 0},
		{"mqa.contactPoint", func(_ *Inputs, d *catalog.Dataset) { d.ContactPoint = &catalog.ContactPoint{Name: "x"} }, 0},
		{"mqa.publisher", func(in *Inputs, _ *catalog.Dataset) { in.Agency.OrgNumber = "-" }, -1},
		{"mqa.byteSize", func(_ *Inputs, d *catalog.Dataset) { d.Distributions[0].ByteSize = 0 }, 0},
		{"mqa.issued", func(_ *Inputs, d *catalog.Dataset) { d.Issued = "" }, 0},
		{"mqa.modified", func(_ *Inputs, d *catalog.Dataset) { d.Modified = "" }, 0},
		{RuleFiles, func(_ *Inputs, d *catalog.Dataset) { d.Distributions[0].Format = "application/pdf" }, 0},
		{RuleOpenMachineReadable, func(_ *Inputs, d *catalog.Dataset) { d.Distributions[0].Format = "application/vnd.ms-excel" }, 0},
		{RulePortal, func(in *Inputs, _ *catalog.Dataset) { in.Portal.Status = catalog.PortalNotListed }, 0},
		{RuleHarvestable, func(in *Inputs, _ *catalog.Dataset) { in.Check.Ready = false }, 0},
		{RuleValidation, func(in *Inputs, _ *catalog.Dataset) { in.Validation.Errors = 3 }, 0},
		{RuleLinks, func(in *Inputs, _ *catalog.Dataset) { in.Check.Links = LinkCounts{Checked: 4, OK: 3, Broken: 1} }, 2.25},
		{RuleOpenLicence, func(_ *Inputs, d *catalog.Dataset) { d.Distributions[0].License = ccBYNC }, 0},
		{RulePublicAccess, func(_ *Inputs, d *catalog.Dataset) { d.AccessRights = restricted }, 0},
	}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			in, d := goodInputs(), goodDataset("a")
			before := mustRule(t, scoreOf(t, in, []catalog.Dataset{d}), tt.rule)
			if !before.Passed || before.Points != before.Max || before.Max <= 0 {
				t.Fatalf("baseline: %+v", before)
			}
			if before.Advice != (Text{}) {
				t.Errorf("a passed rule carries advice %+v", before.Advice)
			}
			if tt.points < 0 {
				return // the agency's org number is validated upstream; nothing to flip.
			}
			tt.mutate(&in, &d)
			after := mustRule(t, scoreOf(t, in, []catalog.Dataset{d}), tt.rule)
			if after.Passed || math.Abs(after.Points-tt.points) > 0.005 {
				t.Errorf("after: passed %v points %v, want failed with %v", after.Passed, after.Points, tt.points)
			}
			if after.Advice.SV == "" || after.Advice.EN == "" {
				t.Errorf("no advice: %+v", after)
			}
			if after.Evidence == "" || after.Evidence == before.Evidence {
				t.Errorf("evidence did not change: %q", after.Evidence)
			}
		})
	}
}

// TestAPIRules covers the rules that need a data service.
func TestAPIRules(t *testing.T) {
	d := goodDataset("a")
	in := goodInputs()
	s := scoreOf(t, in, []catalog.Dataset{d})
	for _, id := range []string{RuleAPI, RuleAPIDescription} {
		if r := mustRule(t, s, id); r.Passed {
			t.Errorf("%s passed without a data service", id)
		}
	}
	d.DataServices = []catalog.DataService{{ID: "api", EndpointURL: "https://api.example.se/v1"}}
	s = scoreOf(t, in, []catalog.Dataset{d})
	if r := mustRule(t, s, RuleAPI); !r.Passed || !strings.Contains(r.Evidence, "https://api.example.se/v1") {
		t.Errorf("api: %+v", r)
	}
	if r := mustRule(t, s, RuleAPIDescription); r.Passed {
		t.Errorf("apiDescription passed without endpointDescription")
	}
	d.DataServices[0].EndpointDescription = "https://api.example.se/v1/openapi.json"
	s = scoreOf(t, in, []catalog.Dataset{d})
	if r := mustRule(t, s, RuleAPIDescription); !r.Passed || !strings.Contains(r.Evidence, "openapi.json") {
		t.Errorf("apiDescription: %+v", r)
	}
	// An access service on a distribution is an API too.
	d.DataServices = nil
	d.Distributions = append(d.Distributions, catalog.Distribution{ID: "via-api", AccessURL: "https://api.example.se/v1", Format: "application/json", AccessService: "api"})
	if r := mustRule(t, scoreOf(t, in, []catalog.Dataset{d}), RuleAPI); !r.Passed {
		t.Errorf("accessService not counted: %+v", r)
	}
}

func TestHVDRules(t *testing.T) {
	none := scoreOf(t, goodInputs(), []catalog.Dataset{goodDataset("a")})
	c, _ := none.Component(ComponentHVD)
	if c.Max != 0 || len(c.Rules) != 1 || c.Rules[0].ID != RuleHVDNotApplicable {
		t.Fatalf("HVD should not apply: %+v", c)
	}

	full := goodDataset("h")
	full.HVDCategory = hvdStats
	full.Distributions[0].License = licenceCCBY
	full.DataServices = []catalog.DataService{{ID: "api", EndpointURL: "https://api.example.se", EndpointDescription: "https://api.example.se/openapi.json", License: licenceCC0}}
	tests := []struct {
		rule   string
		mutate func(*catalog.Dataset)
	}{
		{RuleHVDCategory, func(d *catalog.Dataset) { d.HVDCategory = "http://data.europa.eu/bna/c_nonsense" }},
		{RuleHVDAPI, func(d *catalog.Dataset) { d.DataServices = nil }},
		{RuleHVDBulk, func(d *catalog.Dataset) { d.Distributions[0].DownloadURL = "" }},
		{RuleHVDLicence, func(d *catalog.Dataset) { d.Distributions[0].License = licenceCCBYSA }},
		{RuleHVDContact, func(d *catalog.Dataset) { d.ContactPoint = nil }},
		{RuleHVDAPIDocs, func(d *catalog.Dataset) { d.DataServices[0].EndpointDescription = "" }},
	}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			d := full
			d.Distributions = append([]catalog.Distribution(nil), full.Distributions...)
			d.DataServices = append([]catalog.DataService(nil), full.DataServices...)
			if r := mustRule(t, scoreOf(t, goodInputs(), []catalog.Dataset{d}), tt.rule); !r.Passed {
				t.Fatalf("baseline failed: %+v", r)
			}
			tt.mutate(&d)
			r := mustRule(t, scoreOf(t, goodInputs(), []catalog.Dataset{d, goodDataset("x")}), tt.rule)
			if r.Passed || r.Points != 0 || !strings.Contains(r.Evidence, "0/1 high-value datasets") || r.Advice.SV == "" {
				t.Errorf("after: %+v", r)
			}
		})
	}
}

// TestNotYetChecked: without check and validation results, the rules that
// need them fail and say so; nothing is guessed.
func TestNotYetChecked(t *testing.T) {
	s := scoreOf(t, Inputs{}, []catalog.Dataset{goodDataset("a")})
	for _, id := range []string{RuleHarvestable, RuleValidation, RuleLinks, RulePortal, "mqa.accessUrlStatus", "mqa.downloadUrlStatus", "mqa.dcatApSeCompliance"} {
		r := mustRule(t, s, id)
		if r.Passed || r.Points != 0 || !strings.Contains(r.Evidence, notChecked) {
			t.Errorf("%s: %+v", id, r)
		}
	}
	// Hosted and validated, but the portal never asked: the portal channel
	// is unknown, not inferred from katalog hosting a valid feed.
	in := Inputs{Validation: &ValidationSummary{Profile: "dcat-ap-se-3.0.1", ValidatedAt: fixedNow}}
	s = scoreOf(t, in, []catalog.Dataset{goodDataset("a")})
	if s.Channels.Portal != nil || mustRule(t, s, RuleHarvestable).Passed || !mustRule(t, s, RulePortal).Unchecked {
		t.Errorf("hosted: portal %v harvestable %+v portal rule %+v", s.Channels.Portal, mustRule(t, s, RuleHarvestable), mustRule(t, s, RulePortal))
	}
}

// TestOwnCatalogJoinsHosted: the own catalog's datasets join the hosted
// ones; one both list (by IRI, or by UUID identifier) counts once, and
// the score says which source each came from.
func TestOwnCatalogJoinsHosted(t *testing.T) {
	hosted := goodDataset("11111111-1111-4111-8111-111111111111")
	hosted.IRI = "https://example.se/ds/shared"
	byIRI := goodDataset("22222222-2222-4222-8222-222222222222") // another identifier, same IRI
	byIRI.IRI = hosted.IRI
	byID := goodDataset("33333333-3333-4333-8333-333333333333")
	hostedByID := byID
	hostedByID.IRI = "" // katalog mints its IRI; the own catalog names it otherwise
	byID.IRI = "https://other.example.se/ds/3"
	own := goodDataset("44444444-4444-4444-8444-444444444444")
	own.IRI = "https://example.se/ds/own"
	own.Distributions[0].Format = "text/turtle"

	in := goodInputs()
	in.Own = &OwnCatalog{URL: "https://example.se/datasets/dcat", At: fixedNow, Found: true, FirstSeen: fixedNow.AddDate(0, -1, 0),
		Datasets: stream([]catalog.Dataset{byIRI, byID, own})}
	s := scoreOf(t, in, []catalog.Dataset{hosted, hostedByID})
	if s.MQA.Datasets != 3 || len(s.Datasets) != 3 {
		t.Fatalf("%d datasets scored, want 3 (two in both sources)", s.MQA.Datasets)
	}
	sources := map[string]string{}
	for _, d := range s.Datasets {
		sources[d.ID] = d.Source
		if d.Source == SourceKatalog && !d.AlsoInOwnCatalog {
			t.Errorf("hosted dataset %s is in the own catalog too", d.ID)
		}
	}
	if sources[own.ID] != SourceOwnCatalog || sources[hosted.ID] != SourceKatalog {
		t.Errorf("sources %v", sources)
	}
	if got := s.Sources[1]; got.Source != SourceOwnCatalog || got.Datasets != 1 || got.Duplicates != 2 || got.URL != in.Own.URL ||
		!strings.Contains(got.Label.EN, "read 2026-03-01 (unchanged since 2026-02-01)") {
		t.Errorf("own catalog summary %+v", got)
	}
	// Rules over the union name their sources, and an example from the
	// own catalog says so.
	own.Keywords = nil
	in.Own.Datasets = stream([]catalog.Dataset{byIRI, byID, own})
	s = scoreOf(t, in, []catalog.Dataset{hosted, hostedByID})
	if r := mustRule(t, s, "mqa.keyword"); !strings.Contains(r.Evidence, "<https://example.se/ds/own> (in the agency's own catalog) dcat:keyword (none)") ||
		!strings.HasSuffix(r.Evidence, "[over hosted in katalog on 2026-03-01 (2 datasets); the agency's own catalog at https://example.se/datasets/dcat, read 2026-03-01 (unchanged since 2026-02-01) (1 datasets; 2 more also hosted, counted once)]") {
		t.Errorf("keyword evidence %q", r.Evidence)
	}
	// The own catalog's Turtle file is the catalog's only 4-star distribution.
	if s.Stars.Counts[4] != 1 || s.Stars.Counts[3] != 2 {
		t.Errorf("stars %+v", s.Stars)
	}
	// Validation covers the hosted feed: the own catalog's dataset is not yet checked.
	if r := mustRule(t, s, "mqa.dcatApSeCompliance"); !strings.Contains(r.Evidence, "2/3 datasets pass DCAT-AP-SE (1 not yet checked)") {
		t.Errorf("compliance evidence %q", r.Evidence)
	}
}

// TestEveryRuleHasALabel: the pages and the CLI name every rule in words.
func TestEveryRuleHasALabel(t *testing.T) {
	in, d := goodInputs(), goodDataset("a")
	d.HVDCategory = hvdStats
	for _, c := range scoreOf(t, in, []catalog.Dataset{d}).Components {
		for _, r := range c.Rules {
			if l := RuleLabel(r.ID); l.SV == r.ID || l.EN == r.ID || l.SV == "" {
				t.Errorf("rule %s has no label", r.ID)
			}
		}
	}
	if l := RuleLabel(RuleHVDNotApplicable); l.SV == RuleHVDNotApplicable {
		t.Error("hvd.notApplicable has no label")
	}
}
