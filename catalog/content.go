package catalog

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"
)

// ContentDoc is Dataset as its canonical content document: the dataset's
// content without its identity and bookkeeping (ID, agency, timestamps), with
// empty fields left out. Its hash tells whether two versions of a dataset say
// the same thing (import change detection, stable IDs of imported datasets);
// the SQL stores keep datasets as this document.
//
// It has exactly the fields of Dataset, so a *Dataset converts to a
// *ContentDoc in place, without copying; only the JSON tags differ. A field
// added to Dataset breaks that conversion at compile time until it is added
// here too, so the document cannot silently drop it.
type ContentDoc struct {
	ID                 string         `json:"-"`
	Agency             OrgNumber      `json:"-"`
	IRI                string         `json:"iri,omitempty"`
	Title              LangString     `json:"title,omitempty"`
	Description        LangString     `json:"description,omitempty"`
	Keywords           LangStrings    `json:"keywords,omitempty"`
	Themes             []string       `json:"themes,omitempty"`
	AccessRights       string         `json:"accessRights,omitempty"`
	AccrualPeriodicity string         `json:"accrualPeriodicity,omitempty"`
	Issued             string         `json:"issued,omitempty"`
	Modified           string         `json:"modified,omitempty"`
	LandingPage        string         `json:"landingPage,omitempty"`
	Languages          []string       `json:"languages,omitempty"`
	ConformsTo         []string       `json:"conformsTo,omitempty"`
	Spatial            []string       `json:"spatial,omitempty"`
	Temporal           *Period        `json:"temporal,omitempty"`
	ContactPoint       *ContactPoint  `json:"contactPoint,omitempty"`
	HVDCategory        string         `json:"hvdCategory,omitempty"`
	Distributions      []Distribution `json:"distributions,omitempty"`
	DataServices       []DataService  `json:"dataServices,omitempty"`
	Published          *Published     `json:"published,omitempty"`
	CreatedAt          time.Time      `json:"-"`
	UpdatedAt          time.Time      `json:"-"`
}

// ContentHash returns the hash of d's content: the hex SHA-256 of its
// canonical content document, which leaves out ID, agency and timestamps.
// Two datasets with equal content have equal hashes whatever their maps'
// order (encoding/json writes struct fields in declaration order and map
// keys sorted), so an import can tell unchanged datasets from changed ones.
// Stores keep this hash of every dataset (catalog.Store.DatasetHashes).
//
// The published description of an imported dataset counts by its own
// SHA-256 (its compressed bytes are left out of the document hashed, so
// that a change of compressor does not look like a change of content).
func (d *Dataset) ContentHash() (string, error) {
	c := (*ContentDoc)(d)
	if d.Published != nil && d.Published.Gzip != nil {
		cp := *c
		p := *d.Published
		p.Gzip = nil
		cp.Published = &p
		c = &cp
	}
	doc, err := json.Marshal(c)
	if err != nil {
		return "", fmt.Errorf("content hash of dataset %s: %w", d.ID, err)
	}
	sum := sha256.Sum256(doc)
	return hex.EncodeToString(sum[:]), nil
}
