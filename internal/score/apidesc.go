package score

// #16: only a verified API description earns the API-description points
// (publication.apiDescription and hvd.apiDocumentation). dataportal.se
// shows an API when a data service's dcat:endpointDescription is an
// OpenAPI 3 or Swagger 2 file (JSON or YAML) that it may read (CORS for
// its origin); the readiness check fetches each one and judges it by
// content, and the link table keeps the verdict (catalog.LinkResult.API
// and CORS). A description that is a web page (Swagger UI), other JSON, a
// 404, or one never checked, earns nothing, and the evidence says why.

import (
	"fmt"
	"strings"

	"github.com/katalog-se/katalog/catalog"
)

// APIDescription is what the latest check found at an endpointDescription.
type APIDescription struct {
	// Checked: the URL is in the link table as an API description.
	Checked bool
	// Verified: an OpenAPI or Swagger document with CORS for the portal.
	Verified bool
	// Found says what was there instead, in words ("a web page", "HTTP
	// 404", …), when not verified.
	Found string
}

// APIDescriptionsOf reads an agency's link table for
// CheckSummary.APIDescription.
func APIDescriptionsOf(links []catalog.LinkResult) func(url string) APIDescription {
	m := map[string]APIDescription{}
	for _, l := range links {
		if l.CORS == nil && l.API == "" && l.OK {
			continue // not examined as an API description
		}
		m[l.URL] = apiDescription(l)
	}
	return func(url string) APIDescription { return m[url] }
}

// apiDescription judges one row of the link table.
func apiDescription(l catalog.LinkResult) APIDescription {
	spec := strings.HasPrefix(l.API, "openapi ") || strings.HasPrefix(l.API, "swagger ")
	cors := l.CORS != nil && *l.CORS
	d := APIDescription{Checked: true, Verified: l.OK && spec && cors}
	switch {
	case d.Verified:
	case l.Error != "":
		d.Found = l.Error
	case !l.OK:
		d.Found = fmt.Sprintf("HTTP %d", l.Status)
	case spec:
		d.Found = l.API + " without CORS for dataportal.se"
	case l.API == "html":
		d.Found = "a web page (such as Swagger UI), not an OpenAPI file"
	case l.API == "json", l.API == "yaml":
		d.Found = strings.ToUpper(l.API) + " that is not an OpenAPI or Swagger document"
	default:
		d.Found = "neither JSON nor YAML"
	}
	return d
}

// verifiedAPI reports whether the endpointDescription u of subj is a
// verified API description, and keeps the first of a PUBLIC dataset that
// is not, for the evidence of the rules it fails.
func (e *evaluator) verifiedAPI(subj subject, u string, public bool) bool {
	var d APIDescription
	if c := e.in.Check; c != nil && c.APIDescription != nil {
		d = c.APIDescription(u)
	}
	if d.Verified {
		return true
	}
	if !public {
		return false
	}
	why := d.Found
	if !d.Checked {
		why = "not verified: no check has fetched it yet"
	}
	e.apiUnverified[e.src].see(subj, "dcat:endpointDescription", u+" ("+why+")")
	return false
}

// apiDescriptionEvidence is the evidence of publication.apiDescription
// for source src when none of its descriptions is verified.
func (e *evaluator) apiDescriptionEvidence(src int) string {
	return e.apiUnverified[src].evidence("no data service of a PUBLIC dataset has dcat:endpointDescription")
}
