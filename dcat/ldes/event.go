package ldes

import (
	"fmt"
	"time"

	"github.com/knakk/rdf"

	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
)

// Event is one member of a feed: an activity about one entity.
type Event struct {
	// IRI names the event; its payload is the named graph of that name.
	IRI string `json:"event"`
	// Type is ASCreate, ASUpdate or ASDelete (ASRemove is read as a
	// delete); "" when the feed gives none, which is an upsert.
	Type string `json:"type,omitempty"`
	// Object is the IRI of the entity the event is about.
	Object string `json:"object"`
	// Published is when the event happened; zero when the feed does not say.
	Published time.Time `json:"published,omitzero"`
	// Payload is the entity's whole description (the named graph); nil for
	// a delete.
	Payload []rdf.Triple `json:"-"`
}

// Deletes reports whether the event removes its entity.
func (e *Event) Deletes() bool { return e.Type == ASDelete || e.Type == ASRemove }

// TypeName is the event's type without its namespace ("Create"), or
// "Upsert" when it has none.
func (e *Event) TypeName() string {
	if e.Type == "" {
		return "Upsert"
	}
	return e.Type[len(NSAS):]
}

// publishedLiteral is the xsd:dateTime literal of t in UTC, with as many
// fractional digits as it needs.
func publishedLiteral(t time.Time) rdf.Literal {
	return rdf.NewTypedLiteral(t.UTC().Format(time.RFC3339Nano), xsdDateTime)
}

// Terms the package writes, checked once.
var (
	rdfType       = mustIRI(rdfio.RDFType)
	xsdDateTime   = mustIRI(rdfio.NSXSD + "dateTime")
	xsdInteger    = mustIRI(rdfio.NSXSD + "integer")
	asPublished   = mustIRI(ASPublished)
	asObject      = mustIRI(ASObject)
	treeMember    = mustIRI(TreeMember)
	treeRelation  = mustIRI(TreeRelation)
	treeNodeProp  = mustIRI(TreeNodeProp)
	treePath      = mustIRI(TreePath)
	treeValue     = mustIRI(TreeValue)
	dctermsTitle  = mustIRI(dcterms + "title")
	dctermsDesc   = mustIRI(dcterms + "description")
	dctermsPartOf = mustIRI(dcterms + "isPartOf")
)

const dcterms = "http://purl.org/dc/terms/"

func mustIRI(s string) rdf.IRI {
	i, err := rdf.NewIRI(s)
	if err != nil {
		panic(err)
	}
	return i
}

// newIRI is rdf.NewIRI with the IRI named in its error.
func newIRI(s string) (rdf.IRI, error) {
	i, err := rdf.NewIRI(s)
	if err != nil {
		return i, fmt.Errorf("ldes: IRI %q: %w", s, err)
	}
	return i, nil
}
