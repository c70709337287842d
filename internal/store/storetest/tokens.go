package storetest

import (
	"errors"
	"testing"
	"time"

	"github.com/katalog-se/katalog/catalog"
)

// RunTokens runs the token and audit-log suites against stores made by
// newStore.
func RunTokens(t *testing.T, newStore func(t *testing.T) catalog.Store) {
	t.Run("TokenLifecycle", func(t *testing.T) { testTokenLifecycle(t, newStore(t)) })
	t.Run("AuditLog", func(t *testing.T) { testAuditLog(t, newStore(t)) })
}

func testTokenLifecycle(t *testing.T, s catalog.Store) {
	createAgency(t, s, OrgDigg)
	createAgency(t, s, OrgSCB)
	now := time.Now()
	soon := now.Add(time.Hour)
	ci := &catalog.Token{Agency: OrgDigg, Name: "ci", ExpiresAt: &soon}
	must(t, s.CreateToken(ctx(t), ci, []byte("hash-ci")))
	if ci.ID == 0 || ci.CreatedAt.IsZero() || ci.ExpiresAt == nil {
		t.Errorf("created token %+v", ci)
	}
	past := now.Add(-time.Minute)
	old := &catalog.Token{Agency: OrgDigg, Name: "old", ExpiresAt: &past}
	must(t, s.CreateToken(ctx(t), old, []byte("hash-old")))
	wantErr(t, "a token hash taken", s.CreateToken(ctx(t), &catalog.Token{Agency: OrgSCB, Name: "x"}, []byte("hash-ci")), catalog.ErrConflict)
	wantErr(t, "a token of an unknown agency", s.CreateToken(ctx(t), &catalog.Token{Agency: Org("202100000"), Name: "x"}, []byte("hash-x")), catalog.ErrNotFound)

	if got, err := s.TokenByHash(ctx(t), []byte("hash-ci"), now); err != nil || got.ID != ci.ID || got.Agency != OrgDigg || got.Name != "ci" {
		t.Errorf("TokenByHash: %+v %v", got, err)
	}
	_, err := s.TokenByHash(ctx(t), []byte("hash-ci"), soon.Add(time.Second))
	wantErr(t, "an expired token", err, catalog.ErrNotFound)
	_, err = s.TokenByHash(ctx(t), []byte("hash-old"), now)
	wantErr(t, "a token expired at creation", err, catalog.ErrNotFound)

	list, err := s.Tokens(ctx(t), OrgDigg)
	must(t, err)
	if len(list) != 3 || list[0].Name != "initial" || list[1].ID != ci.ID || list[2].Name != "old" {
		t.Errorf("tokens %+v", list)
	}
	// Use: recorded, then not rewritten within a minute.
	must(t, s.TouchToken(ctx(t), ci.ID, now))
	must(t, s.TouchToken(ctx(t), ci.ID, now.Add(30*time.Second)))
	got, err := s.TokenByHash(ctx(t), []byte("hash-ci"), now)
	must(t, err)
	if got.LastUsedAt == nil || !got.LastUsedAt.Equal(now.Truncate(time.Microsecond)) {
		t.Errorf("last used %v, want %v", got.LastUsedAt, now)
	}
	must(t, s.TouchToken(ctx(t), ci.ID, now.Add(2*time.Minute)))
	if got, _ := s.TokenByHash(ctx(t), []byte("hash-ci"), now); !got.LastUsedAt.After(now) {
		t.Errorf("a use two minutes later was not recorded: %v", got.LastUsedAt)
	}

	wantErr(t, "revoking another agency's token", s.RevokeToken(ctx(t), OrgSCB, ci.ID), catalog.ErrNotFound)
	must(t, s.RevokeToken(ctx(t), OrgDigg, ci.ID))
	wantErr(t, "revoking twice", s.RevokeToken(ctx(t), OrgDigg, ci.ID), catalog.ErrNotFound)
	_, err = s.TokenByHash(ctx(t), []byte("hash-ci"), now)
	wantErr(t, "a revoked token", err, catalog.ErrNotFound)
	if list, _ := s.Tokens(ctx(t), OrgDigg); len(list) != 2 {
		t.Errorf("tokens after a revocation: %+v", list)
	}
	keepsToken(t, s, "revoking another token", OrgDigg)
}

func testAuditLog(t *testing.T, s catalog.Store) {
	createAgency(t, s, OrgDigg)
	for i, e := range []catalog.AuditEntry{
		{Actor: "operator", Method: "POST", Route: "/api/v1/agencies", Path: "/api/v1/agencies", Status: 201, Remote: "127.0.0.1"},
		{Actor: "agency:" + string(OrgDigg) + ":token:1", Method: "PUT", Route: "/api/v1/agencies/:orgnr", Path: "/api/v1/agencies/" + string(OrgDigg), Agency: OrgDigg, Status: 200, Remote: "127.0.0.1"},
	} {
		must(t, s.AppendAudit(ctx(t), &e))
		if e.ID == 0 || e.At.IsZero() {
			t.Errorf("entry %d: %+v", i, e)
		}
	}
	all, total, err := s.Audit(ctx(t), "", catalog.Page{Number: 1, Limit: 10})
	must(t, err)
	if total != 2 || all[0].Method != "PUT" || all[1].Actor != "operator" {
		t.Errorf("audit log %+v (%d)", all, total)
	}
	mine, total, err := s.Audit(ctx(t), OrgDigg, catalog.Page{Number: 1, Limit: 10})
	must(t, err)
	if total != 1 || mine[0].Agency != OrgDigg || mine[0].Status != 200 {
		t.Errorf("audit log of %s: %+v", OrgDigg, mine)
	}
	if _, _, err := s.Audit(ctx(t), "", catalog.Page{Number: 3, Limit: 1}); errors.Is(err, catalog.ErrNotFound) {
		t.Errorf("a page past the end: %v", err)
	}
}
