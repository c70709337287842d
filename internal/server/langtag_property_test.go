package server

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/dcat"
	"github.com/katalog-se/katalog/dcat/syntax/langtag"
	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
	"github.com/katalog-se/katalog/internal/publish"
)

// Language tags for the property test. wellFormedTags are BCP 47 tags the
// API must accept in any case (among them the forms knakk/rdf's
// NewLangLiteral refuses: several hyphens, grandfathered, private use,
// extensions); malformedTags are tags it must refuse.
var (
	wellFormedTags = []string{
		"sv", "en", "se", "fi", "sv-SE", "en-GB", "es-419", "smj",
		"zh-Hant-TW", "sr-Latn-RS", "i-klingon", "de-CH-1996", "x-private", "en-US-u-ca-gregory",
		"en-GB-oed", "zh-min-nan", "sgn-BE-FR", "art-lojban", "zh-yue-HK", "qaa-Qaaa-QM-x-southern",
		"hy-Latn-IT-arevela", "de-DE-u-co-phonebk", "en-a-myext-b-another", "sv-x-latt", "sl-rozaj-biske",
	}
	malformedTags = []string{
		"", "s", "sv_SE", "sv SE", "sv-", "-sv", "sv--SE", "12", "abcdefghi", "en-abcdefghi",
		"de-1901-1901", "en-a-bbb-a-ccc", "i-nope", "x", "en-x", "en-a", "sv-SE-SE", "sv-SE-å", "a/b", "~sv",
	}
)

// genTag returns a tag for the property test: a well-formed one in random
// case, a malformed one, or a random run of subtags (mostly malformed).
func genTag(r *rand.Rand) string {
	switch n := r.IntN(10); {
	case n < 5:
		return mixCase(r, wellFormedTags[r.IntN(len(wellFormedTags))])
	case n < 7:
		return malformedTags[r.IntN(len(malformedTags))]
	}
	const chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	subs := make([]string, 1+r.IntN(4))
	for i := range subs {
		b := make([]byte, 1+r.IntN(9))
		for j := range b {
			b[j] = chars[r.IntN(len(chars))]
		}
		subs[i] = string(b)
	}
	return strings.Join(subs, "-")
}

// mixCase changes the case of some of tag's letters.
func mixCase(r *rand.Rand, tag string) string {
	b := []byte(tag)
	for i, c := range b {
		if r.IntN(4) == 0 && (c|0x20 >= 'a' && c|0x20 <= 'z') {
			b[i] = c ^ 0x20
		}
	}
	return string(b)
}

// pointerToken escapes a JSON object key as an RFC 6901 reference token.
func pointerToken(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// skipLog collects the datasets the feed builder leaves out.
type skipLog struct {
	mu   sync.Mutex
	errs []error
}

func (l *skipLog) add(err error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.errs = append(l.errs, err)
}

func (l *skipLog) all() []error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]error(nil), l.errs...)
}

// withSkippingDCAT is withDCAT with the feed builder as cmd/katalog sets it
// up: a dataset the mapper refuses is left out of the feed (and reported to
// skipped) instead of failing the whole document.
func withSkippingDCAT(t testing.TB, m **dcat.Mapper, skipped *skipLog) func(*Deps) {
	return func(d *Deps) {
		mapper, err := dcat.NewMapper(exampleBase)
		if err != nil {
			t.Fatal(err)
		}
		*m = mapper
		b := publish.NewBuilder(d.Store, mapper, publish.BuilderOptions{SkipInvalid: skipped.add})
		gen := func(ctx context.Context, r publish.Request, w io.Writer) error {
			_, err := b.Write(ctx, publish.Doc{Org: r.Org, DatasetID: r.DatasetID, Page: r.Page, Limit: r.Limit}, r.Format, w)
			return err
		}
		svc, err := publish.NewCache(d.Store, gen, publish.CacheOptions{Dir: t.TempDir(), Salt: "test"})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { svc.Close() })
		d.Feeds = svc
		d.BaseURL = exampleBase
	}
}

// TestLanguageTagsAcceptedArePublished posts generated dataset bodies, whose
// titles carry generated language tags, through the HTTP API and checks the
// language-tag policy end to end: every body the API accepts (201) is in the
// agency's published feed (read back with katalog's RDF/XML reader) with its
// IRI and every title text under its tag, in the canonical case the API
// stores; every body it refuses is a 422 problem whose errors all point at
// one of the title's tags (/title/{tag}). Bodies whose tags are all
// well-formed BCP 47 (and distinct) must be accepted, bodies with a
// malformed one refused. The first bodies carry each listed tag alone;
// KATALOG_PROPERTY_SEED picks another seed for the generated ones.
func TestLanguageTagsAcceptedArePublished(t *testing.T) {
	seed := uint64(12)
	if s := os.Getenv("KATALOG_PROPERTY_SEED"); s != "" {
		n, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			t.Fatalf("KATALOG_PROPERTY_SEED: %v", err)
		}
		seed = n
	}
	t.Logf("seed %d", seed)
	r := rand.New(rand.NewPCG(seed, 0x6b6174616c6f67))
	bodies := 200
	if testing.Short() {
		bodies = 80
	}

	var m *dcat.Mapper
	var skipped skipLog
	f := newFixture(t, withSkippingDCAT(t, &m, &skipped))
	token := f.register(orgDigg, "Digg")

	type published struct {
		id     string
		titles map[string]string // tag as stored → text
	}
	var accepted []published
	refused := 0
	for i := 0; i < bodies; i++ {
		// Always a Swedish title, so that the only faults are in the tags.
		title := map[string]string{"sv": fmt.Sprintf("Titel %d", i)}
		var given []string
		allWellFormed, anyMalformed := true, false
		// First each listed tag alone, as written, then generated ones.
		var fixed []string
		switch {
		case i < len(wellFormedTags):
			fixed = []string{wellFormedTags[i]}
		case i < len(wellFormedTags)+len(malformedTags):
			fixed = []string{malformedTags[i-len(wellFormedTags)]}
		}
		for k, n := 0, 1+r.IntN(3); k < n; k++ {
			tag := genTag(r)
			if fixed != nil {
				if k > 0 {
					break
				}
				tag = fixed[0]
			}
			given = append(given, tag)
			title[tag] = fmt.Sprintf("Titel %d på %s ö", i, tag)
			if !contains(wellFormedTags, tag) && !contains(wellFormedTags, langtag.Canonical(tag)) {
				allWellFormed = false
			}
			if contains(malformedTags, tag) {
				anyMalformed = true
			}
		}
		// Two keys that differ only in case name one language twice.
		distinct := map[string]bool{}
		for k := range title {
			distinct[strings.ToLower(k)] = true
		}
		body := datasetBody("")
		body["title"] = title
		res := f.do("POST", "/api/v1/agencies/"+orgDigg+"/datasets", token, body)
		switch res.status {
		case http.StatusCreated:
			if anyMalformed {
				t.Errorf("body %d: title tags %q include a malformed one, but the API accepted it", i, given)
			}
			var d struct {
				ID    string
				Title catalog.LangString
			}
			res.json(t, &d)
			// The API stores each tag in canonical case and changes nothing else.
			stored := map[string]string{}
			for k, text := range title {
				var key string
				for sk := range d.Title {
					if strings.EqualFold(sk, k) {
						key = sk
					}
				}
				if key == "" || d.Title[key] != text {
					t.Errorf("body %d: title %q@%s stored as %q", i, text, k, d.Title)
					continue
				}
				if want := langtag.Canonical(k); key != want {
					t.Errorf("body %d: tag %q stored as %q, want the canonical %q", i, k, key, want)
				}
				stored[key] = text
			}
			accepted = append(accepted, published{id: d.ID, titles: stored})
		case http.StatusUnprocessableEntity:
			refused++
			if allWellFormed && len(distinct) == len(title) {
				t.Errorf("body %d: well-formed, distinct title tags %q refused: %s", i, given, res.body)
			}
			p := res.problem(t)
			if len(p.Errors) == 0 {
				t.Errorf("body %d: problem without errors: %s", i, res.body)
			}
			for _, e := range p.Errors {
				tag, ok := strings.CutPrefix(e.Pointer, "/title/")
				ok = ok && func() bool {
					for k := range title {
						if pointerToken(k) == tag {
							return true
						}
					}
					return false
				}()
				if !ok {
					t.Errorf("body %d (tags %q): error %q at %q does not point at a title tag", i, given, e.Detail, e.Pointer)
				}
			}
		default:
			t.Fatalf("body %d (tags %q): status %d: %s", i, given, res.status, res.body)
		}
	}
	t.Logf("%d bodies: %d accepted, %d refused", bodies, len(accepted), refused)
	if len(accepted) == 0 || refused == 0 {
		t.Fatalf("the generator must give both outcomes: %d accepted, %d refused", len(accepted), refused)
	}

	feed := f.do("GET", "/agencies/"+orgDigg+"/datasets/dcat", "", nil, "Accept", rdfio.RDFXML.MediaType())
	if feed.status != http.StatusOK {
		t.Fatalf("feed: %d %s", feed.status, feed.body)
	}
	for _, err := range skipped.all() {
		t.Errorf("the feed left out a dataset the API accepted: %v", err)
	}
	g := readGraph(t, rdfio.RDFXML, feed.body)
	cat, err := m.AgencyCatalogIRI(orgDigg)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range accepted {
		ds, err := m.DatasetIRI(a.id)
		if err != nil {
			t.Fatal(err)
		}
		if !g.HasIRI(cat, dcat.DCATDatasetProp, ds) || !g.HasIRI(ds, dcat.RDFType, dcat.DCATDataset) {
			tags := make([]string, 0, len(a.titles))
			for k := range a.titles {
				tags = append(tags, k)
			}
			sort.Strings(tags)
			t.Errorf("dataset <%s> (title tags %q) accepted but not published", ds, tags)
			continue
		}
		for tag, text := range a.titles {
			if !g.HasLang(ds, dcat.DCTermsTitle, text, tag) {
				t.Errorf("dataset <%s>: title %q@%s not published; titles %v", ds, text, tag, g.Values(ds, dcat.DCTermsTitle))
			}
		}
	}
}
