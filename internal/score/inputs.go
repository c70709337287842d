package score

import (
	"time"

	"github.com/katalog-se/katalog/catalog"
)

// Inputs is everything the score of one agency is computed from.
type Inputs struct {
	Agency catalog.Agency
	// Datasets streams the datasets katalog hosts for the agency: it calls
	// yield once per dataset and stops with yield's error. The dataset is
	// not retained after yield returns, so the caller may reuse it.
	Datasets func(yield func(*catalog.Dataset) error) error
	// Own is the agency's own catalog as katalog last observed it where the
	// agency publishes it; nil when it has never been observed.
	Own *OwnCatalog
	// Portal is what Sveriges dataportal said of the agency at the latest
	// successful sync; nil while unknown (never synced).
	Portal *catalog.PortalStatus
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

// OwnCatalog is what the score needs of the agency's own catalog: the
// latest attempt to read it and, when that attempt found it, the datasets
// of its latest version.
type OwnCatalog struct {
	// URL is where the catalog was read or tried; Discovered is true when
	// it was found by the portal's convention rather than registered.
	URL        string
	Discovered bool
	// At is the latest attempt; Found whether it read a catalog, and
	// HTTPStatus and Error what went wrong when it did not.
	At         time.Time
	Found      bool
	HTTPStatus int
	Error      string
	// FirstSeen is when katalog first read the latest version's content.
	FirstSeen time.Time
	// Datasets streams the latest version's datasets (as Inputs.Datasets
	// does); it is read only when Found.
	Datasets func(yield func(*catalog.Dataset) error) error
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
