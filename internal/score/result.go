package score

import (
	"time"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/internal/finding"
)

// Text is a message in Swedish and English.
type Text = finding.Text

// Channels are the ways of publishing that Digg's survey asks about.
type Channels struct {
	Documents           bool `json:"documents"`
	Files               bool `json:"files"`
	OpenMachineReadable bool `json:"openMachineReadable"`
	API                 bool `json:"api"`
	Portal              bool `json:"portal"`
}

// Level is the publication ladder level (0–5) of these channels; see the
// package documentation.
func (c Channels) Level() int {
	switch {
	case c.OpenMachineReadable && c.API && c.Portal:
		return 5
	case c.OpenMachineReadable && (c.API || c.Portal):
		return 4
	case c.OpenMachineReadable || c.API:
		return 3
	case c.Files:
		return 2
	case c.Documents:
		return 1
	}
	return 0
}

// Rule is one scored rule: its points out of max, whether it passed in
// full, the evidence it looked at and the next step to take.
type Rule struct {
	ID       string  `json:"id"`
	Points   float64 `json:"points"`
	Max      float64 `json:"max"`
	Passed   bool    `json:"passed"`
	Evidence string  `json:"evidence"`
	Advice   Text    `json:"advice"`
	// Unchecked is true when the rule's input (a readiness or link check,
	// a validation) does not exist yet; Evidence then ends in "not yet
	// checked" and the rule has not passed.
	Unchecked bool `json:"unchecked,omitempty"`
	// Counts holds the figures Evidence states, by name, for readers that
	// need them as numbers: "checked", "ok" and "broken" for the link rule.
	Counts map[string]int `json:"counts,omitempty"`
}

// Component groups rules; Score and Max are the sums of its rules.
type Component struct {
	ID    string  `json:"id"`
	Score float64 `json:"score"`
	Max   float64 `json:"max"`
	Rules []Rule  `json:"rules"`
}

// DatasetResult is one dataset's publication level, channels and MQA score.
type DatasetResult struct {
	ID       string   `json:"id"`
	IRI      string   `json:"iri"`
	Level    int      `json:"level"`
	Channels Channels `json:"channels"`
	MQA      int      `json:"mqa"`
}

// Improvement is one of the steps that would raise the total most.
type Improvement struct {
	Rule      string `json:"rule"`
	Component string `json:"component"`
	// Gain is how many points of the total (0–100) the step is worth.
	Gain   float64 `json:"gain"`
	Advice Text    `json:"advice"`
}

// MQASummary is the catalog's Metadata Quality Assessment in its own
// units (405 points).
type MQASummary struct {
	Points        int            `json:"points"`
	Max           int            `json:"max"`
	Rating        string         `json:"rating"`
	DatasetMean   float64        `json:"datasetMean"`
	Datasets      int            `json:"datasets"`
	Distributions int            `json:"distributions"`
	Dimensions    []MQADimension `json:"dimensions"`
	Indicators    []MQAIndicator `json:"indicators"`
}

// MQADimension is one of the five MQA dimensions.
type MQADimension struct {
	ID     string  `json:"id"`
	Points float64 `json:"points"`
	Max    int     `json:"max"`
}

// MQAIndicator is one MQA indicator: weight × passing / population.
type MQAIndicator struct {
	ID         string  `json:"id"`
	Dimension  string  `json:"dimension"`
	Weight     int     `json:"weight"`
	Passing    int     `json:"passing"`
	Population int     `json:"population"`
	Points     float64 `json:"points"`
}

// AgencyScore is an agency's score. Its JSON is the contract's Score plus
// per-dataset results, the MQA summary and the top improvements.
type AgencyScore struct {
	OrgNumber    catalog.OrgNumber `json:"orgNumber"`
	ModelVersion string            `json:"modelVersion"`
	ComputedAt   time.Time         `json:"computedAt"`
	Total        int               `json:"total"`
	Level        int               `json:"level"`
	Channels     Channels          `json:"channels"`
	Components   []Component       `json:"components"`
	MQA          MQASummary        `json:"mqa"`
	Datasets     []DatasetResult   `json:"datasets"`
	Improvements []Improvement     `json:"improvements"`
}

// Component returns the component with the given ID.
func (s *AgencyScore) Component(id string) (*Component, bool) {
	for i := range s.Components {
		if s.Components[i].ID == id {
			return &s.Components[i], true
		}
	}
	return nil, false
}

// Rule returns the rule with the given ID.
func (s *AgencyScore) Rule(id string) (*Rule, bool) {
	for i := range s.Components {
		for j := range s.Components[i].Rules {
			if s.Components[i].Rules[j].ID == id {
				return &s.Components[i].Rules[j], true
			}
		}
	}
	return nil, false
}
