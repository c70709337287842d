package report

import (
	"math"

	"github.com/katalog-se/katalog/internal/score"
)

// counter accumulates one indicator.
type counter struct {
	id                 string
	count, of, skipped int
	sum                float64
	mean               bool
}

func (c *counter) add(in, pass bool) {
	if !in {
		c.skipped++
		return
	}
	c.of++
	if pass {
		c.count++
	}
}

func round4(x float64) float64 { return math.Round(x*1e4) / 1e4 }

func (c *counter) indicator() Indicator {
	i := Indicator{ID: c.id, Count: c.count, Of: c.of, Unchecked: c.skipped}
	if c.id == Portal {
		k := c.skipped
		i.Unknown = &k
	}
	if c.of == 0 {
		return i
	}
	if c.mean {
		v := round4(c.sum / float64(c.of))
		i.Value = &v
		i.Share = round4(v / score.MQAMax)
		return i
	}
	i.Share = round4(float64(c.count) / float64(c.of))
	return i
}

// indicators computes every indicator over rows. The portal counts only
// the agencies whose status is known (the portal listed them or did not);
// the others are Unknown, apart.
func indicators(rows []*Row) []Indicator {
	c := map[string]*counter{}
	ids := []string{Publishes, DocumentsOnly, Files, OpenMachineReadable, API, Portal,
		ReadinessPass, BrokenLinks, LinksBroken, HVDCompliant, MQAMean}
	for _, id := range ids {
		c[id] = &counter{id: id, mean: id == MQAMean}
	}
	for _, r := range rows {
		s := r.Scored
		c[Publishes].add(s, r.publishes())
		c[DocumentsOnly].add(s, r.documentsOnly())
		c[Files].add(s, r.Files)
		c[OpenMachineReadable].add(s, r.OpenMR)
		c[API].add(s, r.API)
		c[Portal].add(s && r.Portal != unknown, r.Portal == yes)
		c[ReadinessPass].add(s && r.Readiness != unchecked, r.Readiness == yes)
		c[BrokenLinks].add(s && r.LinksChecked > 0, r.LinksBroken > 0)
		if s && r.LinksChecked > 0 {
			l := c[LinksBroken]
			l.of += r.LinksChecked
			l.count += r.LinksBroken
		} else {
			c[LinksBroken].skipped++
		}
		switch {
		case !s || r.HVD == unchecked:
			c[HVDCompliant].skipped++
		case r.HVD != notApply:
			c[HVDCompliant].add(true, r.HVD == yes)
		}
		if r.publishes() {
			m := c[MQAMean]
			m.of++
			m.count++
			m.sum += float64(r.MQAPoints)
		} else if !s {
			c[MQAMean].skipped++
		}
	}
	out := make([]Indicator, len(ids))
	for k, id := range ids {
		out[k] = c[id].indicator()
	}
	return out
}
