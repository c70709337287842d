package report

import (
	"time"

	"github.com/katalog-se/katalog/internal/finding"
)

// Text is a text in Swedish and English.
type Text = finding.Text

// Indicator identifiers, in the order a report lists them.
const (
	Publishes           = "publishes"
	DocumentsOnly       = "documentsOnly"
	Files               = "files"
	OpenMachineReadable = "openMachineReadable"
	API                 = "api"
	Portal              = "portal"
	ReadinessPass       = "readinessPass"
	BrokenLinks         = "brokenLinks"
	LinksBroken         = "linksBroken"
	HVDCompliant        = "hvdCompliant"
	MQAMean             = "mqaMean"
)

// Indicator is one measure: Count of Of agencies (links, for LinksBroken),
// and Share = Count/Of. For MQAMean, Value is the mean MQA points of Of
// agencies and Share is Value/405. Unchecked counts those left out of Of
// because their input does not exist yet; for Portal, Of counts only the
// agencies the portal listed or did not list, and Unknown (always present)
// those whose status is unknown.
type Indicator struct {
	ID        string   `json:"id"`
	Count     int      `json:"count"`
	Of        int      `json:"of"`
	Share     float64  `json:"share"`
	Value     *float64 `json:"value,omitempty"`
	Unchecked int      `json:"unchecked"`
	Unknown   *int     `json:"unknown,omitempty"`
	// Change is the change of the headline (Share, or Value for a mean)
	// since the previous report of the same model version, computed over
	// the agencies in both reports only; nil when there is none.
	Change *float64 `json:"change"`
	// Change12 is the change since the oldest of the last twelve earlier
	// reports of the same model version, over the agencies in both; nil
	// when there is none.
	Change12 *float64 `json:"change12"`
	// Label, Definition and Question (the survey question the indicator
	// answers, or katalog's own where Digg's survey asks none) stand beside
	// each overall indicator, in Swedish and English.
	Label      *Text `json:"label,omitempty"`
	Definition *Text `json:"definition,omitempty"`
	Question   *Text `json:"question,omitempty"`
}

// Headline is the number an indicator is read by: Value for a mean, else
// Share.
func (i Indicator) Headline() float64 {
	if i.Value != nil {
		return *i.Value
	}
	return i.Share
}

// Group is the indicators of the agencies sharing one value of a
// dimension (e.g. sizeClass "small(10-49)").
type Group struct {
	Dimension  string      `json:"dimension"`
	Key        string      `json:"key"`
	Agencies   int         `json:"agencies"`
	Indicators []Indicator `json:"indicators"`
}

// Group dimensions.
const (
	DimSizeClass  = "sizeClass"
	DimDepartment = "department"
	DimGroup      = "group"
)

// UnknownKey is the group key of agencies without a value.
const UnknownKey = "(okänd/unknown)"

// Band is one MQA rating band with its count.
type Band struct {
	Rating string  `json:"rating"`
	Count  int     `json:"count"`
	Of     int     `json:"of"`
	Share  float64 `json:"share"`
}

// Bucket is one bar of the MQA points histogram: points in [From, To].
type Bucket struct {
	From  int `json:"from"`
	To    int `json:"to"`
	Count int `json:"count"`
}

// MQA is the distribution of the agencies' MQA points (405 max) over the
// agencies that publish.
type MQA struct {
	Agencies  int      `json:"agencies"`
	Mean      float64  `json:"mean"`
	Median    float64  `json:"median"`
	Bands     []Band   `json:"bands"`
	Histogram []Bucket `json:"histogram"`
}

// Mover is an agency whose level changed since the previous report.
type Mover struct {
	OrgNumber string `json:"orgNumber"`
	Name      string `json:"name"`
	From      int    `json:"from"`
	To        int    `json:"to"`
	FromTotal int    `json:"fromTotal"`
	ToTotal   int    `json:"toTotal"`
}

// TrendPoint is one report's overall indicators, oldest first in a trend.
// Agencies is its population: where it differs from the point before, the
// trend has a break (a population change, not a trend).
type TrendPoint struct {
	ID           string             `json:"id"`
	CreatedAt    time.Time          `json:"createdAt"`
	ModelVersion string             `json:"modelVersion"`
	Agencies     int                `json:"agencies"`
	Values       map[string]float64 `json:"values"`
}

// Population compares a report's population with the previous report's:
// the agencies in each, in both, and those that joined or left. Changes
// are computed over the agencies in both (Common).
type Population struct {
	Previous int `json:"previous"`
	Current  int `json:"current"`
	Common   int `json:"common"`
	Joined   int `json:"joined"`
	Left     int `json:"left"`
}

// Changed reports whether the population differs from the previous one.
func (p *Population) Changed() bool { return p != nil && (p.Joined > 0 || p.Left > 0) }

// Row is one agency's snapshot in a report.
type Row struct {
	OrgNumber  string `json:"orgNumber"`
	Name       string `json:"name"`
	SizeClass  string `json:"sizeClass,omitempty"`
	Staff      int    `json:"staff,omitempty"`
	Department string `json:"department,omitempty"`
	Group      string `json:"group,omitempty"`
	Scored     bool   `json:"scored"`
	// Publishes is true when at least one dataset (hosted or in its own
	// catalog) is PUBLIC.
	Publishes    bool      `json:"publishes"`
	ModelVersion string    `json:"modelVersion,omitempty"`
	ComputedAt   time.Time `json:"computedAt,omitzero"`
	Total        int       `json:"total"`
	Level        int       `json:"level"`
	Datasets     int       `json:"datasets"`
	Documents    bool      `json:"documents"`
	Files        bool      `json:"files"`
	OpenMR       bool      `json:"openMachineReadable"`
	API          bool      `json:"api"`
	// Portal is "yes" (listed on the portal), "no" or "unknown" (never
	// synced); Readiness and HVD are "yes", "no", "unchecked" (or "n/a" for
	// HVD without high-value datasets).
	Portal       string `json:"portal"`
	Readiness    string `json:"readiness"`
	LinksChecked int    `json:"linksChecked"`
	LinksBroken  int    `json:"linksBroken"`
	HVD          string `json:"hvd"`
	MQAPoints    int    `json:"mqaPoints"`
	MQARating    string `json:"mqaRating,omitempty"`
	// Stars is the mean 5-star rating of its distributions (0–4).
	Stars float64 `json:"stars"`
}

// Report is a whole trend report: its JSON is the contract's report.
type Report struct {
	ID           string    `json:"id"`
	CreatedAt    time.Time `json:"createdAt"`
	ModelVersion string    `json:"modelVersion"`
	// Agencies counts the report's population: every active agency of the
	// register; Scored those with a score; Inactive the agencies the
	// register no longer lists as active, left out of every figure.
	Agencies int    `json:"agencies"`
	Scored   int    `json:"scored"`
	Inactive int    `json:"inactive"`
	Previous string `json:"previous,omitempty"`
	// Population compares the population with the previous report's (nil
	// without one).
	Population *Population `json:"population,omitempty"`
	Indicators []Indicator `json:"indicators"`
	MQA        MQA         `json:"mqa"`
	Groups     []Group     `json:"groups"`
	Movers     []Mover     `json:"movers"`
	// Trend is up to twelve earlier reports and this one, oldest first.
	Trend []TrendPoint `json:"trend"`
	Rows  []Row        `json:"rows"`
}

// Indicator returns the overall indicator with the given ID.
func (r *Report) Indicator(id string) (Indicator, bool) {
	return find(r.Indicators, id)
}

func find(list []Indicator, id string) (Indicator, bool) {
	for _, i := range list {
		if i.ID == id {
			return i, true
		}
	}
	return Indicator{}, false
}
