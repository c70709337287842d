package score_test

import (
	"context"
	"errors"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/dcat"
	"github.com/katalog-se/katalog/dcat/syntax/ntriples"
	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
	"github.com/katalog-se/katalog/dcat/validate"
	"github.com/katalog-se/katalog/internal/dcattest"
	"github.com/katalog-se/katalog/internal/publish"
	"github.com/katalog-se/katalog/internal/score"
	"github.com/katalog-se/katalog/internal/store/sqlite"
)

// validateFunc is how the scoring service gets the hosted feed's validation.
type validateFunc func(ctx context.Context, org catalog.OrgNumber) (*score.ValidationSummary, error)

// inMemory validates the mapper's triples as they are made (what serve does).
func inMemory(b *publish.Builder, v *validate.Validator) validateFunc {
	return func(ctx context.Context, org catalog.OrgNumber) (*score.ValidationSummary, error) {
		rep, err := b.ValidateAgency(ctx, org, v)
		if err != nil {
			return nil, err
		}
		return &score.ValidationSummary{Profile: rep.Profile, Errors: rep.Errors, Warnings: rep.Warnings}, nil
	}
}

// viaNTriples is the way rescoring used to validate: the feed written as
// N-Triples text through a pipe and parsed back. Kept here as the baseline
// of the benchmark.
func viaNTriples(b *publish.Builder, v *validate.Validator) validateFunc {
	return func(ctx context.Context, org catalog.OrgNumber) (*score.ValidationSummary, error) {
		pr, pw := io.Pipe()
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		done := make(chan error, 1)
		go func() {
			_, err := b.Write(ctx, publish.Doc{Org: org}, rdfio.NTriples, pw)
			pw.CloseWithError(err)
			done <- err
		}()
		rep, err := v.Validate(ctx, ntriples.NewReader(pr))
		pr.CloseWithError(errors.New("validation ended"))
		cancel()
		if werr := <-done; werr != nil && !errors.Is(werr, context.Canceled) {
			return nil, werr
		}
		if err != nil {
			return nil, err
		}
		return &score.ValidationSummary{Profile: rep.Profile, Errors: rep.Errors, Warnings: rep.Warnings}, nil
	}
}

// storeWithAgency opens a new SQLite store, closed when the test ends,
// with dcattest's agency in it.
func storeWithAgency(tb testing.TB) (*sqlite.Store, *catalog.Agency) {
	st, err := sqlite.Open(tb.Context(), filepath.Join(tb.TempDir(), "k.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	a := dcattest.Agency()
	if err := st.CreateAgency(tb.Context(), a, nil); err != nil {
		tb.Fatal(err)
	}
	return st, a
}

// BenchmarkRescoreHosted rescores one agency of 1,000 datasets (SQLite),
// the feed's validation done both ways, side by side in one run.
func BenchmarkRescoreHosted(b *testing.B) {
	ctx := context.Background()
	st, a := storeWithAgency(b)
	for i := range 1000 {
		d := dcattest.SyntheticDataset(a.OrgNumber, i)
		if err := st.CreateDataset(ctx, &d); err != nil {
			b.Fatal(err)
		}
	}
	m, err := dcat.NewMapper(dcattest.Base)
	if err != nil {
		b.Fatal(err)
	}
	builder := publish.NewBuilder(st, m, publish.BuilderOptions{})
	p, err := validate.Lookup(validate.DefaultProfile)
	if err != nil {
		b.Fatal(err)
	}
	v := validate.New(p, validate.WithMaxResults(1))
	for _, way := range []struct {
		name string
		fn   validateFunc
	}{{"ntriples-roundtrip", viaNTriples(builder, v)}, {"in-memory", inMemory(builder, v)}} {
		b.Run(way.name, func(b *testing.B) {
			svc := score.NewService(score.New(), st, score.ServiceOptions{BaseURL: dcattest.Base, Validate: way.fn,
				Now: func() time.Time { return time.Unix(1_700_000_000, 0) }})
			b.ReportAllocs()
			for b.Loop() {
				if _, err := svc.Rescore(ctx, a.OrgNumber); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestRescoreWaysAgree: both ways of validating give the same counts.
func TestRescoreWaysAgree(t *testing.T) {
	ctx := context.Background()
	st, a := storeWithAgency(t)
	for i := range 30 {
		d := dcattest.SyntheticDataset(a.OrgNumber, i)
		if i%3 == 0 {
			d.Keywords = nil // a warning to count
		}
		if err := st.CreateDataset(ctx, &d); err != nil {
			t.Fatal(err)
		}
	}
	m, _ := dcat.NewMapper(dcattest.Base)
	builder := publish.NewBuilder(st, m, publish.BuilderOptions{})
	p, _ := validate.Lookup(validate.DefaultProfile)
	v := validate.New(p, validate.WithMaxResults(1))
	old, err := viaNTriples(builder, v)(ctx, a.OrgNumber)
	if err != nil {
		t.Fatal(err)
	}
	now, err := inMemory(builder, v)(ctx, a.OrgNumber)
	if err != nil {
		t.Fatal(err)
	}
	if old.Errors != now.Errors || old.Warnings != now.Warnings || now.Warnings == 0 {
		t.Errorf("round trip %d errors %d warnings; in memory %d and %d", old.Errors, old.Warnings, now.Errors, now.Warnings)
	}
}

// BenchmarkRescoreBothSources rescores one agency that hosts 1,000
// datasets in katalog and whose own catalog, as observed, lists 1,000
// (500 of them the hosted ones, counted once) and whose portal status is
// known: the cost of reading the second source and the portal's word.
func BenchmarkRescoreBothSources(b *testing.B) {
	ctx := context.Background()
	st, a := storeWithAgency(b)
	own := make([]catalog.Dataset, 0, 1000)
	for i := range 1000 {
		d := dcattest.SyntheticDataset(a.OrgNumber, i)
		if err := st.CreateDataset(ctx, &d); err != nil {
			b.Fatal(err)
		}
		if i%2 == 0 {
			own = append(own, d) // listed in both
		}
		o := dcattest.SyntheticDataset(a.OrgNumber, 1000+i)
		if i%2 == 0 {
			own = append(own, o)
		}
	}
	o := catalog.Observation{Agency: a.OrgNumber, URL: "https://www.example.se/datasets/dcat", At: time.Unix(1_700_000_000, 0), Found: true, HTTPStatus: 200}
	g := &catalog.ObservedGraph{Hash: strings.Repeat("ab", 32), Triples: 40_000, Gzip: []byte{0x1f, 0x8b}, Datasets: own}
	if _, _, err := st.SaveObservation(ctx, o, g); err != nil {
		b.Fatal(err)
	}
	if err := st.SavePortalSync(ctx, []catalog.PortalStatus{{Agency: a.OrgNumber, Status: catalog.PortalListed, CheckedAt: time.Unix(1_700_000_000, 0), OnPortal: 900, InCatalogs: 1500}}); err != nil {
		b.Fatal(err)
	}
	m, err := dcat.NewMapper(dcattest.Base)
	if err != nil {
		b.Fatal(err)
	}
	p, err := validate.Lookup(validate.DefaultProfile)
	if err != nil {
		b.Fatal(err)
	}
	svc := score.NewService(score.New(), st, score.ServiceOptions{BaseURL: dcattest.Base,
		Validate: inMemory(publish.NewBuilder(st, m, publish.BuilderOptions{}), validate.New(p, validate.WithMaxResults(1))),
		Now:      func() time.Time { return time.Unix(1_700_000_000, 0) }})
	sc, err := svc.Compute(ctx, a.OrgNumber)
	if err != nil || sc.MQA.Datasets != 1500 || sc.Sources[1].Duplicates != 500 {
		b.Fatalf("%d datasets scored, sources %+v (%v)", sc.MQA.Datasets, sc.Sources, err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := svc.Rescore(ctx, a.OrgNumber); err != nil {
			b.Fatal(err)
		}
	}
}
