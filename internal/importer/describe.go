package importer

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/google/uuid"
	"github.com/knakk/rdf"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/dcat"
	"github.com/katalog-se/katalog/dcat/syntax/canon"
	"github.com/katalog-se/katalog/dcat/syntax/codec"
	"github.com/katalog-se/katalog/dcat/syntax/iri"
	"github.com/katalog-se/katalog/dcat/syntax/ntriples"
	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
	"github.com/katalog-se/katalog/dcat/syntax/rdfparse"
)

// Minted is an IRI katalog gave a resource the document published as a
// blank node, which DCAT-AP-SE does not allow for it (the harvester needs
// a name to tell one from another). The IRI is stable: the same document
// gets the same IRIs on every import.
type Minted struct {
	// Dataset is the IRI of the dataset whose description has the node.
	Dataset string `json:"dataset"`
	// Kind is dataset, distribution, dataService, contactPoint or
	// publisher.
	Kind string `json:"kind"`
	IRI  string `json:"iri"`
}

// Changed is a term katalog had to change to publish it: an IRI with
// characters RFC 3987 does not allow (a space), percent-encoded.
type Changed struct {
	Dataset string `json:"dataset"`
	From    string `json:"from"`
	To      string `json:"to"`
}

// Unpublishable is a triple of a description that no syntax katalog
// writes can carry (a text with a character XML 1.0 cannot hold, a
// property IRI RDF/XML cannot name): it is kept with the rest of the
// graph, not published.
type Unpublishable struct {
	Dataset string `json:"dataset"`
	Triple  string `json:"triple"`
	Reason  string `json:"reason"`
}

// described is one catalogued resource as the import makes it.
type described struct {
	d             *catalog.Dataset
	minted        []Minted
	changed       []Changed
	unpublishable []Unpublishable
	dropped       []rdf.Triple
	notes         []dcat.Note
}

// rootPlaceholder stands for a blank root while the description is put in
// canonical form, so that it keeps its identity through the relabelling.
const rootPlaceholder = "urn:uuid:6b1f6c0e-2b7a-4d7e-9e61-6a1b0c2d3e4f"

// The roles of blank nodes that get IRIs, in the order a node with two
// roles takes them.
var mintRoles = []struct {
	kind   string
	preds  []string
	types  []string
	suffix string
}{
	{"distribution", []string{dcat.DCATDistributionProp}, []string{dcat.DCATDistribution}, ""},
	{"dataService", []string{dcat.DCATAccessService}, []string{dcat.DCATDataService}, ""},
	{"contactPoint", []string{dcat.DCATContactPoint}, []string{dcat.NSVCard + "Organization", dcat.NSVCard + "Individual", dcat.NSVCard + "Kind"}, "contact"},
	{"publisher", []string{dcat.DCTermsPublisher}, nil, "publisher"},
}

// describe makes one catalogued resource from the triples of its
// description: its identity (ID and IRI; see Unmap's rules, and IRIs for
// the blank nodes DCAT-AP-SE does not allow), every term checked to be
// publishable in every syntax katalog writes, the canonical description
// and the model read from it. forceID, when set, is the ID to use (a
// second resource whose dct:identifier names a taken ID).
func (im *Importer) describe(root rdf.Subject, ts []rdf.Triple, forceID string, pc *publishCheck) (*described, error) {
	out := &described{}
	blankRoot := root.Type() == rdf.TermBlank
	rootIRI := iriOf(root)
	if blankRoot || needsOrder(ts) {
		// Canonical labels give the blank nodes a stable order (and the
		// blank root a hash), whatever the labels and order of the input.
		var err error
		if ts, err = canonicalTriples(ts, root); err != nil {
			return nil, err
		}
		if blankRoot {
			root = rdfparse.CheckedIRI(rootPlaceholder)
		}
	}
	id, err := im.resourceID(root, rootIRI, ts, forceID)
	if err != nil {
		return nil, err
	}
	dsIRI := rootIRI
	if blankRoot {
		dsIRI = im.mapper.BaseURL() + "/datasets/" + url.PathEscape(id)
	}
	ts, out.minted = mint(ts, root, blankRoot, dsIRI)
	ts = out.publishable(ts, dsIRI, pc)
	if fixed, ok := fixIRI(dsIRI); ok {
		dsIRI = fixed
	}
	var g canon.Graph
	model := dcat.NewGraph()
	for _, t := range ts {
		if err := g.Add(t); err != nil {
			return nil, fmt.Errorf("importer: dataset %s: %w", dsIRI, err)
		}
		model.Add(t)
	}
	pub, err := dcat.NewPublished(g.Canonical())
	if err != nil {
		return nil, err
	}
	d, notes := im.mapper.UnmapResource(model, rdfparse.CheckedIRI(dsIRI))
	d.ID, d.IRI, d.Published = id, dsIRI, pub
	if minted, err := im.mapper.DatasetIRI(id); err == nil && minted == dsIRI {
		d.IRI = "" // katalog's own form: minted again on the way out
	}
	out.d, out.notes = &d, notes
	return out, nil
}

func iriOf(t rdf.Term) string {
	if t != nil && t.Type() == rdf.TermIRI {
		return t.String()
	}
	return ""
}

// needsOrder reports whether two blank nodes may take one role: then
// their IRIs are given in canonical order.
func needsOrder(ts []rdf.Triple) bool {
	n := 0
	seen := map[string]bool{}
	for _, t := range ts {
		if b, ok := t.Obj.(rdf.Blank); ok && !seen[b.String()] {
			seen[b.String()] = true
			n++
		}
		if b, ok := t.Subj.(rdf.Blank); ok && !seen[b.String()] {
			seen[b.String()] = true
			n++
		}
	}
	return n > 1
}

// canonicalTriples relabels the blank nodes of ts canonically
// (dcat/syntax/canon), the blank root as rootPlaceholder.
func canonicalTriples(ts []rdf.Triple, root rdf.Subject) ([]rdf.Triple, error) {
	var g canon.Graph
	ph := rdfparse.CheckedIRI(rootPlaceholder)
	for _, t := range ts {
		if root.Type() == rdf.TermBlank {
			if t.Subj == root {
				t.Subj = ph
			}
			if b, ok := t.Obj.(rdf.Blank); ok && b == root {
				t.Obj = ph
			}
		}
		if err := g.Add(t); err != nil {
			return nil, fmt.Errorf("importer: %w", err)
		}
	}
	out, err := readNTriplesInto(make([]rdf.Triple, 0, len(ts)), bytes.NewReader(g.Canonical().Bytes()))
	if err != nil {
		return nil, fmt.Errorf("importer: reading a canonical description: %w", err)
	}
	return out, nil
}

// readNTriplesInto appends the triples of the N-Triples document r to dst.
func readNTriplesInto(dst []rdf.Triple, r io.Reader) ([]rdf.Triple, error) {
	nr := ntriples.NewReader(r)
	for {
		t, err := nr.Read()
		if errors.Is(err, io.EOF) {
			return dst, nil
		}
		if err != nil {
			return nil, err
		}
		dst = append(dst, t)
	}
}

// resourceID chooses the ID of a resource: forceID; else, for an IRI,
// katalog's own UUID when the IRI is katalog's ({base}/datasets/{uuid}),
// a UUID dct:identifier, else the name-based UUID (version 5) of the IRI;
// for a blank node, a UUID dct:identifier, the name-based UUID of another
// dct:identifier, else of the description's canonical hash.
func (im *Importer) resourceID(root rdf.Subject, rootIRI string, ts []rdf.Triple, forceID string) (string, error) {
	if forceID != "" {
		return forceID, nil
	}
	var ids []string
	for _, t := range ts {
		if t.Subj == root && t.Pred.String() == dcat.DCTermsIdentifier && t.Obj.Type() == rdf.TermLiteral {
			ids = append(ids, strings.TrimSpace(t.Obj.String()))
		}
	}
	sort.Strings(ids)
	if rootIRI != "" {
		if rest, ok := strings.CutPrefix(rootIRI, im.mapper.BaseURL()+"/datasets/"); ok {
			if s, err := url.PathUnescape(rest); err == nil {
				if u, err := uuid.Parse(s); err == nil {
					return u.String(), nil
				}
			}
		}
	}
	for _, s := range ids {
		if u, err := uuid.Parse(s); err == nil && len(s) == 36 {
			return u.String(), nil
		}
	}
	if rootIRI != "" {
		return uuid.NewSHA1(uuid.NameSpaceURL, []byte(rootIRI)).String(), nil
	}
	for _, s := range ids {
		if s != "" {
			return uuid.NewSHA1(uuid.NameSpaceURL, []byte("urn:katalog:identifier:"+s)).String(), nil
		}
	}
	var g canon.Graph
	for _, t := range ts {
		if err := g.Add(t); err != nil {
			return "", fmt.Errorf("importer: %w", err)
		}
	}
	return uuid.NewSHA1(uuid.NameSpaceURL, []byte("urn:sha256:"+g.Canonical().Hash())).String(), nil
}

// mint gives IRIs to the blank root and to the blank nodes DCAT-AP-SE
// does not allow as blank (distributions, data services, contact points,
// publishers), under the nearest named node above each (the dataset, or
// a data service or agent its description shares with others, so that
// every copy of a shared node names its blank nodes alike), as katalog's
// mapping names them ({node}#distribution-1, #service-2, #contact,
// #publisher), ordered by where they hang and their content
// (dcat.BlankAnchors).
func mint(ts []rdf.Triple, root rdf.Subject, blankRoot bool, dsIRI string) ([]rdf.Triple, []Minted) {
	role := map[string]int{}
	taken := map[string]bool{}
	for _, t := range ts {
		taken[iriOf(t.Subj)] = true
		taken[iriOf(t.Obj)] = true
	}
	for ri, r := range mintRoles {
		for _, t := range ts {
			var b rdf.Blank
			var ok bool
			switch {
			case slices.Contains(r.preds, t.Pred.String()):
				b, ok = t.Obj.(rdf.Blank)
			case t.Pred.String() == dcat.RDFType && slices.Contains(r.types, t.Obj.String()):
				b, ok = t.Subj.(rdf.Blank)
			}
			if !ok {
				continue
			}
			if _, has := role[b.String()]; !has {
				role[b.String()] = ri
			}
		}
	}
	var anchors map[string]dcat.Anchor
	if len(role) > 0 {
		anchors = dcat.BlankAnchors(ts)
	}
	type cand struct{ label, anchor, key string }
	cands := make([]cand, 0, len(role))
	for l, ri := range role {
		a := anchors[l]
		node := a.Node
		if node == "" || node == rootPlaceholder || root.Type() == rdf.TermIRI && node == root.String() {
			node = dsIRI
		}
		cands = append(cands, cand{label: l, anchor: node, key: fmt.Sprintf("%s\x00%d\x00%s\x00%s", node, ri, a.Path, a.Content)})
	}
	sort.Slice(cands, func(i, j int) bool {
		if cands[i].key != cands[j].key {
			return cands[i].key < cands[j].key
		}
		return labelLess(cands[i].label, cands[j].label)
	})
	names := map[string]rdf.IRI{}
	var minted []Minted
	if blankRoot {
		minted = append(minted, Minted{Dataset: dsIRI, Kind: "dataset", IRI: dsIRI})
	}
	counts := map[string]int{}
	for _, c := range cands {
		r := mintRoles[role[c.label]]
		prefix := strings.TrimSuffix(dcat.ContactIRI(c.anchor), "contact")
		var s string
		for {
			switch r.kind {
			case "distribution", "dataService":
				counts[c.anchor]++
				n := strconv.Itoa(counts[c.anchor])
				if r.kind == "distribution" {
					s = dcat.DistributionIRI(c.anchor, n)
				} else {
					s = dcat.DataServiceIRI(c.anchor, n)
				}
			default:
				k := c.anchor + "\x00" + r.kind
				counts[k]++
				s = prefix + r.suffix
				if n := counts[k]; n > 1 {
					s += "-" + strconv.Itoa(n)
				}
			}
			if !taken[s] {
				break
			}
		}
		taken[s] = true
		names[c.label] = rdfparse.CheckedIRI(s)
		minted = append(minted, Minted{Dataset: dsIRI, Kind: r.kind, IRI: s})
	}
	ds := rdfparse.CheckedIRI(dsIRI)
	out := make([]rdf.Triple, 0, len(ts))
	for _, t := range ts {
		if t.Subj == root {
			t.Subj = ds
		} else if b, ok := t.Subj.(rdf.Blank); ok {
			if x, ok := names[b.String()]; ok {
				t.Subj = x
			}
		}
		if o, ok := t.Obj.(rdf.Subject); ok && o == root {
			t.Obj = ds
		} else if b, ok := t.Obj.(rdf.Blank); ok {
			if x, ok := names[b.String()]; ok {
				t.Obj = x
			}
		}
		out = append(out, t)
	}
	return out, minted
}

// labelLess orders blank labels, numbers in them as numbers (b2 < b10).
func labelLess(a, b string) bool {
	na, ea := strconv.Atoi(strings.TrimLeft(a, "b"))
	nb, eb := strconv.Atoi(strings.TrimLeft(b, "b"))
	if ea == nil && eb == nil && na != nb {
		return na < nb
	}
	return a < b
}

// publishable makes every triple publishable in every syntax katalog
// writes, or sets it aside: an IRI with characters RFC 3987 does not allow
// is percent-encoded (reported as changed); a triple that still cannot be
// written (text XML 1.0 cannot carry, a property IRI without an XML local
// name for RDF/XML, a malformed language tag) is kept with the rest and
// reported, not published.
func (out *described) publishable(ts []rdf.Triple, dsIRI string, pc *publishCheck) []rdf.Triple {
	kept := ts[:0]
	changed := map[string]bool{}
	fix := func(t rdf.Term) rdf.Term {
		s := iriOf(t)
		if s == "" {
			return t
		}
		f, ok := fixIRI(s)
		if !ok || f == s {
			return t
		}
		if !changed[s] {
			changed[s] = true
			out.changed = append(out.changed, Changed{Dataset: dsIRI, From: s, To: f})
		}
		return rdfparse.CheckedIRI(f)
	}
	for _, t := range ts {
		t.Subj = fix(t.Subj).(rdf.Subject)
		t.Pred = fix(t.Pred).(rdf.Predicate)
		t.Obj = fix(t.Obj).(rdf.Object)
		if l, ok := t.Obj.(rdf.Literal); ok && l.Lang() == "" {
			if dt := l.DataType.String(); dt != "" {
				if f, ok := fixIRI(dt); ok && f != dt {
					t.Obj = rdf.NewTypedLiteral(l.String(), rdfparse.CheckedIRI(f))
				}
			}
		}
		if reason := pc.unwritable(t); reason != "" {
			out.unpublishable = append(out.unpublishable, Unpublishable{Dataset: dsIRI, Triple: strings.TrimSuffix(string(appendNTriple(nil, t)), "\n"), Reason: reason})
			out.dropped = append(out.dropped, t)
			continue
		}
		kept = append(kept, t)
	}
	return kept
}

// publishCheck tells whether a triple can be published in every syntax
// katalog writes: it writes it with each writer (RDF/XML, Turtle,
// JSON-LD; N-Triples takes what they take) into nothing, and a writer
// that refuses it (an invalid term, a property RDF/XML cannot name, text
// XML 1.0 cannot carry, an IRI JSON-LD would read as a compact one) says
// why. The writers stream and stay usable after refusing a triple; one
// publishCheck serves a run, one description after another.
type publishCheck struct {
	ws []rdfio.Writer
}

func newPublishCheck() (*publishCheck, error) {
	pc := &publishCheck{}
	for _, f := range []rdfio.Format{rdfio.RDFXML, rdfio.Turtle, rdfio.JSONLD} {
		w, err := codec.NewWriter(f, io.Discard)
		if err != nil {
			return nil, fmt.Errorf("importer: %w", err)
		}
		pc.ws = append(pc.ws, w)
	}
	return pc, nil
}

// unwritable says why a triple cannot be written in every syntax, or "".
func (pc *publishCheck) unwritable(t rdf.Triple) string {
	for _, w := range pc.ws {
		if err := w.Write(t); err != nil {
			return err.Error()
		}
	}
	return ""
}

// fixIRI percent-encodes, as UTF-8, the characters an IRI may not hold
// (space, <>"{}|\^`, control characters, invalid UTF-8; then, if that is
// not enough, every non-ASCII character), keeping every other character
// and the case of the host (RDF compares IRIs as strings). ok is false
// when the result is still not a valid IRI.
func fixIRI(s string) (string, bool) {
	if iri.Check(s) == nil {
		return s, true
	}
	for _, all := range []bool{false, true} {
		var b strings.Builder
		for i := 0; i < len(s); {
			r, size := utf8.DecodeRuneInString(s[i:])
			switch {
			case r == utf8.RuneError && size <= 1,
				r < 0x80 && (r <= 0x20 || r == 0x7f || strings.ContainsRune("<>\"{}|\\^`", r)),
				all && r >= 0x80:
				for _, c := range []byte(s[i : i+size]) {
					fmt.Fprintf(&b, "%%%02X", c)
				}
			default:
				b.WriteString(s[i : i+size])
			}
			i += size
		}
		if f := b.String(); iri.Check(f) == nil {
			return f, true
		}
	}
	return s, false
}
