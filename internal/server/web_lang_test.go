package server

import (
	"net/http"
	"testing"
)

// TestLangCookieSetOnce: a page asked for with ?lang= remembers the
// language in one Set-Cookie, however often the page's code asks for it.
func TestLangCookieSetOnce(t *testing.T) {
	f := newFixture(t)
	f.register(orgDigg, "Digg")
	b := newBrowser(f)
	for _, path := range []string{"/?lang=en", "/agencies/" + orgDigg + "?lang=en"} {
		r := b.get(path)
		if r.status != http.StatusOK {
			t.Fatalf("%s: status %d", path, r.status)
		}
		n := 0
		for _, c := range b.set {
			if c.Name == langCookie {
				n++
				if c.Value != "en" {
					t.Errorf("%s: %s=%q, want en", path, langCookie, c.Value)
				}
			}
		}
		if n != 1 {
			t.Errorf("%s: %d Set-Cookie headers for %s, want 1", path, n, langCookie)
		}
	}
}
