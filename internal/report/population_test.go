package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"html"
	"strings"
	"testing"

	"github.com/katalog-se/katalog/internal/i18n"

	"github.com/katalog-se/katalog/catalog"
)

// TestPopulationChangeIsNotATrend: a report of the six demo agencies,
// then one after the register brought 337: the change is computed over
// the six in both (none changed), and the jump in population is shown as
// one, never as a −98 pp trend.
func TestPopulationChangeIsNotATrend(t *testing.T) {
	s := openStore(t)
	register(t, s, 6)
	scoreAll(t, s, 6, 6, jan)
	b := New(s, Options{})
	first, err := b.Run(t.Context(), jan)
	if err != nil {
		t.Fatal(err)
	}
	if p, _ := first.Indicator(Publishes); p.Count != 6 || p.Of != 6 {
		t.Fatalf("first report publishes %d of %d", p.Count, p.Of)
	}
	register(t, s, 337)
	feb := jan.AddDate(0, 1, 0)
	scoreAll(t, s, 337, 6, feb) // the 331 new agencies do not publish
	rep, err := b.Run(t.Context(), feb)
	if err != nil {
		t.Fatal(err)
	}
	p, _ := rep.Indicator(Publishes)
	if p.Count != 6 || p.Of != 337 {
		t.Errorf("publishes %d of %d, want 6 of 337", p.Count, p.Of)
	}
	if p.Change == nil || *p.Change != 0 || p.Change12 == nil || *p.Change12 != 0 {
		t.Errorf("publishes change %v / %v, want 0 over the six agencies in both reports (not −98 pp)", p.Change, p.Change12)
	}
	want := Population{Previous: 6, Current: 337, Common: 6, Joined: 331}
	if rep.Population == nil || *rep.Population != want || !rep.Population.Changed() {
		t.Errorf("population %+v, want %+v", rep.Population, want)
	}
	if len(rep.Trend) != 2 || rep.Trend[0].Agencies != 6 || rep.Trend[1].Agencies != 337 {
		t.Errorf("trend %+v", rep.Trend)
	}
	var buf bytes.Buffer
	if err := WriteHTML(&buf, rep, HTMLOptions{}); err != nil {
		t.Fatal(err)
	}
	page := html.UnescapeString(buf.String())
	if !strings.Contains(page, "Populationen ändrades: 6 → 337") || !strings.Contains(page, `class="break"`) || strings.Contains(page, "−98") {
		t.Error("the HTML does not show the population change as one (or shows it as a trend)")
	}
	var doc map[string]json.RawMessage
	buf.Reset()
	if err := WriteJSON(&buf, rep); err != nil || json.Unmarshal(buf.Bytes(), &doc) != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(doc["population"]), `"previous": 6`) || !strings.Contains(string(doc["population"]), `"current": 337`) {
		t.Errorf("JSON population %s", doc["population"])
	}
}

// TestInactiveAgenciesAreOutOfThePopulation: agencies the register lists
// as no longer active are kept, but no report counts them.
func TestInactiveAgenciesAreOutOfThePopulation(t *testing.T) {
	s := openStore(t)
	register(t, s, 55)
	gone := []catalog.Agency{agencyOf(52), agencyOf(53), agencyOf(54)}
	for i := range gone {
		gone[i].Active = false
	}
	if _, _, err := s.UpsertAgencies(t.Context(), gone); err != nil {
		t.Fatal(err)
	}
	scoreAll(t, s, 50, 31, jan)
	for i := 52; i < 55; i++ { // the dissolved agencies published, once
		scoreOneOf(t, s, i, jan)
	}
	rep, err := New(s, Options{}).Run(t.Context(), jan)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Agencies != 52 || rep.Inactive != 3 || rep.Scored != 50 || len(rep.Rows) != 52 {
		t.Errorf("%d agencies, %d inactive, %d scored, %d rows; want 52, 3, 50, 52", rep.Agencies, rep.Inactive, rep.Scored, len(rep.Rows))
	}
	for _, w := range wantJan {
		got, _ := rep.Indicator(w.id)
		if got.Count != w.count || got.Of != w.of || got.Unchecked != w.unc {
			t.Errorf("%s = %d of %d (%d unchecked), want %d of %d (%d)", w.id, got.Count, got.Of, got.Unchecked, w.count, w.of, w.unc)
		}
	}
}

// TestIndicatorsSayWhatTheyMean: every overall indicator carries its
// label, definition and question in Swedish and English, in JSON, CSV
// and HTML; the portal's unknowns stand beside it.
func TestIndicatorsSayWhatTheyMean(t *testing.T) {
	s := openStore(t)
	register(t, s, 52)
	scoreAll(t, s, 50, 31, jan)
	rep, err := New(s, Options{}).Run(t.Context(), jan)
	if err != nil {
		t.Fatal(err)
	}
	for _, i := range rep.Indicators {
		for what, txt := range map[string]*Text{"label": i.Label, "definition": i.Definition, "question": i.Question} {
			if txt == nil || txt.SV == "" || txt.EN == "" || txt.SV == txt.EN {
				t.Errorf("%s: %s %+v", i.ID, what, txt)
			}
		}
		if (i.Unknown != nil) != (i.ID == Portal) {
			t.Errorf("%s: unknown %v; only the portal counts unknowns", i.ID, i.Unknown)
		}
	}
	if p, _ := rep.Indicator(Portal); *p.Unknown != 12 || p.Of != 40 || p.Count != 14 {
		t.Errorf("portal %d of %d, %d unknown; want 14 of 40, 12 unknown", p.Count, p.Of, *p.Unknown)
	}
	if q := rep.Indicators[0].Question; !strings.HasPrefix(q.EN, "Digg's survey:") {
		t.Errorf("publishes answers %q", q.EN)
	}

	var buf bytes.Buffer
	if err := WriteJSON(&buf, rep); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Indicators []map[string]json.RawMessage `json:"indicators"`
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	for _, i := range doc.Indicators {
		for _, k := range []string{"label", "definition", "question"} {
			var txt map[string]string
			if err := json.Unmarshal(i[k], &txt); err != nil || txt["sv"] == "" || txt["en"] == "" {
				t.Errorf("JSON indicator %s: %s = %s", i["id"], k, i[k])
			}
		}
		if string(i["id"]) == `"portal"` && string(i["unknown"]) != "12" {
			t.Errorf("JSON portal unknown = %s, want 12", i["unknown"])
		}
	}

	buf.Reset()
	if err := WriteCSV(&buf, rep); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatalf("the CSV is not machine-readable: %v", err)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	for _, r := range recs[1:] {
		if len(r) != len(recs[0]) {
			t.Fatalf("row of %d fields under a header of %d", len(r), len(recs[0]))
		}
		if r[0] != "indicator" {
			continue
		}
		for _, c := range []string{"label_sv", "label_en", "definition_sv", "definition_en", "question_sv", "question_en"} {
			if r[col[c]] == "" {
				t.Errorf("CSV %s has no %s", r[col["indicator"]], c)
			}
		}
		if r[col["indicator"]] == Portal && r[col["unknown"]] != "12" {
			t.Errorf("CSV portal unknown %q", r[col["unknown"]])
		}
	}

	for _, l := range i18n.Langs {
		buf.Reset()
		if err := WriteHTML(&buf, rep, HTMLOptions{Lang: l}); err != nil {
			t.Fatal(err)
		}
		page := html.UnescapeString(buf.String())
		for _, i := range rep.Indicators {
			for _, s := range []string{l.Text(*i.Definition), l.Text(*i.Question)} {
				if !strings.Contains(page, s) {
					t.Errorf("%s HTML lacks %q", l, s)
				}
			}
		}
		if want := l.Pick("14 av 40 · 12 okända", "14 of 40 · 12 unknown"); !strings.Contains(page, want) {
			t.Errorf("the %s HTML portal card does not count the unknowns apart (%q)", l, want)
		}
	}
}
