package rdfparse

import (
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/knakk/rdf"

	"github.com/katalog-se/katalog/dcat/syntax/langtag"
)

// TestResolve checks the examples of RFC 3986 §5.4.
func TestResolve(t *testing.T) {
	const base = "http://a/b/c/d;p?q"
	for ref, want := range map[string]string{
		"g:h": "g:h", "g": "http://a/b/c/g", "./g": "http://a/b/c/g", "g/": "http://a/b/c/g/",
		"/g": "http://a/g", "//g": "http://g", "?y": "http://a/b/c/d;p?y", "g?y": "http://a/b/c/g?y",
		"#s": "http://a/b/c/d;p?q#s", "g#s": "http://a/b/c/g#s", "g?y#s": "http://a/b/c/g?y#s",
		";x": "http://a/b/c/;x", "g;x": "http://a/b/c/g;x", "g;x?y#s": "http://a/b/c/g;x?y#s",
		"": "http://a/b/c/d;p?q", ".": "http://a/b/c/", "./": "http://a/b/c/", "..": "http://a/b/",
		"../": "http://a/b/", "../g": "http://a/b/g", "../..": "http://a/", "../../": "http://a/",
		"../../g": "http://a/g", "../../../g": "http://a/g", "../../../../g": "http://a/g",
		"/./g": "http://a/g", "/../g": "http://a/g", "g.": "http://a/b/c/g.", ".g": "http://a/b/c/.g",
		"g..": "http://a/b/c/g..", "..g": "http://a/b/c/..g", "./../g": "http://a/b/g",
		"./g/.": "http://a/b/c/g/", "g/./h": "http://a/b/c/g/h", "g/../h": "http://a/b/c/h",
		"g;x=1/./y": "http://a/b/c/g;x=1/y", "g;x=1/../y": "http://a/b/c/y", "g?y/./x": "http://a/b/c/g?y/./x",
		"g?y/../x": "http://a/b/c/g?y/../x", "g#s/./x": "http://a/b/c/g#s/./x", "g#s/../x": "http://a/b/c/g#s/../x",
		"http:g": "http:g", "ö/ä": "http://a/b/c/ö/ä",
	} {
		if got := Resolve(base, ref); got != want {
			t.Errorf("Resolve(%q) = %q, want %q", ref, got, want)
		}
	}
	if got := Resolve("http://a", "b"); got != "http://a/b" {
		t.Errorf("empty base path: %q", got)
	}
	if got := Resolve("http://a/x#frag", ""); got != "http://a/x" {
		t.Errorf("base fragment kept: %q", got)
	}
}

// TestLayout checks that literals built through the mirror are knakk's.
func TestLayout(t *testing.T) {
	dt, _ := rdf.NewIRI(RDFNS + "langString")
	l := LangLiteral("chat", "zh-Hant-TW", dt)
	if l.String() != "chat" || l.Lang() != "zh-Hant-TW" || l.DataType != dt {
		t.Fatalf("got %q @%q ^^%v", l.String(), l.Lang(), l.DataType)
	}
	if s := l.Serialize(rdf.NTriples); s != `"chat"@zh-Hant-TW` {
		t.Fatalf("Serialize: %s", s)
	}
	ok, _ := rdf.NewLangLiteral("x", "en-GB")
	if got := LangLiteral("x", "en-GB", dt); got != ok {
		t.Fatalf("simple tag: %#v vs %#v", got, ok)
	}
	if langStringIRI != dt {
		t.Fatalf("langStringIRI %#v, want %#v", langStringIRI, dt)
	}
}

// TestNewLangLiteral checks the constructor for language-tagged literals:
// every well-formed BCP 47 tag, kept exactly (case too), and langtag's
// error for any other, where knakk's constructor refuses well-formed tags
// and accepts malformed ones.
func TestNewLangLiteral(t *testing.T) {
	for _, tag := range []string{
		"sv", "SV", "en-GB", "en-gb", "es-419", "zh-Hant-TW", "ZH-hant-tw", "sr-Latn-RS", "i-klingon", "I-Klingon",
		"de-CH-1996", "x-private", "en-US-u-ca-gregory", "en-GB-oed", "sgn-BE-FR", "qaa-Qaaa-QM-x-southern",
	} {
		l, err := NewLangLiteral("text", tag)
		if err != nil {
			t.Errorf("NewLangLiteral(%q): %v", tag, err)
			continue
		}
		if l.String() != "text" || l.Lang() != tag || l.DataType != langStringIRI {
			t.Errorf("NewLangLiteral(%q) = %#v", tag, l)
		}
		if k, err := rdf.NewLangLiteral("text", tag); err == nil && k != l {
			t.Errorf("NewLangLiteral(%q) = %#v, knakk's %#v", tag, l, k)
		}
	}
	for _, tag := range []string{"", "sv_SE", "sv-", "-sv", "12", "abcdefghi", "en-abcdefghijk", "de-1901-1901", "i-nope", "x"} {
		l, err := NewLangLiteral("text", tag)
		var le *langtag.Error
		if !errors.As(err, &le) || l != (rdf.Literal{}) {
			t.Errorf("NewLangLiteral(%q) = %#v, %v; want a *langtag.Error", tag, l, err)
		}
	}
}

// TestCheckedIRI checks that iriLayout mirrors rdf.IRI.
func TestCheckedIRI(t *testing.T) {
	const s = "https://example.se/a?b=c#d"
	want, err := rdf.NewIRI(s)
	if err != nil {
		t.Fatal(err)
	}
	if got := CheckedIRI(s); got != want || got.String() != s {
		t.Fatalf("CheckedIRI(%q) = %#v, want %#v", s, got, want)
	}
}

// TestInputReadPositions checks that Read in chunks keeps the same line
// and column as ReadByte.
func TestInputReadPositions(t *testing.T) {
	const text = "ab\nåä x\n\nlast line ö"
	for _, chunk := range []int{1, 2, 3, 5, 64} {
		in := NewInput(strings.NewReader(text), 0)
		ref := NewInput(strings.NewReader(text), 0)
		p := make([]byte, chunk)
		for {
			n, err := in.Read(p)
			for k := 0; k < n; k++ {
				if _, err := ref.ReadByte(); err != nil {
					t.Fatal(err)
				}
			}
			l, c := in.Pos()
			rl, rc := ref.Pos()
			if l != rl || c != rc || in.Offset() != ref.Offset() {
				t.Fatalf("chunk %d: Read at %d:%d (offset %d), ReadByte at %d:%d (offset %d)", chunk, l, c, in.Offset(), rl, rc, ref.Offset())
			}
			if err != nil {
				break
			}
		}
		if l, c := in.Pos(); l != 4 || c != 12 {
			t.Fatalf("chunk %d: end at %d:%d, want 4:12", chunk, l, c)
		}
	}
}

func TestInput(t *testing.T) {
	in := NewInput(strings.NewReader("ab\nåä\r\nx"), 0)
	var got []string
	for {
		l, c := in.Pos()
		b, err := in.ReadByte()
		if err != nil {
			if !errors.Is(err, io.EOF) {
				t.Fatal(err)
			}
			break
		}
		if b&0xC0 != 0x80 {
			got = append(got, string(rune('0'+l))+":"+string(rune('0'+c)))
		}
	}
	want := "1:1 1:2 1:3 2:1 2:2 2:3 2:4 3:1"
	if strings.Join(got, " ") != want {
		t.Errorf("positions %v, want %s", got, want)
	}
	in = NewInput(strings.NewReader(strings.Repeat("x", 100)), 10)
	n := 0
	var err error
	for err == nil {
		_, err = in.ReadByte()
		n++
	}
	var le *LimitError
	if !errors.As(err, &le) || n != 11 || le.Column != 11 {
		t.Errorf("limit: %d bytes read, %v", n-1, err)
	}
}

func TestCache(t *testing.T) {
	var c Cache[int]
	c.Put("http://a/1", 1)
	c.Put("http://a/2", 2)
	if v, ok := c.Get("http://a/1"); !ok || v != 1 {
		t.Errorf("Get: %v %v", v, ok)
	}
	if s, v, ok := c.GetBytes([]byte("http://a/2")); !ok || v != 2 || s != "http://a/2" {
		t.Errorf("GetBytes: %v %v", v, ok)
	}
	if _, ok := c.Get("http://a/3"); ok {
		t.Error("hit for a missing key")
	}
}

func TestCheckLangTag(t *testing.T) {
	for tag, ok := range map[string]bool{
		"en": true, "en-GB": true, "zh-Hant-TW": true, "x-1": true, "i-klingon": true, "en-US-u-ca-gregory": true,
		"": false, "1": false, "en-": false, "en--a": false, "e n": false, "en-abcdefghi": false, "de-1901-1901": false,
	} {
		err := CheckLangTag(tag)
		if (err == nil) != ok {
			t.Errorf("CheckLangTag(%q) = %v", tag, err)
		}
		var le *langtag.Error
		if err != nil && (!errors.As(err, &le) || !strings.HasPrefix(err.Error(), "bad language tag ")) {
			t.Errorf("CheckLangTag(%q) = %v: want a wrapped *langtag.Error", tag, err)
		}
	}
}

// TestInputMark checks that MarkPos returns the position Mark remembered,
// however far the input has moved on since (refills included), and that
// Pos stays right around it.
func TestInputMark(t *testing.T) {
	text := "ab\nåä x\n" + strings.Repeat("line\n", 30000) + "end"
	in := NewInput(strings.NewReader(text), 0)
	in.Skip(len(in.Peek(4))) // "ab\nå"
	in.Mark()
	if l, c := in.Pos(); l != 2 || c != 2 {
		t.Fatalf("Pos after 4 bytes: %d:%d", l, c)
	}
	if _, err := io.ReadAll(in); err != nil {
		t.Fatal(err)
	}
	if l, c := in.MarkPos(); l != 2 || c != 2 {
		t.Errorf("MarkPos: %d:%d, want 2:2", l, c)
	}
	if l, c := in.Pos(); l != 30003 || c != 4 {
		t.Errorf("Pos at the end: %d:%d, want 30003:4", l, c)
	}
	// A mark past the last Pos, found by a refill.
	in = NewInput(strings.NewReader(text), 0)
	for i := 0; i < 100000 && len(in.Buffered()) > 0; i++ {
		if i == 70000 {
			in.Mark()
		}
		in.Skip(1)
	}
	if l, c := in.MarkPos(); l != 14001 || c != 1 {
		t.Errorf("MarkPos after refills: %d:%d, want 14001:1", l, c)
	}
}
