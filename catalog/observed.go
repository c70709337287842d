package catalog

import (
	"context"
	"net/url"
	"time"
)

// ConventionPath is where Sveriges dataportal looks for an organisation's
// catalog by default (its harvest source http://<organisation>.se/datasets/dcat).
const ConventionPath = "/datasets/dcat"

// ConventionURLs returns the addresses where, by the portal's convention,
// an agency with the given homepage publishes its catalog when it has
// registered none: https://<host of the homepage>/datasets/dcat, then the
// same over http (the host keeps any port; path, query and user of the
// homepage are dropped). It returns nil when the homepage is not an
// absolute http(s) URL.
func ConventionURLs(homepage string) []string {
	u, err := url.Parse(homepage)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Hostname() == "" {
		return nil
	}
	return []string{"https://" + u.Host + ConventionPath, "http://" + u.Host + ConventionPath}
}

// Observation is one attempt to read an agency's own DCAT catalog where it
// publishes it: the readiness check of its harvest URL or, when it has
// registered none, of the portal's convention URL.
type Observation struct {
	Agency OrgNumber `json:"agency"`
	// URL is the endpoint read or tried.
	URL string `json:"url"`
	// Discovered is true when URL was not registered but tried by the
	// portal's convention: https://<host of the agency's homepage>/datasets/dcat,
	// then the same over http.
	Discovered bool      `json:"discovered"`
	At         time.Time `json:"at"`
	// Found is true when a catalog was read: the endpoint answered with a
	// document katalog could parse.
	Found      bool `json:"found"`
	HTTPStatus int  `json:"httpStatus,omitempty"`
	// Error says why nothing was read (not found, not RDF, unreachable),
	// in words fit to publish.
	Error string `json:"error,omitempty"`
}

// ObservedGraph is the graph an observation read, exactly as published.
type ObservedGraph struct {
	// Hash is its content address: the hex SHA-256 of its canonical form
	// (see the producer), so an unchanged catalog has an unchanged hash.
	Hash    string
	Triples int
	// Gzip is the graph as canonical N-Triples, gzip-compressed.
	Gzip []byte
	// Datasets are the graph's datasets as the domain reads them
	// (leniently, by dcat.Mapper.Unmap), keyed by ID; the scores read them.
	Datasets []Dataset
	// Publishers are the publisher IRIs the graph's catalogs and datasets
	// name, sorted: the portal is asked about them too.
	Publishers []string
}

// ObservedCatalog is one version of an agency's own catalog: one graph,
// from the first time katalog read it to the last.
type ObservedCatalog struct {
	ID         int64     `json:"id"`
	Agency     OrgNumber `json:"agency"`
	URL        string    `json:"url"`
	Discovered bool      `json:"discovered"`
	Hash       string    `json:"hash"`
	Triples    int       `json:"triples"`
	Datasets   int       `json:"datasets"`
	FirstSeen  time.Time `json:"firstSeen"`
	LastSeen   time.Time `json:"lastSeen"`
	// Added and Removed are the datasets (by IRI, or ID for a blank node)
	// this version has and the previous one had not, and the reverse.
	Added   []string `json:"added"`
	Removed []string `json:"removed"`
	// Publishers are the publisher IRIs the version names.
	Publishers []string `json:"publishers"`
}

// ObservedStore keeps what agencies publish where they publish it: the
// latest observation of each, the versions of its catalog (each graph
// stored once, by its hash) and the datasets of the latest version.
type ObservedStore interface {
	// SaveObservation records o as the agency's latest observation and,
	// when g is not nil, the catalog it read, in one transaction: when g's
	// hash differs from the latest version's, a new version (its graph
	// stored unless a version already has that hash; its datasets
	// replacing the previous version's; Added and Removed from the
	// difference); else the latest version is marked seen at o.At. It
	// returns the latest version (nil when there is none) and whether this
	// call made it. ErrNotFound if the agency is absent.
	SaveObservation(ctx context.Context, o Observation, g *ObservedGraph) (*ObservedCatalog, bool, error)
	// LatestObservation returns org's latest observation. ErrNotFound if
	// none was made.
	LatestObservation(ctx context.Context, org OrgNumber) (*Observation, error)
	// ObservedCatalogs lists one page of org's catalog versions, newest
	// first, with the count of all.
	ObservedCatalogs(ctx context.Context, org OrgNumber, p Page) ([]ObservedCatalog, int, error)
	// ObservedCatalog returns one of org's catalog versions. ErrNotFound if
	// org has no version id.
	ObservedCatalog(ctx context.Context, org OrgNumber, id int64) (*ObservedCatalog, error)
	// EachObservedDataset calls fn for every dataset of org's latest
	// catalog version, ordered by ID (fn's dataset is reused: copy what you
	// keep).
	EachObservedDataset(ctx context.Context, org OrgNumber, fn func(*Dataset) error) error
	// ObservedGraph returns the graph with the given hash as gzip-compressed
	// canonical N-Triples. ErrNotFound if no version has it.
	ObservedGraph(ctx context.Context, hash string) ([]byte, error)
}
