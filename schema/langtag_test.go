package schema

import (
	"testing"
)

// TestLanguageTagPolicy checks the API's side of the language-tag policy
// (dcat/syntax/langtag): every well-formed BCP 47 tag is accepted and stored
// in canonical case, also those knakk/rdf's NewLangLiteral refuses (the
// mapper publishes them all); a malformed one is an error whose pointer is
// the tag's.
func TestLanguageTagPolicy(t *testing.T) {
	v := newValidator(t)
	for given, want := range map[string]string{
		"zh-Hant-TW": "zh-Hant-TW", "zh-hant-tw": "zh-Hant-TW", "sr-Latn-RS": "sr-Latn-RS", "i-klingon": "i-klingon",
		"I-KLINGON": "i-klingon", "de-CH-1996": "de-CH-1996", "x-private": "x-private", "en-US-u-ca-gregory": "en-US-u-ca-gregory",
		"en-GB-oed": "en-GB-oed", "sgn-be-fr": "sgn-BE-FR",
	} {
		body := datasetBody()
		body["title"] = map[string]any{"sv": "Folkmängd", given: "Titel"}
		body["keywords"] = map[string]any{given: []any{"ord"}}
		d, p := v.Dataset(mustJSON(t, body))
		if p != nil {
			t.Errorf("%s: %v", given, p)
			continue
		}
		if d.Title[want] != "Titel" || len(d.Keywords[want]) != 1 {
			t.Errorf("%s: title %v, keywords %v; want the tag as %s", given, d.Title, d.Keywords, want)
		}
	}
	for _, bad := range []string{"en-abcdefghi", "de-1901-1901", "en-a-bbb-a-ccc", "i-nope", "x", "en-x", "sv-SE-SE"} {
		body := datasetBody()
		body["title"] = map[string]any{"sv": "Folkmängd", bad: "Titel"}
		_, p := v.Dataset(mustJSON(t, body))
		if p == nil || len(p.Errors) != 1 || p.Errors[0].Pointer != "/title/"+bad {
			t.Errorf("%s: %v, want one error at /title/%s", bad, p, bad)
		}
	}
}
