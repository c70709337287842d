package readiness

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// openAPIDoc is a minimal OpenAPI 3 description.
const openAPIDoc = `{"openapi":"3.0.3","info":{"title":"Stationer","version":"1"},"paths":{}}`

// feedServer is a loopback server with every behaviour the readiness
// tests need, counting hits per path.
type feedServer struct {
	*httptest.Server
	escape string // URL outside the allowed networks

	mu   sync.Mutex
	hits map[string]int
}

func (s *feedServer) hit(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.hits[path]++
	return s.hits[path]
}

// Hits returns how many requests path received.
func (s *feedServer) Hits(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

func readFixture(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func newFeedServer(t testing.TB, escape string) *feedServer {
	t.Helper()
	s := &feedServer{hits: map[string]int{}, escape: escape}
	fixtures := map[string]string{}
	for _, n := range []string{"good.rdf", "links.rdf", "parent.rdf", "sub.rdf"} {
		fixtures[n] = readFixture(t, n)
	}
	mux := http.NewServeMux()
	s.Server = httptest.NewServer(mux)
	t.Cleanup(s.Close)
	base := s.URL
	doc := func(name string, repl ...string) string {
		r := strings.NewReplacer(append([]string{"LINKS", base}, repl...)...)
		return r.Replace(fixtures[name])
	}
	serve := func(w http.ResponseWriter, ct, body string) {
		w.Header().Set("Content-Type", ct)
		fmt.Fprint(w, body)
	}
	rdfxml := "application/rdf+xml"
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		n := s.hit(r.URL.Path)
		switch p := r.URL.Path; p {
		case "/feed/good":
			if strings.Contains(r.Header.Get("Accept"), "text/turtle") {
				serve(w, "text/turtle; charset=utf-8", "<urn:a> <urn:b> <urn:c> .\n")
				return
			}
			w.Header().Set("ETag", `"v1"`)
			if r.Header.Get("If-None-Match") == `"v1"` {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			serve(w, rdfxml, doc("good.rdf"))
		case "/feed/links":
			serve(w, rdfxml, doc("links.rdf"))
		case "/feed/parent":
			serve(w, rdfxml, doc("parent.rdf", "SUBPATH", "sub/second"))
		case "/feed/parent-bad":
			serve(w, rdfxml, doc("parent.rdf", "SUBPATH", "sub/missing"))
		case "/sub/good", "/sub/second":
			serve(w, rdfxml, doc("sub.rdf"))
		case "/feed/html":
			serve(w, "text/html; charset=utf-8", doc("good.rdf"))
		case "/feed/broken-xml":
			serve(w, rdfxml, "<?xml version=\"1.0\"?>\n<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n<rdf:Description rdf:about=\"urn:x\">\n</rdf:RDF>\n")
		case "/feed/busy":
			if n <= 2 {
				w.Header().Set("Retry-After", "1")
				w.WriteHeader(http.StatusServiceUnavailable)
				return
			}
			serve(w, rdfxml, doc("good.rdf"))
		case "/feed/always-busy":
			w.Header().Set("Retry-After", time.Now().Add(time.Hour).UTC().Format(http.TimeFormat))
			w.WriteHeader(http.StatusTooManyRequests)
		case "/feed/big":
			w.Header().Set("Content-Type", rdfxml)
			chunk := strings.Repeat("<!-- padding padding padding padding -->\n", 100)
			for range 100 {
				fmt.Fprint(w, chunk)
			}
		case "/feed/hang":
			<-r.Context().Done()
		case "/feed/found":
			http.Redirect(w, r, "/feed/good", http.StatusFound)
		case "/feed/moved":
			http.Redirect(w, r, "/feed/good", http.StatusMovedPermanently)
		case "/feed/escape":
			http.Redirect(w, r, s.escape, http.StatusMovedPermanently)
		case "/loop-a":
			http.Redirect(w, r, "/loop-b", http.StatusMovedPermanently)
		case "/loop-b", "/loop":
			http.Redirect(w, r, "/loop-a", http.StatusMovedPermanently)
		case "/status/404", "/missing":
			http.NotFound(w, r)
		case "/status/500", "/error500":
			http.Error(w, "boom", http.StatusInternalServerError)
		case "/ok", "/home":
			serve(w, "text/plain", "ok")
		case "/redirect-ok":
			http.Redirect(w, r, "/ok", http.StatusMovedPermanently)
		case "/head405":
			if r.Method == http.MethodHead {
				w.WriteHeader(http.StatusMethodNotAllowed)
				return
			}
			if r.Header.Get("Range") != "bytes=0-0" {
				http.Error(w, "want a range", http.StatusBadRequest)
				return
			}
			w.Header().Set("Content-Range", "bytes 0-0/10")
			w.WriteHeader(http.StatusPartialContent)
			fmt.Fprint(w, "x")
		case "/api/openapi.json":
			if o := r.Header.Get("Origin"); o != "" {
				w.Header().Set("Access-Control-Allow-Origin", "*")
			}
			serve(w, "application/json", openAPIDoc)
		case "/api/nocors.json":
			serve(w, "application/json", openAPIDoc)
		case "/api/":
			serve(w, "application/json", `{"stations":[]}`)
		default:
			if rest, ok := strings.CutPrefix(p, "/hops/"); ok {
				var k int
				fmt.Sscan(rest, &k)
				if k <= 0 {
					serve(w, rdfxml, doc("good.rdf"))
					return
				}
				http.Redirect(w, r, fmt.Sprintf("/hops/%d", k-1), http.StatusMovedPermanently)
				return
			}
			http.NotFound(w, r)
		}
	})
	return s
}
