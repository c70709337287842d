package ldes

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"testing"

	"github.com/knakk/rdf"

	"github.com/katalog-se/katalog/dcat/syntax/codec"
	"github.com/katalog-se/katalog/internal/rdftest"
)

// caseDirs lists Digg's harvester test cases, or skips.
func caseDirs(t *testing.T) []string {
	t.Helper()
	dirs, _ := filepath.Glob(filepath.Join(rdftest.SharedDir(t), "data", "ldes-dcat-ap-test-cases", "testsuite", "test*"))
	if len(dirs) == 0 {
		t.Skip("Digg's LDES test cases are absent")
	}
	sort.Slice(dirs, func(i, j int) bool {
		return len(dirs[i]) < len(dirs[j]) || len(dirs[i]) == len(dirs[j]) && dirs[i] < dirs[j]
	})
	return dirs
}

func readQuads(t *testing.T, path string) []rdf.Quad {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	abs, _ := filepath.Abs(path)
	qr, _, err := Open(f, path, "", "", "file://"+abs, codec.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	qs, err := rdftest.ReadAllQuads(qr)
	if err != nil {
		t.Fatal(err)
	}
	return qs
}

// TestDiggCases applies each case's feed to its before.ttl in memory.
func TestDiggCases(t *testing.T) {
	for _, dir := range caseDirs(t) {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			s := NewState()
			s.Load(readQuads(t, filepath.Join(dir, "before.ttl")))
			before := s.Fingerprints()
			f, err := os.Open(filepath.Join(dir, "feed.trig"))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			qr, _, err := Open(f, "feed.trig", "", "", "file://"+dir+"/feed.trig", codec.Limits{})
			if err != nil {
				t.Fatal(err)
			}
			doc, err := ReadDocument(qr)
			if err != nil {
				t.Fatal(err)
			}
			if doc.Invalid() {
				t.Fatalf("findings %+v", doc.Findings)
			}
			s.Apply(doc.Events)
			got := Diff(before, s.Fingerprints())
			var want Report
			b, _ := os.ReadFile(filepath.Join(dir, "report.json"))
			if err := json.Unmarshal(b, &want); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("report %+v, want %+v", got, want)
			}
			var ts []rdf.Triple
			_ = s.Triples(func(tr rdf.Triple) error { ts = append(ts, tr); return nil })
			var after []rdf.Triple
			for _, q := range readQuads(t, filepath.Join(dir, "after.ttl")) {
				after = append(after, q.Triple)
			}
			if ok, why := rdftest.Isomorphic(ts, after); !ok {
				t.Errorf("after: %s", why)
			}
		})
	}
}
