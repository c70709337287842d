package report

import (
	"strings"
	"testing"
	"time"

	"github.com/katalog-se/katalog/internal/i18n"
)

// TestChangeLabelSaysHowFarBack: with three reports the long change says
// it goes two reports back, from the oldest one's date, not "12 reports";
// with two there is only the change since the previous one.
func TestChangeLabelSaysHowFarBack(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, 12, d, 8, 8, 30, 0, time.UTC) }
	c := 0.1
	rep := &Report{ID: "20261207T080830Z", CreatedAt: day(7), ModelVersion: "2026.2", Agencies: 3,
		Indicators: []Indicator{{ID: Publishes, Count: 2, Of: 3, Share: 0.6667, Change: &c, Change12: &c}},
		Trend: []TrendPoint{
			{CreatedAt: day(1), ModelVersion: "2026.2", Agencies: 3, Values: map[string]float64{Publishes: 0.5}},
			{CreatedAt: day(4), ModelVersion: "2026.2", Agencies: 3, Values: map[string]float64{Publishes: 0.6}},
			{CreatedAt: day(7), ModelVersion: "2026.2", Agencies: 3, Values: map[string]float64{Publishes: 0.6667}},
		}}
	sv := Cards(rep, i18n.SV)[0]
	if sv.Since != "sedan 1 december 2026 (2 rapporter tillbaka)" || sv.Change12 != "+10 procentenheter" {
		t.Errorf("Swedish card: since %q, change %q", sv.Since, sv.Change12)
	}
	if en := Cards(rep, i18n.EN)[0]; en.Since != "since 1 December 2026 (2 reports back)" {
		t.Errorf("English card: since %q", en.Since)
	}
	rep.Trend = rep.Trend[1:]
	if c := Cards(rep, i18n.SV)[0]; c.Since != "" || c.Change12 != "" {
		t.Errorf("with one earlier report the card has a long change: %+v", c)
	}
	if got := Title(rep, i18n.SV); got != "Trendrapport 7 december 2026" {
		t.Errorf("title %q", got)
	}
	body, err := Body(rep, HTMLOptions{Lang: i18n.EN, LinkAgencies: true})
	if err != nil || !strings.Contains(string(body), "Trend report, 7 December 2026") || strings.Contains(string(body), "<html") {
		t.Errorf("body: %v\n%s", err, body)
	}
}
