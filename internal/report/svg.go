package report

import (
	"fmt"
	"html/template"
	"strings"

	"github.com/katalog-se/katalog/internal/score"
)

// scale maps an indicator's headline to 0–1 for drawing.
func scale(id string, v float64) float64 {
	if id == MQAMean {
		v /= score.MQAMax
	}
	return min(max(v, 0), 1)
}

// trendSVG draws the indicator's headline over the trend as a line with
// dots. Where the population changed between two reports the line breaks
// and a dashed mark says so: a population change is not a trend.
func trendSVG(id string, trend []TrendPoint) template.HTML {
	const w, h, pad = 240.0, 60.0, 6.0
	var lines, dots strings.Builder
	var pts []string
	flush := func() {
		if len(pts) > 0 {
			fmt.Fprintf(&lines, `<polyline points="%s" class="line"/>`, strings.Join(pts, " "))
		}
		pts = pts[:0]
	}
	n := len(trend)
	for i, p := range trend {
		x := pad
		if n > 1 {
			x = pad + (w-2*pad)*float64(i)/float64(n-1)
		}
		if i > 0 && trend[i-1].Agencies != p.Agencies {
			flush()
			fmt.Fprintf(&lines, `<line x1="%.1f" y1="%g" x2="%.1f" y2="%g" class="break"><title>population %d → %d</title></line>`,
				x-(w-2*pad)/float64(2*max(n-1, 1)), pad, x-(w-2*pad)/float64(2*max(n-1, 1)), h-pad, trend[i-1].Agencies, p.Agencies)
		}
		v, ok := p.Values[id]
		if !ok {
			continue
		}
		y := h - pad - (h-2*pad)*scale(id, v)
		pts = append(pts, fmt.Sprintf("%.1f,%.1f", x, y))
		fmt.Fprintf(&dots, `<circle cx="%.1f" cy="%.1f" r="2.5"><title>%s: %s (n = %d)</title></circle>`, x, y,
			template.HTMLEscapeString(p.CreatedAt.Format("2006-01-02")), template.HTMLEscapeString(formatHeadline(id, v)), p.Agencies)
	}
	flush()
	return template.HTML(fmt.Sprintf(`<svg class="trend" viewBox="0 0 %g %g" width="%g" height="%g" role="img" aria-label="%s">`+
		`<line x1="%g" y1="%g" x2="%g" y2="%g" class="axis"/>%s%s</svg>`,
		w, h, w, h, template.HTMLEscapeString(labelOf(id).EN), pad, h-pad, w-pad, h-pad, lines.String(), dots.String()))
}

// barsSVG draws one horizontal bar per group for an indicator, with counts.
func barsSVG(groups []Group, id string) template.HTML {
	const labelW, barW, rowH, countW = 260.0, 300.0, 22.0, 130.0
	var b strings.Builder
	height := rowH * float64(len(groups))
	fmt.Fprintf(&b, `<svg class="bars" viewBox="0 0 %g %g" width="100%%" role="img" aria-label="%s">`,
		labelW+barW+countW, height, template.HTMLEscapeString(labelOf(id).EN))
	for i, g := range groups {
		ind, _ := find(g.Indicators, id)
		y := rowH * float64(i)
		key := g.Key
		if len([]rune(key)) > 38 {
			key = string([]rune(key)[:37]) + "…"
		}
		fmt.Fprintf(&b, `<text x="0" y="%.1f" class="lbl">%s</text>`, y+15, template.HTMLEscapeString(key))
		fmt.Fprintf(&b, `<rect x="%g" y="%.1f" width="%g" height="14" class="bg"/>`, labelW, y+4, barW)
		fmt.Fprintf(&b, `<rect x="%g" y="%.1f" width="%.1f" height="14" class="fg"/>`, labelW, y+4, barW*scale(id, ind.Headline()))
		fmt.Fprintf(&b, `<text x="%g" y="%.1f" class="num">%s</text>`, labelW+barW+6, y+15, template.HTMLEscapeString(countText(ind)))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// histogramSVG draws the MQA points histogram.
func histogramSVG(m MQA) template.HTML {
	const w, h, pad = 480.0, 120.0, 16.0
	most := 1
	for _, b := range m.Histogram {
		most = max(most, b.Count)
	}
	var s strings.Builder
	fmt.Fprintf(&s, `<svg class="hist" viewBox="0 0 %g %g" width="%g" height="%g" role="img" aria-label="MQA points">`, w, h, w, h)
	bw := w / float64(max(len(m.Histogram), 1))
	for i, b := range m.Histogram {
		bh := (h - 2*pad) * float64(b.Count) / float64(most)
		x := bw * float64(i)
		fmt.Fprintf(&s, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" class="fg"><title>%d–%d: %d</title></rect>`,
			x+2, h-pad-bh, bw-4, bh, b.From, b.To, b.Count)
		fmt.Fprintf(&s, `<text x="%.1f" y="%g" class="tick">%d</text>`, x+2, h-2, b.From)
		if b.Count > 0 {
			fmt.Fprintf(&s, `<text x="%.1f" y="%.1f" class="tick">%d</text>`, x+bw/2-4, h-pad-bh-3, b.Count)
		}
	}
	s.WriteString(`</svg>`)
	return template.HTML(s.String())
}
