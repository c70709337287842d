package ldes

import (
	"errors"
	"fmt"
	"time"

	"github.com/knakk/rdf"

	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
)

// Stream describes the event stream a page belongs to.
type Stream struct {
	// IRI names the ldes:EventStream.
	IRI string
	// View is the stream's root node, where a harvester starts
	// (tree:view).
	View string
	// Title and Description are dcterms:title and dcterms:description in
	// Swedish and English.
	TitleSV, TitleEN string
	DescSV, DescEN   string
	// LatestVersion states the retention policy ldes:LatestVersionSubset
	// of one (what DCAT-AP Feeds recommends): the latest event of every
	// entity stays in the feed.
	LatestVersion bool
}

// Relation links a page to a later one: every event of Node was published
// at or after Value (tree:GreaterThanOrEqualToRelation on as:published).
type Relation struct {
	// IRI names the relation (katalog mints one rather than use a blank
	// node).
	IRI   string
	Node  string
	Value time.Time
}

// ErrNoObject is wrapped by PageWriter.Event's error for an event without
// an entity.
var ErrNoObject = errors.New("an event needs an object (the entity's IRI)")

// PageWriter writes one page of a feed as quads: the stream and page
// description in the default graph, then each event with its payload in
// the named graph of the event's name. It writes nothing but quads; the
// QuadWriter is the caller's to close.
type PageWriter struct {
	w      rdfio.QuadWriter
	stream rdf.IRI
	page   rdf.IRI
	// Events counts the events written.
	Events int
	// Quads counts the quads written.
	Quads int
}

// NewPageWriter writes the description of s and of the page (a tree:Node
// named page) to w and returns the writer of its events.
func NewPageWriter(w rdfio.QuadWriter, s Stream, page string) (*PageWriter, error) {
	st, err := newIRI(s.IRI)
	if err != nil {
		return nil, err
	}
	pg, err := newIRI(page)
	if err != nil {
		return nil, err
	}
	view, err := newIRI(s.View)
	if err != nil {
		return nil, err
	}
	p := &PageWriter{w: w, stream: st, page: pg}
	ts := []rdf.Triple{
		{Subj: st, Pred: rdfType, Obj: mustIRI(LDESEventStream)},
		{Subj: st, Pred: mustIRI(TreeShape), Obj: mustIRI(ActivityShape)},
		{Subj: st, Pred: mustIRI(LDESTimestampPath), Obj: asPublished},
		{Subj: st, Pred: mustIRI(LDESVersionOfPath), Obj: asObject},
		{Subj: st, Pred: mustIRI(TreeView), Obj: view},
	}
	for _, t := range []struct {
		p         rdf.IRI
		text, tag string
	}{{dctermsTitle, s.TitleSV, "sv"}, {dctermsTitle, s.TitleEN, "en"}, {dctermsDesc, s.DescSV, "sv"}, {dctermsDesc, s.DescEN, "en"}} {
		if t.text == "" {
			continue
		}
		l, err := rdf.NewLangLiteral(t.text, t.tag)
		if err != nil {
			return nil, fmt.Errorf("ldes: stream title: %w", err)
		}
		ts = append(ts, rdf.Triple{Subj: st, Pred: t.p, Obj: l})
	}
	if s.LatestVersion {
		pol, err := newIRI(s.View + "#retention")
		if err != nil {
			return nil, err
		}
		ts = append(ts,
			rdf.Triple{Subj: view, Pred: mustIRI(LDESRetentionPolicy), Obj: pol},
			rdf.Triple{Subj: pol, Pred: rdfType, Obj: mustIRI(LDESLatestVersionSubset)},
			rdf.Triple{Subj: pol, Pred: mustIRI(LDESAmount), Obj: rdf.NewTypedLiteral("1", xsdInteger)},
		)
	}
	ts = append(ts, rdf.Triple{Subj: pg, Pred: rdfType, Obj: mustIRI(TreeNode)})
	if page != s.View {
		ts = append(ts, rdf.Triple{Subj: pg, Pred: dctermsPartOf, Obj: st})
	}
	for _, t := range ts {
		if err := p.quad(rdf.Quad{Triple: t}); err != nil {
			return nil, err
		}
	}
	return p, nil
}

func (p *PageWriter) quad(q rdf.Quad) error {
	if err := p.w.WriteQuad(q); err != nil {
		return fmt.Errorf("ldes: write: %w", err)
	}
	p.Quads++
	return nil
}

// Event writes e: the stream's tree:member link, the event's type, object
// and time, and, unless it deletes, its payload in the named graph of its
// name.
func (p *PageWriter) Event(e *Event) error {
	ev, err := newIRI(e.IRI)
	if err != nil {
		return err
	}
	if e.Object == "" {
		return fmt.Errorf("ldes: event %s: %w", e.IRI, ErrNoObject)
	}
	obj, err := newIRI(e.Object)
	if err != nil {
		return err
	}
	ts := []rdf.Triple{{Subj: p.stream, Pred: treeMember, Obj: ev}}
	if e.Type != "" {
		ts = append(ts, rdf.Triple{Subj: ev, Pred: rdfType, Obj: mustIRI(e.Type)})
	}
	ts = append(ts, rdf.Triple{Subj: ev, Pred: asObject, Obj: obj})
	if !e.Published.IsZero() {
		ts = append(ts, rdf.Triple{Subj: ev, Pred: asPublished, Obj: publishedLiteral(e.Published)})
	}
	for _, t := range ts {
		if err := p.quad(rdf.Quad{Triple: t}); err != nil {
			return err
		}
	}
	if !e.Deletes() {
		for _, t := range e.Payload {
			if err := p.quad(rdf.Quad{Triple: t, Ctx: ev}); err != nil {
				return fmt.Errorf("ldes: event %s: %w", e.IRI, err)
			}
		}
	}
	p.Events++
	return nil
}

// Relation writes a tree:GreaterThanOrEqualToRelation on as:published from
// the page to r.Node.
func (p *PageWriter) Relation(r Relation) error {
	rel, err := newIRI(r.IRI)
	if err != nil {
		return err
	}
	node, err := newIRI(r.Node)
	if err != nil {
		return err
	}
	ts := []rdf.Triple{
		{Subj: p.page, Pred: treeRelation, Obj: rel},
		{Subj: rel, Pred: rdfType, Obj: mustIRI(TreeGreaterOrEq)},
		{Subj: rel, Pred: treeNodeProp, Obj: node},
		{Subj: rel, Pred: treePath, Obj: asPublished},
		{Subj: rel, Pred: treeValue, Obj: publishedLiteral(r.Value)},
	}
	for _, t := range ts {
		if err := p.quad(rdf.Quad{Triple: t}); err != nil {
			return err
		}
	}
	return nil
}
