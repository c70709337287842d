package report

import (
	"encoding/json"
	"fmt"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/internal/score"
)

// Tri-state values of a Row.
const (
	yes       = "yes"
	no        = "no"
	unchecked = "unchecked"
	unknown   = "unknown"
	notApply  = "n/a"
)

// scoreDoc is the part of a stored score a row reads. Publishes and the
// portal's evidence are absent from scores of models before 2026.2: such a
// score publishes when it has datasets (its model's rule) and its portal
// status is unknown (it was inferred, never asked).
type scoreDoc struct {
	score.AgencyScore
	Publishes *bool `json:"publishes"`
}

// newRow makes an agency's row from its latest score (nil when it has none).
func newRow(a *catalog.Agency, rec *catalog.ScoreRecord) (Row, error) {
	r := Row{
		OrgNumber: a.OrgNumber.String(), Name: a.Name.Get("sv", "en"),
		SizeClass: a.SizeClass, Staff: a.Staff, Department: a.Department, Group: a.Group,
		Portal: unknown, Readiness: unchecked, HVD: unchecked,
	}
	if rec == nil {
		return r, nil
	}
	var doc scoreDoc
	if err := json.Unmarshal(rec.Score, &doc); err != nil {
		return r, fmt.Errorf("report: score %d of agency %s: %w", rec.ID, a.OrgNumber, err)
	}
	s := &doc.AgencyScore
	r.Scored = true
	r.ModelVersion, r.ComputedAt = rec.ModelVersion, rec.ComputedAt
	r.Total, r.Level = s.Total, s.Level
	r.Datasets = s.MQA.Datasets
	r.Publishes = r.Datasets > 0
	if doc.Publishes != nil {
		r.Publishes = *doc.Publishes
	}
	r.Documents, r.Files, r.OpenMR, r.API = s.Channels.Documents, s.Channels.Files, s.Channels.OpenMachineReadable, s.Channels.API
	r.MQAPoints, r.MQARating, r.Stars = s.MQA.Points, s.MQA.Rating, s.Stars.Mean
	if p := s.Channels.Portal; p != nil && len(s.ChannelEvidence.Portal) > 0 {
		r.Portal = no
		if *p {
			r.Portal = yes
		}
	}
	if rule, ok := s.Rule(score.RuleHarvestable); ok {
		r.Readiness = triState(rule.Passed, s, score.RuleHarvestable)
	}
	if rule, ok := s.Rule(score.RuleLinks); ok && !rule.Unchecked {
		r.LinksChecked, r.LinksBroken = rule.Counts["checked"], rule.Counts["broken"]
	}
	r.HVD = hvdState(s)
	return r, nil
}

// triState is yes when passed, unchecked when the rule's evidence says its
// input does not exist yet, else no.
func triState(passed bool, s *score.AgencyScore, rule string) string {
	if passed {
		return yes
	}
	if r, ok := s.Rule(rule); !ok || r.Unchecked {
		return unchecked
	}
	return no
}

// hvdState is n/a without high-value datasets, yes when every HVD rule
// passed, else no.
func hvdState(s *score.AgencyScore) string {
	c, ok := s.Component(score.ComponentHVD)
	if !ok {
		return unchecked
	}
	for _, r := range c.Rules {
		if r.ID == score.RuleHVDNotApplicable {
			return notApply
		}
		if !r.Passed {
			return no
		}
	}
	return yes
}

// publishes reports an agency that publishes data for reuse: at least one
// PUBLIC dataset, hosted or in its own catalog.
func (r *Row) publishes() bool { return r.Scored && r.Publishes }

// documentsOnly reports an agency that publishes, but only documents and text.
func (r *Row) documentsOnly() bool {
	return r.publishes() && r.Documents && !r.Files && !r.OpenMR && !r.API
}
