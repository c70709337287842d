package chart

import (
	"encoding/xml"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/katalog-se/katalog/internal/i18n"
)

// wellFormed parses the chart's markup as XML: every element closed.
func wellFormed(t *testing.T, html string) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader("<root>" + html + "</root>"))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("not well-formed: %v\n%s", err, html)
		}
	}
}

func TestLineHasAxesDatesValuesAndATable(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, 12, d, 8, 0, 0, 0, time.UTC) }
	pts := []Point{{At: day(1), Value: 40}, {At: day(2), Value: 55}, {At: day(3), Value: 61.5, Break: true}}
	html := string(Line(LineOptions{ID: "hist", Title: "Totalpoäng <över tid>", Unit: "poäng", Lang: i18n.SV, BreakNote: "populationen ändrades"}, pts))
	wellFormed(t, html)
	for _, want := range []string{
		`viewBox="0 0 360 190"`, `role="img"`, `aria-labelledby="hist-t hist-d"`,
		`Totalpoäng &lt;över tid&gt;`, // escaped
		"1 dec. 2026", "3 dec. 2026",  // the time axis
		">0<", ">50<", ">100<", // the value axis
		">61,5<", // the last value, labelled, with a decimal comma
		"3 värden från 1 december 2026 till 3 december 2026: först 40, senast 61,5; lägst 40, högst 61,5. populationen ändrades",
		`class="break"`, "<table>", "<caption>", `<th scope="col">Datum</th>`, "Visa värdena som tabell",
	} {
		if !strings.Contains(html, want) {
			t.Errorf("line chart lacks %q:\n%s", want, html)
		}
	}
	if strings.Contains(html, `width="`) && strings.Contains(html, `<svg width`) {
		t.Error("the chart has a fixed width")
	}
	if n := strings.Count(html, "<tr>"); n != 4 { // header + 3 points
		t.Errorf("%d table rows", n)
	}
	en := string(Line(LineOptions{ID: "h", Title: "Total", Lang: i18n.EN}, pts[:1]))
	wellFormed(t, en)
	if !strings.Contains(en, "1 value: 40 on 1 December 2026.") || !strings.Contains(en, "Show the values as a table") {
		t.Errorf("English one-point chart:\n%s", en)
	}
	if got := string(Line(LineOptions{Title: "T", Lang: i18n.EN}, nil)); !strings.Contains(got, "no values yet") {
		t.Errorf("empty chart: %s", got)
	}
}

func TestBarsAndHistogram(t *testing.T) {
	html := string(Bars(BarsOptions{ID: "mqa", Title: "MQA", Head: [2]string{"Dimension", "Poäng"}, Lang: i18n.SV},
		[]Bar{{Label: "Sökbarhet", Value: 50, Max: 100, Text: "50 av 100"}, {Label: "Sammanhang & <x>", Value: 0, Max: 20, Text: "0 av 20"}}))
	wellFormed(t, html)
	for _, want := range []string{"Sökbarhet", "50 av 100", "Sammanhang &amp; &lt;x&gt;", "Sökbarhet: 50 av 100; Sammanhang &amp; &lt;x&gt;: 0 av 20.", "<table>"} {
		if !strings.Contains(html, want) {
			t.Errorf("bars lack %q:\n%s", want, html)
		}
	}
	h := string(Histogram(HistogramOptions{ID: "h", Title: "MQA-poäng", XLabel: "poäng", YLabel: "myndigheter", Lang: i18n.SV},
		[]Column{{"0–40", 3}, {"41–80", 0}, {"81–120", 12}}))
	wellFormed(t, h)
	for _, want := range []string{"0–40: 3; 41–80: 0; 81–120: 12", ">12<", "<table>"} {
		if !strings.Contains(h, want) {
			t.Errorf("histogram lacks %q:\n%s", want, h)
		}
	}
}
