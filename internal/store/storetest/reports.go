package storetest

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/katalog-se/katalog/catalog"
)

// ReportStore is a Store that also keeps trend reports.
type ReportStore interface {
	catalog.Store
	catalog.ReportStore
}

// RunReports runs the trend-report suite against stores made by newStore.
func RunReports(t *testing.T, newStore func(t *testing.T) ReportStore) {
	t.Run("ReportHistory", func(t *testing.T) { testReportHistory(t, newStore(t)) })
	t.Run("ReportsImmutable", func(t *testing.T) { testReportsImmutable(t, newStore(t)) })
	t.Run("ReportRejects", func(t *testing.T) { testReportRejects(t, newStore(t)) })
}

var reportBase = time.Date(2026, 1, 1, 0, 0, 0, 123456789, time.UTC)

// insertReport stores a report created month months after reportBase.
func insertReport(t *testing.T, s ReportStore, id string, month, agencies int) *catalog.ReportRecord {
	t.Helper()
	r := &catalog.ReportRecord{
		ID: id, CreatedAt: reportBase.AddDate(0, month, 0), ModelVersion: "2026.1", Agencies: agencies,
		Indicators: json.RawMessage(fmt.Sprintf(`[{"id":"publishes","count":%d}]`, agencies)),
		Body:       json.RawMessage(fmt.Sprintf(`{"id":%q,"agencies":%d}`, id, agencies)),
	}
	must(t, s.InsertReport(ctx(t), r))
	if r.CreatedAt.Nanosecond()%1000 != 0 {
		t.Errorf("InsertReport: time %v not truncated to µs", r.CreatedAt)
	}
	return r
}

func testReportHistory(t *testing.T, s ReportStore) {
	if _, err := s.LatestReport(ctx(t)); !errors.Is(err, catalog.ErrNotFound) {
		t.Errorf("LatestReport with none: %v, want ErrNotFound", err)
	}
	if list, total, err := s.Reports(ctx(t), catalog.Page{Number: 1, Limit: 10}); err != nil || total != 0 || len(list) != 0 {
		t.Errorf("Reports with none = %v, %d, %v", list, total, err)
	}
	before := revision(t, s, "")
	first := insertReport(t, s, "r1", 0, 10)
	insertReport(t, s, "r3", 2, 30)
	insertReport(t, s, "r2", 1, 20) // inserted late for an earlier time

	got, err := s.LatestReport(ctx(t))
	must(t, err)
	if got.ID != "r3" || got.Agencies != 30 || string(got.Body) != `{"id":"r3","agencies":30}` {
		t.Errorf("LatestReport = %+v, want r3 with its body", got)
	}
	one, err := s.Report(ctx(t), "r1")
	must(t, err)
	if !one.CreatedAt.Equal(first.CreatedAt) || one.ModelVersion != "2026.1" || string(one.Indicators) != string(first.Indicators) || string(one.Body) != string(first.Body) {
		t.Errorf("Report(r1) = %+v, stored %+v", one, first)
	}
	if _, err := s.Report(ctx(t), "nope"); !errors.Is(err, catalog.ErrNotFound) {
		t.Errorf("Report(nope): %v, want ErrNotFound", err)
	}
	tests := []struct {
		page catalog.Page
		want []string
	}{
		{catalog.Page{Number: 1, Limit: 2}, []string{"r3", "r2"}},
		{catalog.Page{Number: 2, Limit: 2}, []string{"r1"}},
		{catalog.Page{Number: 1, Limit: 0}, []string{"r3", "r2", "r1"}},
	}
	for _, tc := range tests {
		list, total, err := s.Reports(ctx(t), tc.page)
		must(t, err)
		var ids []string
		for _, r := range list {
			ids = append(ids, r.ID)
			if r.Body != nil || len(r.Indicators) == 0 {
				t.Errorf("Reports %+v: %s has body %q, indicators %q: want indicators only", tc.page, r.ID, r.Body, r.Indicators)
			}
		}
		if total != 3 || fmt.Sprint(ids) != fmt.Sprint(tc.want) {
			t.Errorf("Reports %+v = %v (total %d), want %v (3)", tc.page, ids, total, tc.want)
		}
	}
	if r := revision(t, s, ""); r != before {
		t.Errorf("report writes moved the catalog revision: %+v → %+v", before, r)
	}
}

func testReportsImmutable(t *testing.T, s ReportStore) {
	insertReport(t, s, "r1", 0, 10)
	again := &catalog.ReportRecord{ID: "r1", CreatedAt: reportBase, ModelVersion: "other", Agencies: 99,
		Indicators: json.RawMessage(`[]`), Body: json.RawMessage(`{"changed":true}`)}
	if err := s.InsertReport(ctx(t), again); !errors.Is(err, catalog.ErrConflict) {
		t.Errorf("second report r1: %v, want ErrConflict", err)
	}
	got, err := s.Report(ctx(t), "r1")
	must(t, err)
	if got.Agencies != 10 || got.ModelVersion != "2026.1" || string(got.Body) != `{"id":"r1","agencies":10}` {
		t.Errorf("report r1 changed by a conflicting insert: %+v", got)
	}
}

func testReportRejects(t *testing.T, s ReportStore) {
	tests := []struct {
		name string
		r    catalog.ReportRecord
	}{
		{"empty ID", catalog.ReportRecord{Indicators: json.RawMessage(`[]`), Body: json.RawMessage(`{}`)}},
		{"body not JSON", catalog.ReportRecord{ID: "x", Indicators: json.RawMessage(`[]`), Body: json.RawMessage(`{`)}},
		{"indicators not JSON", catalog.ReportRecord{ID: "y", Indicators: json.RawMessage(`[`), Body: json.RawMessage(`{}`)}},
	}
	for _, tc := range tests {
		if err := s.InsertReport(ctx(t), &tc.r); err == nil {
			t.Errorf("%s: stored", tc.name)
		}
	}
	if _, total, err := s.Reports(ctx(t), catalog.Page{}); err != nil || total != 0 {
		t.Errorf("after rejected inserts: %d reports, %v", total, err)
	}
}
