package score

// ModelVersion identifies the scoring rules and weights. Change it whenever
// a rule, a weight or a format list changes, so stored scores stay
// comparable with those computed by the same model.
//
// 2026.2: the scores read the agency's own catalog beside the hosted
// datasets; the portal channel is what the portal said (unknown until a
// sync); publishing for reuse needs a PUBLIC dataset, and so do the
// channels; the MQA's DCAT-AP compliance weighs nothing (dataportal.se's
// variant) and distributions are rated on the 5-star model; only an
// endpointDescription the latest check verified as an OpenAPI or Swagger
// document with CORS for dataportal.se earns the API-description points
// (publication.apiDescription and hvd.apiDocumentation; apidesc.go).
const ModelVersion = "2026.2"

// Component identifiers, in the order they appear in a score.
const (
	ComponentPublication = "publication"
	ComponentMetadata    = "metadata"
	ComponentReadiness   = "readiness"
	ComponentOpenness    = "openness"
	ComponentHVD         = "hvd"
)

// Weights is the table of component weights; with the defaults they sum to
// 100. The points of a component's rules are split inside the component as
// [RuleWeights] lists.
type Weights struct {
	Publication float64 `json:"publication"`
	Metadata    float64 `json:"metadata"`
	Readiness   float64 `json:"readiness"`
	Openness    float64 `json:"openness"`
	HVD         float64 `json:"hvd"`
}

// DefaultWeights returns the weights of [ModelVersion].
func DefaultWeights() Weights {
	return Weights{Publication: 30, Metadata: 25, Readiness: 15, Openness: 15, HVD: 15}
}

// RuleWeight is one rule's share of its component, as a fraction of the
// component weight.
type RuleWeight struct {
	Component string
	Rule      string
	Share     float64
}

// RuleWeights returns the split of each component (except metadata, which
// is split by the 405 MQA points) over its rules. The shares of a component
// sum to 1.
func RuleWeights() []RuleWeight {
	return []RuleWeight{
		{ComponentPublication, RulePublishes, 2.0 / 30},
		{ComponentPublication, RuleFiles, 6.0 / 30},
		{ComponentPublication, RuleOpenMachineReadable, 8.0 / 30},
		{ComponentPublication, RuleAPI, 6.0 / 30},
		{ComponentPublication, RuleAPIDescription, 2.0 / 30},
		{ComponentPublication, RulePortal, 6.0 / 30},
		{ComponentReadiness, RuleHarvestable, 8.0 / 15},
		{ComponentReadiness, RuleValidation, 4.0 / 15},
		{ComponentReadiness, RuleLinks, 3.0 / 15},
		{ComponentOpenness, RuleOpenLicence, 8.0 / 15},
		{ComponentOpenness, RulePublicAccess, 7.0 / 15},
		{ComponentHVD, RuleHVDCategory, 2.0 / 15},
		{ComponentHVD, RuleHVDAPI, 4.0 / 15},
		{ComponentHVD, RuleHVDBulk, 3.0 / 15},
		{ComponentHVD, RuleHVDLicence, 3.0 / 15},
		{ComponentHVD, RuleHVDContact, 1.5 / 15},
		{ComponentHVD, RuleHVDAPIDocs, 1.5 / 15},
	}
}

// Model scores agencies. It is immutable and safe for concurrent use.
type Model struct {
	version string
	weights Weights
	shares  map[string]float64
}

// New returns the model of [ModelVersion] with [DefaultWeights].
func New() *Model { return NewWithWeights(DefaultWeights()) }

// NewWithWeights returns a model with other component weights; scores it
// computes carry [ModelVersion] with a "+custom" suffix, since they are not
// comparable with the default model's.
func NewWithWeights(w Weights) *Model {
	m := &Model{version: ModelVersion, weights: w, shares: make(map[string]float64)}
	if w != DefaultWeights() {
		m.version += "+custom"
	}
	for _, rw := range RuleWeights() {
		m.shares[rw.Rule] = rw.Share
	}
	return m
}

// Version is the model version stamped on every score.
func (m *Model) Version() string { return m.version }

// Weights returns the model's component weights.
func (m *Model) Weights() Weights { return m.weights }

func (m *Model) componentWeight(id string) float64 {
	switch id {
	case ComponentPublication:
		return m.weights.Publication
	case ComponentMetadata:
		return m.weights.Metadata
	case ComponentReadiness:
		return m.weights.Readiness
	case ComponentOpenness:
		return m.weights.Openness
	case ComponentHVD:
		return m.weights.HVD
	}
	return 0
}

// ruleMax is the maximum points of a non-MQA rule.
func (m *Model) ruleMax(component, rule string) float64 {
	return m.componentWeight(component) * m.shares[rule]
}
