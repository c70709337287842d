package processor

import (
	"strings"
	"testing"

	"github.com/knakk/rdf"
)

// TestLanguageSuffixes checks that a text key's language suffix follows the
// language-tag policy (dcat/syntax/langtag): every well-formed BCP 47 tag,
// also those knakk/rdf's NewLangLiteral refuses, gives a literal with the
// tag in canonical case; a malformed suffix is no language suffix (an
// unknown key).
func TestLanguageSuffixes(t *testing.T) {
	for suffix, want := range map[string]string{
		"sv": "sv", "zh-Hant-TW": "zh-Hant-TW", "sr-latn-rs": "sr-Latn-RS", "i-klingon": "i-klingon",
		"de-CH-1996": "de-CH-1996", "x-private": "x-private", "en-US-u-ca-gregory": "en-US-u-ca-gregory",
	} {
		in := strings.Replace(base, `"DATASET": "x"`, `"title-`+suffix+`": "Titel `+suffix+`"`, 1)
		ts, err := readAll(t, []byte(in), "in.json")
		if err != nil {
			t.Errorf("title-%s: %v", suffix, err)
			continue
		}
		found := false
		for _, tr := range ts {
			if l, ok := tr.Obj.(rdf.Literal); ok && l.String() == "Titel "+suffix {
				found = true
				if l.Lang() != want {
					t.Errorf("title-%s: tag %q, want %q", suffix, l.Lang(), want)
				}
			}
		}
		if !found {
			t.Errorf("title-%s: no literal in %d triples", suffix, len(ts))
		}
	}
	in := strings.Replace(base, `"DATASET": "x"`, `"title-en-abcdefghi": "x"`, 1)
	if _, err := readAll(t, []byte(in), "in.json"); err == nil || !strings.Contains(err.Error(), "title-en-abcdefghi") {
		t.Errorf("malformed suffix: %v", err)
	}
}
