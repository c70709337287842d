package server

import (
	"bytes"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/katalog-se/katalog/internal/token"
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
		if r.Access == public || r.Access == steward { // steward routes take a session, not a token: TestStewardSession
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

// syncBuffer is a log sink for the server's logger.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestNoSecretsInLogs makes requests with the operator's and an agency's
// tokens, good and bad, in headers and in the query, and failing ones: no
// token ever appears in the logs.
func TestNoSecretsInLogs(t *testing.T) {
	var logs syncBuffer
	f := newFixture(t, withReports(t), func(d *Deps) {
		d.Logger = slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	})
	digg := f.register(orgDigg, "Digg")
	f.do("POST", "/api/v1/agencies/"+orgDigg+"/datasets", digg, datasetBody("Ett"))
	f.do("POST", "/api/v1/agencies/"+orgDigg+"/datasets", digg, "{not json")
	f.do("PUT", "/api/v1/agencies/"+orgSCB, digg, agencyBody(orgSCB, "SCB"))
	f.do("GET", "/api/v1/agencies?token="+digg, "", nil)
	f.do("DELETE", "/api/v1/agencies/"+orgDigg+"/datasets/x", "kat_wrong-"+digg, nil)
	f.do("GET", "/api/v1/agencies/"+orgDigg+"/score", testAdmin, nil)
	out := logs.String()
	if !strings.Contains(out, "http request") {
		t.Fatalf("nothing logged:\n%s", out)
	}
	for name, secret := range map[string]string{"agency token": strings.TrimPrefix(digg, token.Prefix), "operator token": testAdmin} {
		if strings.Contains(out, secret) {
			t.Errorf("the %s appears in the logs", name)
		}
	}
}
