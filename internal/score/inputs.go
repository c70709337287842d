package score

import (
	"time"

	"github.com/katalog-se/katalog/catalog"
)

// Inputs is everything the score of one agency is computed from.
type Inputs struct {
	Agency catalog.Agency
	// Datasets streams the agency's datasets: it calls yield once per
	// dataset and stops with yield's error. The dataset is not retained
	// after yield returns, so the caller may reuse it.
	Datasets func(yield func(*catalog.Dataset) error) error
	// Hosted reports that katalog serves the agency's feed (its datasets
	// are registered in katalog), so a feed that validates is harvestable.
	Hosted bool
	// BaseURL is katalog's public base URL; with it, datasets without an
	// IRI of their own are named {BaseURL}/datasets/{id} in evidence.
	BaseURL string
	// Check is the latest readiness check of the agency's feed; nil when
	// none has run.
	Check *CheckSummary
	// Validation is the latest DCAT-AP-SE validation of the agency's
	// catalog; nil when none has run.
	Validation *ValidationSummary
	// Now is the time stamped on the score; zero means time.Now().
	Now time.Time
}

// CheckSummary is what the score needs from a readiness check.
type CheckSummary struct {
	URL       string    `json:"url"`
	Ready     bool      `json:"ready"`
	CheckedAt time.Time `json:"checkedAt"`
	// Links counts the links the check probed.
	Links LinkCounts `json:"links"`
	// Link reports the latest result for one URL: ok when it answered
	// 200–399, checked false when it has not been probed. Nil means no link
	// has been checked.
	Link func(url string) (ok, checked bool) `json:"-"`
	// APIDescription reports what the check found at an
	// endpointDescription (#16): only a verified one earns the
	// API-description points. Nil means none was checked.
	APIDescription func(url string) APIDescription `json:"-"`
}

// LinkCounts counts checked links.
type LinkCounts struct {
	Checked int `json:"checked"`
	OK      int `json:"ok"`
	Broken  int `json:"broken"`
}

// LinkMap adapts a map of URL to "answered 200–399" to CheckSummary.Link.
// The map must not change while a score is computed.
func LinkMap(m map[string]bool) func(url string) (ok, checked bool) {
	return func(url string) (bool, bool) {
		ok, checked := m[url]
		return ok, checked
	}
}

// ValidationSummary is what the score needs from a DCAT-AP-SE validation.
type ValidationSummary struct {
	Profile     string    `json:"profile"`
	ValidatedAt time.Time `json:"validatedAt"`
	Errors      int       `json:"errors"`
	Warnings    int       `json:"warnings"`
	// DatasetErrors counts errors per dataset, keyed by dataset IRI or ID.
	// Nil means the counts are not known per dataset: every dataset then
	// passes the compliance indicator exactly when Errors is 0.
	DatasetErrors map[string]int `json:"datasetErrors,omitempty"`
}
