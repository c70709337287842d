package processor

import (
	"errors"
	"strings"
	"testing"
)

// base is a minimal valid input; cases replace parts of it.
const base = `{
 "dcat-catalog": {"about": "https://c.se", "title-sv": "K", "description-sv": "B",
   "publisher": {"about": "https://c.se/org", "name": "Org", "type": "NationalAuthority"},
   "license": "CC0 1.0"},
 "dcat-dataset": [{"about": "https://c.se/ds", "title-sv": "T", "description-sv": "D", "DATASET": "x"}]
}`

func TestErrors(t *testing.T) {
	cases := []struct {
		name, old, new, pointer, msg string
	}{
		{"unknown key", `"DATASET": "x"`, `"dcterms-title-sv": "x"`, "/dcat-dataset/0/dcterms-title-sv", `unknown key "dcterms-title-sv"`},
		{"unknown top-level key", `"dcat-dataset"`, `"dcat-distribution"`, "/dcat-distribution", "unknown key"},
		{"wrong type", `"DATASET": "x"`, `"keyword-sv": {"a": 1}`, "/dcat-dataset/0/keyword-sv", "must be a string, not object"},
		{"boolean", `"DATASET": "x"`, `"issued": true`, "/dcat-dataset/0/issued", "must be a string, not boolean"},
		{"unknown theme", `"DATASET": "x"`, `"theme": "TRAN; SPORT"`, "/dcat-dataset/0/theme", `"SPORT": is not a supported value of theme`},
		{"unknown access right", `"DATASET": "x"`, `"accessRights": "Open"`, "/dcat-dataset/0/accessRights", "not a supported value of accessRights"},
		{"bad date", `"DATASET": "x"`, `"issued": "2021-13-01"`, "/dcat-dataset/0/issued", "is not a date"},
		{"bad IRI", `"DATASET": "x"`, `"landingPage": "not an iri"`, "/dcat-dataset/0/landingPage", "is not a valid IRI"},
		{"bad about", `"about": "https://c.se/ds"`, `"about": "ds 1"`, "/dcat-dataset/0/about", "is not a valid IRI"},
		{"missing title", `"title-sv": "T", `, ``, "/dcat-dataset/0", `"title" is missing`},
		{"missing publisher type", `"name": "Org", "type": "NationalAuthority"`, `"name": "Org"`, "/dcat-catalog/publisher", `"type" is missing`},
		{"bad address", `"DATASET": "x"`, `"contactPoint": {"about": "https://c.se/k", "type": "Organization", "name": "K", "email": "k@c.se", "address": "Gatan 1; Ort"}`, "/dcat-dataset/0/contactPoint/address", "four parts"},
		{"bad contact type", `"DATASET": "x"`, `"contactPoint": {"about": "https://c.se/k", "type": "Person", "name": "K", "email": "k@c.se"}`, "/dcat-dataset/0/contactPoint/type", "not a supported value"},
		{"bad email", `"DATASET": "x"`, `"contactPoint": {"about": "https://c.se/k", "type": "Organization", "name": "K", "email": "k at c.se"}`, "/dcat-dataset/0/contactPoint/email", "not an e-mail address"},
		{"bad byte size", `"DATASET": "x"`, `"distribution": {"about": "https://c.se/d", "accessURL": "https://c.se/f", "byteSize": "-1"}`, "/dcat-dataset/0/distribution/byteSize", "non-negative integer"},
		{"bad format", `"DATASET": "x"`, `"distribution": {"about": "https://c.se/d", "accessURL": "https://c.se/f", "formatMedia": "spreadsheet"}`, "/dcat-dataset/0/distribution/formatMedia", "not a media type"},
		{"duplicate about", `"DATASET": "x"`, `"distribution": {"about": "https://c.se/ds", "accessURL": "https://c.se/f"}`, "/dcat-dataset/0/distribution/about", "already describes the resource at /dcat-dataset/0/about"},
		{"no catalog", `"dcat-catalog"`, `"dcat-datasetseries"`, "", "dcat-catalog is missing"},
		{"pointer escaping", `"DATASET": "x"`, `"a/b~c": 1`, "/dcat-dataset/0/a~1b~0c", "unknown key"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := strings.Replace(base, c.old, c.new, 1)
			if in == base {
				t.Fatalf("case does not change the input")
			}
			if c.old != `"DATASET": "x"` {
				in = strings.Replace(in, `, "DATASET": "x"`, "", 1)
			}
			_, err := readAll(t, []byte(in), "in.json")
			var es Errors
			if !errors.As(err, &es) {
				t.Fatalf("err = %v, want Errors", err)
			}
			for _, e := range es {
				if e.Pointer == c.pointer && strings.Contains(e.Message.EN, c.msg) {
					if e.Message.SV == "" || e.Message.SV == e.Message.EN {
						t.Errorf("no Swedish message: %+v", e)
					}
					return
				}
			}
			t.Fatalf("no error at %q containing %q in %v", c.pointer, c.msg, es)
		})
	}
	t.Run("base is valid", func(t *testing.T) {
		in := strings.Replace(base, `, "DATASET": "x"`, "", 1)
		if _, err := readAll(t, []byte(in), "in.json"); err != nil {
			t.Fatal(err)
		}
	})
}

func TestSyntaxErrors(t *testing.T) {
	for _, c := range []struct{ name, in string }{
		{"a.json", `{"dcat-catalog": {`},
		{"a.json", `{"dcat-catalog": {}} x`},
		{"a.yaml", "openapi: 3\ninfo:\n  x-dcat: [\n"},
		{"a.yaml", "openapi: 3\ninfo:\n  title: no dcat\n"},
		{"a.json", `[1, 2]`},
	} {
		_, err := readAll(t, []byte(c.in), c.name)
		if err == nil {
			t.Errorf("%s %q: no error", c.name, c.in)
		}
	}
}
