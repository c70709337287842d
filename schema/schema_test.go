package schema

import (
	"encoding/json"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/internal/demo"
	"github.com/katalog-se/katalog/internal/problem"
)

func newValidator(t testing.TB) *Validator {
	t.Helper()
	v, err := New()
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func agencyBody() map[string]any {
	return map[string]any{
		"orgNumber": "2021006883", "name": map[string]any{"sv": "Digg", "en": "Agency for Digital Government"},
		"publisherType": "NationalAuthority", "homepage": "https://www.digg.se", "email": "info@digg.se",
		"harvestUrl": "https://www.digg.se/datasets/dcat", "checkSchedule": "0 4 * * *",
	}
}

func datasetBody() map[string]any {
	return map[string]any{
		"title":       map[string]any{"sv": "Folkmängd", "en": "Population"},
		"description": map[string]any{"sv": "Folkmängd per kommun.", "en": "Population by municipality."},
		"keywords":    map[string]any{"sv": []any{"befolkning"}},
		"themes":      []any{"SOCI"}, "accessRights": "PUBLIC", "accrualPeriodicity": "ANNUAL",
		"issued": "2024-01-31", "modified": "2024-02-01T10:00:00+01:00", "landingPage": "https://www.scb.se/folkmangd",
		"languages": []any{"SWE"}, "conformsTo": []any{"https://www.scb.se/standard"}, "spatial": []any{"http://sws.geonames.org/2661886/"},
		"contactPoint": map[string]any{"name": "SCB", "email": "info@scb.se", "url": "https://www.scb.se", "phone": "+46 10 479 40 00"},
		"hvdCategory":  "c_e1da4e07",
		"distributions": []any{
			map[string]any{"title": map[string]any{"sv": "CSV"}, "accessURL": "https://www.scb.se/folkmangd", "downloadURL": "https://www.scb.se/f.csv",
				"format": "text/csv", "license": "CC BY 4.0", "byteSize": 1234, "availability": "STABLE", "status": "COMPLETED", "languages": []any{"SWE"},
				"conformsTo": []any{"https://www.scb.se/schema.json"}, "issued": "2024-01-31", "modified": "2024-01-31"},
			map[string]any{"accessURL": "https://api.scb.se/v2/", "format": "application/json", "accessService": "api"},
		},
		"dataServices": []any{
			map[string]any{"id": "api", "title": map[string]any{"sv": "API"}, "endpointURL": "https://api.scb.se/v2/",
				"endpointDescription": "https://api.scb.se/v2/openapi.json", "format": "application/json", "license": "CC0 1.0",
				"accessRights": "PUBLIC", "type": "REST"},
		},
	}
}

func mustJSON(t testing.TB, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// pointers returns the sorted pointers of p's errors and checks that each
// has an English and a Swedish message.
func pointers(t *testing.T, p *problem.Problem) []string {
	t.Helper()
	var out []string
	for _, e := range p.Errors {
		out = append(out, e.Pointer)
		if e.Detail == "" || e.Message["sv"] == "" || e.Message["en"] != e.Detail {
			t.Errorf("error without detail and sv/en message: %+v", e)
		}
		if !knownRule(e.Rule) {
			t.Errorf("error without a known rule id (the validator's, or api.*): %+v", e)
		}
	}
	sort.Strings(out)
	return out
}

func TestValidBodies(t *testing.T) {
	v := newValidator(t)
	d, p := v.Dataset(mustJSON(t, datasetBody()))
	if p != nil {
		t.Fatalf("valid dataset refused: %v", p)
	}
	want := &catalog.Dataset{
		Title:              catalog.LangString{"sv": "Folkmängd", "en": "Population"},
		Description:        catalog.LangString{"sv": "Folkmängd per kommun.", "en": "Population by municipality."},
		Keywords:           catalog.LangStrings{"sv": {"befolkning"}},
		Themes:             []string{"http://publications.europa.eu/resource/authority/data-theme/SOCI"},
		AccessRights:       "http://publications.europa.eu/resource/authority/access-right/PUBLIC",
		AccrualPeriodicity: "http://publications.europa.eu/resource/authority/frequency/ANNUAL",
		Issued:             "2024-01-31", Modified: "2024-02-01T10:00:00+01:00", LandingPage: "https://www.scb.se/folkmangd",
		Languages:  []string{"http://publications.europa.eu/resource/authority/language/SWE"},
		ConformsTo: []string{"https://www.scb.se/standard"}, Spatial: []string{"http://sws.geonames.org/2661886/"},
		ContactPoint: &catalog.ContactPoint{Name: "SCB", Email: "info@scb.se", URL: "https://www.scb.se", Phone: "+46 10 479 40 00"},
		HVDCategory:  "http://data.europa.eu/bna/c_e1da4e07",
		Distributions: []catalog.Distribution{
			{ID: "1", Title: catalog.LangString{"sv": "CSV"}, AccessURL: "https://www.scb.se/folkmangd", DownloadURL: "https://www.scb.se/f.csv",
				Format: "text/csv", License: "http://creativecommons.org/licenses/by/4.0/", ByteSize: 1234,
				Availability: "http://publications.europa.eu/resource/authority/planned-availability/STABLE",
				Status:       "http://publications.europa.eu/resource/authority/distribution-status/COMPLETED",
				Languages:    []string{"http://publications.europa.eu/resource/authority/language/SWE"},
				ConformsTo:   []string{"https://www.scb.se/schema.json"}, Issued: "2024-01-31", Modified: "2024-01-31"},
			{ID: "2", AccessURL: "https://api.scb.se/v2/", Format: "application/json", AccessService: "api"},
		},
		DataServices: []catalog.DataService{{ID: "api", Title: catalog.LangString{"sv": "API"}, EndpointURL: "https://api.scb.se/v2/",
			EndpointDescription: "https://api.scb.se/v2/openapi.json", Format: "application/json",
			License: "http://creativecommons.org/publicdomain/zero/1.0/", AccessRights: "http://publications.europa.eu/resource/authority/access-right/PUBLIC",
			Type: "http://www.wikidata.org/entity/Q749568"}},
	}
	if !reflect.DeepEqual(d, want) {
		got, _ := json.MarshalIndent(d, "", " ")
		t.Errorf("dataset:\n%s", got)
	}

	a, p := v.Agency(mustJSON(t, agencyBody()))
	if p != nil {
		t.Fatalf("valid agency refused: %v", p)
	}
	if a.OrgNumber != "2021006883" || a.PublisherType != "http://purl.org/adms/publishertype/NationalAuthority" || a.CheckSchedule != "0 4 * * *" {
		t.Errorf("agency %+v", a)
	}
}

func TestNormalisation(t *testing.T) {
	v := newValidator(t)
	body := datasetBody()
	body["id"] = "3C2B1A09-8F7E-4D6C-B5A4-9E8D7C6B5A04"
	body["title"] = map[string]any{"SV": "  Folkmängd\n", "en-gb": "Population"}
	body["themes"] = []any{"gove", "http://publications.europa.eu/resource/authority/data-theme/TRAN"}
	body["accessRights"] = "non-public"
	body["languages"] = []any{"sv", "ENG", "http://publications.europa.eu/resource/authority/language/FIN", "se"}
	body["landingPage"] = " HTTPS://WWW.SCB.SE/sök här "
	body["contactPoint"] = map[string]any{"name": "SCB", "email": "mailto:info@scb.se"}
	dist := body["distributions"].([]any)[0].(map[string]any)
	dist["format"] = "Text/CSV; Charset=UTF8"
	dist["license"] = "https://creativecommons.org/licenses/by/4.0"
	dist2 := body["distributions"].([]any)[1].(map[string]any)
	dist2["accessService"] = "https://api.scb.se/v2/" // the endpoint URL resolves to the id
	d, p := v.Dataset(mustJSON(t, body))
	if p != nil {
		t.Fatalf("%v", p)
	}
	checks := map[string][2]string{
		"id":            {d.ID, "3c2b1a09-8f7e-4d6c-b5a4-9e8d7c6b5a04"},
		"title sv":      {d.Title["sv"], "Folkmängd"},
		"title en-GB":   {d.Title["en-GB"], "Population"},
		"theme 0":       {d.Themes[0], "http://publications.europa.eu/resource/authority/data-theme/GOVE"},
		"accessRights":  {d.AccessRights, "http://publications.europa.eu/resource/authority/access-right/NON_PUBLIC"},
		"language sv":   {d.Languages[0], "http://publications.europa.eu/resource/authority/language/SWE"},
		"language ENG":  {d.Languages[1], "http://publications.europa.eu/resource/authority/language/ENG"},
		"language se":   {d.Languages[3], "http://publications.europa.eu/resource/authority/language/SME"},
		"landingPage":   {d.LandingPage, "https://www.scb.se/sök%20här"},
		"email":         {d.ContactPoint.Email, "info@scb.se"},
		"format":        {d.Distributions[0].Format, "text/csv; charset=utf8"},
		"license":       {d.Distributions[0].License, "http://creativecommons.org/licenses/by/4.0/"},
		"accessService": {d.Distributions[1].AccessService, "api"},
	}
	for name, c := range checks {
		if c[0] != c[1] {
			t.Errorf("%s = %q, want %q", name, c[0], c[1])
		}
	}
	if len(d.Title) != 2 {
		t.Errorf("title %v", d.Title)
	}

	a := agencyBody()
	a["orgNumber"] = "202100-6883"
	a["publisherType"] = "http://purl.org/adms/publishertype/LocalAuthority"
	a["email"] = " Info@Digg.se "
	a["checkSchedule"] = "@every 6h"
	ag, p := v.Agency(mustJSON(t, a))
	if p != nil {
		t.Fatalf("%v", p)
	}
	if ag.OrgNumber != "2021006883" || ag.PublisherType != "http://purl.org/adms/publishertype/LocalAuthority" || ag.Email != "Info@Digg.se" || ag.CheckSchedule != "@every 6h" {
		t.Errorf("%+v", ag)
	}
}

func TestGeneratedIDs(t *testing.T) {
	v := newValidator(t)
	body := datasetBody()
	dists := body["distributions"].([]any)
	dists[0].(map[string]any)["id"] = "2" // taken: the others get 1 and 3
	dists = append(dists, map[string]any{"accessURL": "https://x.se", "format": "text/csv"})
	body["distributions"] = dists
	svcs := body["dataServices"].([]any)
	delete(svcs[0].(map[string]any), "id")
	dists[1].(map[string]any)["accessService"] = "https://api.scb.se/v2/"
	d, p := v.Dataset(mustJSON(t, body))
	if p != nil {
		t.Fatalf("%v", p)
	}
	got := []string{d.Distributions[0].ID, d.Distributions[1].ID, d.Distributions[2].ID, d.DataServices[0].ID, d.Distributions[1].AccessService}
	if want := []string{"2", "1", "3", "4", "4"}; !reflect.DeepEqual(got, want) {
		t.Errorf("ids %v, want %v", got, want)
	}
}

// rule is one broken body and the exact pointers of its errors.
type rule struct {
	name   string
	mutate func(m map[string]any)
	want   []string
}

func dist(m map[string]any, i int) map[string]any {
	return m["distributions"].([]any)[i].(map[string]any)
}

func svc(m map[string]any, i int) map[string]any {
	return m["dataServices"].([]any)[i].(map[string]any)
}

func TestDatasetRules(t *testing.T) {
	v := newValidator(t)
	rules := []rule{
		{"title required", func(m map[string]any) { delete(m, "title") }, []string{"/title"}},
		{"title and description required", func(m map[string]any) { delete(m, "title"); delete(m, "description") }, []string{"/description", "/title"}},
		{"title not an object", func(m map[string]any) { m["title"] = "Folkmängd" }, []string{"/title"}},
		{"title empty map", func(m map[string]any) { m["title"] = map[string]any{} }, []string{"/title"}},
		{"title without sv or en", func(m map[string]any) { m["title"] = map[string]any{"fi": "Väestö"} }, []string{"/title"}},
		{"title text empty", func(m map[string]any) { m["title"] = map[string]any{"sv": "  ", "en": "x"} }, []string{"/title/sv"}},
		{"title text not a string", func(m map[string]any) { m["title"] = map[string]any{"sv": 1} }, []string{"/title/sv"}},
		{"title bad language tag", func(m map[string]any) { m["title"] = map[string]any{"sv": "x", "sv_SE": "x"} }, []string{"/title/sv_SE"}},
		{"title language twice", func(m map[string]any) { m["title"] = map[string]any{"sv": "x", "SV": "y"} }, []string{"/title/sv"}},
		{"title control character", func(m map[string]any) { m["title"] = map[string]any{"sv": "a\u0001b"} }, []string{"/title/sv"}},
		{"description not XML text", func(m map[string]any) { m["description"] = map[string]any{"en": "\uFFFE"} }, []string{"/description/en"}},
		{"language tag with a slash", func(m map[string]any) { m["description"] = map[string]any{"sv": "x", "a/b": "y"} }, []string{"/description/a~1b"}},
		{"keyword empty", func(m map[string]any) { m["keywords"] = map[string]any{"sv": []any{"ok", ""}} }, []string{"/keywords/sv/1"}},
		{"keywords not a list", func(m map[string]any) { m["keywords"] = map[string]any{"sv": "befolkning"} }, []string{"/keywords/sv"}},
		{"keywords bad tag", func(m map[string]any) { m["keywords"] = map[string]any{"s": []any{"x"}} }, []string{"/keywords/s"}},
		{"unknown property", func(m map[string]any) { m["Title"] = "x" }, []string{"/Title"}},
		{"unknown nested property", func(m map[string]any) { dist(m, 0)["mediaType"] = "text/csv" }, []string{"/distributions/0/mediaType"}},
		{"id not a UUID", func(m map[string]any) { m["id"] = "42" }, []string{"/id"}},
		{"id not a string", func(m map[string]any) { m["id"] = 42 }, []string{"/id"}},
		{"unknown theme", func(m map[string]any) { m["themes"] = []any{"GOVE", "NOPE"} }, []string{"/themes/1"}},
		{"theme twice", func(m map[string]any) { m["themes"] = []any{"GOVE", "gove"} }, []string{"/themes/1"}},
		{"themes not a list", func(m map[string]any) { m["themes"] = "GOVE" }, []string{"/themes"}},
		{"theme empty", func(m map[string]any) { m["themes"] = []any{""} }, []string{"/themes/0"}},
		{"unknown access right", func(m map[string]any) { m["accessRights"] = "OPEN" }, []string{"/accessRights"}},
		{"unknown frequency", func(m map[string]any) { m["accrualPeriodicity"] = "SOMETIMES" }, []string{"/accrualPeriodicity"}},
		{"frequency IRI of another list", func(m map[string]any) {
			m["accrualPeriodicity"] = "http://publications.europa.eu/resource/authority/data-theme/GOVE"
		}, []string{"/accrualPeriodicity"}},
		{"bad issued date", func(m map[string]any) { m["issued"] = "31/01/2024" }, []string{"/issued"}},
		{"impossible date", func(m map[string]any) { m["issued"] = "2024-02-30" }, []string{"/issued"}},
		{"bad modified date-time", func(m map[string]any) { m["modified"] = "2024-01-31 10:00" }, []string{"/modified"}},
		{"landing page relative", func(m map[string]any) { m["landingPage"] = "www.scb.se" }, []string{"/landingPage"}},
		{"landing page not http", func(m map[string]any) { m["landingPage"] = "ftp://ftp.scb.se/" }, []string{"/landingPage"}},
		{"unknown language", func(m map[string]any) { m["languages"] = []any{"SWE", "Svenska"} }, []string{"/languages/1"}},
		{"conformsTo not an IRI", func(m map[string]any) { m["conformsTo"] = []any{"ISO 19115"} }, []string{"/conformsTo/0"}},
		{"spatial bad percent-encoding", func(m map[string]any) { m["spatial"] = []any{"http://x.se/%zz", "http://x.se/[1"} }, nil}, // repaired
		{"spatial bad port", func(m map[string]any) { m["spatial"] = []any{"http://x.se:8o/"} }, []string{"/spatial/0"}},
		{"contact without email", func(m map[string]any) { delete(m["contactPoint"].(map[string]any), "email") }, []string{"/contactPoint/email"}},
		{"contact bad email", func(m map[string]any) { m["contactPoint"].(map[string]any)["email"] = "info at scb.se" }, []string{"/contactPoint/email"}},
		{"contact email with a name", func(m map[string]any) { m["contactPoint"].(map[string]any)["email"] = "SCB <info@scb.se>" }, []string{"/contactPoint/email"}},
		{"contact email without a domain dot", func(m map[string]any) { m["contactPoint"].(map[string]any)["email"] = "info@scb" }, []string{"/contactPoint/email"}},
		{"contact blank name", func(m map[string]any) { m["contactPoint"].(map[string]any)["name"] = " " }, []string{"/contactPoint/name"}},
		{"contact bad url", func(m map[string]any) { m["contactPoint"].(map[string]any)["url"] = "mailto:x@y.se" }, []string{"/contactPoint/url"}},
		{"contact bad phone", func(m map[string]any) { m["contactPoint"].(map[string]any)["phone"] = "call us" }, []string{"/contactPoint/phone"}},
		{"unknown HVD category", func(m map[string]any) { m["hvdCategory"] = "c_nope" }, []string{"/hvdCategory"}},
		{"distributions not a list", func(m map[string]any) { m["distributions"] = map[string]any{} }, []string{"/distributions"}},
		{"distribution without accessURL and format", func(m map[string]any) {
			delete(dist(m, 0), "accessURL")
			delete(dist(m, 0), "format")
		}, []string{"/distributions/0/accessURL", "/distributions/0/format"}},
		{"accessURL not a URL", func(m map[string]any) { dist(m, 0)["accessURL"] = "not a url" }, []string{"/distributions/0/accessURL"}},
		{"accessURL empty", func(m map[string]any) { dist(m, 0)["accessURL"] = "" }, []string{"/distributions/0/accessURL"}},
		{"accessURL blank", func(m map[string]any) { dist(m, 0)["accessURL"] = "  " }, []string{"/distributions/0/accessURL"}},
		{"accessURL without host", func(m map[string]any) { dist(m, 0)["accessURL"] = "https:/x" }, []string{"/distributions/0/accessURL"}},
		{"downloadURL not http", func(m map[string]any) { dist(m, 0)["downloadURL"] = "urn:x:y" }, []string{"/distributions/0/downloadURL"}},
		{"format not a media type", func(m map[string]any) { dist(m, 0)["format"] = "CSV" }, []string{"/distributions/0/format"}},
		{"format as file-type IRI", func(m map[string]any) {
			dist(m, 1)["format"] = "http://publications.europa.eu/resource/authority/file-type/CSV"
		}, []string{"/distributions/1/format"}},
		{"unknown licence code", func(m map[string]any) { dist(m, 0)["license"] = "CC BY 9.0" }, []string{"/distributions/0/license"}},
		{"byteSize negative", func(m map[string]any) { dist(m, 0)["byteSize"] = -1 }, []string{"/distributions/0/byteSize"}},
		{"byteSize fraction", func(m map[string]any) { dist(m, 0)["byteSize"] = 1.5 }, []string{"/distributions/0/byteSize"}},
		{"byteSize text", func(m map[string]any) { dist(m, 0)["byteSize"] = "12" }, []string{"/distributions/0/byteSize"}},
		{"byteSize too big", func(m map[string]any) { dist(m, 0)["byteSize"] = 1e30 }, []string{"/distributions/0/byteSize"}},
		{"unknown availability", func(m map[string]any) { dist(m, 0)["availability"] = "ALWAYS" }, []string{"/distributions/0/availability"}},
		{"unknown status", func(m map[string]any) { dist(m, 0)["status"] = "DONE" }, []string{"/distributions/0/status"}},
		{"distribution language", func(m map[string]any) { dist(m, 0)["languages"] = []any{"XX"} }, []string{"/distributions/0/languages/0"}},
		{"distribution dates", func(m map[string]any) { dist(m, 0)["issued"] = "2024-13"; dist(m, 0)["modified"] = "yesterday" },
			[]string{"/distributions/0/issued", "/distributions/0/modified"}},
		{"distribution title tag", func(m map[string]any) { dist(m, 0)["title"] = map[string]any{"sv_SE": "x"} }, []string{"/distributions/0/title/sv_SE"}},
		{"accessService unknown", func(m map[string]any) { dist(m, 1)["accessService"] = "nope" }, []string{"/distributions/1/accessService"}},
		{"accessService without services", func(m map[string]any) { delete(m, "dataServices") }, []string{"/distributions/1/accessService"}},
		{"distribution id malformed", func(m map[string]any) { dist(m, 0)["id"] = "a b" }, []string{"/distributions/0/id"}},
		{"ids repeat across lists", func(m map[string]any) { dist(m, 0)["id"] = "api" }, []string{"/dataServices/0/id"}},
		{"ids repeat among distributions", func(m map[string]any) { dist(m, 0)["id"] = "x"; dist(m, 1)["id"] = "x" }, []string{"/distributions/1/id"}},
		{"service without title and endpoint", func(m map[string]any) {
			delete(svc(m, 0), "title")
			delete(svc(m, 0), "endpointURL")
			delete(dist(m, 1), "accessService")
		}, []string{"/dataServices/0/endpointURL", "/dataServices/0/title"}},
		{"service title without sv or en", func(m map[string]any) { svc(m, 0)["title"] = map[string]any{"de": "API"} }, []string{"/dataServices/0/title"}},
		{"service endpoint not http", func(m map[string]any) { svc(m, 0)["endpointURL"] = "ftp://api.scb.se/" }, []string{"/dataServices/0/endpointURL"}},
		{"service endpointDescription", func(m map[string]any) { svc(m, 0)["endpointDescription"] = "openapi.json" }, []string{"/dataServices/0/endpointDescription"}},
		{"service page not a web address", func(m map[string]any) { svc(m, 0)["page"] = "villkor.html" }, []string{"/dataServices/0/page"}},
		{"service keyword not text", func(m map[string]any) {
			svc(m, 0)["keywords"] = map[string]any{"sv": []any{"ok", "a\u0000b"}}
		}, []string{"/dataServices/0/keywords/sv/1"}},
		{"service type", func(m map[string]any) { svc(m, 0)["type"] = "SOAP" }, []string{"/dataServices/0/type"}},
		{"service access rights", func(m map[string]any) { svc(m, 0)["accessRights"] = "OPEN" }, []string{"/dataServices/0/accessRights"}},
		{"service licence", func(m map[string]any) { svc(m, 0)["license"] = "free" }, []string{"/dataServices/0/license"}},
		{"service format", func(m map[string]any) { svc(m, 0)["format"] = "JSON" }, []string{"/dataServices/0/format"}},
		{"service unknown property", func(m map[string]any) { svc(m, 0)["hvdCategory"] = "c_e1da4e07" }, []string{"/dataServices/0/hvdCategory"}},
		{"several errors at once", func(m map[string]any) {
			m["themes"] = []any{"GOVE", "NOPE"}
			dist(m, 0)["accessURL"] = "not a url"
			delete(m, "description")
			m["extra"] = true
			svc(m, 0)["type"] = 1
		}, []string{"/dataServices/0/type", "/description", "/distributions/0/accessURL", "/extra", "/themes/1"}},
	}
	for _, r := range rules {
		t.Run(r.name, func(t *testing.T) {
			body := datasetBody()
			r.mutate(body)
			d, p := v.Dataset(mustJSON(t, body))
			if r.want == nil {
				if p != nil {
					t.Fatalf("refused: %v", p)
				}
				return
			}
			if p == nil {
				t.Fatalf("accepted %+v", d)
			}
			if p.Status != 422 || d != nil {
				t.Fatalf("status %d", p.Status)
			}
			if got := pointers(t, p); !reflect.DeepEqual(got, r.want) {
				t.Errorf("pointers %q, want %q\n%v", got, r.want, p)
			}
		})
	}
}

func TestAgencyRules(t *testing.T) {
	v := newValidator(t)
	rules := []rule{
		{"orgNumber required", func(m map[string]any) { delete(m, "orgNumber") }, []string{"/orgNumber"}},
		{"orgNumber check digit", func(m map[string]any) { m["orgNumber"] = "2021006884" }, []string{"/orgNumber"}},
		{"orgNumber length", func(m map[string]any) { m["orgNumber"] = "202100688" }, []string{"/orgNumber"}},
		{"orgNumber letters", func(m map[string]any) { m["orgNumber"] = "SE2021006883" }, []string{"/orgNumber"}},
		{"orgNumber a number", func(m map[string]any) { m["orgNumber"] = 2021006883 }, []string{"/orgNumber"}},
		{"name required", func(m map[string]any) { delete(m, "name") }, []string{"/name"}},
		{"name without sv or en", func(m map[string]any) { m["name"] = map[string]any{"fi": "Digg"} }, []string{"/name"}},
		{"publisherType unknown", func(m map[string]any) { m["publisherType"] = "Agency" }, []string{"/publisherType"}},
		{"homepage not http", func(m map[string]any) { m["homepage"] = "digg.se" }, []string{"/homepage"}},
		{"email bad", func(m map[string]any) { m["email"] = "info@" }, []string{"/email"}},
		{"harvestUrl bad", func(m map[string]any) { m["harvestUrl"] = "https://www.digg.se:x/" }, []string{"/harvestUrl"}},
		{"checkSchedule bad", func(m map[string]any) { m["checkSchedule"] = "every day" }, []string{"/checkSchedule"}},
		{"checkSchedule six fields", func(m map[string]any) { m["checkSchedule"] = "0 0 4 * * *" }, []string{"/checkSchedule"}},
		{"checkSchedule out of range", func(m map[string]any) { m["checkSchedule"] = "0 25 * * *" }, []string{"/checkSchedule"}},
		{"token refused", func(m map[string]any) { m["token"] = "kat_x" }, []string{"/token"}},
		{"staff negative", func(m map[string]any) { m["staff"] = -3 }, []string{"/staff"}},
		{"shortName control char", func(m map[string]any) { m["shortName"] = "a\x00" }, []string{"/shortName"}},
		{"createdAt ignored even if garbage", func(m map[string]any) { m["createdAt"] = "yesterday"; m["updatedAt"] = "" }, nil},
		{"several at once", func(m map[string]any) {
			m["orgNumber"] = "2021006884"
			m["email"] = "nope"
			m["publisherType"] = "Agency"
		}, []string{"/email", "/orgNumber", "/publisherType"}},
		{"publisherType defaults to NationalAuthority", func(m map[string]any) { delete(m, "publisherType") }, nil},
	}
	for _, r := range rules {
		t.Run(r.name, func(t *testing.T) {
			body := agencyBody()
			r.mutate(body)
			a, p := v.Agency(mustJSON(t, body))
			if r.want == nil {
				if p != nil {
					t.Fatalf("refused: %v", p)
				}
				return
			}
			if p == nil {
				t.Fatalf("accepted %+v", a)
			}
			if got := pointers(t, p); !reflect.DeepEqual(got, r.want) {
				t.Errorf("pointers %q, want %q\n%v", got, r.want, p)
			}
		})
	}
}

func TestMalformedJSON(t *testing.T) {
	v := newValidator(t)
	cases := []struct {
		body      string
		line, col int
	}{
		{"", 1, 1},
		{"   ", 1, 1},
		{`{"title": {"sv": "x"`, 1, 21},
		{"{\n  \"title\": x\n}", 2, 12},
		{`{"a":1} {"b":2}`, 1, 9},
		{"{\"a\":\"\xff\"}", 1, 7},
		{`{"a":1,}`, 1, 8},
	}
	for _, tc := range cases {
		for name, call := range map[string]func([]byte) *problem.Problem{
			"dataset": func(b []byte) *problem.Problem { _, p := v.Dataset(b); return p },
			"agency":  func(b []byte) *problem.Problem { _, p := v.Agency(b); return p },
		} {
			p := call([]byte(tc.body))
			if p == nil || p.Status != 400 || len(p.Errors) != 1 {
				t.Errorf("%s %q: %v", name, tc.body, p)
				continue
			}
			if e := p.Errors[0]; e.Line != tc.line || e.Column != tc.col || e.Message["sv"] == "" {
				t.Errorf("%s %q: at %d:%d, want %d:%d (%v)", name, tc.body, e.Line, e.Column, tc.line, tc.col, p)
			}
		}
	}
	// A JSON value that is not an object is a 422 at the root.
	for _, body := range []string{"[]", "null", `"x"`, "1"} {
		if _, p := v.Dataset([]byte(body)); p == nil || p.Status != 422 || len(p.Errors) != 1 || p.Errors[0].Pointer != "" {
			t.Errorf("%s: %v", body, p)
		}
	}
}

// TestRoundTrip feeds the JSON of stored datasets and agencies back in.
func TestRoundTrip(t *testing.T) {
	v := newValidator(t)
	for _, d := range demo.Datasets() {
		b := mustJSON(t, d)
		got, p := v.Dataset(b)
		if p != nil {
			t.Errorf("dataset %s: %v", d.ID, p)
			continue
		}
		want := d
		want.Agency = ""
		if !reflect.DeepEqual(*got, want) {
			t.Errorf("dataset %s changed on the way back:\n%+v\n%+v", d.ID, *got, want)
		}
		again, p := v.Dataset(mustJSON(t, got))
		if p != nil || !reflect.DeepEqual(again, got) {
			t.Errorf("dataset %s: not a fixed point: %v", d.ID, p)
		}
	}
	for _, a := range demo.Agencies() {
		a.ShortName, a.Staff, a.Group, a.Department = "DIGG", 250, "g1", "Finansdepartementet"
		a.Active = true // read-only: the register's word, ignored on input
		got, p := v.Agency(mustJSON(t, a))
		if p != nil {
			t.Errorf("agency %s: %v", a.OrgNumber, p)
			continue
		}
		a.Active = false
		if !reflect.DeepEqual(*got, a) {
			t.Errorf("agency %s changed:\n%+v\n%+v", a.OrgNumber, *got, a)
		}
	}
	// The server's answer to a registration carries the token: it may not come back.
	withToken := mustJSON(t, struct {
		*catalog.Agency
		Token string `json:"token"`
	}{&demo.Agencies()[0], "kat_secret"})
	if _, p := v.Agency(withToken); p == nil || len(p.Errors) != 1 || p.Errors[0].Pointer != "/token" {
		t.Errorf("token accepted: %v", p)
	}
}

func TestSchemaBytes(t *testing.T) {
	v := newValidator(t)
	for _, name := range []string{"agency", "dataset", "dataset.schema.json", "agency.json"} {
		b, ok := v.Schema(name)
		var doc map[string]any
		if !ok || json.Unmarshal(b, &doc) != nil || doc["$schema"] != "https://json-schema.org/draft/2020-12/schema" {
			t.Errorf("Schema(%q): %v", name, ok)
		}
	}
	if _, ok := v.Schema("secret"); ok {
		t.Error("unknown schema served")
	}
	b, _ := v.Schema("dataset")
	b[0] = 'X'
	if again, _ := v.Schema("dataset"); again[0] != '{' {
		t.Error("Schema returned shared bytes")
	}
	if !reflect.DeepEqual(v.Names(), []string{"agency", "dataset", "token", "notifications"}) {
		t.Error(v.Names())
	}
}

func TestMessagesAreTranslated(t *testing.T) {
	v := newValidator(t)
	body := datasetBody()
	body["title"] = 5
	body["themes"] = []any{"NOPE"}
	delete(body, "description")
	_, p := v.Dataset(mustJSON(t, body))
	for _, e := range p.Errors {
		if e.Message["sv"] == e.Message["en"] || strings.Contains(e.Detail, "jsonschema") {
			t.Errorf("untranslated: %+v", e)
		}
	}
}

func FuzzDataset(f *testing.F) {
	v, err := New()
	if err != nil {
		f.Fatal(err)
	}
	f.Add(mustJSON(f, datasetBody()))
	for _, d := range demo.Datasets() {
		f.Add(mustJSON(f, d))
	}
	for _, s := range []string{`{}`, `[]`, `{"title":{"sv":"\u0000"}}`, `{"distributions":[{"byteSize":1e400}]}`, `{"id":"x","title":{"x-":""}}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		d, p := v.Dataset(body)
		if (d == nil) == (p == nil) {
			t.Fatalf("want exactly one of dataset and problem: %v, %v", d, p)
		}
		if p != nil {
			if p.Status != 400 && p.Status != 422 || len(p.Errors) == 0 {
				t.Fatalf("problem %+v", p)
			}
			return
		}
		// An accepted dataset is a fixed point.
		again, p := v.Dataset(mustJSON(t, d))
		if p != nil {
			t.Fatalf("accepted %s, but its output is refused: %v", body, p)
		}
		if !reflect.DeepEqual(again, d) {
			t.Fatalf("not a fixed point:\n%+v\n%+v", d, again)
		}
	})
}

func FuzzAgency(f *testing.F) {
	v, err := New()
	if err != nil {
		f.Fatal(err)
	}
	f.Add(mustJSON(f, agencyBody()))
	f.Add([]byte(`{"orgNumber":"202100-6883","name":{"sv":"x"},"publisherType":"Company","checkSchedule":"TZ=x 0 0 * * *"}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		a, p := v.Agency(body)
		if (a == nil) == (p == nil) {
			t.Fatalf("want exactly one of agency and problem")
		}
		if a != nil {
			if _, p := v.Agency(mustJSON(t, a)); p != nil {
				t.Fatalf("accepted %s, but its output is refused: %v", body, p)
			}
		}
	})
}

// TestNumbersOutOfRange: a number no JSON implementation holds exactly
// (1e999999999 made the JSON Schema library panic) is a located 422, and
// the validator does not panic.
func TestNumbersOutOfRange(t *testing.T) {
	v := newValidator(t)
	for _, body := range []string{
		`{"title":{"sv":"T"},"description":{"sv":"D"},"distributions":[{"accessURL":"https://x.se/","format":"text/csv","byteSize":1e999999999}]}`,
		`{"title":{"sv":"T"},"description":{"sv":"D"},"distributions":[{"accessURL":"https://x.se/","format":"text/csv","byteSize":-99999999999999999999}]}`,
	} {
		_, p := v.Dataset([]byte(body))
		if p == nil || p.Status != 422 || len(p.Errors) != 1 || p.Errors[0].Pointer != "/distributions/0/byteSize" {
			t.Errorf("%s: %+v", body, p)
		}
	}
	_, p := v.Agency([]byte(`{"orgNumber":"2021006883","name":{"sv":"Digg"},"staff":1e400}`))
	if p == nil || p.Status != 422 || p.Errors[0].Pointer != "/staff" {
		t.Errorf("agency staff 1e400: %+v", p)
	}
	if _, p := v.Dataset([]byte(`{"title":{"sv":"T"},"description":{"sv":"D"},"distributions":[{"accessURL":"https://x.se/","format":"text/csv","byteSize":9007199254740991}]}`)); p != nil {
		t.Errorf("2^53-1 is refused: %+v", p)
	}
}

// TestHarvestURLWithUserInfo: a harvest URL with user:password@ is refused:
// katalog would publish and send it.
func TestHarvestURLWithUserInfo(t *testing.T) {
	v := newValidator(t)
	_, p := v.Agency([]byte(`{"orgNumber":"2021006883","name":{"sv":"Digg"},"harvestUrl":"https://user:secret@www.digg.se/datasets/dcat"}`))
	if p == nil || p.Status != 422 || p.Errors[0].Pointer != "/harvestUrl" {
		t.Errorf("user info accepted: %+v", p)
	}
}

// TestTokenRequest: a name is needed, an expiry must lie ahead.
func TestTokenRequest(t *testing.T) {
	v := newValidator(t)
	now := time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)
	r, p := v.Token([]byte(`{"name":" ci ","expiresAt":"2027-01-01T00:00:00Z"}`), now)
	if p != nil || r.Name != "ci" || r.ExpiresAt == nil || r.ExpiresAt.Year() != 2027 {
		t.Fatalf("%+v %v", r, p)
	}
	for body, ptr := range map[string]string{
		`{"name":""}`: "/name",
		`{"name":"ci","expiresAt":"2026-01-01T00:00:00Z"}`: "/expiresAt",
		`{"name":"ci","expiresAt":"tomorrow"}`:             "/expiresAt",
		`{"name":"ci","token":"kat_x"}`:                    "/token",
		`{}`:                                               "",
	} {
		_, p := v.Token([]byte(body), now)
		if p == nil || p.Status != 422 || len(p.Errors) == 0 || (ptr != "" && p.Errors[0].Pointer != ptr) {
			t.Errorf("%s: %+v", body, p)
		}
	}
}

// FuzzToken: the token body's validator never panics, and what it accepts
// has a name and an expiry in the future.
func FuzzToken(f *testing.F) {
	for _, s := range []string{`{"name":"ci"}`, `{"name":"ci","expiresAt":"2030-01-01T00:00:00Z"}`, `{"name":1e999}`, `{"name":"x","expiresAt":"2030-13-45T99:00:00Z"}`, `[]`, `{"name":"\u0000"}`} {
		f.Add([]byte(s))
	}
	v := newValidator(f)
	now := time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, body []byte) {
		r, p := v.Token(body, now)
		if p != nil {
			if p.Status != 400 && p.Status != 422 {
				t.Fatalf("status %d", p.Status)
			}
			return
		}
		if strings.TrimSpace(r.Name) == "" || (r.ExpiresAt != nil && !r.ExpiresAt.After(now)) {
			t.Fatalf("accepted %+v", r)
		}
	})
}

func TestNotifications(t *testing.T) {
	v := newValidator(t)
	const org = catalog.OrgNumber("2021006883")
	n, p := v.Notifications(org, []byte(`{}`))
	if p != nil || !n.Email || n.Mode != catalog.NotifyOnChange || n.WebhookURL != "" || n.Agency != org {
		t.Errorf("defaults: %+v %v", n, p)
	}
	n, p = v.Notifications(org, []byte(`{"email":false,"mode":"digest","webhook":{"url":"https://ci.example.se/hooks/katalog","secret":"0123456789abcdef"}}`))
	if p != nil || n.Email || n.Mode != catalog.NotifyDigest || n.WebhookURL != "https://ci.example.se/hooks/katalog" || n.WebhookSecret != "0123456789abcdef" {
		t.Errorf("settings: %+v %v", n, p)
	}
	for body, pointer := range map[string]string{
		`{"mode":"hourly"}`: "/mode",
		`{"webhook":{"url":"https://x.se/h","secret":"short"}}`:                "/webhook/secret",
		`{"webhook":{"url":"ftp://x.se/h","secret":"0123456789abcdef"}}`:       "/webhook/url",
		`{"webhook":{"url":"https://u:p@x.se/h","secret":"0123456789abcdef"}}`: "/webhook/url",
		`{"webhook":{"url":"https://x.se/h"}}`:                                 "/webhook",
		`{"email":"yes"}`:                                                      "/email",
		`{"sms":true}`:                                                         "",
	} {
		_, p := v.Notifications(org, []byte(body))
		if p == nil || p.Status != 422 || len(p.Errors) == 0 || !strings.HasPrefix(p.Errors[0].Pointer, pointer) || p.Errors[0].Message["sv"] == "" {
			t.Errorf("%s: problem %+v", body, p)
		}
	}
}
