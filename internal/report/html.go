package report

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"io"
	"sort"
	"strings"
)

//go:embed templates/report.html
var templateFS embed.FS

// sortScript sorts a table in place when a header link is clicked; without
// it, the links sort on the server (?sort=).
const sortScript = `document.querySelectorAll("table.sortable th a[data-col]").forEach(function(a){a.addEventListener("click",function(e){e.preventDefault();var th=a.parentNode,t=th.closest("table"),b=t.tBodies[0],i=Array.prototype.indexOf.call(th.parentNode.children,th),d=th.getAttribute("aria-sort")==="ascending"?-1:1;t.querySelectorAll("th").forEach(function(h){h.removeAttribute("aria-sort")});th.setAttribute("aria-sort",d>0?"ascending":"descending");var r=Array.prototype.slice.call(b.rows);r.sort(function(x,y){var p=x.cells[i].getAttribute("data-v")||x.cells[i].textContent,q=y.cells[i].getAttribute("data-v")||y.cells[i].textContent,m=parseFloat(p),n=parseFloat(q);if(!isNaN(m)&&!isNaN(n))return d*(m-n);return d*p.localeCompare(q,"sv")});r.forEach(function(x){b.appendChild(x)})})});`

// ScriptSource is the CSP source that allows the report page's one inline
// script: add it to script-src (e.g. "script-src " + ScriptSource()).
func ScriptSource() string {
	sum := sha256.Sum256([]byte(sortScript))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}

// HTMLOptions tune the HTML page.
type HTMLOptions struct {
	// Sort orders the agency table by a column ("name", "org", "total",
	// "level", "mqa", "datasets", "size", "department", "group"); a
	// leading "-" sorts descending. Empty sorts by total, highest first.
	Sort string
}

// Card is one headline indicator, ready to show, with its definition and
// the question it answers.
type Card struct {
	ID         string
	SV, EN     string
	Definition Text
	Question   Text
	Headline   string
	Count      string
	Change     string
	Change12   string
	Trend      template.HTML
}

func cards(rep *Report) []Card {
	out := make([]Card, 0, len(rep.Indicators))
	for _, i := range rep.Indicators {
		l := labelOf(i.ID)
		c := Card{ID: i.ID, SV: l.SV, EN: l.EN, Definition: definitionOf(i.ID), Question: questionOf(i.ID), Headline: "—", Count: countText(i),
			Change: changeText(i.ID, i.Change), Change12: changeText(i.ID, i.Change12), Trend: trendSVG(i.ID, rep.Trend)}
		if i.Of > 0 {
			c.Headline = formatHeadline(i.ID, exact(i))
		}
		switch {
		case i.Unknown != nil:
			c.Count += fmt.Sprintf(" · %d okända/unknown", *i.Unknown)
		case i.Unchecked > 0:
			c.Count += fmt.Sprintf(" · %d ej kontrollerade/not yet checked", i.Unchecked)
		}
		out = append(out, c)
	}
	return out
}

type dimView struct {
	SV, EN string
	Bars   []barView
	Groups []Group
}

type barView struct {
	SV, EN string
	SVG    template.HTML
}

type pageData struct {
	R       *Report
	Cards   []Card
	Dims    []dimView
	Hist    template.HTML
	Rows    []Row
	Sort    string
	Script  template.JS
	Columns []string
}

// barIndicators are the indicators drawn per group.
var barIndicators = []string{Publishes, OpenMachineReadable, API, Portal}

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

// WriteHTML writes the report as one self-contained page: headline
// indicators with trend lines, group bars, the MQA distribution, movers,
// and sortable tables of groups and agencies. It prints well.
func WriteHTML(w io.Writer, rep *Report, opts HTMLOptions) error {
	t, err := template.New("report.html").Funcs(template.FuncMap{
		"pct":      percent,
		"count":    countText,
		"change":   func(i Indicator) string { return changeText(i.ID, i.Change) },
		"label":    labelOf,
		"dim":      dimensionLabel,
		"find":     func(list []Indicator, id string) Indicator { i, _ := find(list, id); return i },
		"head":     func(i Indicator) string { return formatHeadline(i.ID, exact(i)) },
		"def":      definitionOf,
		"question": questionOf,
		"unknown": func(i Indicator) string {
			if i.Unknown == nil {
				return ""
			}
			return fmt.Sprint(*i.Unknown)
		},
		"share":   exact,
		"sortkey": func(col string) string { return sortLink(opts.Sort, col) },
		"date":    func(r *Report) string { return r.CreatedAt.Format("2006-01-02 15:04 UTC") },
	}).ParseFS(templateFS, "templates/report.html")
	if err != nil {
		return fmt.Errorf("report: template: %w", err)
	}
	d := pageData{R: rep, Cards: cards(rep), Hist: histogramSVG(rep.MQA), Rows: sortRows(rep.Rows, opts.Sort),
		Sort: opts.Sort, Script: template.JS(sortScript), Columns: barIndicators}
	for _, dim := range []string{DimSizeClass, DimDepartment, DimGroup} {
		var gs []Group
		for _, g := range rep.Groups {
			if g.Dimension == dim {
				gs = append(gs, g)
			}
		}
		l := dimensionLabel(dim)
		v := dimView{SV: l.SV, EN: l.EN, Groups: gs}
		for _, id := range barIndicators {
			il := labelOf(id)
			v.Bars = append(v.Bars, barView{SV: il.SV, EN: il.EN, SVG: barsSVG(gs, id)})
		}
		d.Dims = append(d.Dims, v)
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, d); err != nil {
		return fmt.Errorf("report: render HTML of %s: %w", rep.ID, err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("report: write HTML of %s: %w", rep.ID, err)
	}
	return nil
}

// sortLink is the ?sort= value of a column header: ascending, or
// descending when the table is already sorted ascending by it.
func sortLink(current, col string) string {
	if current == col {
		return "-" + col
	}
	return col
}
