package score

import (
	"strings"
	"testing"

	"github.com/katalog-se/katalog/catalog"
)

// TestAPIDescriptionMustBeVerified (#16): an endpointDescription earns the
// API-description points only when the check found an OpenAPI or Swagger
// document there with CORS for dataportal.se. Before, any
// endpointDescription passed: a Swagger UI page as well as an OpenAPI file.
func TestAPIDescriptionMustBeVerified(t *testing.T) {
	const desc = "https://api.example.se/v1/openapi"
	yes, no := true, false
	tests := []struct {
		name   string
		row    *catalog.LinkResult // nil: not in the link table
		passes bool
		says   string
	}{
		{"OpenAPI YAML with CORS", &catalog.LinkResult{URL: desc, OK: true, Status: 200, API: "openapi 3.0.3", CORS: &yes}, true, desc},
		{"Swagger UI page", &catalog.LinkResult{URL: desc, OK: true, Status: 200, API: "html", CORS: &yes}, false, "a web page (such as Swagger UI)"},
		{"OpenAPI without CORS", &catalog.LinkResult{URL: desc, OK: true, Status: 200, API: "openapi 3.1.0", CORS: &no}, false, "openapi 3.1.0 without CORS"},
		{"JSON that is no description", &catalog.LinkResult{URL: desc, OK: true, Status: 200, API: "json", CORS: &yes}, false, "JSON that is not an OpenAPI"},
		{"404", &catalog.LinkResult{URL: desc, Status: 404}, false, "HTTP 404"},
		{"never checked", nil, false, "no check has fetched it yet"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := goodInputs()
			rows := []catalog.LinkResult{{URL: "https://example.se/a", OK: true, Status: 200}}
			if tt.row != nil {
				rows = append(rows, *tt.row)
			}
			in.Check.APIDescription = APIDescriptionsOf(rows)
			d := goodDataset("h")
			d.HVDCategory = hvdStats
			d.Distributions[0].License = licenceCCBY
			d.DataServices = []catalog.DataService{{ID: "api", EndpointURL: "https://api.example.se/v1", EndpointDescription: desc, License: licenceCC0}}
			s := scoreOf(t, in, []catalog.Dataset{d})
			r := mustRule(t, s, RuleAPIDescription)
			if r.Passed != tt.passes || !strings.Contains(r.Evidence, tt.says) {
				t.Errorf("%s: passed %v, evidence %q; want %v and %q", RuleAPIDescription, r.Passed, r.Evidence, tt.passes, tt.says)
			}
			if h := mustRule(t, s, RuleHVDAPIDocs); h.Passed != tt.passes {
				t.Errorf("%s: passed %v, want %v", RuleHVDAPIDocs, h.Passed, tt.passes)
			}
		})
	}
}
