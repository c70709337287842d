// Package chart draws the charts of katalog's pages as server-rendered
// SVG that a person can read and a screen reader can tell: axes with
// dates and values, every value labelled, a title and a summary as the
// image's accessible name and description, and the same values as a table
// beside each chart. Charts scale with their box (viewBox, no fixed width),
// so none makes a page scroll sideways on a phone.
//
// Every text a chart shows comes from the caller in the page's language;
// numbers and dates are written by internal/i18n. The markup is built from
// escaped text and numbers only, so it is safe to put in a page as
// template.HTML.
package chart

import (
	"fmt"
	"html/template"
	"math"
	"strings"
	"time"

	"github.com/katalog-se/katalog/internal/i18n"
)

// CSS styles the charts; a page that shows them includes it in its
// stylesheet. Put several charts side by side in a <div class="charts">:
// each gets at least 20rem, so that its text stays readable.
const CSS = `figure.chart{margin:1rem 0 1.5rem;max-width:30rem}
figure.chart svg{display:block;width:100%;height:auto}
figure.chart figcaption{font-weight:600;margin-bottom:.3rem}
.chart .axis{stroke:#6b6b6b;stroke-width:1}
.chart .grid{stroke:#d9d9d9;stroke-width:1}
.chart .line{fill:none;stroke:#00509e;stroke-width:2.5}
.chart .dot{fill:#00509e}
.chart .break{stroke:#5a5a5a;stroke-dasharray:4 3}
.chart .bar{fill:#00509e}
.chart .track{fill:#e8eef5}
.chart text{font-size:14px;fill:#1b1b1b;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
.chart text.tick{font-size:13px;fill:#4a4a4a}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,20rem),1fr));gap:0 2rem}
.chart text.val{font-weight:600}
figure.chart details{margin-top:.3rem}
figure.chart table{font-size:.9rem}
`

// Point is one value of a line, at a time.
type Point struct {
	At    time.Time
	Value float64
	// Break marks a point the line does not join to the one before (the
	// population changed between them: not a trend).
	Break bool
}

// LineOptions describe a line chart.
type LineOptions struct {
	// ID makes the chart's element ids unique within its page.
	ID string
	// Title names the chart (its caption and accessible name); Unit names
	// the values ("poäng", "andel"), for the table's header.
	Title, Unit string
	Lang        i18n.Lang
	// Min and Max bound the value axis; Max 0 means 100.
	Min, Max float64
	// Format writes a value; nil writes it with one decimal.
	Format func(float64) string
	// BreakNote explains a break, for the description and the table.
	BreakNote string
}

// Chart geometry, in viewBox units: narrow, so that text stays readable
// when a phone scales the chart down.
const (
	width   = 360.0
	padL    = 50.0
	padR    = 16.0
	padT    = 18.0
	lineH   = 190.0
	axisGap = 36.0
)

// Line draws pts (oldest first) as a line with a value axis (min, middle,
// max), the first and last dates on the time axis, a dot per point and the
// last value labelled, followed by a table of every point. With no points
// it says there is nothing to draw.
func Line(o LineOptions, pts []Point) template.HTML {
	if o.Max == 0 {
		o.Max = 100
	}
	if o.Format == nil {
		o.Format = func(v float64) string { return o.Lang.Num(v, 1) }
	}
	esc := template.HTMLEscapeString
	if len(pts) == 0 {
		return template.HTML(`<p class="muted">` + esc(o.Title) + ": " + esc(o.Lang.Pick("inga värden ännu.", "no values yet.")) + `</p>`)
	}
	var b strings.Builder
	plotB := lineH - axisGap
	x := func(i int) float64 {
		if len(pts) == 1 {
			return padL + (width-padL-padR)/2
		}
		return padL + (width-padL-padR)*float64(i)/float64(len(pts)-1)
	}
	y := func(v float64) float64 {
		f := (v - o.Min) / (o.Max - o.Min)
		return plotB - (plotB-padT)*math.Min(math.Max(f, 0), 1)
	}
	fmt.Fprintf(&b, `<figure class="chart" id="%s"><figcaption id="%s-t">%s</figcaption>`, esc(o.ID), esc(o.ID), esc(o.Title))
	fmt.Fprintf(&b, `<svg viewBox="0 0 %g %g" role="img" aria-labelledby="%s-t %s-d" focusable="false">`, width, lineH, esc(o.ID), esc(o.ID))
	fmt.Fprintf(&b, `<desc id="%s-d">%s</desc>`, esc(o.ID), esc(lineSummary(o, pts)))
	for _, v := range []float64{o.Min, (o.Min + o.Max) / 2, o.Max} {
		fmt.Fprintf(&b, `<line class="grid" x1="%g" y1="%.1f" x2="%g" y2="%.1f"/>`, padL, y(v), width-padR, y(v))
		fmt.Fprintf(&b, `<text class="tick" x="%g" y="%.1f" text-anchor="end">%s</text>`, padL-6, y(v)+4, esc(o.Format(v)))
	}
	fmt.Fprintf(&b, `<line class="axis" x1="%g" y1="%g" x2="%g" y2="%g"/>`, padL, padT, padL, plotB)
	fmt.Fprintf(&b, `<line class="axis" x1="%g" y1="%g" x2="%g" y2="%g"/>`, padL, plotB, width-padR, plotB)
	// Dates: the first and the last (and the middle when there is room).
	ticks := []int{0}
	if len(pts) > 2 {
		ticks = append(ticks, len(pts)/2)
	}
	if len(pts) > 1 {
		ticks = append(ticks, len(pts)-1)
	}
	for n, i := range ticks {
		anchor := "middle"
		switch {
		case n == 0 && len(pts) > 1:
			anchor = "start"
		case i == len(pts)-1 && len(pts) > 1:
			anchor = "end"
		}
		tx := x(i)
		if anchor == "start" {
			tx -= 4
		}
		fmt.Fprintf(&b, `<line class="axis" x1="%.1f" y1="%g" x2="%.1f" y2="%g"/>`, x(i), plotB, x(i), plotB+4)
		fmt.Fprintf(&b, `<text class="tick" x="%.1f" y="%g" text-anchor="%s">%s</text>`, tx, plotB+18, anchor, esc(o.Lang.ShortDate(pts[i].At)))
	}
	var seg []string
	flush := func() {
		if len(seg) > 1 {
			fmt.Fprintf(&b, `<polyline class="line" points="%s"/>`, strings.Join(seg, " "))
		}
		seg = seg[:0]
	}
	for i, p := range pts {
		if p.Break && i > 0 {
			flush()
			bx := (x(i-1) + x(i)) / 2
			fmt.Fprintf(&b, `<line class="break" x1="%.1f" y1="%g" x2="%.1f" y2="%g"/>`, bx, padT, bx, plotB)
		}
		seg = append(seg, fmt.Sprintf("%.1f,%.1f", x(i), y(p.Value)))
	}
	flush()
	for i, p := range pts {
		fmt.Fprintf(&b, `<circle class="dot" cx="%.1f" cy="%.1f" r="3.5"/>`, x(i), y(p.Value))
	}
	last := pts[len(pts)-1]
	lx, anchor := x(len(pts)-1), "end"
	if len(pts) == 1 {
		anchor = "middle"
	}
	ly := y(last.Value) - 9
	if ly < padT {
		ly = y(last.Value) + 20
	}
	fmt.Fprintf(&b, `<text class="val" x="%.1f" y="%.1f" text-anchor="%s">%s</text>`, lx, ly, anchor, esc(o.Format(last.Value)))
	b.WriteString(`</svg>`)
	b.WriteString(lineTable(o, pts))
	b.WriteString(`</figure>`)
	return template.HTML(b.String())
}

// lineSummary describes a line in words: how many values, from when to
// when, first and last value, lowest and highest.
func lineSummary(o LineOptions, pts []Point) string {
	l := o.Lang
	first, last := pts[0], pts[len(pts)-1]
	lo, hi := first.Value, first.Value
	breaks := 0
	for _, p := range pts {
		lo, hi = math.Min(lo, p.Value), math.Max(hi, p.Value)
		if p.Break {
			breaks++
		}
	}
	n := l.Count(len(pts), "värde", "värden", "value", "values")
	var s string
	if len(pts) == 1 {
		s = l.Pick(fmt.Sprintf("%s: %s den %s.", n, o.Format(first.Value), l.Date(first.At)),
			fmt.Sprintf("%s: %s on %s.", n, o.Format(first.Value), l.Date(first.At)))
	} else {
		s = l.Pick(
			fmt.Sprintf("%s från %s till %s: först %s, senast %s; lägst %s, högst %s.", n, l.Date(first.At), l.Date(last.At),
				o.Format(first.Value), o.Format(last.Value), o.Format(lo), o.Format(hi)),
			fmt.Sprintf("%s from %s to %s: first %s, latest %s; lowest %s, highest %s.", n, l.Date(first.At), l.Date(last.At),
				o.Format(first.Value), o.Format(last.Value), o.Format(lo), o.Format(hi)))
	}
	if breaks > 0 && o.BreakNote != "" {
		s += " " + o.BreakNote
	}
	return s
}

// lineTable is the chart's values as a table, in a disclosure.
func lineTable(o LineOptions, pts []Point) string {
	l, esc := o.Lang, template.HTMLEscapeString
	var b strings.Builder
	fmt.Fprintf(&b, `<details><summary>%s</summary><table><caption>%s</caption><thead><tr><th scope="col">%s</th><th scope="col">%s</th></tr></thead><tbody>`,
		esc(l.Pick("Visa värdena som tabell", "Show the values as a table")), esc(o.Title), esc(l.Pick("Datum", "Date")), esc(o.Unit))
	for i := len(pts) - 1; i >= 0; i-- {
		p := pts[i]
		note := ""
		if p.Break && o.BreakNote != "" {
			note = " (" + o.BreakNote + ")"
		}
		fmt.Fprintf(&b, `<tr><td><time datetime="%s">%s</time></td><td class="n">%s%s</td></tr>`,
			i18n.ISO(p.At), esc(l.DateTime(p.At)), esc(o.Format(p.Value)), esc(note))
	}
	b.WriteString(`</tbody></table></details>`)
	return b.String()
}

// Bar is one labelled bar: Value of Max, written as Text.
type Bar struct {
	Label      string
	Value, Max float64
	Text       string
}

// BarsOptions describe a bar chart.
type BarsOptions struct {
	ID, Title string
	// Head names the table's columns: the label's and the value's.
	Head [2]string
	Lang i18n.Lang
}

// Bars draws one horizontal bar per entry, its label above it and its
// value beside it, followed by the same as a table.
func Bars(o BarsOptions, bars []Bar) template.HTML {
	esc := template.HTMLEscapeString
	if len(bars) == 0 {
		return template.HTML(`<p class="muted">` + esc(o.Title) + ": " + esc(o.Lang.Pick("inga värden.", "no values.")) + `</p>`)
	}
	const row, barMax, label = 40.0, 250.0, 4.0
	h := row*float64(len(bars)) + 4
	var b strings.Builder
	fmt.Fprintf(&b, `<figure class="chart" id="%s"><figcaption id="%s-t">%s</figcaption>`, esc(o.ID), esc(o.ID), esc(o.Title))
	fmt.Fprintf(&b, `<svg viewBox="0 0 %g %g" role="img" aria-labelledby="%s-t %s-d" focusable="false">`, width, h, esc(o.ID), esc(o.ID))
	var desc []string
	for _, bar := range bars {
		desc = append(desc, bar.Label+": "+bar.Text)
	}
	fmt.Fprintf(&b, `<desc id="%s-d">%s.</desc>`, esc(o.ID), esc(strings.Join(desc, "; ")))
	for i, bar := range bars {
		top := row * float64(i)
		f := 0.0
		if bar.Max > 0 {
			f = math.Min(math.Max(bar.Value/bar.Max, 0), 1)
		}
		w := barMax * f
		fmt.Fprintf(&b, `<text x="%g" y="%.1f">%s</text>`, label, top+14, esc(truncate(bar.Label, 44)))
		fmt.Fprintf(&b, `<rect class="track" x="%g" y="%.1f" width="%g" height="14"/>`, label, top+20, barMax)
		if w > 0 {
			fmt.Fprintf(&b, `<rect class="bar" x="%g" y="%.1f" width="%.1f" height="14"/>`, label, top+20, math.Max(w, 1))
		}
		fmt.Fprintf(&b, `<text class="val" x="%g" y="%.1f">%s</text>`, label+barMax+6, top+32, esc(truncate(bar.Text, 14)))
	}
	b.WriteString(`</svg>`)
	fmt.Fprintf(&b, `<details><summary>%s</summary><table><caption>%s</caption><thead><tr><th scope="col">%s</th><th scope="col">%s</th></tr></thead><tbody>`,
		esc(o.Lang.Pick("Visa värdena som tabell", "Show the values as a table")), esc(o.Title), esc(o.Head[0]), esc(o.Head[1]))
	for _, bar := range bars {
		fmt.Fprintf(&b, `<tr><td>%s</td><td class="n">%s</td></tr>`, esc(bar.Label), esc(bar.Text))
	}
	b.WriteString(`</tbody></table></details></figure>`)
	return template.HTML(b.String())
}

// Column is one column of a histogram: Count items in the bin Label.
type Column struct {
	Label string
	Count int
}

// HistogramOptions describe a histogram.
type HistogramOptions struct {
	ID, Title string
	// XLabel names the bins ("MQA-poäng"), YLabel the counts ("myndigheter").
	XLabel, YLabel string
	Lang           i18n.Lang
}

// Histogram draws vertical columns with their counts above them and every
// bin's label below (every other one when there are many), followed by a
// table of every bin.
func Histogram(o HistogramOptions, cols []Column) template.HTML {
	esc := template.HTMLEscapeString
	if len(cols) == 0 {
		return template.HTML(`<p class="muted">` + esc(o.Title) + ": " + esc(o.Lang.Pick("inga värden.", "no values.")) + `</p>`)
	}
	const h, top, bottom = 210.0, 22.0, 170.0
	most := 1
	var desc []string
	for _, c := range cols {
		most = max(most, c.Count)
		desc = append(desc, c.Label+": "+o.Lang.Int(c.Count))
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<figure class="chart" id="%s"><figcaption id="%s-t">%s</figcaption>`, esc(o.ID), esc(o.ID), esc(o.Title))
	fmt.Fprintf(&b, `<svg viewBox="0 0 %g %g" role="img" aria-labelledby="%s-t %s-d" focusable="false">`, width, h, esc(o.ID), esc(o.ID))
	fmt.Fprintf(&b, `<desc id="%s-d">%s: %s.</desc>`, esc(o.ID), esc(o.YLabel+" / "+o.XLabel), esc(strings.Join(desc, "; ")))
	left := 8.0
	bw := (width - left - padR) / float64(len(cols))
	fmt.Fprintf(&b, `<line class="axis" x1="%g" y1="%g" x2="%g" y2="%g"/>`, left, bottom, width-padR, bottom)
	every := 1
	if len(cols) > 6 {
		every = 2
	}
	for i, c := range cols {
		ch := (bottom - top) * float64(c.Count) / float64(most)
		x := left + bw*float64(i)
		if ch > 0 {
			fmt.Fprintf(&b, `<rect class="bar" x="%.1f" y="%.1f" width="%.1f" height="%.1f"/>`, x+2, bottom-ch, bw-4, ch)
		}
		fmt.Fprintf(&b, `<text class="val" x="%.1f" y="%.1f" text-anchor="middle">%s</text>`, x+bw/2, bottom-ch-5, esc(o.Lang.Int(c.Count)))
		if i%every == 0 {
			fmt.Fprintf(&b, `<text class="tick" x="%.1f" y="%g" text-anchor="middle">%s</text>`, x+bw/2, bottom+16, esc(truncate(c.Label, 9)))
		}
	}
	fmt.Fprintf(&b, `<text class="tick" x="%g" y="%g" text-anchor="end">%s</text>`, width-padR, h-4, esc(o.XLabel))
	b.WriteString(`</svg>`)
	fmt.Fprintf(&b, `<details><summary>%s</summary><table><caption>%s</caption><thead><tr><th scope="col">%s</th><th scope="col">%s</th></tr></thead><tbody>`,
		esc(o.Lang.Pick("Visa värdena som tabell", "Show the values as a table")), esc(o.Title), esc(o.XLabel), esc(o.YLabel))
	for _, c := range cols {
		fmt.Fprintf(&b, `<tr><td>%s</td><td class="n">%s</td></tr>`, esc(c.Label), esc(o.Lang.Int(c.Count)))
	}
	b.WriteString(`</tbody></table></details></figure>`)
	return template.HTML(b.String())
}

// truncate shortens s to n characters with an ellipsis (the table beside
// the chart has it whole).
func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
