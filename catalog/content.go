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
// empty fields left out. Stores keep it, and its hash tells whether two
// versions of a dataset say the same thing (import change detection).
//
// It has exactly the fields of Dataset, so a *Dataset
// converts to a *ContentDoc in place, without copying; only the JSON tags
// differ. A field added to Dataset breaks that conversion at compile
// time until it is added here too, so the document cannot silently drop it.
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
	CreatedAt          time.Time      `json:"-"`
	UpdatedAt          time.Time      `json:"-"`
}

// EncodeContent returns the canonical document of d's content and its hash, the
// hex SHA-256 of the document. encoding/json writes struct fields in
// declaration order and map keys sorted, so equal content gives equal bytes.
func EncodeContent(d *Dataset) (doc []byte, hash string, err error) {
	doc, err = json.Marshal((*ContentDoc)(d))
	if err != nil {
		return nil, "", fmt.Errorf("encode dataset %s: %w", d.ID, err)
	}
	sum := sha256.Sum256(doc)
	return doc, hex.EncodeToString(sum[:]), nil
}

// DecodeContent sets d's content from a document EncodeContent wrote.
// Fields doc lacks are zeroed, so d may hold another dataset before; ID,
// agency and timestamps are left alone. Documents as EncodeContent writes
// them take a fast path several times quicker than encoding/json (stores
// decode one per dataset of a feed); anything else goes to encoding/json.
func DecodeContent(doc string, d *Dataset) error {
	id, agency, created, updated := d.ID, d.Agency, d.CreatedAt, d.UpdatedAt
	*d = Dataset{ID: id, Agency: agency, CreatedAt: created, UpdatedAt: updated}
	if fastDecode(doc, d) {
		return nil
	}
	*d = Dataset{ID: id, Agency: agency, CreatedAt: created, UpdatedAt: updated}
	if err := json.Unmarshal([]byte(doc), (*ContentDoc)(d)); err != nil {
		return fmt.Errorf("decode dataset %s: %w", id, err)
	}
	return nil
}

// ContentHash returns the hash of d's content: the hex SHA-256 of its
// canonical content document, which leaves out ID, agency and timestamps.
// Two datasets with equal content have equal hashes whatever their maps'
// order, so an import can tell unchanged datasets from changed ones.
func (d *Dataset) ContentHash() (string, error) {
	_, hash, err := EncodeContent(d)
	return hash, err
}
