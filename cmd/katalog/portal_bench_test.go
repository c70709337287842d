package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/config"
	"github.com/katalog-se/katalog/internal/importer"
	"github.com/katalog-se/katalog/internal/rdftest"
	"github.com/katalog-se/katalog/internal/store"
	"github.com/katalog-se/katalog/internal/store/storetest"
	"github.com/katalog-se/katalog/internal/write"
)

// The scale of the portal benchmark.
const (
	benchAgencies = 300
	benchDatasets = 100 // hosted per agency
	benchOwnExtra = 10  // datasets only in the own catalog of every third agency
	benchPortalX  = 10  // datasets on the portal in no catalog of the agency's
	benchNoise    = 3000
)

func benchOrg(i int) catalog.OrgNumber { return storetest.Org(fmt.Sprintf("2120%05d", i)) }

func benchUUID(i, j int) string { return fmt.Sprintf("00000000-%04x-4000-8000-%012x", i, j) }

func benchIRI(org catalog.OrgNumber, j int) string {
	return fmt.Sprintf("https://data.myndighet-%s.se/datamangd/%d", org, j)
}

// benchFeed is agency i's catalog as Turtle: benchDatasets datasets with
// their own IRIs and UUID identifiers.
func benchFeed(i int) string {
	org := benchOrg(i)
	var b strings.Builder
	b.WriteString("@prefix dcat: <http://www.w3.org/ns/dcat#> .\n@prefix dcterms: <http://purl.org/dc/terms/> .\n")
	for j := range benchDatasets {
		fmt.Fprintf(&b, "<%s> a dcat:Dataset ; dcterms:identifier %q ; dcterms:title \"Datamängd %d\"@sv ; dcterms:description \"Beskrivning av datamängd %d\"@sv ; dcterms:publisher <%s> .\n",
			benchIRI(org, j), benchUUID(i, j), j, j, org.PublisherIRI())
	}
	return b.String()
}

// benchPortal writes the portal's graph as N-Triples: of each agency's
// datasets (but every tenth agency's, which the portal does not list) 60 %
// under their IRI, 20 % under an aggregate's IRI with the same UUID, 20 %
// missing, plus datasets in none of its catalogs; every seventh agency
// has half of them under a sub-unit's publisher IRI; and datasets of
// organisations katalog does not know.
func benchPortal(t *testing.T, path string) (triples int) {
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	ds := func(iri, pub, id, title string) {
		fmt.Fprintf(w, "<%s> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/dcat#Dataset> .\n", iri)
		fmt.Fprintf(w, "<%s> <http://purl.org/dc/terms/publisher> <%s> .\n", iri, pub)
		fmt.Fprintf(w, "<%s> <http://purl.org/dc/terms/title> %q@sv .\n", iri, title)
		triples += 3
		if id != "" {
			fmt.Fprintf(w, "<%s> <http://purl.org/dc/terms/identifier> %q .\n", iri, id)
			triples++
		}
	}
	for i := range benchAgencies {
		if i%10 == 9 {
			continue
		}
		org := benchOrg(i)
		for j := range benchDatasets + benchPortalX {
			pub := org.PublisherIRI()
			if i%7 == 0 && j%2 == 1 {
				pub += "-enhet"
			}
			switch {
			case j < 60:
				ds(benchIRI(org, j), pub, benchUUID(i, j), "Datamängd")
			case j < 80:
				ds(fmt.Sprintf("https://aggregat.example.se/%s/%d", org, j), pub, strings.ToUpper(benchUUID(i, j)), "Kopia")
			case j >= benchDatasets:
				ds(fmt.Sprintf("https://aggregat.example.se/%s/extra/%d", org, j), pub, "", "Bara på portalen")
			}
		}
	}
	for n := range benchNoise {
		org := storetest.Org(fmt.Sprintf("5560%05d", n%500))
		ds(fmt.Sprintf("https://foretag.example.se/%d", n), org.PublisherIRI(), benchUUID(9999, n), "Annan")
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return triples
}

// benchSetup registers the agencies and their catalogs through the write
// path: each agency's feed imported; every third agency's own catalog
// observed (its hosted datasets again, and benchOwnExtra of its own).
func benchSetup(t *testing.T, c config.Config) {
	ctx := t.Context()
	driver, dsn, _ := c.Database()
	st, err := store.Open(ctx, driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	imp, err := newImporter(c, st)
	if err != nil {
		t.Fatal(err)
	}
	w := write.New(st, write.Options{Importer: imp})
	for i := range benchAgencies {
		org := benchOrg(i)
		if _, err := w.RegisterAgency(ctx, storetest.NewAgency(org)); err != nil {
			t.Fatal(err)
		}
		if _, err := w.Import(ctx, org, importer.Source{Body: strings.NewReader(benchFeed(i)), Name: "feed.ttl", Format: "turtle"}); err != nil {
			t.Fatalf("import %s: %v", org, err)
		}
		if i%3 != 0 {
			continue
		}
		var own []catalog.Dataset
		for j := range benchDatasets + benchOwnExtra {
			own = append(own, catalog.Dataset{ID: benchUUID(i, j), Agency: org, IRI: benchIRI(org, j), Title: catalog.LangString{"sv": "Eget"}})
		}
		o := catalog.Observation{Agency: org, URL: "https://myndighet.example.se/datasets/dcat", At: time.Now(), Found: true, HTTPStatus: 200}
		if _, _, err := w.Observe(ctx, o, &catalog.ObservedGraph{Hash: "own-" + string(org), Triples: 5 * len(own), Gzip: []byte("gz"), Datasets: own}); err != nil {
			t.Fatal(err)
		}
	}
}

// heapPeak samples the Go heap's live objects every 5 ms until stop.
func heapPeak() (stop func() uint64) {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	var peak uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(sample)
			peak = max(peak, sample[0].Value.Uint64())
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	})
	return func() uint64 { close(done); wg.Wait(); return peak }
}

// timed runs the built binary with args and env, returning its wall time
// and peak RSS.
func timed(t *testing.T, bin string, env []string, args ...string) (time.Duration, int64, []byte) {
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = append(os.Environ(), env...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	var stdout bytes.Buffer
	cmd.Stdout = &stdout
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	peakOf := watchPeak(cmd.Process.Pid)
	err := cmd.Wait()
	peak := peakOf()
	took := time.Since(start)
	if err != nil {
		t.Fatalf("%v: %v\n%s", args, err, stderr.String())
	}
	return took, peak, stdout.Bytes()
}

// TestPortalSyncScale is the benchmark of docs/benchmarks.md (part 7): a
// sync of 300 agencies of 100 datasets each against a local endpoint
// (Jena) over a generated portal graph. Set KATALOG_BENCH=1 to run it.
func TestPortalSyncScale(t *testing.T) {
	if os.Getenv("KATALOG_BENCH") == "" {
		t.Skip("set KATALOG_BENCH=1 to run")
	}
	dir := t.TempDir()
	graph := filepath.Join(dir, "portal.nt")
	triples := benchPortal(t, graph)
	srv := rdftest.NewSPARQLServer(graph)
	t.Cleanup(srv.Close)
	url := srv.URL(t)

	c := config.Default()
	c.DB = "sqlite:" + filepath.Join(dir, "k.db")
	c.BaseURL = "https://katalog.example.se"
	c.Portal.Endpoint = url
	setupStart := time.Now()
	benchSetup(t, c)
	t.Logf("setup: %d agencies, %d hosted datasets, portal graph of %d triples, in %s",
		benchAgencies, benchAgencies*benchDatasets, triples, time.Since(setupStart).Round(time.Millisecond))

	// 1. The sync alone, in this process: nobody follows the write path.
	driver, dsn, _ := c.Database()
	st, err := store.Open(t.Context(), driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	c.Check.AllowCIDRs = []string{"127.0.0.1/32"}
	syncer, _, err := newPortalSyncer(c, st, write.New(st, write.Options{}), nil)
	if err != nil {
		t.Fatal(err)
	}
	for round := range 3 {
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		stop := heapPeak()
		start := time.Now()
		res, err := syncer.Sync(t.Context())
		took := time.Since(start)
		peak := stop()
		if err != nil {
			t.Fatal(err)
		}
		runtime.ReadMemStats(&after)
		t.Logf("sync alone, round %d: %s, %d requests, live heap peak %.1f MB, %.1f MB allocated; %d listed, %d not listed",
			round+1, took.Round(time.Millisecond), res.Requests, float64(peak)/(1<<20), float64(after.TotalAlloc-before.TotalAlloc)/(1<<20), res.Listed, res.NotListed)
		checkBenchResult(t, res.Statuses)
	}

	// Of which reading the catalogs (what the sync compares with).
	start := time.Now()
	n := 0
	for i := range benchAgencies {
		count := func(*catalog.Dataset) error { n++; return nil }
		if err := st.EachDataset(t.Context(), benchOrg(i), count); err != nil {
			t.Fatal(err)
		}
		if err := st.EachObservedDataset(t.Context(), benchOrg(i), count); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("of which reading the catalogs: %s (%d datasets)", time.Since(start).Round(time.Millisecond), n)

	// 2. The command, as an operator runs it: the sync, then the rescoring
	// of every agency it touched; and 3. that rescoring alone.
	bin := buildBinary(t)
	env := []string{"KATALOG_DB=" + c.DB, "KATALOG_BASE_URL=" + c.BaseURL, "KATALOG_PORTAL_ENDPOINT=" + url, "KATALOG_CHECK_ALLOW_CIDRS=127.0.0.1/32", "KATALOG_LOG_LEVEL=warn"}
	for round := range 2 {
		took, rss, out := timed(t, bin, env, "portal", "sync", "--json")
		var res struct{ Statuses []catalog.PortalStatus }
		if err := json.Unmarshal(out, &res); err != nil {
			t.Fatal(err)
		}
		checkBenchResult(t, res.Statuses)
		t.Logf("katalog portal sync --json, round %d: %s, peak RSS %d MB", round+1, took.Round(time.Millisecond), rss>>20)
		took, rss, _ = timed(t, bin, env, "score", "--json")
		t.Logf("katalog score --json (the same rescoring alone), round %d: %s, peak RSS %d MB", round+1, took.Round(time.Millisecond), rss>>20)
	}
}

// checkBenchResult holds the sync to what benchPortal generated.
func checkBenchResult(t *testing.T, statuses []catalog.PortalStatus) {
	t.Helper()
	if len(statuses) != benchAgencies {
		t.Fatalf("%d statuses", len(statuses))
	}
	for _, st := range statuses {
		var i int
		fmt.Sscanf(string(st.Agency)[4:9], "%d", &i)
		wantIn, wantMissing, wantOn := benchDatasets, 20, 90
		if i%3 == 0 {
			wantIn, wantMissing = benchDatasets+benchOwnExtra, 20+benchOwnExtra
		}
		if i%10 == 9 {
			wantMissing, wantOn = wantIn, 0
		}
		if st.OnPortal != wantOn || st.InCatalogs != wantIn || len(st.Missing) != wantMissing {
			t.Fatalf("agency %d (%s): %d on the portal, %d in catalogs, %d missing; want %d, %d, %d",
				i, st.Agency, st.OnPortal, st.InCatalogs, len(st.Missing), wantOn, wantIn, wantMissing)
		}
	}
}
