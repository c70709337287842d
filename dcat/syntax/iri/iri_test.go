package iri

import (
	"errors"
	"strings"
	"testing"
)

func TestCheckValid(t *testing.T) {
	for _, s := range []string{
		"http://example.se",
		"https://www.digg.se/datasets/dcat",
		"HTTPS://Example.SE:8443/a/b;c=d?x=1&y=%20#frag/ment?",
		"http://dataportal.se/organisation/SE2021006883",
		"http://creativecommons.org/licenses/by/4.0/",
		"https://sv.wikipedia.org/wiki/Göteborg",
		"https://exempel.se/sök?q=räksmörgås",
		"http://例え.テスト/パス",
		"http://user:pass@example.se/",
		"http://[2001:db8::1]:8080/x",
		"http://[v7.abc:def]/",
		"http://127.0.0.1/",
		"mailto:info@digg.se",
		"urn:uuid:6f1c2a9e-3b57-4d0e-9a51-5e2f4c8b7a01",
		"urn:isbn:0451450523",
		"tel:+46-10-123-45-67",
		"file:///tmp/x",
		"http://example.se/?q=\uE000",         // iprivate in the query
		"http://example.se/a%C3%A5b",          // pct-encoded UTF-8
		"http://example.se/%e5",               // any pct-encoded octet
		"x:",                                  // empty hier-part
		"http://example.se/😀",                 // ucschar beyond the BMP
		"http://example.se/!$&'()*+,;=:@-._~", // every allowed delimiter
	} {
		if err := Check(s); err != nil {
			t.Errorf("Check(%q) = %v, want nil", s, err)
		}
	}
}

func TestCheckInvalid(t *testing.T) {
	cases := []struct {
		in     string
		err    error
		offset int
		part   string
	}{
		{"", ErrEmpty, 0, ""},
		{"not a url", ErrNoScheme, 3, "scheme"},
		{"www.example.se/data", ErrNoScheme, 14, "scheme"},
		{"www.example.se", ErrNoScheme, 14, "scheme"},
		{"/relative/path", ErrNoScheme, 0, "scheme"},
		{"1http://x", ErrNoScheme, 0, "scheme"},
		{"http://example.se/a b", ErrChar, 19, "path"},
		{"http://example.se/<x>", ErrChar, 18, "path"},
		{`http://example.se/"q"`, ErrChar, 18, "path"},
		{"http://example.se/{a}", ErrChar, 18, "path"},
		{"http://example.se/a|b", ErrChar, 19, "path"},
		{`http://example.se/a\b`, ErrChar, 19, "path"},
		{"http://example.se/a^b", ErrChar, 19, "path"},
		{"http://example.se/a`b", ErrChar, 19, "path"},
		{"http://example.se/a\tb", ErrChar, 19, "path"},
		{"http://example.se/a\x00", ErrChar, 19, "path"},
		{"http://example.se/a\u0085", ErrChar, 19, "path"}, // C1 control
		{"http://example.se/a\uFFFE", ErrChar, 19, "path"}, // non-character
		{"http://example.se/\uE000", ErrChar, 18, "path"},  // iprivate outside the query
		{"http://example.se/#\uE000", ErrChar, 19, "fragment"},
		{"http://example.se/a#b#c", ErrChar, 21, "fragment"},
		{"http://example.se/[x]", ErrChar, 18, "path"},
		{"http://example.se/%zz", ErrPercent, 18, "path"},
		{"http://example.se/%4", ErrPercent, 18, "path"},
		{"http://example.se/100%", ErrPercent, 21, "path"},
		{"http://example.se?a=%", ErrPercent, 20, "query"},
		{"http://ex ample.se/", ErrChar, 9, "host"},
		{"http://ex_ample{.se/", ErrChar, 15, "host"},
		{"http://example.se:80a/", ErrPort, 20, "port"},
		{"http://[::1/", ErrHost, 7, "host"},
		{"http://[zz::1]/", ErrHost, 7, "host"},
		{"http://[fe80::1%25eth0]/", ErrHost, 7, "host"},
		{"http://[1.2.3.4]/", ErrHost, 7, "host"},
		{"http://[::1]x/", ErrHost, 12, "host"},
		{"http://a@b@c/", ErrChar, 8, "user info"},
		{"http://example.se/\xff", ErrInvalidUTF8, 18, ""},
		{" http://example.se/", ErrNoScheme, 0, "scheme"},
		{"ht tp://x", ErrNoScheme, 2, "scheme"},
	}
	for _, tc := range cases {
		err := Check(tc.in)
		var e *Error
		if !errors.As(err, &e) || !errors.Is(err, tc.err) || e.Offset != tc.offset || e.Part != tc.part {
			t.Errorf("Check(%q) = %#v, want %v at %d in %q", tc.in, err, tc.err, tc.offset, tc.part)
			continue
		}
		if e.Offset > 0 && !strings.Contains(e.Error(), "byte") && tc.err != ErrNoScheme {
			t.Errorf("Check(%q): message %q does not say where", tc.in, e.Error())
		}
	}
}

func TestNormalize(t *testing.T) {
	cases := []struct{ in, want string }{
		{"  https://example.se/data  ", "https://example.se/data"},
		{"https://example.se/a b", "https://example.se/a%20b"},
		{"HTTPS://WWW.Example.SE/Path", "https://www.example.se/Path"},
		{"https://example.se/<x>{y}|\\^`\"", "https://example.se/%3Cx%3E%7By%7D%7C%5C%5E%60%22"},
		{"https://example.se/%c3%a5", "https://example.se/%C3%A5"},
		{"https://example.se/%41%7e%2f", "https://example.se/A~%2F"},
		{"https://example.se/100%", "https://example.se/100%25"},
		{"https://example.se/%zz", "https://example.se/%25zz"},
		{"https://example.se/å ä", "https://example.se/å%20ä"},
		{"https://example.se/a\x01b", "https://example.se/a%01b"},
		{"https://example.se/a\xffb", "https://example.se/a%FFb"},
		{"https://example.se/[1]", "https://example.se/%5B1%5D"},
		{"https://example.se/a#b#c", "https://example.se/a#b%23c"},
		{"https://example.se/\uE000?\uE000", "https://example.se/%EE%80%80?\uE000"},
		{"https://example.se/?q=a b", "https://example.se/?q=a%20b"},
		{"http://[2001:DB8::1]:8080/", "http://[2001:DB8::1]:8080/"},
		{"mailto:Info@Digg.se", "mailto:Info@Digg.se"},
		{"URN:uuid:X", "urn:uuid:X"},
		{"http://creativecommons.org/licenses/by/4.0/", "http://creativecommons.org/licenses/by/4.0/"},
	}
	for _, tc := range cases {
		got, err := Normalize(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("Normalize(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
	for _, tc := range []struct {
		in  string
		err error
	}{
		{"", ErrEmpty},
		{"   ", ErrEmpty},
		{"not a url", ErrNoScheme},
		{"www.example.se", ErrNoScheme},
		{"https:/example.se", ErrNoHost},
		{"http:example", ErrNoHost},
		{"https:///path", ErrNoHost},
		{"https://example.se:port/", ErrPort},
		{"https://[::1/", ErrHost},
	} {
		if got, err := Normalize(tc.in); !errors.Is(err, tc.err) {
			t.Errorf("Normalize(%q) = %q, %v; want %v", tc.in, got, err, tc.err)
		}
	}
}

func TestIsHTTP(t *testing.T) {
	for s, want := range map[string]bool{
		"https://example.se":   true,
		"HTTP://example.se/x":  true,
		"http://[::1]/":        true,
		"ftp://example.se":     false,
		"mailto:a@example.se":  false,
		"https:/example.se":    false,
		"https://":             false,
		"https://exa mple.se/": false,
		"example.se":           false,
		"":                     false,
	} {
		if IsHTTP(s) != want {
			t.Errorf("IsHTTP(%q) = %v", s, !want)
		}
	}
}

func TestSchemeAndHost(t *testing.T) {
	if Scheme("HTTPS://x") != "https" || Scheme("nope") != "" || Scheme(":x") != "" {
		t.Error("Scheme")
	}
	if Host("https://user@Example.se:80/p") != "Example.se" || Host("mailto:x@y") != "" || Host("http://[::1]:1/") != "[::1]" {
		t.Error("Host")
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{
		"https://example.se/a b", "http://[::1]:80/", "mailto:a@b", "x:%", "http://a@b@c/d#e#f",
		"https://ex ample.se/\xff", "urn:a:\uE000?\uE000#\uE000", "  HTTP://X/%41%zz ", "a:[", "http://h:1:2/",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out, err := Normalize(s)
		if err != nil {
			web := Scheme(s) == "http" || Scheme(s) == "https"
			if Check(s) == nil && strings.TrimSpace(s) == s && (!web || Host(s) != "") {
				t.Fatalf("Normalize(%q) rejected a valid IRI: %v", s, err)
			}
			return
		}
		if err := Check(out); err != nil {
			t.Fatalf("Normalize(%q) = %q, which fails Check: %v", s, out, err)
		}
		again, err := Normalize(out)
		if err != nil || again != out {
			t.Fatalf("Normalize is not idempotent: %q → %q → %q, %v", s, out, again, err)
		}
		if sc := Scheme(out); (sc == "http" || sc == "https") && !IsHTTP(out) {
			t.Fatalf("Normalize(%q) = %q, a web address without a host", s, out)
		}
	})
}
