package sqlstore

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/internal/store/storetest"
)

// docSeeds are documents the fast decoder must take, as encodeDoc writes them.
func docSeeds(t testing.TB) [][]byte {
	t.Helper()
	full := storetest.NewDataset(storetest.OrgDigg, "x", 1)
	odd := storetest.NewDataset(storetest.OrgDigg, "x", 2)
	odd.Title = catalog.LangString{"sv": "Citat \"här\" \\ / \t\n\r\b\f \u0001 <&> \u2028 😀 é", "": ""}
	odd.Keywords = catalog.LangStrings{"sv": {}, "en": nil}
	odd.Themes = []string{}
	odd.Distributions = append(odd.Distributions, catalog.Distribution{ByteSize: -9223372036854775807})
	odd.Distributions[0].ByteSize = 999999999999999999
	odd.DataServices = append(odd.DataServices, catalog.DataService{})
	odd.ContactPoint = &catalog.ContactPoint{}
	imported := storetest.NewDataset(storetest.OrgDigg, "x", 3)
	imported.Published = &catalog.Published{SHA256: "ab", Triples: 12, Gzip: []byte("\x1f\x8b\x08\x00 any bytes \xff\x00")}
	emptyPub := storetest.NewDataset(storetest.OrgDigg, "x", 4)
	emptyPub.Published = &catalog.Published{Gzip: []byte{}}
	var seeds [][]byte
	for _, d := range []*catalog.Dataset{full, odd, imported, emptyPub, {}, {Title: catalog.LangString{}}} {
		doc, _, err := encodeDoc(d)
		if err != nil {
			t.Fatal(err)
		}
		seeds = append(seeds, doc)
	}
	return seeds
}

// TestFastDecodeTakesEncodedDocs makes sure documents as the store writes
// them take the fast path and decode as encoding/json decodes them. A field
// added to the domain (and to the storetest fixtures) fails here until the
// fast decoder knows it.
func TestFastDecodeTakesEncodedDocs(t *testing.T) {
	for _, doc := range docSeeds(t) {
		var fast, slow catalog.Dataset
		if !fastDecode(string(doc), &fast) {
			t.Errorf("fast decoder refused %s", doc)
			continue
		}
		if err := json.Unmarshal(doc, (*catalog.ContentDoc)(&slow)); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(fast, slow) {
			t.Errorf("fast decoding differs:\n got %+v\nwant %+v", fast, slow)
		}
	}
}

// FuzzFastDecode checks that whatever the fast decoder accepts,
// encoding/json decodes to the same dataset.
func FuzzFastDecode(f *testing.F) {
	for _, doc := range docSeeds(f) {
		f.Add(doc)
	}
	for _, s := range []string{
		`{"title":{"sv":"a"},"title":{"en":"b"}}`,
		`{"contactPoint":{"name":"a"},"contactPoint":{"email":"b"}}`,
		`{"Title":{"sv":"a"}}`,
		`{"distributions":[{"byteSize":1.5}]}`,
		`{"distributions":[{"byteSize":01}]}`,
		`{"distributions":[{"byteSize":-9223372036854775808}]}`,
		`{"distributions":[{"byteSize":9223372036854775808}]}`,
		`{"distributions":[{"byteSize":-0}]}`,
		`{"distributions":[{"byteSize":18446744073709551616}]}`,
		`{"title":{"sv":"\ud800"}}`,
		`{"title":{"sv":"\udc00\ud800"}}`,
		`{"title":{"sv":"\xff"}}`,
		`{"themes":[null]}`,
		`{"issued":null,"contactPoint":null,"distributions":null}`,
		` { "title" : { "sv" : "a" } } `,
		`{"title":{"sv":"a"}} x`,
		`null`,
		`{"published":{"sha256":"x","triples":3,"ntGzip":"AAE="}}`,
		`{"published":{"ntGzip":"AAE"}}`,
		`{"published":{"ntGzip":"A\nAE="}}`,
		`{"published":{"ntGzip":null,"triples":1.5}}`,
		`{"published":{"triples":9223372036854775807}}`,
		`{"published":null}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, doc []byte) {
		var fast catalog.Dataset
		if !fastDecode(string(doc), &fast) {
			return
		}
		var slow catalog.Dataset
		if err := json.Unmarshal(doc, (*catalog.ContentDoc)(&slow)); err != nil {
			t.Fatalf("fast decoder took %q, encoding/json says %v", doc, err)
		}
		if !reflect.DeepEqual(fast, slow) {
			t.Fatalf("%q: fast %+v, encoding/json %+v", doc, fast, slow)
		}
	})
}

// BenchmarkDecodeDoc compares the fast decoder with encoding/json on a full
// dataset document.
func BenchmarkDecodeDoc(b *testing.B) {
	doc, _, err := encodeDoc(storetest.NewDataset(storetest.OrgDigg, "x", 1))
	if err != nil {
		b.Fatal(err)
	}
	s := string(doc)
	b.Run("fast", func(b *testing.B) {
		b.ReportAllocs()
		var d catalog.Dataset
		for b.Loop() {
			d = catalog.Dataset{}
			if !fastDecode(s, &d) {
				b.Fatal("refused")
			}
		}
	})
	b.Run("encoding-json", func(b *testing.B) {
		b.ReportAllocs()
		var d catalog.Dataset
		for b.Loop() {
			d = catalog.Dataset{}
			if err := json.Unmarshal([]byte(s), (*catalog.ContentDoc)(&d)); err != nil {
				b.Fatal(err)
			}
		}
	})
}
