package langtag

import (
	"errors"
	"strings"
	"testing"
)

func TestCheckValid(t *testing.T) {
	for _, tag := range []string{
		"sv", "en", "se", "fi", "SV", "sv-SE", "sv-se", "en-GB", "fit", "smj", "yi", "rom",
		"zh-Hant", "zh-Hant-TW", "sr-Latn-RS", "es-419", "de-CH-1901", "sl-rozaj-biske",
		"de-DE-u-co-phonebk", "en-a-myext-b-another", "sv-x-latt", "x-whatever", "qaa-Qaaa-QM-x-southern",
		"zh-yue-HK", "zh-cmn-Hans-CN", "ar-afb-aao-abh", "hy-Latn-IT-arevela", "en-US-x-twain",
		"i-klingon", "I-KLINGON", "en-GB-oed", "zh-min-nan", "art-lojban", "abcd", "abcdefgh",
		"sv-1994", "de-u-attr-co-phonebk-x-private", "en-x-a-b-c",
	} {
		if err := Check(tag); err != nil {
			t.Errorf("Check(%q) = %v", tag, err)
		}
	}
}

func TestCheckInvalid(t *testing.T) {
	cases := []struct {
		tag    string
		err    error
		offset int
	}{
		{"", ErrEmpty, 0},
		{"s", ErrSyntax, 0},
		{"svenska-språket", ErrSyntax, 8},
		{"abcdefghi", ErrSyntax, 0},
		{"sv_SE", ErrSyntax, 0},
		{"sv-", ErrSyntax, 3},
		{"-sv", ErrSyntax, 0},
		{"sv--SE", ErrSyntax, 3},
		{"sv SE", ErrSyntax, 0},
		{"12", ErrSyntax, 0},
		{"sv-SE-SE", ErrSyntax, 6},
		{"sv-Latn-Latn", ErrSyntax, 8},
		{"en-a", ErrSyntax, 3},
		{"en-a-b-cd", ErrSyntax, 3},
		{"x", ErrSyntax, 0},
		{"en-x", ErrSyntax, 3},
		{"en-x-abcdefghi", ErrSyntax, 5},
		{"de-1901-1901", ErrDuplicate, 8},
		{"de-DE-1901-1901", ErrDuplicate, 11},
		{"en-a-bbb-a-ccc", ErrDuplicate, 9},
		{"zh-abc-def-ghi-jkl", ErrSyntax, 15},
		{"abcd-efg", ErrSyntax, 5},
		{"sv-SE-å", ErrSyntax, 6},
		{"i-nope", ErrSyntax, 0},
	}
	for _, tc := range cases {
		err := Check(tc.tag)
		var e *Error
		if !errors.As(err, &e) || !errors.Is(err, tc.err) || e.Offset != tc.offset {
			t.Errorf("Check(%q) = %v, want %v at %d", tc.tag, err, tc.err, tc.offset)
			continue
		}
		if tc.err == ErrSyntax && !strings.Contains(e.Error(), "byte") {
			t.Errorf("Check(%q): %q does not say where", tc.tag, e.Error())
		}
	}
}

func TestCanonical(t *testing.T) {
	for in, want := range map[string]string{
		"SV":                       "sv",
		"sv-se":                    "sv-SE",
		"EN-gb":                    "en-GB",
		"zh-hant-tw":               "zh-Hant-TW",
		"SR-LATN-rs":               "sr-Latn-RS",
		"es-419":                   "es-419",
		"DE-ch-1901":               "de-CH-1901",
		"en-A-BBB-x-PRIV-AB":       "en-a-bbb-x-priv-ab",
		"en-a-bc-DE":               "en-a-bc-de", // a 2-letter extension subtag is not a region
		"ZH-YUE-hk":                "zh-yue-HK",
		"X-Private":                "x-private",
		"i-KLINGON":                "i-klingon",
		"EN-gb-OED":                "en-GB-oed",
		"SGN-be-fr":                "sgn-BE-FR",
		"qaa-qaaa-qm-x-southern":   "qaa-Qaaa-QM-x-southern",
		"not a tag":                "not a tag",
		"sv-Latn-SE-u-ca-gregory":  "sv-Latn-SE-u-ca-gregory",
		"hy-LATN-it-AREVELA":       "hy-Latn-IT-arevela",
		"de-u-attr-co-PHONEBK-x-A": "de-u-attr-co-phonebk-x-a",
	} {
		if got := Canonical(in); got != want {
			t.Errorf("Canonical(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzCheck(f *testing.F) {
	for _, s := range []string{"sv", "SV-se", "es-419", "abcdefgh-ZZ", "sv-SEE", "sv-4190", "zh-Hant-TW", "x-a", "en-a-bc-x-d", "i-klingon", "de-1901-1901", "--"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, tag string) {
		err := Check(tag)
		c := Canonical(tag)
		if simple(tag) {
			// The fast path agrees with the full parse.
			if slow, err := normalize(tag); err != nil || slow != c {
				t.Fatalf("simple tag %q: fast path %q, full parse %q, %v", tag, c, slow, err)
			}
		}
		if err != nil {
			if c != tag {
				t.Fatalf("Canonical(%q) = %q changed a malformed tag", tag, c)
			}
			return
		}
		if !strings.EqualFold(c, tag) {
			t.Fatalf("Canonical(%q) = %q changed more than case", tag, c)
		}
		if err := Check(c); err != nil {
			t.Fatalf("Canonical(%q) = %q is not well-formed: %v", tag, c, err)
		}
		if Canonical(c) != c {
			t.Fatalf("Canonical is not idempotent on %q", tag)
		}
	})
}

func TestNormalize(t *testing.T) {
	for in, want := range map[string]string{
		"zh-hant-tw": "zh-Hant-TW", "sr-Latn-RS": "sr-Latn-RS", "I-Klingon": "i-klingon", "de-ch-1996": "de-CH-1996",
		"X-Private": "x-private", "en-us-U-CA-gregory": "en-US-u-ca-gregory", "sv": "sv",
	} {
		got, err := Normalize(in)
		if err != nil || got != want {
			t.Errorf("Normalize(%q) = %q, %v; want %q", in, got, err, want)
		}
		if c := Canonical(in); c != got {
			t.Errorf("Canonical(%q) = %q, Normalize %q", in, c, got)
		}
	}
	for _, in := range []string{"", "sv_SE", "en-abcdefghi", "de-1901-1901", "i-nope"} {
		got, err := Normalize(in)
		var e *Error
		if got != "" || !errors.As(err, &e) || err.Error() != Check(in).Error() {
			t.Errorf("Normalize(%q) = %q, %v; want Check's error %v", in, got, err, Check(in))
		}
	}
}
