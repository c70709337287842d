package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/katalog-se/katalog/internal/rdftest"
)

// TestConcurrentImportsMemory (#14): two imports of a 60 MB feed (about
// 15,000 datasets of gen_catalog.py, 510,000 triples each) posted over
// HTTP at once (imports run two at a time by default,
// http.maxConcurrentImports) both succeed, and the server's peak resident
// memory stays under 500 MB, the rescoring that follows included. Before
// #14 an import held the whole graph in memory (about 27 times the body:
// 1.6 GB each).
func TestConcurrentImportsMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and imports 120 MB")
	}
	feed := rdftest.GenCatalog(t, 15000, "ntriples")
	if len(feed) < 60<<20 {
		t.Fatalf("the feed is %d MB, want 60", len(feed)>>20)
	}
	bin := buildBinary(t)
	p := start(t, bin, "sqlite:"+filepath.Join(t.TempDir(), "k.db"), "--no-demo")
	orgs := []string{"2021006883", "2021005448"}
	for _, org := range orgs {
		if code, body := p.do(t, "POST", "/api/v1/agencies", map[string]any{"orgNumber": org, "name": map[string]string{"sv": "Myndighet " + org}}); code != 201 {
			t.Fatalf("register %s: %d %s", org, code, body)
		}
	}
	// The second agency's datasets are others (dataset IDs are global).
	feeds := [][]byte{feed, bytes.ReplaceAll(feed, []byte("https://example.se/katalog/"), []byte("https://example.se/andra/"))}
	var wg sync.WaitGroup
	for i, org := range orgs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req, _ := http.NewRequest("POST", "http://"+p.addr+"/api/v1/agencies/"+org+"/import", bytes.NewReader(feeds[i]))
			req.Header.Set("Authorization", "Bearer "+procAdmin)
			req.Header.Set("Content-Type", "application/n-triples")
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Error(err)
				return
			}
			defer res.Body.Close()
			body, _ := io.ReadAll(res.Body)
			var rep struct {
				Datasets int `json:"datasets"`
				Counts   struct {
					Added int `json:"added"`
				} `json:"counts"`
			}
			if res.StatusCode != 200 || json.Unmarshal(body, &rep) != nil || rep.Counts.Added != 15000 {
				t.Errorf("import into %s: %d %.300s", org, res.StatusCode, body)
			}
		}()
	}
	wg.Wait()
	// The rescoring that follows an import runs in the background: wait
	// for both scores.
	deadline := time.Now().Add(3 * time.Minute)
	for _, org := range orgs {
		for {
			code, _ := p.do(t, "GET", "/api/v1/agencies/"+org+"/score", nil)
			if code == 200 || time.Now().After(deadline) {
				break
			}
			time.Sleep(500 * time.Millisecond)
		}
	}
	rss := peakRSS(t, p.cmd.Process.Pid)
	t.Logf("peak RSS %d MB for two concurrent imports of %d MB", rss>>20, len(feed)>>20)
	if rss > 500<<20 {
		t.Errorf("peak RSS %d MB, want under 500 MB", rss>>20)
	}
}
