package score

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sort"
	"time"

	"github.com/katalog-se/katalog/catalog"
)

// ctxCheckEvery is how many datasets are folded between context checks.
const ctxCheckEvery = 256

// Score computes the score of one agency from its inputs. It streams the
// hosted datasets once and then, when the latest observation read it, the
// datasets of the agency's own catalog (those it shares with the hosted
// ones, by IRI or UUID identifier, count once), and keeps only per-agency
// aggregates and a small result per dataset. Scoring the same inputs gives
// the same score.
func (m *Model) Score(ctx context.Context, in Inputs) (*AgencyScore, error) {
	if in.Datasets == nil {
		return nil, errors.New("score: inputs have no dataset stream")
	}
	e := newEvaluator(&in)
	fold := func(d *catalog.Dataset) error {
		if e.datasets%ctxCheckEvery == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if d == nil {
			return errors.New("nil dataset")
		}
		e.add(d)
		return nil
	}
	if err := in.Datasets(fold); err != nil {
		return nil, fmt.Errorf("score: agency %s: streaming the hosted datasets: %w", in.Agency.OrgNumber, err)
	}
	if own := in.Own; own != nil && own.Found && own.Datasets != nil {
		e.src = srcOwn
		if err := own.Datasets(fold); err != nil {
			return nil, fmt.Errorf("score: agency %s: streaming its own catalog at %s: %w", in.Agency.OrgNumber, own.URL, err)
		}
	}
	return e.finish(m), nil
}

// finish turns the aggregates into the agency's score.
func (e *evaluator) finish(m *Model) *AgencyScore {
	now := e.in.Now
	if now.IsZero() {
		now = time.Now()
	}
	cs := e.channels(now)
	ch := cs.ch

	meta, mqa := e.metadata(m)
	parts := []built{e.publication(m, &cs), meta, e.readiness(m), e.openness(m), e.hvdComponent(m)}
	// The rules computed over the union of datasets name their sources.
	note := e.sourcesNote(&cs)
	for _, p := range parts {
		if p.c.ID == ComponentMetadata || p.c.ID == ComponentOpenness || p.c.ID == ComponentHVD {
			for i := range p.c.Rules {
				p.c.Rules[i].Evidence += note
			}
		}
	}
	var score, max float64
	s := &AgencyScore{
		OrgNumber:       e.in.Agency.OrgNumber,
		ModelVersion:    m.version,
		ComputedAt:      now.UTC(),
		Publishes:       e.counts[srcKatalog].public+e.counts[srcOwn].public > 0,
		Channels:        ch,
		ChannelEvidence: cs.evidence,
		MQA:             mqa,
		Stars:           e.starsSummary(),
	}
	for i := range cs.sources {
		src, c := &cs.sources[i], &e.counts[i]
		s.Sources = append(s.Sources, SourceSummary{Source: sourceIDs[i], Label: src.label, URL: src.url, At: src.at,
			Unknown: src.unknown, Datasets: c.datasets, Public: c.public, Duplicates: c.duplicates})
	}
	for _, p := range parts {
		s.Components = append(s.Components, p.c)
		score += p.score
		max += p.max
	}
	if max > 0 {
		s.Total = int(math.Round(100 * score / max))
	}
	s.Level = max1(min(band(s.Total), ch.Level()))
	e.refineAdvice(parts)
	s.Improvements = improvements(parts, max, s.Publishes)

	onPortal := e.datasetOnPortal()
	for i := range e.results {
		r := &e.results[i]
		r.Channels.Portal = onPortal(r.IRI)
		r.Level = r.Channels.Level()
	}
	sort.Slice(e.results, func(i, j int) bool {
		if e.results[i].ID != e.results[j].ID {
			return e.results[i].ID < e.results[j].ID
		}
		return e.results[i].IRI < e.results[j].IRI
	})
	s.Datasets = e.results
	if s.Datasets == nil {
		s.Datasets = []DatasetResult{}
	}
	return s
}

// datasetOnPortal says whether the portal lists a dataset, by its IRI: nil
// while the portal has not been asked; listed unless the sync named it
// missing.
func (e *evaluator) datasetOnPortal() func(iri string) *bool {
	p := e.in.Portal
	if p == nil {
		return func(string) *bool { return nil }
	}
	yes, no := true, false
	if p.Status != catalog.PortalListed {
		return func(string) *bool { return &no }
	}
	missing := make(map[string]bool, len(p.Missing))
	for _, iri := range p.Missing {
		missing[iri] = true
	}
	return func(iri string) *bool {
		if missing[iri] {
			return &no
		}
		return &yes
	}
}

// starsSummary is the catalog's 5-star rating: the mean over all its
// distributions.
func (e *evaluator) starsSummary() StarsSummary {
	s := StarsSummary{Distributions: e.distributions, Counts: e.stars, Max: 5, Assessable: 4}
	if e.distributions == 0 {
		return s
	}
	sum := 0
	for k, n := range e.stars {
		sum += k * n
	}
	s.Mean = round2(float64(sum) / float64(e.distributions))
	return s
}

func max1(x int) int { return max(1, x) }

// band maps a total to a level: below 20 is 1, then one level per 20 points.
func band(total int) int {
	switch {
	case total >= 80:
		return 5
	case total >= 60:
		return 4
	case total >= 40:
		return 3
	case total >= 20:
		return 2
	}
	return 1
}

// actionable reports whether a failing rule is a step the agency can take
// now: not one with nothing to assess (its points come with publishing),
// not one waiting for a check (the readiness check's own rule says how to
// get one), and, while the agency publishes nothing, only publishing
// itself: every other rule follows from it.
func actionable(r *Rule, publishes bool) bool {
	switch {
	case !publishes:
		return r.ID == RulePublishes
	case r.empty:
		return false
	case r.Unchecked:
		return r.ID == RuleHarvestable
	}
	return true
}

// refineAdvice makes the advice of the format rules name the formats that
// failed them and the open formats that carry the same data, so that a
// GeoPackage publisher is pointed to GeoJSON, not told to make a table a
// CSV.
func (e *evaluator) refineAdvice(parts []built) {
	for _, p := range parts {
		for i := range p.c.Rules {
			r := &p.c.Rules[i]
			if r.Advice == (Text{}) {
				continue
			}
			switch r.ID {
			case RuleOpenMachineReadable:
				r.Advice = openAdvice(e.closedFiles)
			case RuleFiles:
				r.Advice = filesAdvice(e.unstructured)
			case e.ind[iMachineReadable].id:
				r.Advice = listAdvice(e.notMR, Text{SV: "maskinläsbara", EN: "machine-readable"})
			case e.ind[iNonProprietary].id:
				r.Advice = listAdvice(e.notNP, Text{SV: "icke-proprietära", EN: "non-proprietary"})
			}
		}
	}
}

// improvements returns the three failing rules worth most of the total
// that are steps the agency can take now (see actionable).
func improvements(parts []built, max float64, publishes bool) []Improvement {
	out := []Improvement{}
	if max <= 0 {
		return out
	}
	for _, p := range parts {
		for i, r := range p.c.Rules {
			lost := p.maxes[i] - p.exact[i]
			if r.Passed || lost <= 1e-9 || !actionable(&r, publishes) {
				continue
			}
			out = append(out, Improvement{Rule: r.ID, Component: p.c.ID, Gain: round2(100 * lost / max), Advice: r.Advice})
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Gain != out[j].Gain {
			return out[i].Gain > out[j].Gain
		}
		return out[i].Rule < out[j].Rule
	})
	if len(out) > 3 {
		out = out[:3]
	}
	return out
}
