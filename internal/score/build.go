package score

import (
	"fmt"
	"math"
	"strings"
	"time"
)

// round2 rounds to two decimals for output.
func round2(x float64) float64 { return math.Round(x*100) / 100 }

// ruleBuilder accumulates a component's rules with exact points.
type ruleBuilder struct {
	m     *Model
	id    string
	rules []Rule
	exact []float64
	maxes []float64
}

func (b *ruleBuilder) add(rule string, max, points float64, passed bool, evidence string) {
	var a Text
	if !passed {
		a = advice(rule)
	}
	b.rules = append(b.rules, Rule{ID: rule, Points: round2(points), Max: round2(max), Passed: passed, Evidence: evidence, Advice: a,
		Unchecked: strings.HasSuffix(evidence, notChecked)})
	b.exact = append(b.exact, points)
	b.maxes = append(b.maxes, max)
}

// binary adds a rule worth its full weight when ok.
func (b *ruleBuilder) binary(rule string, ok bool, evidence string) {
	max := b.m.ruleMax(b.id, rule)
	points := 0.0
	if ok {
		points = max
	}
	b.add(rule, max, points, ok, evidence)
}

// share adds a rule worth its weight times the passing share.
func (b *ruleBuilder) share(rule string, t *tally, noun, property string) {
	max := b.m.ruleMax(b.id, rule)
	b.add(rule, max, max*t.ratio(), t.full(), t.evidence(noun, property))
	b.rules[len(b.rules)-1].empty = t.pop == 0
}

// built is a component with its exact sums.
type built struct {
	c          Component
	exact      []float64
	maxes      []float64
	score, max float64
}

func (b *ruleBuilder) done() built {
	out := built{c: Component{ID: b.id, Rules: b.rules}, exact: b.exact, maxes: b.maxes}
	for i := range b.rules {
		out.score += b.exact[i]
		out.max += b.maxes[i]
	}
	out.c.Score, out.c.Max = round2(out.score), round2(out.max)
	return out
}

func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// channelSet is the agency's channels with their findings.
type channelSet struct {
	ch       Channels
	evidence ChannelEvidence
	sources  [numSources]source
}

// channels rolls the witnesses of both sources up into the agency's
// channels, and names, per channel, what each source showed; the portal
// channel is what the portal said.
func (e *evaluator) channels(now time.Time) channelSet {
	var cs channelSet
	cs.sources = [numSources]source{katalogSource(&e.counts[srcKatalog], now), ownSource(e.in.Own)}
	per := func(w *[numSources]witness, none string) ([]Finding, bool) {
		out := make([]Finding, numSources)
		found := false
		for i := range cs.sources {
			out[i] = cs.sources[i].finding(sourceIDs[i], &w[i], &e.counts[i], none)
			found = found || out[i].Found
		}
		return out, found
	}
	cs.evidence.Documents, cs.ch.Documents = per(&e.documents, "no landing page or document in a PUBLIC dataset")
	cs.evidence.Files, cs.ch.Files = per(&e.files, "no downloadable structured file in a PUBLIC dataset")
	cs.evidence.OpenMachineReadable, cs.ch.OpenMachineReadable = per(&e.open, "no downloadable file in an open machine-readable format in a PUBLIC dataset")
	cs.evidence.API, cs.ch.API = per(&e.api, "no dcat:DataService and no dcat:accessService in a PUBLIC dataset")
	p := portalFinding(e.in.Portal)
	cs.evidence.Portal = []Finding{p}
	if !p.Unknown {
		on := p.Found
		cs.ch.Portal = &on
	}
	return cs
}

// publishes is the rule of publishing for reuse: at least one PUBLIC
// dataset, in either source.
func (e *evaluator) publishes(cs *channelSet) (bool, string) {
	public := 0
	parts := make([]string, 0, numSources)
	for i := range cs.sources {
		s, c := &cs.sources[i], &e.counts[i]
		public += c.public
		switch {
		case s.unknown:
			parts = append(parts, s.label.EN)
		case !s.read:
			parts = append(parts, s.label.EN+": 0 datasets")
		default:
			part := fmt.Sprintf("%s: %d of %d datasets have dct:accessRights PUBLIC", s.label.EN, c.public, c.datasets)
			if c.duplicates > 0 {
				part += fmt.Sprintf(" (and %d also hosted, counted once)", c.duplicates)
			}
			parts = append(parts, part)
		}
	}
	return public > 0, strings.Join(parts, "; ")
}

func (e *evaluator) publication(m *Model, cs *channelSet) built {
	b := &ruleBuilder{m: m, id: ComponentPublication}
	ok, ev := e.publishes(cs)
	b.binary(RulePublishes, ok, ev)
	b.binary(RuleFiles, cs.ch.Files, ruleEvidence(cs.evidence.Files))
	b.binary(RuleOpenMachineReadable, cs.ch.OpenMachineReadable, ruleEvidence(cs.evidence.OpenMachineReadable))
	b.binary(RuleAPI, cs.ch.API, ruleEvidence(cs.evidence.API))
	var described []Finding
	for i := range cs.sources {
		described = append(described, cs.sources[i].finding(sourceIDs[i], &e.apiDescribed[i], &e.counts[i],
			e.apiDescriptionEvidence(i)))
	}
	b.binary(RuleAPIDescription, e.apiDescribed[srcKatalog].ok || e.apiDescribed[srcOwn].ok, ruleEvidence(described))
	b.binary(RulePortal, cs.ch.OnPortal(), ruleEvidence(cs.evidence.Portal))
	return b.done()
}

func (e *evaluator) metadata(m *Model) (built, MQASummary) {
	b := &ruleBuilder{m: m, id: ComponentMetadata}
	w := m.weights.Metadata
	sum := MQASummary{Max: MQAMax, Achievable: MQAAchievable, Datasets: e.datasets, Distributions: e.distributions}
	dims := dimensions()
	total := 0.0
	for i := range e.ind {
		ind, t := &e.ind[i], &e.mqa[i]
		pts := float64(ind.weight) * t.ratio()
		total += pts
		for j := range dims {
			if dims[j].ID == ind.dimension {
				dims[j].Points += pts
			}
		}
		noun := "datasets"
		if ind.distribution {
			noun = "distributions"
		}
		ev := fmt.Sprintf("%s; MQA %d × %d/%d = %.2f", t.evidence(noun, ind.property), ind.weight, t.pass, t.pop, pts)
		if ind.weight == 0 {
			ev += " (no points in dataportal.se's MQA)"
		}
		max := float64(ind.weight) / MQAAchievable * w
		b.rules = append(b.rules, Rule{ID: ind.id, Points: round2(max * t.ratio()), Max: round2(max), Passed: t.full(), Evidence: ev, empty: t.pop == 0})
		if !t.full() {
			b.rules[len(b.rules)-1].Advice = ind.advice
		}
		b.exact = append(b.exact, max*t.ratio())
		b.maxes = append(b.maxes, max)
		sum.Indicators = append(sum.Indicators, MQAIndicator{ID: ind.id, Dimension: ind.dimension, Weight: ind.weight,
			Passing: t.pass, Population: t.pop, Points: round2(pts)})
	}
	for j := range dims {
		dims[j].Points = round2(dims[j].Points)
	}
	sum.Dimensions = dims[:]
	sum.Points = int(math.Round(total))
	sum.Rating = mqaRating(sum.Points)
	if e.datasets > 0 {
		sum.DatasetMean = round2(float64(e.mqaSum) / float64(e.datasets))
	}
	return b.done(), sum
}

func (e *evaluator) readiness(m *Model) built {
	b := &ruleBuilder{m: m, id: ComponentReadiness}
	c, v := e.in.Check, e.in.Validation
	if c == nil {
		b.binary(RuleHarvestable, false, "readiness check: "+notChecked)
		b.rules[len(b.rules)-1].Advice = Text{
			SV: "Ingen beredskapskontroll har gjorts ännu: ange adressen till er DCAT-katalog (harvestUrl), eller publicera den på den konventionella adressen https://<er webbplats>/datasets/dcat, så kontrolleras den så som dataportal.se skördar.",
			EN: "No readiness check has run yet: give the address of your DCAT catalog (harvestUrl), or publish it at the conventional address https://<your website>/datasets/dcat, and it is checked the way dataportal.se harvests."}
	} else {
		state := "not ready"
		if c.Ready {
			state = "ready"
		}
		b.binary(RuleHarvestable, c.Ready, fmt.Sprintf("readiness check of <%s> at %s: %s", c.URL, stamp(c.CheckedAt), state))
	}
	if v == nil {
		b.binary(RuleValidation, false, "DCAT-AP-SE validation: "+notChecked)
	} else {
		b.binary(RuleValidation, v.Errors == 0, fmt.Sprintf("%s validation at %s: %d errors, %d warnings", v.Profile, stamp(v.ValidatedAt), v.Errors, v.Warnings))
	}
	max := m.ruleMax(ComponentReadiness, RuleLinks)
	if c == nil || c.Links.Checked == 0 {
		b.add(RuleLinks, max, 0, false, "link check: "+notChecked)
	} else {
		l := c.Links
		b.add(RuleLinks, max, max*float64(l.OK)/float64(l.Checked), l.Broken == 0,
			fmt.Sprintf("link check at %s: %d/%d links answer 200–399, %d broken", stamp(c.CheckedAt), l.OK, l.Checked, l.Broken))
		b.rules[len(b.rules)-1].Counts = map[string]int{"checked": l.Checked, "ok": l.OK, "broken": l.Broken}
	}
	return b.done()
}

func (e *evaluator) openness(m *Model) built {
	b := &ruleBuilder{m: m, id: ComponentOpenness}
	b.share(RuleOpenLicence, &e.openLicence, "distributions and data services", "open dct:license")
	b.share(RulePublicAccess, &e.publicAccess, "datasets", "dct:accessRights PUBLIC")
	return b.done()
}

func (e *evaluator) hvdComponent(m *Model) built {
	b := &ruleBuilder{m: m, id: ComponentHVD}
	if e.hvd[hvdTagged].pop == 0 {
		b.add(RuleHVDNotApplicable, 0, 0, true, "no dataset has dcatap:hvdCategory")
		return b.done()
	}
	const noun = "high-value datasets"
	b.share(RuleHVDCategory, &e.hvd[hvdTagged], noun, "dcatap:hvdCategory")
	b.share(RuleHVDAPI, &e.hvd[hvdService], noun, "dcat:DataService")
	b.share(RuleHVDBulk, &e.hvd[hvdBulk], noun, "dcat:downloadURL")
	b.share(RuleHVDLicence, &e.hvd[hvdLicensed], noun, "dct:license CC BY 4.0 or more open")
	b.share(RuleHVDContact, &e.hvd[hvdContact], noun, "dcat:contactPoint")
	b.share(RuleHVDAPIDocs, &e.hvd[hvdServiceDocs], noun, "dcat:endpointDescription")
	return b.done()
}
