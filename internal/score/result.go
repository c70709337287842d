package score

import (
	"time"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/internal/finding"
)

// Text is a message in Swedish and English.
type Text = finding.Text

// Channels are the ways of publishing that Digg's survey asks about: each
// true when a PUBLIC dataset of either source (hosted in katalog or the
// agency's own catalog) shows it, and Portal what Sveriges dataportal said
// at the last sync: nil (JSON null) while the portal has not been asked.
type Channels struct {
	Documents           bool  `json:"documents"`
	Files               bool  `json:"files"`
	OpenMachineReadable bool  `json:"openMachineReadable"`
	API                 bool  `json:"api"`
	Portal              *bool `json:"portal"`
}

// OnPortal reports that the portal lists the agency (false when it said
// no, or has not been asked).
func (c Channels) OnPortal() bool { return c.Portal != nil && *c.Portal }

// PortalState is the portal channel as the portal route says it:
// catalog.PortalListed, catalog.PortalNotListed or catalog.PortalUnknown.
func (c Channels) PortalState() string {
	switch {
	case c.Portal == nil:
		return catalog.PortalUnknown
	case *c.Portal:
		return catalog.PortalListed
	}
	return catalog.PortalNotListed
}

// Level is the publication ladder level (0–5) of these channels; see the
// package documentation. An unknown portal status counts as not listed.
func (c Channels) Level() int {
	portal := c.OnPortal()
	switch {
	case c.OpenMachineReadable && c.API && portal:
		return 5
	case c.OpenMachineReadable && (c.API || portal):
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

// Finding is what one source showed of a channel: which source (one of
// [SourceKatalog], [SourceOwnCatalog], [SourcePortal]), where (the own
// catalog's URL) and when (At: the latest change to the hosted datasets,
// the time the own catalog was read, the time of the portal sync), whether
// it shows the channel, and the evidence it looked at.
type Finding struct {
	Source string `json:"source"`
	// Label names the source with its address and date, in Swedish and
	// English: "the agency's own catalog at <URL>, read 2026-03-01".
	Label Text      `json:"label"`
	URL   string    `json:"url,omitempty"`
	At    time.Time `json:"at,omitzero"`
	Found bool      `json:"found"`
	// Unknown is true when the source has not been read yet (the own
	// catalog never observed, the portal never synced): Found is then
	// false and means nothing.
	Unknown  bool   `json:"unknown,omitempty"`
	Evidence string `json:"evidence"`
}

// ChannelEvidence is, per channel, what each source showed.
type ChannelEvidence struct {
	Documents           []Finding `json:"documents"`
	Files               []Finding `json:"files"`
	OpenMachineReadable []Finding `json:"openMachineReadable"`
	API                 []Finding `json:"api"`
	Portal              []Finding `json:"portal"`
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
	// empty is true when the rule had nothing to assess (no distributions,
	// no datasets): its points come with publishing, so it is no step.
	empty bool
}

// Component groups rules; Score and Max are the sums of its rules.
type Component struct {
	ID    string  `json:"id"`
	Score float64 `json:"score"`
	Max   float64 `json:"max"`
	Rules []Rule  `json:"rules"`
}

// DatasetResult is one dataset's publication level, channels, MQA score
// and stars, and where it was found: Source is [SourceKatalog] or
// [SourceOwnCatalog]; AlsoInOwnCatalog marks a hosted dataset the agency's
// own catalog lists too (by IRI or UUID identifier), counted once. Its
// Channels.Portal is whether the portal lists this dataset (nil while
// unknown).
type DatasetResult struct {
	ID               string   `json:"id"`
	IRI              string   `json:"iri"`
	Source           string   `json:"source"`
	AlsoInOwnCatalog bool     `json:"alsoInOwnCatalog,omitempty"`
	Public           bool     `json:"public"`
	Level            int      `json:"level"`
	Channels         Channels `json:"channels"`
	MQA              int      `json:"mqa"`
	// Stars is the most stars of its distributions (0–4).
	Stars int `json:"stars"`
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
// units: points on the method's 405-point scale, of which the Swedish
// variant can award Achievable (375: DCAT-AP compliance gives none).
type MQASummary struct {
	Points        int            `json:"points"`
	Max           int            `json:"max"`
	Achievable    int            `json:"achievable"`
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

// StarsSummary is the 5-star rating of the catalog's distributions as
// dataportal.se computes it: each distribution gets its cumulative stars
// (see the package documentation), and Mean is their mean over all
// distributions. The fifth star cannot be assessed from metadata, so
// Assessable is 4.
type StarsSummary struct {
	Mean          float64 `json:"mean"`
	Distributions int     `json:"distributions"`
	// Counts[k] is how many distributions have k stars.
	Counts     [6]int `json:"counts"`
	Max        int    `json:"max"`
	Assessable int    `json:"assessable"`
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
	// Publishes is true when at least one dataset of either source is
	// PUBLIC: the agency publishes data for reuse.
	Publishes       bool            `json:"publishes"`
	Channels        Channels        `json:"channels"`
	ChannelEvidence ChannelEvidence `json:"channelEvidence"`
	// Sources says what each source held when the score was computed.
	Sources      []SourceSummary `json:"sources"`
	Components   []Component     `json:"components"`
	MQA          MQASummary      `json:"mqa"`
	Stars        StarsSummary    `json:"stars"`
	Datasets     []DatasetResult `json:"datasets"`
	Improvements []Improvement   `json:"improvements"`
}

// SourceSummary is one source of the score: how many datasets it held,
// how many of them PUBLIC, how many it shared with the hosted ones (the own
// catalog's Duplicates, counted once), and its address and date.
type SourceSummary struct {
	Source     string    `json:"source"`
	Label      Text      `json:"label"`
	URL        string    `json:"url,omitempty"`
	At         time.Time `json:"at,omitzero"`
	Unknown    bool      `json:"unknown,omitempty"`
	Datasets   int       `json:"datasets"`
	Public     int       `json:"public"`
	Duplicates int       `json:"duplicates,omitempty"`
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
