package storetest

import (
	"testing"
	"time"

	"github.com/katalog-se/katalog/catalog"
)

// HistoryStore is a store whose check, score and run history can be pruned.
type HistoryStore interface {
	catalog.Store
	catalog.JobStore
	catalog.ScoreStore
	catalog.HistoryStore
}

// RunHistory runs the retention suite: per agency (and per job) the
// newest keep entries stay unless older than the cut-off, and the newest
// one always stays.
func RunHistory(t *testing.T, newStore func(t *testing.T) HistoryStore) {
	t.Run("PruneHistory", func(t *testing.T) { testPruneHistory(t, newStore(t)) })
}

func testPruneHistory(t *testing.T, s HistoryStore) {
	createAgency(t, s, OrgDigg)
	createAgency(t, s, OrgSCB)
	base := time.Date(2025, 1, 1, 3, 0, 0, 0, time.UTC)
	for i := range 10 {
		at := base.AddDate(0, 0, i)
		must(t, s.InsertCheck(ctx(t), &catalog.CheckRecord{Agency: OrgDigg, URL: "https://a.se/dcat", Trigger: catalog.TriggerSchedule,
			Status: catalog.StatusOK, StartedAt: at, FinishedAt: at}))
		must(t, s.InsertScore(ctx(t), &catalog.ScoreRecord{Agency: OrgDigg, ModelVersion: "m", ComputedAt: at, Total: 1, Level: 1, Score: []byte(`{}`)}))
		must(t, s.StartRun(ctx(t), &catalog.JobRun{Job: "check:" + string(OrgDigg), Scheduled: at, Status: catalog.StatusOK, StartedAt: at}))
	}
	// SCB was checked once, long ago: its only check stays.
	must(t, s.InsertCheck(ctx(t), &catalog.CheckRecord{Agency: OrgSCB, URL: "https://b.se/dcat", Trigger: catalog.TriggerSchedule,
		Status: catalog.StatusOK, StartedAt: base, FinishedAt: base}))

	// Keep 6, nothing before day 2 (which takes days 0 and 1 on top).
	p, err := s.PruneHistory(ctx(t), 6, base.AddDate(0, 0, 2))
	must(t, err)
	if p.Checks != 4 || p.Scores != 4 || p.Runs != 4 {
		t.Errorf("pruned %+v, want 4 of each (days 0–3)", p)
	}
	list, total, err := s.Checks(ctx(t), OrgDigg, catalog.Page{})
	must(t, err)
	if total != 6 || !list[5].StartedAt.Equal(base.AddDate(0, 0, 4)) || !list[0].StartedAt.Equal(base.AddDate(0, 0, 9)) {
		t.Errorf("%d checks left, oldest %v", total, list[len(list)-1].StartedAt)
	}
	if _, n, _ := s.Checks(ctx(t), OrgSCB, catalog.Page{}); n != 1 {
		t.Errorf("SCB's only check pruned: %d left", n)
	}
	// A cut-off after every entry keeps the newest only.
	p, err = s.PruneHistory(ctx(t), 100, base.AddDate(1, 0, 0))
	must(t, err)
	if p.Checks != 5 || p.Scores != 5 || p.Runs != 5 {
		t.Errorf("pruned %+v, want 5 of each", p)
	}
	last, err := s.LatestCheck(ctx(t), OrgDigg)
	must(t, err)
	if !last.StartedAt.Equal(base.AddDate(0, 0, 9)) {
		t.Errorf("latest check %v", last.StartedAt)
	}
	if r, err := s.LastRun(ctx(t), "check:"+string(OrgDigg)); err != nil || !r.Scheduled.Equal(base.AddDate(0, 0, 9)) {
		t.Errorf("last run %+v, %v", r, err)
	}
	if sc, err := s.LatestScore(ctx(t), OrgDigg); err != nil || !sc.ComputedAt.Equal(base.AddDate(0, 0, 9)) {
		t.Errorf("latest score %+v, %v", sc, err)
	}

	// Deliveries sent, changes told and link cycles done go with age.
	n := &catalog.Notification{Key: "k", Agency: OrgDigg, Kind: catalog.ChangeNotReady, At: base, Title: catalog.LangString{"en": "t"}, Text: catalog.LangString{"en": "t"}}
	_, err = s.QueueNotification(ctx(t), n, false, []catalog.Delivery{{Key: "k:email", Agency: OrgDigg, Channel: catalog.ChannelEmail, Recipient: "a@b.se"}})
	must(t, err)
	d, err := s.ClaimDelivery(ctx(t), "h", time.Now().Add(time.Minute))
	must(t, err)
	must(t, s.DeliveryDone(ctx(t), d.ID, "h", "", time.Time{}))
	p, err = s.PruneHistory(ctx(t), 100, time.Now().Add(time.Hour))
	must(t, err)
	if p.Deliveries != 1 || p.Notifications != 1 {
		t.Errorf("pruned %+v, want the delivery and the notification", p)
	}
}
