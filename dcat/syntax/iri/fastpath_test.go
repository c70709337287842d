package iri

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// checkCharsRef is checkChars without the ASCII fast path: the rune-by-rune
// loop the fast path must agree with.
func checkCharsRef(s string, start, end int, cc charClass, part string) error {
	for i := start; i < end; {
		c := s[i]
		if c == '%' {
			if i+2 >= end || !isHex(s[i+1]) || !isHex(s[i+2]) {
				return newError(ErrPercent, i, part, '%', "malformed percent-encoding at byte %d in the %s: '%%' must be followed by two hexadecimal digits (write a literal '%%' as %%25)", i, part)
			}
			i += 3
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:end])
		if !allowedRune(r, cc) {
			return newError(ErrChar, i, part, r, "%s at byte %d is not allowed in the %s of an IRI; it must be percent-encoded", charName(r), i, part)
		}
		i += size
	}
	return nil
}

// TestASCIIFastPath compares checkChars with checkCharsRef on every ASCII
// character, on every pair, and on many random strings mixing ASCII,
// percent-encodings, non-ASCII characters and invalid UTF-8, in every class.
func TestASCIIFastPath(t *testing.T) {
	classes := map[string]charClass{"user info": classUser, "host": classHost, "path": classPath, "query": classQuery, "fragment": classFrag}
	var inputs []string
	for c := range 256 {
		inputs = append(inputs, string([]byte{byte(c)}), "a"+string([]byte{byte(c)})+"b")
		for d := range 128 {
			inputs = append(inputs, string([]byte{byte(c), byte(d)}))
		}
	}
	alphabet := []string{"a", "Z", "0", "-", ".", "_", "~", "/", "?", "#", ":", "@", "[", "]", "!", "$", "&", "'", "(", ")", "*", "+", ",", ";", "=",
		" ", "\"", "<", ">", "\\", "^", "`", "{", "|", "}", "\x00", "\x1f", "\x7f", "%", "%2", "%20", "%zz", "%aF",
		"å", "ö", "\u00a0", "\u2028", "\ue000", "\uf8ff", "\ufdd0", "\ufffe", "😀", "\U000f0000", "\U0001fffe", "\xff", "\xc3", "\xe2\x82"}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 50000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		inputs = append(inputs, b.String())
	}
	for part, cc := range classes {
		for _, s := range inputs {
			got := checkChars(s, 0, len(s), cc, part)
			want := checkCharsRef(s, 0, len(s), cc, part)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%s %q: fast path %v, reference %v", part, s, got, want)
			}
		}
	}
}

// BenchmarkCheck checks a typical dataset IRI.
func BenchmarkCheck(b *testing.B) {
	const s = "https://katalog.example.se/datasets/6f1c2d3e-4a5b-4c6d-8e7f-0123456789ab#distribution-1"
	for b.Loop() {
		if err := Check(s); err != nil {
			b.Fatal(err)
		}
	}
}

// TestSimple checks that the one-pass path of Check accepts the usual
// IRIs, and accepts nothing that check (the path that takes IRIs apart)
// refuses, on IRI-like random strings.
func TestSimple(t *testing.T) {
	for _, s := range []string{
		"https://example.se/katalog/dataset/0", "http://www.w3.org/ns/dcat#Dataset", "mailto:info@example.se",
		"http://x.example:8080/a;b?c=d&e=%20#f/g?h", "urn:isbn:0451450523", "file:///etc/hosts", "http://x:/", "a:",
		"https://data.example.se/0/0.csv", "http://publications.europa.eu/resource/authority/file-type/CSV",
	} {
		if !simple(s) {
			t.Errorf("%q: not simple", s)
		}
		if err := check(s); err != nil {
			t.Errorf("%q: %v", s, err)
		}
	}
	for _, s := range []string{"", "http://a@b/", "http://[::1]/", "http://x/å", "http://x/%2", "http://x/a#b#c", "1a:b", "http://x:8a/", "http://x%41/"} {
		if simple(s) {
			t.Errorf("%q: simple", s)
		}
	}
	starts := []string{"", "a:", "http:", "http://", "http://x", "urn:x", "h-1.+:"}
	alphabet := []string{"a", "Z", "0", "9", "-", ".", "_", "~", "/", "//", "?", "#", ":", "@", "[", "]", "!", "$", "&", "'", "(", ")", "*", "+", ",", ";", "=",
		" ", "\"", "<", ">", "\\", "^", "`", "{", "|", "}", "\x00", "\x7f", "%", "%2", "%20", "%zz", "%aF", "å", "\ue000", "\xff"}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 500000 {
		var b strings.Builder
		b.WriteString(starts[rng.IntN(len(starts))])
		for range rng.IntN(10) {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		s := b.String()
		if simple(s) {
			if err := check(s); err != nil {
				t.Fatalf("%q: simple, but %v", s, err)
			}
		}
	}
}

// FuzzSimple checks that the one-pass path accepts nothing that check
// refuses.
func FuzzSimple(f *testing.F) {
	f.Add("http://x.example:8080/a;b?c=d&e=%20#f/g?h")
	f.Add("mailto:a@b")
	f.Fuzz(func(t *testing.T, s string) {
		if simple(s) {
			if err := check(s); err != nil {
				t.Fatalf("%q: simple, but %v", s, err)
			}
		}
	})
}
