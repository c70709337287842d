package catalog

import (
	"slices"
	"strings"
	"time"
)

// LangString maps a BCP 47 language tag ("sv", "en") to a text in that language.
type LangString map[string]string

// Langs returns the language tags of l in a stable order: "sv" first, then
// "en", then the rest alphabetically. Writers use it so that output is
// byte-for-byte reproducible.
func (l LangString) Langs() []string { return sortedLangs(l) }

// Get returns the text in the first of the preferred languages that l has,
// else any text, else "".
func (l LangString) Get(preferred ...string) string {
	for _, p := range preferred {
		if s, ok := l[p]; ok && s != "" {
			return s
		}
	}
	for _, k := range l.Langs() {
		if l[k] != "" {
			return l[k]
		}
	}
	return ""
}

// LangStrings maps a language tag to several texts, as keywords are.
type LangStrings map[string][]string

// Langs returns the language tags of l in the order LangString.Langs uses.
func (l LangStrings) Langs() []string { return sortedLangs(l) }

func sortedLangs[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	if len(keys) < 2 {
		return keys
	}
	rank := func(k string) int {
		switch k {
		case "sv":
			return 0
		case "en":
			return 1
		}
		return 2
	}
	slices.SortFunc(keys, func(a, b string) int {
		if ra, rb := rank(a), rank(b); ra != rb {
			return ra - rb
		}
		return strings.Compare(a, b)
	})
	return keys
}

// Agency is a publishing organisation: a Swedish public body identified by its
// organisation number.
type Agency struct {
	OrgNumber OrgNumber  `json:"orgNumber"`
	Name      LangString `json:"name"`
	// PublisherType is the canonical ADMS publisher-type IRI.
	PublisherType string `json:"publisherType"`
	Homepage      string `json:"homepage,omitempty"`
	Email         string `json:"email,omitempty"`
	// HarvestURL is the agency's own DCAT endpoint, if it publishes one.
	HarvestURL string `json:"harvestUrl,omitempty"`
	// CheckSchedule is a cron spec for readiness checks of HarvestURL.
	CheckSchedule string `json:"checkSchedule,omitempty"`
	// Register facts, loaded from an agency register.
	ShortName  string `json:"shortName,omitempty"`
	Department string `json:"department,omitempty"`
	SizeClass  string `json:"sizeClass,omitempty"`
	Staff      int    `json:"staff,omitempty"`
	Group      string `json:"group,omitempty"`
	// Active is the register's word that the agency exists in its current
	// list (false: dissolved, merged or otherwise gone). An agency
	// registered through the API is active; only a register load
	// (UpsertAgencies) sets it false. Inactive agencies are kept, with
	// their history, but are out of every report's population.
	Active bool `json:"active"`

	CreatedAt time.Time `json:"createdAt"`
	UpdatedAt time.Time `json:"updatedAt"`
}

// ContactPoint is a dataset's or data service's vCard contact.
type ContactPoint struct {
	Name  string `json:"name"`
	Email string `json:"email"`
	URL   string `json:"url,omitempty"`
	Phone string `json:"phone,omitempty"`
}

// Dataset is one dataset of an agency, with its distributions and data services.
// Every controlled value is held as its canonical IRI.
type Dataset struct {
	// ID is a UUID: it is the dataset's dcterms:identifier and part of its IRI.
	ID     string    `json:"id"`
	Agency OrgNumber `json:"agency"`
	// IRI is the dataset's own IRI when it has one, as a dataset imported
	// from an agency's feed does; empty means katalog mints
	// {base}/datasets/{ID}. Harvesters recognise a dataset by its IRI, so an
	// imported dataset keeps it.
	IRI string `json:"iri,omitempty"`

	Title              LangString  `json:"title"`
	Description        LangString  `json:"description"`
	Keywords           LangStrings `json:"keywords,omitempty"`
	Themes             []string    `json:"themes,omitempty"`
	AccessRights       string      `json:"accessRights,omitempty"`
	AccrualPeriodicity string      `json:"accrualPeriodicity,omitempty"`
	Issued             string      `json:"issued,omitempty"`
	Modified           string      `json:"modified,omitempty"`
	LandingPage        string      `json:"landingPage,omitempty"`
	Languages          []string    `json:"languages,omitempty"`
	ConformsTo         []string    `json:"conformsTo,omitempty"`
	Spatial            []string    `json:"spatial,omitempty"`
	// Temporal is the period the data covers.
	Temporal     *Period       `json:"temporal,omitempty"`
	ContactPoint *ContactPoint `json:"contactPoint,omitempty"`
	// HVDCategory, when set, puts the dataset under the HVD regulation.
	HVDCategory   string         `json:"hvdCategory,omitempty"`
	Distributions []Distribution `json:"distributions,omitempty"`
	DataServices  []DataService  `json:"dataServices,omitempty"`

	// Published is the dataset's description as its agency published it,
	// for a dataset imported from the agency's feed: then the description
	// is the record, katalog publishes it as it is (dcat.Mapper.Dataset),
	// and the fields above are read from it leniently for the API and the
	// scores. Nil for a dataset made or replaced through the API, whose
	// fields are the record. The API neither shows nor reads it: a PUT
	// makes the dataset an API dataset again.
	Published *Published `json:"-"`

	CreatedAt time.Time `json:"createdAt"`
	UpdatedAt time.Time `json:"updatedAt"`
}

// Published is a dataset's description as its agency published it: the
// triples of the dataset node and of every node it owns in the document
// (its distributions, data services, contact points and the nodes they
// reach through blank nodes; see internal/importer), every property kept,
// known to DCAT-AP-SE or not, every IRI, literal and language tag as
// written. Resources the profile does not allow as blank nodes (the
// dataset, its distributions, data services, contact points and
// publishers) have IRIs katalog minted for them.
type Published struct {
	// SHA256 is the hex SHA-256 of the canonical N-Triples: the
	// description's content address.
	SHA256 string `json:"sha256"`
	// Triples counts its triples.
	Triples int `json:"triples"`
	// Gzip is the description as canonical N-Triples (dcat/syntax/canon:
	// sorted unique lines, blank nodes labelled from their content),
	// gzip-compressed.
	Gzip []byte `json:"ntGzip,omitempty"`
}

// Period is a span of time: a start, an end, or both, each a date (2024-01-31),
// a year (2024) or an RFC 3339 date-time.
type Period struct {
	Start string `json:"start,omitempty"`
	End   string `json:"end,omitempty"`
}

// Distribution is one way to get a dataset: a file or an access point.
type Distribution struct {
	// ID is unique within the dataset and part of the distribution's IRI.
	ID           string     `json:"id"`
	Title        LangString `json:"title,omitempty"`
	Description  LangString `json:"description,omitempty"`
	AccessURL    string     `json:"accessURL"`
	DownloadURL  string     `json:"downloadURL,omitempty"`
	Format       string     `json:"format"`
	License      string     `json:"license,omitempty"`
	ByteSize     int64      `json:"byteSize,omitempty"`
	Availability string     `json:"availability,omitempty"`
	Status       string     `json:"status,omitempty"`
	Languages    []string   `json:"languages,omitempty"`
	ConformsTo   []string   `json:"conformsTo,omitempty"`
	Issued       string     `json:"issued,omitempty"`
	Modified     string     `json:"modified,omitempty"`
	// Rights is the IRI of a statement of the rights to the data beyond
	// its licence (dcterms:rights), e.g. terms of use on the web.
	Rights string `json:"rights,omitempty"`
	// AccessService names a data service of the same dataset by its ID.
	AccessService string `json:"accessService,omitempty"`
}

// DataService is an API through which a dataset's data is served.
type DataService struct {
	// ID is unique within the dataset and part of the service's IRI.
	ID                  string     `json:"id"`
	Title               LangString `json:"title"`
	Description         LangString `json:"description,omitempty"`
	EndpointURL         string     `json:"endpointURL"`
	EndpointDescription string     `json:"endpointDescription,omitempty"`
	// Format is the media type the endpoint answers with.
	Format       string `json:"format,omitempty"`
	License      string `json:"license,omitempty"`
	AccessRights string `json:"accessRights,omitempty"`
	// Type is REST or RPC as a canonical IRI.
	Type string `json:"type,omitempty"`
	// Keywords describe the service, by language tag (dcat:keyword).
	Keywords LangStrings `json:"keywords,omitempty"`
	// Page is a web page documenting the service, e.g. its terms and
	// quality of service (foaf:page; HVD data services should have one).
	Page string `json:"page,omitempty"`
}

// FindDataService returns the data service of d with the given ID.
func (d *Dataset) FindDataService(id string) (*DataService, bool) {
	for i := range d.DataServices {
		if d.DataServices[i].ID == id {
			return &d.DataServices[i], true
		}
	}
	return nil, false
}
