package server

import (
	"net/http"
	"strings"
	"testing"
)

// TestEveryWriteRouteNeedsItsToken walks the route table: every route that
// is not public refuses a request without a token (401), with an unknown
// token (401) and with another agency's token (403), before it reads the
// body or changes anything.
func TestEveryWriteRouteNeedsItsToken(t *testing.T) {
	f := newFixture(t, withReports(t))
	f.register(orgDigg, "Digg")
	scb := f.register(orgSCB, "SCB")
	rev := f.revision()
	walked := 0
	for _, r := range f.api.routes {
		if r.Access == public {
			continue
		}
		walked++
		path := strings.NewReplacer(":orgnr", orgDigg, ":id", "00000000-0000-4000-8000-000000000001").Replace(r.Path)
		for _, tc := range []struct {
			name, token string
			want        int
		}{
			{"no token", "", http.StatusUnauthorized},
			{"unknown token", "kat_not-a-token-of-anyone", http.StatusUnauthorized},
			{"another agency's token", scb, http.StatusForbidden},
		} {
			res := f.do(r.Method, path, tc.token, map[string]any{"title": map[string]string{"sv": "x"}})
			if res.status != tc.want {
				t.Errorf("%s %s with %s: %d, want %d", r.Method, path, tc.name, res.status, tc.want)
				continue
			}
			if p := res.problem(t); p.Status != tc.want {
				t.Errorf("%s %s with %s: problem %+v", r.Method, path, tc.name, p)
			}
		}
	}
	if walked < 7 {
		t.Errorf("walked %d protected routes; the table has more", walked)
	}
	if r := f.revision(); r != rev {
		t.Errorf("refused requests changed the catalog: %+v → %+v", rev, r)
	}
}
