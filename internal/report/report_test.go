package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"html"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/katalog-se/katalog/internal/i18n"

	"github.com/katalog-se/katalog/catalog"
)

var jan = time.Date(2026, 1, 1, 3, 0, 0, 0, time.UTC)

type want struct {
	id             string
	count, of, unc int
	share          float64
}

// The fixture: 52 agencies, 50 scored, 31 publishing (see datasetsOf).
var wantJan = []want{
	{Publishes, 31, 50, 2, 0.62},
	{DocumentsOnly, 5, 50, 2, 0.1},
	{Files, 26, 50, 2, 0.52},
	{OpenMachineReadable, 21, 50, 2, 0.42},
	{API, 14, 50, 2, 0.28},
	{Portal, 14, 40, 12, 0.35},
	{ReadinessPass, 14, 40, 12, 0.35},
	{BrokenLinks, 10, 40, 12, 0.25},
	{LinksBroken, 20, 400, 12, 0.05},
	{HVDCompliant, 6, 11, 2, 0.5455},
}

func TestReportKnownShares(t *testing.T) {
	s := openStore(t)
	register(t, s, 52)
	scores := scoreAll(t, s, 50, 31, jan)
	dir := t.TempDir()
	rep, err := New(s, Options{Dir: dir}).Run(t.Context(), jan)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Agencies != 52 || rep.Scored != 50 || rep.ID != "20260101T030000Z" || rep.ModelVersion == "" {
		t.Errorf("report %s: %d agencies, %d scored, model %q", rep.ID, rep.Agencies, rep.Scored, rep.ModelVersion)
	}
	for _, w := range wantJan {
		got, ok := rep.Indicator(w.id)
		if !ok || got.Count != w.count || got.Of != w.of || got.Unchecked != w.unc || got.Share != w.share || got.Change != nil {
			t.Errorf("%s = %+v, want %d of %d (%d unchecked), share %v, no change", w.id, got, w.count, w.of, w.unc, w.share)
		}
	}
	sum := 0
	for _, sc := range scores[:31] {
		sum += sc.MQA.Points
	}
	mean, _ := rep.Indicator(MQAMean)
	if wantMean := math.Round(float64(sum)/31*1e4) / 1e4; mean.Of != 31 || mean.Value == nil || *mean.Value != wantMean {
		t.Errorf("mqaMean = %+v, want %v of 31", mean, wantMean)
	}
	bandTotal := 0
	for _, b := range rep.MQA.Bands {
		bandTotal += b.Count
	}
	if rep.MQA.Agencies != 31 || bandTotal != 31 {
		t.Errorf("MQA distribution covers %d agencies, bands %d: want 31", rep.MQA.Agencies, bandTotal)
	}

	groupTests := []struct {
		dim, key      string
		agencies      int
		publishes, of int
	}{
		{DimSizeClass, "small(10-49)", 26, 16, 25},
		{DimSizeClass, "large(250-999)", 26, 15, 25},
		{DimGroup, "Domstolar", 6, 4, 5},
		{DimDepartment, "Dep 0", 11, 7, 10},
	}
	for _, tc := range groupTests {
		g := groupOf(t, rep, tc.dim, tc.key)
		p, _ := find(g.Indicators, Publishes)
		if g.Agencies != tc.agencies || p.Count != tc.publishes || p.Of != tc.of {
			t.Errorf("group %s/%s: %d agencies, publishes %d of %d; want %d, %d of %d", tc.dim, tc.key, g.Agencies, p.Count, p.Of, tc.agencies, tc.publishes, tc.of)
		}
	}
	if got := rep.Groups[0].Key; got != "small(10-49)" {
		t.Errorf("first size class %q, want the smallest (small)", got)
	}

	// The same numbers in the three files.
	checkJSONFile(t, filepath.Join(dir, rep.ID+".json"))
	checkCSVFile(t, filepath.Join(dir, rep.ID+".csv"), 52)
	checkHTMLFile(t, filepath.Join(dir, rep.ID+".html"))

	// Stored, immutable, and readable as latest.
	if _, err := New(s, Options{Dir: dir}).Run(t.Context(), jan); !errors.Is(err, catalog.ErrConflict) {
		t.Errorf("second report of the same second: %v, want ErrConflict", err)
	}
	latest, err := New(s, Options{}).Report(t.Context(), "latest")
	if err != nil || latest.ID != rep.ID || len(latest.Rows) != 52 {
		t.Errorf("latest = %v, %v", latest, err)
	}
}

func groupOf(t *testing.T, rep *Report, dim, key string) Group {
	t.Helper()
	for _, g := range rep.Groups {
		if g.Dimension == dim && g.Key == key {
			return g
		}
	}
	t.Fatalf("no group %s/%s", dim, key)
	return Group{}
}

func checkJSONFile(t *testing.T, path string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		ID         string `json:"id"`
		Agencies   int    `json:"agencies"`
		Indicators []struct {
			ID     string   `json:"id"`
			Count  int      `json:"count"`
			Of     int      `json:"of"`
			Share  float64  `json:"share"`
			Change *float64 `json:"change"`
		} `json:"indicators"`
		Groups []json.RawMessage `json:"groups"`
		Movers []json.RawMessage `json:"movers"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	got := map[string][3]float64{}
	for _, i := range doc.Indicators {
		got[i.ID] = [3]float64{float64(i.Count), float64(i.Of), i.Share}
	}
	for _, w := range wantJan {
		if g := got[w.id]; g != [3]float64{float64(w.count), float64(w.of), w.share} {
			t.Errorf("JSON %s = %v, want %d/%d %v", w.id, g, w.count, w.of, w.share)
		}
	}
	if doc.Agencies != 52 || len(doc.Groups) == 0 || doc.Movers == nil {
		t.Errorf("JSON: agencies %d, %d groups, movers %v", doc.Agencies, len(doc.Groups), doc.Movers)
	}
	if info, err := os.Stat(path); err != nil || info.Mode().Perm()&0o222 != 0 {
		t.Errorf("report file %s is writable: %v %v", path, info.Mode(), err)
	}
}

func checkCSVFile(t *testing.T, path string, agencies int) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	rows, kinds := map[string][]string{}, map[string]int{}
	for _, r := range recs[1:] {
		kinds[r[0]]++
		if r[0] == "indicator" {
			rows[r[col["indicator"]]] = r
		}
	}
	for _, w := range wantJan {
		r := rows[w.id]
		if r == nil {
			t.Errorf("CSV has no row for %s", w.id)
			continue
		}
		if r[col["count"]] != itoa(w.count) || r[col["of"]] != itoa(w.of) || r[col["share"]] != ftoa(w.share) {
			t.Errorf("CSV %s = %s/%s %s, want %d/%d %v", w.id, r[col["count"]], r[col["of"]], r[col["share"]], w.count, w.of, w.share)
		}
	}
	if kinds["agency"] != agencies || kinds["indicator"] != 11 || kinds["group"] == 0 {
		t.Errorf("CSV rows by kind: %v", kinds)
	}
}

func checkHTMLFile(t *testing.T, path string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	page := html.UnescapeString(string(data))
	cardTests := []struct{ id, share, count string }{
		{Publishes, "62\u00a0%", "31 av 50"},
		{API, "28\u00a0%", "14 av 50"},
		{Portal, "35\u00a0%", "14 av 40"},
		{HVDCompliant, "54,5\u00a0%", "6 av 11"},
	}
	for _, tc := range cardTests {
		re := regexp.MustCompile(`(?s)id="card-` + tc.id + `".*?class="big v">([^<]*)<.*?class="count">([^<]*)<`)
		m := re.FindStringSubmatch(page)
		if m == nil || m[1] != tc.share || !strings.HasPrefix(m[2], tc.count) {
			t.Errorf("HTML card %s = %q, want %s and %s", tc.id, m, tc.share, tc.count)
		}
	}
	for _, s := range []string{`<html lang="sv">`, `<figure class="chart" id="trend-publishes">`, `<figure class="chart" id="bars-sizeClass-publishes">`,
		`aria-sort="descending"`, "@media print", "Visa värdena som tabell", ".sv.csv", "Trendrapport 1 januari 2026"} {
		if !strings.Contains(page, s) {
			t.Errorf("HTML lacks %s", s)
		}
	}
	if strings.Contains(page, "<script") || strings.Contains(page, "src=") || strings.Contains(page, "<link") {
		t.Error("HTML is not self-contained and script-free")
	}
	if strings.Contains(page, "small(10-49)") || strings.Contains(page, "very_large") {
		t.Error("HTML shows raw size classes")
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

func ftoa(f float64) string { b, _ := json.Marshal(f); return string(b) }

func TestReportDeltasAndMovers(t *testing.T) {
	s := openStore(t)
	register(t, s, 50)
	b := New(s, Options{})
	before := scoreAll(t, s, 50, 31, jan)
	if _, err := b.Run(t.Context(), jan); err != nil {
		t.Fatal(err)
	}
	feb := jan.AddDate(0, 1, 0)
	after := scoreAll(t, s, 50, 34, feb) // agencies 31–33 start publishing CSV
	rep, err := b.Run(t.Context(), feb)
	if err != nil {
		t.Fatal(err)
	}
	changes := []struct {
		id     string
		change float64
	}{
		{Publishes, 0.06}, {Files, 0.06}, {OpenMachineReadable, 0.06}, {API, 0}, {DocumentsOnly, 0},
	}
	for _, tc := range changes {
		i, _ := rep.Indicator(tc.id)
		if i.Change == nil || *i.Change != tc.change || i.Change12 == nil || *i.Change12 != tc.change {
			t.Errorf("%s change = %v / %v, want %v", tc.id, i.Change, i.Change12, tc.change)
		}
	}
	g := groupOf(t, rep, DimSizeClass, "large(250-999)") // 31 and 33 are odd
	if p, _ := find(g.Indicators, Publishes); p.Count != 17 || p.Change == nil || *p.Change != 0.08 {
		t.Errorf("large publishes %+v, want 17 of 25, change +0.08", p)
	}
	var wantMovers []string
	for i := range before {
		if before[i].Level != after[i].Level {
			wantMovers = append(wantMovers, string(after[i].OrgNumber))
		}
	}
	var got []string
	for _, m := range rep.Movers {
		got = append(got, m.OrgNumber)
		if m.From == m.To {
			t.Errorf("mover %+v did not move", m)
		}
	}
	if len(wantMovers) == 0 || strings.Join(sortedCopy(got), ",") != strings.Join(wantMovers, ",") {
		t.Errorf("movers %v, want %v", got, wantMovers)
	}
	if len(rep.Trend) != 2 || rep.Trend[0].Values[Publishes] != 0.62 || rep.Trend[1].Values[Publishes] != 0.68 || rep.Previous != "20260101T030000Z" {
		t.Errorf("trend %+v, previous %q", rep.Trend, rep.Previous)
	}
	var buf bytes.Buffer
	if err := WriteHTML(&buf, rep, HTMLOptions{}); err != nil || !strings.Contains(html.UnescapeString(buf.String()), "+6 procentenheter") {
		t.Errorf("HTML lacks the change +6 procentenheter (%v)", err)
	}
	list, total, err := b.List(t.Context(), catalog.Page{Number: 1, Limit: 10})
	if err != nil || total != 2 || list[0].ID != rep.ID || len(list[0].Indicators) != 11 {
		t.Errorf("List = %+v, %d, %v", list, total, err)
	}
	d, err := b.Dashboard(t.Context())
	if err != nil || d.Report == nil {
		t.Fatalf("Dashboard = %+v, %v", d, err)
	}
	if cards := Cards(d.Report, i18n.SV); len(cards) != 11 || cards[0].Headline != "68\u00a0%" {
		t.Errorf("Swedish cards %+v", cards)
	}
	if cards := Cards(d.Report, i18n.EN); cards[0].Headline != "68%" || cards[0].Label != "Publish data for reuse" {
		t.Errorf("English cards %+v", cards)
	}
}

func sortedCopy(s []string) []string {
	out := append([]string(nil), s...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}
