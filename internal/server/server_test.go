package server

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/internal/problem"
	"github.com/katalog-se/katalog/internal/store/sqlite"
	"github.com/katalog-se/katalog/internal/token"
	"github.com/katalog-se/katalog/schema"
)

const testAdmin = "operator-token-for-tests-0123456789"

// Real organisation numbers (valid check digits).
const (
	orgDigg = "2021006883"
	orgSCB  = "2021000837"
)

type fixture struct {
	t     testing.TB
	srv   *httptest.Server
	store catalog.Store
	api   *Server
}

func newFixture(t testing.TB, mutate ...func(*Deps)) *fixture {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "k.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	v, err := schema.New()
	if err != nil {
		t.Fatal(err)
	}
	d := Deps{Store: st, Validator: v, AdminToken: testAdmin, MaxBodyBytes: 64 << 10}
	for _, m := range mutate {
		m(&d)
	}
	api := New(d)
	srv := httptest.NewServer(api)
	t.Cleanup(srv.Close)
	return &fixture{t: t, srv: srv, store: st, api: api}
}

type response struct {
	status int
	header http.Header
	body   []byte
}

func (r response) json(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal(r.body, v); err != nil {
		t.Fatalf("decode %s: %v", r.body, err)
	}
}

func (r response) problem(t testing.TB) problem.Problem {
	t.Helper()
	if ct := r.header.Get("Content-Type"); ct != problem.MediaType {
		t.Fatalf("Content-Type %q, want %s; body %s", ct, problem.MediaType, r.body)
	}
	var p problem.Problem
	r.json(t, &p)
	if p.Status != r.status || p.Title == "" || p.Type == "" {
		t.Fatalf("incomplete problem %+v for status %d", p, r.status)
	}
	return p
}

func (f *fixture) do(method, path, token string, body any, headers ...string) response {
	f.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	case []byte:
		rd = bytes.NewReader(b)
	default:
		j, err := json.Marshal(b)
		if err != nil {
			f.t.Fatal(err)
		}
		rd = bytes.NewReader(j)
	}
	req, err := http.NewRequest(method, f.srv.URL+path, rd)
	if err != nil {
		f.t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	// Plain bytes unless a test asks for gzip (Go's client would add it and
	// unzip silently).
	req.Header.Set("Accept-Encoding", "identity")
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	res, err := f.srv.Client().Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		f.t.Fatal(err)
	}
	return response{status: res.StatusCode, header: res.Header, body: b}
}

func agencyBody(org, name string) map[string]any {
	return map[string]any{"orgNumber": org, "name": map[string]string{"sv": name, "en": name + " (en)"}, "publisherType": "NationalAuthority", "homepage": "https://example.se"}
}

func datasetBody(title string) map[string]any {
	return map[string]any{
		"title":        map[string]string{"sv": title, "en": title + " (en)"},
		"description":  map[string]string{"sv": "Beskrivning", "en": "Description"},
		"themes":       []string{"GOVE"},
		"accessRights": "PUBLIC",
		"distributions": []map[string]any{{
			"accessURL": "https://example.se/data", "downloadURL": "https://example.se/data.csv",
			"format": "text/csv", "license": "CC BY 4.0",
		}},
	}
}

// register creates an agency as the operator and returns its token.
func (f *fixture) register(org, name string) string {
	f.t.Helper()
	r := f.do("POST", "/api/v1/agencies", testAdmin, agencyBody(org, name))
	if r.status != http.StatusCreated {
		f.t.Fatalf("register %s: %d %s", org, r.status, r.body)
	}
	var out struct {
		Token string `json:"token"`
	}
	r.json(f.t, &out)
	if !strings.HasPrefix(out.Token, token.Prefix) {
		f.t.Fatalf("token %q", out.Token)
	}
	return out.Token
}

func (f *fixture) revision() catalog.Revision {
	f.t.Helper()
	rev, err := f.store.Revision(context.Background(), "")
	if err != nil {
		f.t.Fatal(err)
	}
	return rev
}
