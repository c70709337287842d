package portal

import (
	"slices"
	"testing"

	"github.com/katalog-se/katalog/catalog"
)

// TestCatalogsMerge: datasets that share an IRI or a UUID identifier are
// one, however the sharing chains; a non-UUID identifier joins nothing.
func TestCatalogsMerge(t *testing.T) {
	var c Catalogs
	c.Add("https://a.se/1", []string{"https://a.se/1"}, "11111111-1111-4111-8111-111111111111")
	c.Add("https://a.se/2", []string{"https://a.se/2"}, "22222222-2222-4222-8222-222222222222")
	c.Add("https://b.se/1", []string{"https://b.se/1"}, "{11111111-1111-4111-8111-111111111111}") // 1 by UUID
	c.Add("x", []string{"https://a.se/2"}, "not-a-uuid")                                          // 2 by IRI
	c.Add("y", []string{"https://c.se/9"}, "not-a-uuid")                                          // alone
	c.Add("z", []string{"https://b.se/1"}, "urn:uuid:22222222-2222-4222-8222-222222222222")       // joins 1 and 2
	if n := c.Len(); n != 2 {
		t.Fatalf("%d datasets, want 2", n)
	}
	if got := c.Missing(nil); !slices.Equal(got, []string{"https://a.se/1", "y"}) {
		t.Errorf("missing with nothing listed: %v", got)
	}
	listed := []Listing{{IRI: "https://portal.se/kopia", Identifiers: []string{"not-a-uuid", "22222222222242228222222222222222"}}}
	if got := c.Missing(listed); !slices.Equal(got, []string{"y"}) {
		t.Errorf("missing when a copy with the UUID is listed: %v", got)
	}
	var empty Catalogs
	if empty.Len() != 0 || empty.Missing(listed) == nil || len(empty.Missing(listed)) != 0 {
		t.Error("an empty catalog")
	}
}

func TestOrgOfPublisher(t *testing.T) {
	for iri, want := range map[string]catalog.OrgNumber{
		"http://dataportal.se/organisation/SE2021006883":           "2021006883",
		"http://dataportal.se/organisation/SE2021006883-lantmat":   "2021006883",
		"https://dataportal.se/organisation/SE2021006883":          "2021006883",
		"http://dataportal.se/organisation/SE2021006884":           "",
		"http://dataportal.se/organisation/SE2021006883x":          "",
		"http://dataportal.se/organisation/SE202100688":            "",
		"http://dataportal.se/organisation/2021006883":             "",
		"https://www.digg.se/organisation/SE2021006883":            "",
		"http://dataportal.se/organisation/SE2021006883/":          "",
		"http://dataportal.se/organisation/SE2021006883-a-b-c-d-e": "2021006883",
	} {
		got, ok := orgOfPublisher(iri)
		if got != want || ok != (want != "") {
			t.Errorf("orgOfPublisher(%q) = %q, %v; want %q", iri, got, ok, want)
		}
	}
}

func TestQueryTerms(t *testing.T) {
	if got := stringLiteral("a\"b\\c\nd"); got != `"a\"b\\c\nd"` {
		t.Errorf("stringLiteral: %s", got)
	}
	for iri, ok := range map[string]bool{
		"http://dataportal.se/organisation/SE2021006883": true,
		"https://a.se/ä?x=1#y":                           true,
		"not an IRI":                                     false,
		"relative/path":                                  false,
		"http://a.se/>{}":                                false,
		"http://a.se/\"":                                 false,
	} {
		if iriRef(iri) != ok {
			t.Errorf("iriRef(%q) = %v", iri, !ok)
		}
	}
}
