package score_test

import (
	"context"
	"encoding/json"
	"path/filepath"
	"testing"
	"time"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/internal/score"
	"github.com/katalog-se/katalog/internal/store/sqlite"
	"github.com/katalog-se/katalog/internal/store/storetest"
)

func TestServiceScoresFromTheStore(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "k.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	a := storetest.NewAgency(storetest.OrgDigg)
	a.HarvestURL = "https://data.example.se/dcat"
	if err := st.CreateAgency(ctx, a, nil); err != nil {
		t.Fatal(err)
	}
	d := storetest.NewDataset(a.OrgNumber, "00000000-0000-4000-8000-000000000001", 1)
	if err := st.CreateDataset(ctx, d); err != nil {
		t.Fatal(err)
	}
	validated := 0
	svc := score.NewService(score.New(), st, score.ServiceOptions{BaseURL: "https://katalog.example.se",
		Validate: func(context.Context, catalog.OrgNumber) (*score.ValidationSummary, error) {
			validated++
			return &score.ValidationSummary{Profile: "dcat-ap-se-3.0.1", ValidatedAt: time.Now()}, nil
		}})

	first, err := svc.Latest(ctx, a.OrgNumber)
	if err != nil {
		t.Fatal(err)
	}
	var sc score.AgencyScore
	if err := json.Unmarshal(first.Score, &sc); err != nil || sc.OrgNumber != a.OrgNumber || first.ModelVersion != score.ModelVersion {
		t.Fatalf("stored score %+v (%v)", first, err)
	}
	if validated != 1 || !sc.Channels.Files {
		t.Errorf("validated %d times, channels %+v", validated, sc.Channels)
	}
	again, err := svc.Latest(ctx, a.OrgNumber)
	if err != nil || again.ID != first.ID || validated != 1 {
		t.Errorf("Latest with a stored score recomputed it: %+v %v", again, err)
	}

	// A passing check raises the score; a failed check counts as none.
	rec := &catalog.CheckRecord{Agency: a.OrgNumber, URL: a.HarvestURL, Trigger: catalog.TriggerManual, Status: catalog.StatusRunning}
	if err := st.InsertCheck(ctx, rec); err != nil {
		t.Fatal(err)
	}
	rec.Status, rec.Ready, rec.FinishedAt = catalog.StatusOK, true, time.Now()
	rec.Result = json.RawMessage(`{"url":"https://data.example.se/dcat","ready":true}`)
	if err := st.UpdateCheck(ctx, rec); err != nil {
		t.Fatal(err)
	}
	links := []catalog.LinkResult{{URL: "https://www.example.se/data/1", Status: 404}, {URL: "https://www.example.se/data/2", OK: true}, {URL: "https://www.example.se/data/3", OK: true}}
	if err := st.SaveLinks(ctx, a.OrgNumber, rec.FinishedAt, links); err != nil {
		t.Fatal(err)
	}
	checked, err := svc.Rescore(ctx, a.OrgNumber)
	if err != nil {
		t.Fatal(err)
	}
	if checked.Total <= first.Total {
		t.Errorf("a passing readiness check did not raise the total: %v → %v", first.Total, checked.Total)
	}
	if list, n, _ := st.Scores(ctx, a.OrgNumber, catalog.Page{}, false); n != 2 || len(list) != 2 {
		t.Errorf("history has %d scores, want 2", n)
	}
	sum := score.CheckFromRecord(rec, links)
	if ok, chk := sum.Link("https://www.example.se/data/1"); ok || !chk {
		t.Errorf("broken link: ok %v checked %v", ok, chk)
	}
	if ok, chk := sum.Link("https://www.example.se/elsewhere"); ok || chk {
		t.Errorf("a link not in the table: ok %v checked %v", ok, chk)
	}
	if sum.Links != (score.LinkCounts{Checked: 3, OK: 2, Broken: 1}) {
		t.Errorf("counts %+v", sum.Links)
	}
	if score.CheckFromRecord(&catalog.CheckRecord{Status: catalog.StatusFailed}, links) != nil {
		t.Error("a failed check counts as a check")
	}

	// The queue rescored in the background.
	svc.Start()
	svc.Enqueue(a.OrgNumber)
	deadline := time.Now().Add(10 * time.Second)
	for {
		if _, n, _ := st.Scores(ctx, a.OrgNumber, catalog.Page{}, false); n == 3 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the queued rescoring did not happen")
		}
		time.Sleep(10 * time.Millisecond)
	}
	svc.Stop()
}
