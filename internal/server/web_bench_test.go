package server

import (
	"io"
	"net/http"
	"testing"
)

// BenchmarkPages answers every page of a site of 337 agencies (the demo's
// 6 and 331 registered with register facts, a third with a dataset, all
// scored, two reports), each as a browser asks for it, through the whole
// HTTP stack. docs/benchmarks.md keeps the figures.
func BenchmarkPages(b *testing.B) {
	s := newWebSite(b, 331)
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, p := range s.pages {
		if p.Form != nil {
			continue
		}
		b.Run(p.Name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				req, _ := http.NewRequest("GET", s.f.srv.URL+p.Path, nil)
				req.Header.Set("Accept", browserAccept)
				res, err := client.Do(req)
				if err != nil {
					b.Fatal(err)
				}
				io.Copy(io.Discard, res.Body)
				res.Body.Close()
				if want := max(p.Status, http.StatusOK); res.StatusCode != want {
					b.Fatalf("%s: %d", p.Path, res.StatusCode)
				}
			}
		})
	}
}
