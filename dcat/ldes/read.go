package ldes

import (
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/knakk/rdf"

	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
	"github.com/katalog-se/katalog/internal/finding"
)

// Finding is a problem with a feed's structure or with one of its events.
type Finding struct {
	Severity finding.Severity `json:"severity"`
	// Rule is a stable id, e.g. "feed.event.object.missing".
	Rule string `json:"rule"`
	// Focus names the stream, page, event or graph concerned.
	Focus   string       `json:"focus"`
	Value   string       `json:"value,omitempty"`
	Message finding.Text `json:"message"`
}

// The rules of a feed's structure. Errors make the feed invalid: nothing of
// it is applied.
const (
	RuleStreamMissing    = "feed.stream.missing"
	RuleStreamTimestamp  = "feed.stream.timestampPath"
	RuleStreamVersionOf  = "feed.stream.versionOfPath"
	RuleEventBlank       = "feed.event.blank"
	RuleEventType        = "feed.event.type.conflict"
	RuleEventTypeMissing = "feed.event.type.missing"
	RuleObjectMissing    = "feed.event.object.missing"
	RuleObjectInvalid    = "feed.event.object.invalid"
	RulePublishedMissing = "feed.event.published.missing"
	RulePublishedInvalid = "feed.event.published.invalid"
	RulePayloadMissing   = "feed.event.payload.missing"
	RuleDeletePayload    = "feed.event.payload.delete"
	RulePayloadBlank     = "feed.payload.blank"
	RulePayloadObject    = "feed.payload.object"
	RuleGraphOrphan      = "feed.graph.orphan"
	RuleRelationNode     = "feed.relation.node"
	RulePageLimit        = "feed.page.limit"
)

func newFinding(sev finding.Severity, rule, focus, value, sv, en string) Finding {
	return Finding{Severity: sev, Rule: rule, Focus: focus, Value: value, Message: finding.Text{SV: sv, EN: en}}
}

// Document is one feed document (a page) as read.
type Document struct {
	// Streams are the IRIs of the ldes:EventStreams the page describes.
	Streams []string
	// Events are the page's members in the order the page first names them.
	Events []Event
	// Next are the IRIs of the pages its tree:relations lead to.
	Next []string
	// Findings are the problems with the page's structure and its events.
	Findings []Finding
	// Quads counts the quads read.
	Quads int
}

// Invalid reports whether a finding of the document is an error.
func (d *Document) Invalid() bool { return hasError(d.Findings) }

func hasError(fs []Finding) bool {
	for _, f := range fs {
		if f.Severity == finding.Error {
			return true
		}
	}
	return false
}

// key names a term for the maps of the reader: "<iri" or "_:label".
func key(t rdf.Term) string {
	switch v := t.(type) {
	case rdf.IRI:
		return "<" + v.String()
	case rdf.Blank:
		return "_:" + v.String()
	}
	return ""
}

// node is what the default graph says about one subject.
type node struct {
	props map[string][]rdf.Object
}

func (n *node) iris(p string) []string {
	var out []string
	for _, o := range n.props[p] {
		if i, ok := o.(rdf.IRI); ok {
			out = append(out, i.String())
		}
	}
	return out
}

// ReadDocument reads one feed document whole from r. Its error is the
// reader's (a *rdfio.SyntaxError for a syntax error); problems with what
// the document says are its Findings.
func ReadDocument(r rdfio.QuadReader) (*Document, error) {
	doc := &Document{}
	nodes := map[string]*node{}
	graphs := map[string][]rdf.Triple{}
	first := map[string]int{}
	seen := func(k string) {
		if _, ok := first[k]; !ok {
			first[k] = len(first)
		}
	}
	for {
		q, err := r.ReadQuad()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		doc.Quads++
		if q.Ctx != nil {
			k := key(q.Ctx)
			seen(k)
			graphs[k] = append(graphs[k], q.Triple)
			continue
		}
		k := key(q.Subj)
		seen(k)
		n := nodes[k]
		if n == nil {
			n = &node{props: map[string][]rdf.Object{}}
			nodes[k] = n
		}
		p := q.Pred.String()
		n.props[p] = append(n.props[p], q.Obj)
	}
	doc.read(nodes, graphs, first)
	return doc, nil
}

func (doc *Document) add(sev finding.Severity, rule, focus, value, sv, en string) {
	doc.Findings = append(doc.Findings, newFinding(sev, rule, focus, value, sv, en))
}

// read interprets what ReadDocument collected.
func (doc *Document) read(nodes map[string]*node, graphs map[string][]rdf.Triple, first map[string]int) {
	members := map[string]bool{}
	var order []string
	member := func(k string) {
		if !members[k] {
			members[k] = true
			order = append(order, k)
		}
	}
	keys := make([]string, 0, len(nodes))
	for k := range nodes {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return first[keys[i]] < first[keys[j]] })
	for _, k := range keys {
		n := nodes[k]
		if hasIRI(n.props[rdfio.RDFType], LDESEventStream) {
			doc.stream(k, n)
			for _, m := range n.props[TreeMember] {
				member(key(m))
			}
		}
		for _, t := range n.props[rdfio.RDFType] {
			if i, ok := t.(rdf.IRI); ok && activity(i.String()) {
				member(k)
			}
		}
		for _, rel := range n.props[TreeRelation] {
			rn := nodes[key(rel)]
			if rn == nil {
				doc.add(finding.Warning, RuleRelationNode, strings.TrimPrefix(k, "<"), key(rel), "Relationen har ingen tree:node.", "The relation has no tree:node.")
				continue
			}
			doc.Next = append(doc.Next, rn.iris(TreeNodeProp)...)
		}
	}
	if len(doc.Streams) == 0 {
		doc.add(finding.Error, RuleStreamMissing, "", "", "Dokumentet beskriver ingen ldes:EventStream.", "The document describes no ldes:EventStream.")
	}
	sort.SliceStable(order, func(i, j int) bool { return first[order[i]] < first[order[j]] })
	for _, k := range order {
		doc.event(k, nodes[k], graphs[k])
	}
	for g := range graphs {
		if !members[g] {
			doc.add(finding.Warning, RuleGraphOrphan, strings.TrimPrefix(g, "<"), "",
				"Den namngivna grafen hör inte till någon händelse i flödet; den används inte.",
				"The named graph belongs to no event of the feed; it is not used.")
		}
	}
	sort.SliceStable(doc.Findings, func(i, j int) bool { return doc.Findings[i].Severity < doc.Findings[j].Severity })
}

func activity(t string) bool {
	switch t {
	case ASCreate, ASUpdate, ASDelete, ASRemove:
		return true
	}
	return false
}

func hasIRI(os []rdf.Object, iri string) bool {
	for _, o := range os {
		if i, ok := o.(rdf.IRI); ok && i.String() == iri {
			return true
		}
	}
	return false
}

// stream records an ldes:EventStream and checks its paths.
func (doc *Document) stream(k string, n *node) {
	iri := strings.TrimPrefix(k, "<")
	doc.Streams = append(doc.Streams, iri)
	if ts := n.iris(LDESTimestampPath); len(ts) == 0 || ts[0] != ASPublished {
		doc.add(finding.Warning, RuleStreamTimestamp, iri, strings.Join(ts, " "),
			"Flödets ldes:timestampPath bör vara as:published.", "The feed's ldes:timestampPath should be as:published.")
	}
	if vs := n.iris(LDESVersionOfPath); len(vs) == 0 || vs[0] != ASObject {
		doc.add(finding.Warning, RuleStreamVersionOf, iri, strings.Join(vs, " "),
			"Flödets ldes:versionOfPath ska vara as:object.", "The feed's ldes:versionOfPath must be as:object.")
	}
}

// event reads one member.
func (doc *Document) event(k string, n *node, payload []rdf.Triple) {
	if !strings.HasPrefix(k, "<") {
		doc.add(finding.Error, RuleEventBlank, k, "", "En händelse måste ha en IRI, inte en blank nod.", "An event must have an IRI, not a blank node.")
		return
	}
	e := Event{IRI: k[1:]}
	if n == nil {
		n = &node{}
	}
	var types []string
	for _, t := range n.props[rdfio.RDFType] {
		if i, ok := t.(rdf.IRI); ok && activity(i.String()) {
			types = append(types, i.String())
		}
	}
	switch {
	case len(types) == 0:
		doc.add(finding.Warning, RuleEventTypeMissing, e.IRI, "",
			"Händelsen har ingen typ (as:Create, as:Update, as:Delete); den läses som en uppdatering.",
			"The event has no type (as:Create, as:Update, as:Delete); it is read as an upsert.")
	case deletes(types) && upserts(types):
		doc.add(finding.Error, RuleEventType, e.IRI, strings.Join(types, " "),
			"Händelsen är både en borttagning och en uppdatering.", "The event both deletes and upserts.")
		return
	default:
		e.Type = types[0]
	}
	objs := n.props[ASObject]
	switch {
	case len(objs) == 0:
		doc.add(finding.Error, RuleObjectMissing, e.IRI, "", "Händelsen saknar as:object.", "The event has no as:object.")
		return
	case len(objs) > 1:
		doc.add(finding.Error, RuleObjectInvalid, e.IRI, fmt.Sprint(len(objs)), "Händelsen har mer än ett as:object.", "The event has more than one as:object.")
		return
	}
	obj, ok := objs[0].(rdf.IRI)
	if !ok {
		doc.add(finding.Error, RuleObjectInvalid, e.IRI, objs[0].String(),
			"as:object måste vara en IRI (inte en blank nod eller en litteral).", "as:object must be an IRI (not a blank node or a literal).")
		return
	}
	e.Object = obj.String()
	if !doc.published(&e, n.props[ASPublished]) {
		return
	}
	switch {
	case e.Deletes() && len(payload) > 0:
		doc.add(finding.Warning, RuleDeletePayload, e.IRI, "",
			"En borttagning har en namngiven graf; den används inte.", "A delete has a named graph; it is not used.")
	case !e.Deletes() && len(payload) == 0:
		doc.add(finding.Error, RulePayloadMissing, e.IRI, e.Object,
			"Händelsen saknar entitetens beskrivning (den namngivna grafen med händelsens IRI).",
			"The event lacks the entity's description (the named graph named by the event's IRI).")
		return
	case !e.Deletes():
		e.Payload = payload
		doc.checkPayload(&e)
	}
	doc.Events = append(doc.Events, e)
}

func deletes(types []string) bool {
	for _, t := range types {
		if t == ASDelete || t == ASRemove {
			return true
		}
	}
	return false
}

func upserts(types []string) bool {
	for _, t := range types {
		if t == ASCreate || t == ASUpdate {
			return true
		}
	}
	return false
}

// published reads the event's as:published; false when it is invalid.
func (doc *Document) published(e *Event, vals []rdf.Object) bool {
	switch len(vals) {
	case 0:
		doc.add(finding.Warning, RulePublishedMissing, e.IRI, "",
			"Händelsen saknar as:published; den ordnas efter sin plats i flödet.",
			"The event has no as:published; it is ordered by its place in the feed.")
		return true
	case 1:
	default:
		doc.add(finding.Error, RulePublishedInvalid, e.IRI, fmt.Sprint(len(vals)), "Händelsen har mer än ett as:published.", "The event has more than one as:published.")
		return false
	}
	l, ok := vals[0].(rdf.Literal)
	var t time.Time
	if ok {
		t, ok = ParseDateTime(l.String())
	}
	if !ok {
		doc.add(finding.Error, RulePublishedInvalid, e.IRI, vals[0].String(),
			"as:published är ingen giltig xsd:dateTime.", "as:published is not a valid xsd:dateTime.")
		return false
	}
	e.Published = t
	return true
}

// ParseDateTime reads an xsd:dateTime; one without a time zone is read as
// UTC.
func ParseDateTime(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

// checkPayload warns of blank nodes in a payload and of a payload that
// does not describe the event's object.
func (doc *Document) checkPayload(e *Event) {
	described, blank := false, false
	for _, t := range e.Payload {
		if i, ok := t.Subj.(rdf.IRI); ok && i.String() == e.Object {
			described = true
		}
		if _, ok := t.Subj.(rdf.Blank); ok {
			blank = true
		}
		if _, ok := t.Obj.(rdf.Blank); ok {
			blank = true
		}
	}
	if blank {
		doc.add(finding.Warning, RulePayloadBlank, e.IRI, e.Object,
			"Entitetens beskrivning har blanka noder; DCAT-AP-SE vill ha IRI:er.",
			"The entity's description has blank nodes; DCAT-AP-SE wants IRIs.")
	}
	if !described {
		doc.add(finding.Warning, RulePayloadObject, e.IRI, e.Object,
			"Den namngivna grafen beskriver inte händelsens as:object.",
			"The named graph does not describe the event's as:object.")
	}
}
