package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/katalog-se/katalog/catalog"
)

// ScoreStore is a Store that also keeps score history.
type ScoreStore interface {
	catalog.Store
	catalog.ScoreStore
}

// RunScores runs the score-history suite against stores made by newStore.
func RunScores(t *testing.T, newStore func(t *testing.T) ScoreStore) {
	t.Run("ScoreHistory", func(t *testing.T) { testScoreHistory(t, newStore(t)) })
}

func testScoreHistory(t *testing.T, s ScoreStore) {
	createAgency(t, s, OrgDigg)
	createAgency(t, s, OrgSCB)
	if _, err := s.LatestScore(ctx(t), OrgDigg); !errors.Is(err, catalog.ErrNotFound) {
		t.Errorf("LatestScore with none: %v, want ErrNotFound", err)
	}
	base := time.Date(2026, 1, 1, 12, 0, 0, 123456789, time.UTC)
	insert := func(org catalog.OrgNumber, day int, total float64) *catalog.ScoreRecord {
		t.Helper()
		doc, _ := json.Marshal(map[string]any{"orgNumber": org, "total": total})
		r := &catalog.ScoreRecord{Agency: org, ModelVersion: "2026.1", ComputedAt: base.AddDate(0, 0, day), Total: total, Level: int(total/20) + 1, Score: doc}
		must(t, s.InsertScore(ctx(t), r))
		if r.ID == 0 || r.ComputedAt.Nanosecond()%1000 != 0 {
			t.Errorf("InsertScore: ID %d, time %v not truncated to µs", r.ID, r.ComputedAt)
		}
		return r
	}
	insert(OrgDigg, 0, 40)
	insert(OrgDigg, 2, 60)
	old := insert(OrgDigg, 1, 50) // inserted late for an earlier time
	latest := insert(OrgSCB, 3, 80)
	before := revision(t, s, "")

	got, err := s.LatestScore(ctx(t), OrgDigg)
	must(t, err)
	if got.Total != 60 || string(got.Score) == "" {
		t.Errorf("LatestScore = %+v, want the one computed last (60)", got)
	}
	list, total, err := s.Scores(ctx(t), OrgDigg, catalog.Page{Number: 1, Limit: 2}, false)
	must(t, err)
	if total != 3 || len(list) != 2 || list[0].Total != 60 || list[1].Total != 50 || list[1].ID != old.ID || list[0].Score != nil {
		t.Errorf("Scores page 1 = %+v (total %d): want 60 then 50, without documents", list, total)
	}
	if !list[1].ComputedAt.Equal(old.ComputedAt) {
		t.Errorf("ComputedAt %v, stored %v", list[1].ComputedAt, old.ComputedAt)
	}
	all, err := s.LatestScores(ctx(t))
	must(t, err)
	// Ordered by org number: SCB (2021000837) before Digg (2021006883).
	if len(all) != 2 || all[0].ID != latest.ID || all[1].Agency != OrgDigg || all[1].Total != 60 || len(all[0].Score) == 0 {
		t.Errorf("LatestScores = %+v", all)
	}
	if r := revision(t, s, ""); r != before {
		t.Errorf("score writes moved the catalog revision: %+v → %+v", before, r)
	}
	// The overview a page of all agencies reads: totals without documents.
	if ov, ok := s.(overviewStore); ok {
		totals, err := ov.LatestScoreTotals(ctx(t))
		must(t, err)
		if len(totals) != 2 || totals[0].ID != latest.ID || totals[1].Total != 60 || totals[0].Score != nil {
			t.Errorf("LatestScoreTotals = %+v", totals)
		}
		counts, err := ov.DatasetCounts(ctx(t))
		must(t, err)
		if len(counts) != 0 {
			t.Errorf("DatasetCounts without datasets = %v", counts)
		}
	}
	if err := s.InsertScore(ctx(t), &catalog.ScoreRecord{Agency: Org("202199998"), Score: json.RawMessage(`{}`)}); !errors.Is(err, catalog.ErrNotFound) {
		t.Errorf("unknown agency: %v, want ErrNotFound", err)
	}
	if err := s.InsertScore(ctx(t), &catalog.ScoreRecord{Agency: OrgDigg, Score: json.RawMessage(`{`)}); err == nil {
		t.Error("a score that is not JSON was stored")
	}
}

// overviewStore is what stores offer for pages that list every agency.
type overviewStore interface {
	LatestScoreTotals(ctx context.Context) ([]catalog.ScoreRecord, error)
	DatasetCounts(ctx context.Context) (map[catalog.OrgNumber]int, error)
}
