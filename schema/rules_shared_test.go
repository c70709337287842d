package schema

import (
	"context"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/knakk/rdf"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/dcat"
	"github.com/katalog-se/katalog/dcat/validate"
)

// graphRules is every graph rule id of the DCAT-AP-SE 3.0.1 profile.
var graphRules = func() map[string]bool {
	out := map[string]bool{}
	for _, r := range validate.DCATAPSE301().Rules {
		for _, id := range r.IDs {
			out[id] = true
		}
	}
	return out
}()

// knownRule reports whether id is a rule id of the validator's profile
// (a table rule its rows can report, or a graph rule), or one of the API's
// own ("api.…").
func knownRule(id string) bool {
	return tableRules[id] || graphRules[id] || strings.HasPrefix(id, "api.") && len(id) > 4
}

// TestFieldRowsAreTheProfiles: every field the API maps to a row of the
// profile names a class and property the profile has.
func TestFieldRowsAreTheProfiles(t *testing.T) {
	rows := map[string]bool{}
	for _, c := range validate.DCATAPSE301().Classes {
		for _, p := range c.Properties {
			rows[c.ID+"."+p.ID] = true
		}
	}
	for body, fields := range fieldRows {
		for f, row := range fields {
			if !rows[row[0]+"."+row[1]] {
				t.Errorf("%s %s: the profile has no row %s.%s", body, f, row[0], row[1])
			}
		}
	}
	if len(tableRules) < 100 {
		t.Errorf("only %d table rules derived from the profile", len(tableRules))
	}
}

// agreement is one value of one dataset field, as the API takes it and as
// the same value stands in a published triple.
type agreement struct {
	name   string
	mutate func(m map[string]any)
	// triple is the value as it would be published: subject role
	// ("dataset" or "distribution"), predicate and object.
	role string
	pred string
	obj  rdf.Object
	// rule is the rule id both must name; "" when both accept.
	rule string
}

func typed(lex, dt string) rdf.Object { return rdf.NewTypedLiteral(lex, mustIRI(dt)) }
func mustIRI(s string) rdf.IRI {
	i, err := rdf.NewIRI(s)
	if err != nil {
		panic(err)
	}
	return i
}

const (
	xsd      = "http://www.w3.org/2001/XMLSchema#"
	dct      = "http://purl.org/dc/terms/"
	dcatNS   = "http://www.w3.org/ns/dcat#"
	euAuth   = "http://publications.europa.eu/resource/authority/"
	dsIRI    = "https://data.example.se/ds/1"
	distIRI  = "https://data.example.se/ds/1#d"
	pubIRI   = "http://dataportal.se/organisation/SE2021006883"
	catIRI   = "https://data.example.se/catalog"
	rdfType  = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
	foafNS   = "http://xmlns.com/foaf/0.1/"
	adms     = "http://www.w3.org/ns/adms#"
	natAuth  = "http://purl.org/adms/publishertype/NationalAuthority"
	cc0      = "http://creativecommons.org/publicdomain/zero/1.0/"
	dcatapNS = "http://data.europa.eu/r5r/"
)

// TestAPIAndValidatorAgree: the API accepts exactly the values the
// validator finds no error in, and refuses the others under the rule id
// the validator reports for the same value published. The dates that
// katalog refused before (an xsd:dateTime without a time zone, CKAN's
// default; xsd:gYear; xsd:gYearMonth) and the deprecated vocabulary IRIs
// (Digg's rekommenderat.rdf's DCAT-AP 2 availability, which the API
// refused with "use the full IRI") are among them.
func TestAPIAndValidatorAgree(t *testing.T) {
	v := newValidator(t)
	dist := func(m map[string]any) map[string]any { return m["distributions"].([]any)[0].(map[string]any) }
	cases := []agreement{
		{"dateTime without time zone", func(m map[string]any) { m["issued"] = "2024-01-31T10:00:00" }, "dataset", dct + "issued", typed("2024-01-31T10:00:00", xsd+"dateTime"), ""},
		{"dateTime with fraction", func(m map[string]any) { m["modified"] = "2024-01-31T10:00:00.25Z" }, "dataset", dct + "modified", typed("2024-01-31T10:00:00.25Z", xsd+"dateTime"), ""},
		{"gYear", func(m map[string]any) { m["issued"] = "2024" }, "dataset", dct + "issued", typed("2024", xsd+"gYear"), ""},
		{"gYearMonth", func(m map[string]any) { m["issued"] = "2024-05" }, "dataset", dct + "issued", typed("2024-05", xsd+"gYearMonth"), ""},
		{"distribution gYear", func(m map[string]any) { dist(m)["issued"] = "2023" }, "distribution", dct + "issued", typed("2023", xsd+"gYear"), ""},
		{"impossible date", func(m map[string]any) { m["issued"] = "2024-02-30" }, "dataset", dct + "issued", typed("2024-02-30", xsd+"date"), validate.RuleLiteralLexical},
		{"not a date", func(m map[string]any) { m["modified"] = "yesterday" }, "dataset", dct + "modified", rdf.NewTypedLiteral("yesterday", mustIRI(xsd+"string")), "dataset.modified.datatype"},
		{"deprecated availability", func(m map[string]any) { dist(m)["availability"] = dcatapNS + "availability/experimental" },
			"distribution", dcatapNS + "availability", mustIRI(euAuth + "planned-availability/EXPERIMENTAL"), ""},
		{"deprecated frequency", func(m map[string]any) { m["accrualPeriodicity"] = "http://purl.org/cld/freq/annual" },
			"dataset", dct + "accrualPeriodicity", mustIRI(euAuth + "frequency/ANNUAL"), ""},
		{"unknown frequency IRI", func(m map[string]any) { m["accrualPeriodicity"] = "https://example.se/sometimes" },
			"dataset", dct + "accrualPeriodicity", mustIRI("https://example.se/sometimes"), "dataset.accrualPeriodicity.vocab"},
		{"unknown theme", func(m map[string]any) { m["themes"] = []any{euAuth + "data-theme/NOPE"} },
			"dataset", dcatNS + "theme", mustIRI(euAuth + "data-theme/NOPE"), "dataset.theme.vocab"},
		{"landing page not http", func(m map[string]any) { m["landingPage"] = "ftp://data.example.se/" },
			"dataset", dcatNS + "landingPage", mustIRI("ftp://data.example.se/"), "dataset.landingPage.pattern"},
		{"access URL not http", func(m map[string]any) { dist(m)["accessURL"] = "ftp://data.example.se/f" },
			"distribution", dcatNS + "accessURL", mustIRI("ftp://data.example.se/f"), "distribution.accessURL.pattern"},
		{"distribution conformsTo not http", func(m map[string]any) { dist(m)["conformsTo"] = []any{"urn:x-standard:1"} },
			"distribution", dct + "conformsTo", mustIRI("urn:x-standard:1"), "distribution.conformsTo.pattern"},
		{"media type", func(m map[string]any) { dist(m)["format"] = "CSV" }, "distribution", dct + "format", rdf.NewTypedLiteral("CSV", mustIRI(xsd+"string")), "distribution.format.vocab"},
		{"language", func(m map[string]any) { m["languages"] = []any{euAuth + "language/XXX"} }, "dataset", dct + "language", mustIRI(euAuth + "language/XXX"), "dataset.language.vocab"},
	}
	val := validate.New(validate.DCATAPSE301())
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			body := datasetBody()
			delete(body, "hvdCategory")
			c.mutate(body)
			_, p := v.Dataset(mustJSON(t, body))
			var apiRules []string
			if p != nil {
				for _, e := range p.Errors {
					apiRules = append(apiRules, e.Rule)
				}
			}
			rep := val.ValidateTriples(publishedWith(c.role, c.pred, c.obj))
			var valRules []string
			for _, r := range rep.Results {
				if r.Severity == validate.Error {
					valRules = append(valRules, r.Rule)
				}
			}
			switch {
			case c.rule == "" && (p != nil || len(valRules) > 0):
				t.Errorf("want both to accept: API %v, validator %v", apiRules, valRules)
			case c.rule != "" && (fmt.Sprint(apiRules) != fmt.Sprint([]string{c.rule}) || !contains(valRules, c.rule)):
				t.Errorf("want both to refuse with %s: API %v, validator %v", c.rule, apiRules, valRules)
			}
		})
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// publishedWith is a minimal valid DCAT-AP-SE catalog with one dataset and
// one distribution, plus one triple of the value under test.
func publishedWith(role, pred string, obj rdf.Object) []rdf.Triple {
	var ts []rdf.Triple
	add := func(s, p string, o rdf.Object) {
		ts = append(ts, rdf.Triple{Subj: mustIRI(s), Pred: mustIRI(p), Obj: o})
	}
	lang := func(s, l string) rdf.Object { x, _ := rdf.NewLangLiteral(s, l); return x }
	add(catIRI, rdfType, mustIRI(dcatNS+"Catalog"))
	add(catIRI, dct+"title", lang("Katalog", "sv"))
	add(catIRI, dct+"description", lang("Katalog", "sv"))
	add(catIRI, dct+"publisher", mustIRI(pubIRI))
	add(catIRI, dct+"license", mustIRI(cc0))
	add(catIRI, dcatNS+"dataset", mustIRI(dsIRI))
	add(pubIRI, rdfType, mustIRI(foafNS+"Agent"))
	add(pubIRI, foafNS+"name", lang("Digg", "sv"))
	add(pubIRI, dct+"type", mustIRI(natAuth))
	add(dsIRI, rdfType, mustIRI(dcatNS+"Dataset"))
	add(dsIRI, dct+"title", lang("Titel", "sv"))
	add(dsIRI, dct+"description", lang("Beskrivning", "sv"))
	add(dsIRI, dct+"publisher", mustIRI(pubIRI))
	add(dsIRI, dcatNS+"distribution", mustIRI(distIRI))
	add(distIRI, rdfType, mustIRI(dcatNS+"Distribution"))
	add(distIRI, dcatNS+"accessURL", mustIRI("https://data.example.se/f"))
	add(distIRI, dct+"format", rdf.NewTypedLiteral("text/csv", mustIRI(xsd+"string")))
	subj := dsIRI
	if role == "distribution" {
		subj = distIRI
	}
	if pred == dcatNS+"accessURL" || pred == dct+"format" {
		// Replace the value rather than add a second one.
		out := ts[:0]
		for _, t := range ts {
			if t.Subj.String() != distIRI || t.Pred.String() != pred {
				out = append(out, t)
			}
		}
		ts = out
	}
	add(subj, pred, obj)
	return ts
}

// TestAcceptedIsPublished: every dataset the API accepts in the cases
// above maps to triples (the mapper refuses none of them) whose dates keep
// the datatype the validator gives their form.
func TestAcceptedIsPublished(t *testing.T) {
	v := newValidator(t)
	m, err := dcat.NewMapper("https://katalog.example.se")
	if err != nil {
		t.Fatal(err)
	}
	val := validate.New(validate.DCATAPSE301())
	for _, date := range []string{"2024", "2024-05", "2024-05-31", "2024-05-31T10:00:00", "2024-05-31T10:00:00Z", "2024-05-31T10:00:00.5+02:00"} {
		body := datasetBody()
		body["issued"] = date
		body["temporal"] = map[string]any{"start": date}
		d, p := v.Dataset(mustJSON(t, body))
		if p != nil {
			t.Fatalf("%s refused: %v", date, p)
		}
		d.ID, d.Agency = "3c2b1a09-8f7e-4d6c-b5a4-9e8d7c6b5a04", "2021006883"
		a := &catalog.Agency{OrgNumber: "2021006883", Name: catalog.LangString{"sv": "Digg"}, Email: "info@digg.se"}
		var ts []rdf.Triple
		if err := m.Dataset(d, a, func(tr rdf.Triple) error { ts = append(ts, tr); return nil }); err != nil {
			t.Fatalf("%s: the mapper refuses what the API accepted: %v", date, err)
		}
		want, _ := validate.DateDatatype(date)
		found := false
		for _, tr := range ts {
			if tr.Pred.String() == dct+"issued" && tr.Subj.String() == m.BaseURL()+"/datasets/"+d.ID {
				l := tr.Obj.(rdf.Literal)
				found = l.String() == date && l.DataType.String() == want
			}
		}
		if !found {
			t.Errorf("%s: dcterms:issued not published as %q^^%s", date, date, want)
		}
		rep, err := val.Validate(context.Background(), &sliceReader{ts: ts})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rep.Results {
			if r.Rule == validate.RuleLiteralLexical || strings.HasSuffix(r.Rule, ".datatype") {
				t.Errorf("%s: published value refused by the validator: %+v", date, r)
			}
		}
	}
}

type sliceReader struct {
	ts []rdf.Triple
	i  int
}

func (r *sliceReader) Read() (rdf.Triple, error) {
	if r.i >= len(r.ts) {
		return rdf.Triple{}, io.EOF
	}
	r.i++
	return r.ts[r.i-1], nil
}

func (r *sliceReader) Close() error { return nil }
