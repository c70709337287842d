package report

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io"
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/katalog-se/katalog/internal/chart"
	"github.com/katalog-se/katalog/internal/i18n"
)

//go:embed templates/report.html
var templateFS embed.FS

// HTMLOptions tune the HTML page.
type HTMLOptions struct {
	// Sort orders the agency table by a column ("name", "org", "total",
	// "level", "mqa", "datasets", "size", "department", "group"); a
	// leading "-" sorts descending. Empty sorts by total, highest first.
	Sort string
	// Lang is the page's language: Swedish (the zero value) or English.
	Lang i18n.Lang
	// LinkAgencies links each agency's name to its page (/agencies/{orgnr})
	// on the site that serves the report.
	LinkAgencies bool
}

// Card is one headline indicator, ready to show in one language, with its
// definition and the question it answers.
type Card struct {
	ID         string
	Label      string
	Definition string
	Question   string
	Headline   string
	Count      string
	Change     string
	// Change12 is the change since the oldest comparable report, and
	// Since says which: "sedan 1 december 2026 (3 rapporter tillbaka)".
	Change12 string
	Since    string
	Trend    template.HTML
}

// Cards are the report's headline indicators in language l, each with its
// trend chart.
func Cards(rep *Report, l i18n.Lang) []Card {
	out := make([]Card, 0, len(rep.Indicators))
	since := sinceText(rep, l)
	for _, i := range rep.Indicators {
		c := Card{ID: i.ID, Label: l.Text(labelText(i.ID)), Definition: l.Text(definitionOf(i.ID)), Question: l.Text(questionOf(i.ID)),
			Headline: "—", Count: countIn(l, i), Change: changeIn(l, i.ID, i.Change), Trend: trendChart(rep, i.ID, l)}
		if since != "" {
			c.Change12, c.Since = changeIn(l, i.ID, i.Change12), since
		}
		if i.Of > 0 {
			c.Headline = headlineIn(l, i.ID, exact(i))
		}
		out = append(out, c)
	}
	return out
}

// labelText is an indicator's label as a Text.
func labelText(id string) Text { l := labelOf(id); return Text{SV: l.SV, EN: l.EN} }

// sinceText names the oldest report the twelve-report change is counted
// from, when it is older than the previous one: "sedan 1 december 2026 (3
// rapporter tillbaka)"; "" otherwise (the change since the previous
// report says it all).
func sinceText(rep *Report, l i18n.Lang) string {
	n := len(rep.Trend) - 1 // the last point is this report
	back := 0
	var at time.Time
	for i := n - 1; i >= 0 && back < trendReports; i-- {
		if rep.Trend[i].ModelVersion != rep.ModelVersion {
			break
		}
		back++
		at = rep.Trend[i].CreatedAt
	}
	if back < 2 {
		return ""
	}
	return l.Pick("sedan ", "since ") + l.Date(at) + " (" + l.Count(back, "rapport", "rapporter", "report", "reports") + l.Pick(" tillbaka)", " back)")
}

// trendChart draws an indicator's headline over the report's trend, with
// breaks where the population changed.
func trendChart(rep *Report, id string, l i18n.Lang) template.HTML {
	var pts []chart.Point
	for i, p := range rep.Trend {
		v, ok := p.Values[id]
		if !ok {
			continue
		}
		pts = append(pts, chart.Point{At: p.CreatedAt, Value: v, Break: i > 0 && rep.Trend[i-1].Agencies != p.Agencies})
	}
	o := chart.LineOptions{ID: "trend-" + id, Title: l.Text(labelText(id)) + l.Pick(" över tid", " over time"), Lang: l,
		BreakNote: l.Pick("Populationen ändrades här: ingen trend.", "The population changed here: not a trend."),
		Unit:      l.Pick("andel", "share"), Max: 1, Format: func(v float64) string { return l.Percent(v) }}
	if id == MQAMean {
		o.Max, o.Unit, o.Format = MQAScale, l.Pick("poäng", "points"), func(v float64) string { return l.Num(v, 1) }
	}
	return chart.Line(o, pts)
}

// MQAScale is the scale of the MQA mean's chart: data.europa.eu's 405 points.
const MQAScale = 405

// countIn is the count beside a share: "31 av 50", or "—" without data;
// with the unknown or unchecked agencies apart.
func countIn(l i18n.Lang, i Indicator) string {
	if i.Of == 0 {
		return "—"
	}
	s := l.Int(i.Count) + l.Pick(" av ", " of ") + l.Int(i.Of)
	if i.ID == MQAMean {
		s = "n = " + l.Int(i.Of)
	}
	switch {
	case i.Unknown != nil:
		s += " · " + l.Int(*i.Unknown) + l.Pick(" okända", " unknown")
	case i.Unchecked > 0:
		s += " · " + l.Int(i.Unchecked) + l.Pick(" ej kontrollerade", " not yet checked")
	}
	return s
}

// headlineIn renders an indicator's headline: a percentage, or points for
// the MQA mean.
func headlineIn(l i18n.Lang, id string, v float64) string {
	if id == MQAMean {
		return l.Num(v, 1)
	}
	return l.Percent(v)
}

// changeIn renders a change: "+4 procentenheter", "−2,5 poäng", "±0 …";
// empty without a change.
func changeIn(l i18n.Lang, id string, c *float64) string {
	if c == nil {
		return ""
	}
	v := *c
	unit := l.Pick(" procentenheter", " percentage points")
	if id == MQAMean {
		unit = l.Pick(" poäng", " points")
	} else {
		v *= 100
	}
	switch s := l.Num(v, 1); {
	case s == "0":
		return "±0" + unit
	case v > 0:
		return "+" + s + unit
	default:
		return s + unit
	}
}

// groupKey is a group's name in l: size classes in words, the unknown
// group as such.
func groupName(l i18n.Lang, dim, key string) string {
	switch {
	case key == UnknownKey:
		return l.Pick("okänd", "unknown")
	case dim == DimSizeClass:
		return l.Text(i18n.SizeClass(key))
	}
	return key
}

// barIndicators are the indicators drawn per group.
var barIndicators = []string{Publishes, OpenMachineReadable, API, Portal}

type dimView struct {
	ID, Label string
	Charts    []template.HTML
	Groups    []groupView
}

type groupView struct {
	Name     string
	Agencies int
	Cells    []string
}

type rowView struct {
	Row
	Size, Channels, Readiness, Portal string
}

type sortCol struct {
	Key, Label, Href, Aria string
}

type pageData struct {
	R         *Report
	Lang      i18n.Lang
	Title     string
	Date      string
	Previous  string
	PrevDate  string
	Cards     []Card
	Hist      template.HTML
	Dims      []dimView
	Rows      []rowView
	Cols      []sortCol
	BarLabels []string
	Link      bool
}

// view prepares the report for its page in opts.Lang.
func view(rep *Report, opts HTMLOptions) *pageData {
	l := opts.Lang
	if l == "" {
		l = i18n.SV
	}
	d := &pageData{R: rep, Lang: l, Date: l.DateTime(rep.CreatedAt), Cards: Cards(rep, l), Link: opts.LinkAgencies,
		Title: l.Pick("Trendrapport ", "Trend report, ") + l.Date(rep.CreatedAt)}
	if rep.Previous != "" {
		d.Previous = rep.Previous
		if t, err := time.Parse(IDFormat, rep.Previous); err == nil {
			d.PrevDate = l.DateTime(t)
		}
	}
	var cols []chart.Column
	for _, b := range rep.MQA.Histogram {
		cols = append(cols, chart.Column{Label: fmt.Sprintf("%d–%d", b.From, b.To), Count: b.Count})
	}
	d.Hist = chart.Histogram(chart.HistogramOptions{ID: "mqa-hist", Title: l.Pick("MQA-poäng per myndighet", "MQA points per agency"),
		XLabel: l.Pick("MQA-poäng", "MQA points"), YLabel: l.Pick("myndigheter", "agencies"), Lang: l}, cols)
	for _, id := range barIndicators {
		d.BarLabels = append(d.BarLabels, l.Text(labelText(id)))
	}
	for _, dim := range []string{DimSizeClass, DimDepartment, DimGroup} {
		d.Dims = append(d.Dims, dimensionView(rep, dim, l))
	}
	for _, r := range sortRows(rep.Rows, opts.Sort) {
		d.Rows = append(d.Rows, rowView{Row: r, Size: l.Text(i18n.SizeClass(r.SizeClass)), Channels: channelsText(l, r),
			Readiness: readinessText(l, r), Portal: l.Text(i18n.PortalShort(portalState(r.Portal)))})
	}
	d.Cols = sortColumns(l, opts.Sort)
	return d
}

// dimensionView is one grouping: a bar chart per indicator and a table.
func dimensionView(rep *Report, dim string, l i18n.Lang) dimView {
	dl := dimensionLabel(dim)
	v := dimView{ID: dim, Label: l.Pick(dl.SV, dl.EN)}
	var gs []Group
	for _, g := range rep.Groups {
		if g.Dimension == dim {
			gs = append(gs, g)
		}
	}
	for _, id := range barIndicators {
		var bars []chart.Bar
		for _, g := range gs {
			ind, _ := find(g.Indicators, id)
			bars = append(bars, chart.Bar{Label: groupName(l, dim, g.Key), Value: ind.Headline(), Max: 1, Text: shareText(l, ind)})
		}
		v.Charts = append(v.Charts, chart.Bars(chart.BarsOptions{ID: "bars-" + dim + "-" + id,
			Title: l.Text(labelText(id)) + l.Pick(" per ", " by ") + strings.ToLower(v.Label), Lang: l,
			Head: [2]string{v.Label, l.Pick("Andel (antal)", "Share (count)")}}, bars))
	}
	for _, g := range gs {
		gv := groupView{Name: groupName(l, dim, g.Key), Agencies: g.Agencies}
		for _, id := range barIndicators {
			ind, _ := find(g.Indicators, id)
			gv.Cells = append(gv.Cells, shareText(l, ind))
		}
		v.Groups = append(v.Groups, gv)
	}
	return v
}

// shareText is "62 % (31 av 50)", or "—" without data.
func shareText(l i18n.Lang, i Indicator) string {
	if i.Of == 0 {
		return "—"
	}
	return l.Percent(exact(i)) + " (" + l.Int(i.Count) + l.Pick(" av ", " of ") + l.Int(i.Of) + ")"
}

// portalState maps a row's portal value (yes, no, unknown) to the portal
// route's words.
func portalState(p string) string {
	switch p {
	case "yes":
		return "listed"
	case "no":
		return "notListed"
	}
	return "unknown"
}

func channelsText(l i18n.Lang, r Row) string {
	var out []string
	for _, c := range []struct {
		on     bool
		sv, en string
	}{{r.Documents, "dokument", "documents"}, {r.Files, "filer", "files"}, {r.OpenMR, "öppna format", "open formats"}, {r.API, "API", "API"}} {
		if c.on {
			out = append(out, l.Pick(c.sv, c.en))
		}
	}
	if len(out) == 0 {
		return "—"
	}
	return strings.Join(out, ", ")
}

func readinessText(l i18n.Lang, r Row) string {
	s := ""
	switch r.Readiness {
	case "yes":
		s = l.Pick("redo", "ready")
	case "no":
		s = l.Pick("inte redo", "not ready")
	default:
		s = l.Pick("ej kontrollerad", "not yet checked")
	}
	if r.LinksChecked > 0 {
		s += " · " + l.Int(r.LinksBroken) + l.Pick(" av ", " of ") + l.Int(r.LinksChecked) + l.Pick(" länkar trasiga", " links broken")
	}
	return s
}

// sortColumns are the agency table's sortable headers: each links to the
// page sorted by it (descending when it is already sorted ascending), and
// the current one says how it is sorted (aria-sort).
func sortColumns(l i18n.Lang, current string) []sortCol {
	if current == "" {
		current = "-total"
	}
	cols := []sortCol{
		{Key: "name", Label: l.Pick("Myndighet", "Agency")},
		{Key: "size", Label: l.Pick("Storlek", "Size")},
		{Key: "department", Label: l.Pick("Departement", "Ministry")},
		{Key: "total", Label: l.Pick("Poäng", "Score")},
		{Key: "level", Label: l.Pick("Nivå", "Level")},
		{Key: "datasets", Label: l.Pick("Datamängder", "Datasets")},
		{Key: "mqa", Label: "MQA"},
	}
	for i := range cols {
		c := &cols[i]
		next := c.Key
		switch current {
		case c.Key:
			c.Aria, next = "ascending", "-"+c.Key
		case "-" + c.Key:
			c.Aria = "descending"
		}
		c.Href = "?" + url.Values{"sort": {next}, "lang": {string(l)}}.Encode() + "#agency-list"
	}
	return cols
}

func sortRows(rows []Row, key string) []Row {
	out := append([]Row(nil), rows...)
	desc := strings.HasPrefix(key, "-")
	key = strings.TrimPrefix(key, "-")
	if key == "" {
		key, desc = "total", true
	}
	less := func(a, b *Row) int {
		switch key {
		case "org":
			return strings.Compare(a.OrgNumber, b.OrgNumber)
		case "total":
			return a.Total - b.Total
		case "level":
			return a.Level - b.Level
		case "mqa":
			return a.MQAPoints - b.MQAPoints
		case "datasets":
			return a.Datasets - b.Datasets
		case "size":
			return a.Staff - b.Staff
		case "department":
			return strings.Compare(a.Department, b.Department)
		case "group":
			return strings.Compare(a.Group, b.Group)
		}
		return strings.Compare(a.Name, b.Name)
	}
	sort.SliceStable(out, func(i, j int) bool {
		c := less(&out[i], &out[j])
		if desc {
			c = -c
		}
		if c != 0 {
			return c < 0
		}
		return out[i].OrgNumber < out[j].OrgNumber
	})
	return out
}

// templates are the report page's templates, one set per language.
var templates = func() map[i18n.Lang]*template.Template {
	out := map[i18n.Lang]*template.Template{}
	for _, l := range i18n.Langs {
		out[l] = template.Must(template.New("report.html").Funcs(template.FuncMap{
			"tr":    l.Pick,
			"t":     l.Text,
			"int":   l.Int,
			"num":   l.Num,
			"pct":   l.Percent,
			"count": func(i Indicator) string { return countIn(l, i) },
			"chg":   func(i Indicator) string { return changeIn(l, i.ID, i.Change) },
			"label": func(id string) string { return l.Text(labelText(id)) },
			"def":   func(id string) string { return l.Text(definitionOf(id)) },
			"q":     func(id string) string { return l.Text(questionOf(id)) },
			"head": func(i Indicator) string {
				if i.Of == 0 {
					return "—"
				}
				return headlineIn(l, i.ID, exact(i))
			},
			"rating": func(r string) string { return l.Text(i18n.Rating(r)) },
			"css":    func() template.CSS { return template.CSS(pageCSS + chart.CSS) },
		}).ParseFS(templateFS, "templates/report.html"))
	}
	return out
}()

// Body renders the report's page content (without the document around
// it), for a site that serves it inside its own layout.
func Body(rep *Report, opts HTMLOptions) (template.HTML, error) {
	d := view(rep, opts)
	var buf bytes.Buffer
	if err := templates[d.Lang].ExecuteTemplate(&buf, "body", d); err != nil {
		return "", fmt.Errorf("report: render HTML of %s: %w", rep.ID, err)
	}
	return template.HTML(buf.String()), nil
}

// Title is the report's title in language l: "Trendrapport 7 december 2026".
func Title(rep *Report, l i18n.Lang) string { return view(rep, HTMLOptions{Lang: l}).Title }

// WriteHTML writes the report as one self-contained page (inline CSS and
// SVG, no script): headline indicators with trend charts, group charts,
// the MQA distribution, movers, and the agencies; tables sort through
// ?sort= links. It prints well.
func WriteHTML(w io.Writer, rep *Report, opts HTMLOptions) error {
	d := view(rep, opts)
	var buf bytes.Buffer
	if err := templates[d.Lang].ExecuteTemplate(&buf, "doc", d); err != nil {
		return fmt.Errorf("report: render HTML of %s: %w", rep.ID, err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("report: write HTML of %s: %w", rep.ID, err)
	}
	return nil
}

// pageCSS styles the self-contained page; a site serving Body styles it
// itself.
const pageCSS = `body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1b;margin:0;overflow-wrap:break-word}
main{max-width:72rem;margin:0 auto;padding:1rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}
th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #cfd6de;vertical-align:top}
td.n{text-align:right;font-variant-numeric:tabular-nums}
.muted{color:#575757}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(15rem,1fr));gap:1rem;margin:1rem 0 2rem;padding:0;list-style:none}
.card{border:1px solid #cfd6de;border-radius:.5rem;padding:.8rem 1rem}
.card .big{font-size:1.8rem;font-weight:700;display:block}
.note{border-left:4px solid #00509e;padding-left:.6rem}
.scroll{overflow-x:auto}
@media print{body{font-size:11pt}main{max-width:none;padding:0}a{color:inherit;text-decoration:none}.noprint{display:none}}
`
