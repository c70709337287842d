// Package findings groups a DCAT-AP-SE validation's findings for people:
// by the dataset they are about (a distribution's or contact's findings
// under its dataset), with the dataset's title and, for a document pasted
// into a form, the line where each node first appears. It reads the
// triples on their way to the validator, remembering a bounded index of
// which node belongs to which dataset.
package findings

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/knakk/rdf"

	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
	"github.com/katalog-se/katalog/dcat/validate"
)

const (
	// MaxKept caps the findings a report keeps of one validation (the
	// counts stay exact).
	MaxKept = 500
	// maxIndexed caps the nodes whose dataset and title are remembered
	// while a document is read, so that memory stays bounded.
	maxIndexed = 200_000
)

// Report is one validation, grouped for a page.
type Report struct {
	Profile            string
	Conforms           bool
	Errors, Warnings   int
	Infos              int
	Truncated          bool
	Groups             []Group
	ValidatedAt        time.Time
	Triples            int
	Datasets           int
	SyntaxLine, Column int
	Syntax             string
}

// Group is the findings about one dataset ("" IRI: the catalog and
// nodes outside any dataset).
type Group struct {
	IRI, Title       string
	Errors, Warnings int
	Rows             []Row
}

// Row is one finding, with the line where its node first appears
// (0: not known).
type Row struct {
	validate.Result
	Line int
	// Own is true when the finding is about the dataset node itself.
	Own bool
}

// graphIndex reads triples through to the validator and remembers, for
// grouping, which node belongs to which dataset and the datasets' titles.
type graphIndex struct {
	r        rdfio.Reader
	triples  int
	parent   map[string]string
	datasets map[string]bool
	titles   map[string]string
	full     bool
}

func newGraphIndex(r rdfio.Reader) *graphIndex {
	return &graphIndex{r: r, parent: map[string]string{}, datasets: map[string]bool{}, titles: map[string]string{}}
}

const (
	nsDCAT  = "http://www.w3.org/ns/dcat#"
	nsDCT   = "http://purl.org/dc/terms/"
	rdfType = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
)

// Read implements rdfio.Reader.
func (g *graphIndex) Read() (rdf.Triple, error) {
	t, err := g.r.Read()
	if err == nil {
		g.count(t)
	}
	return t, err
}

// count indexes one triple on its way to the validator.
func (g *graphIndex) count(t rdf.Triple) {
	g.triples++
	if !g.full {
		g.see(t)
	}
}

func termKey(t rdf.Term) string {
	if b, ok := t.(rdf.Blank); ok {
		return "_:" + b.String()
	}
	return t.String()
}

func (g *graphIndex) see(t rdf.Triple) {
	s, p := termKey(t.Subj), t.Pred.String()
	switch p {
	case nsDCAT + "dataset":
		g.datasets[termKey(t.Obj)] = true
	case rdfType:
		if t.Obj.String() == nsDCAT+"Dataset" {
			g.datasets[s] = true
		}
	case nsDCAT + "distribution", nsDCAT + "contactPoint", nsDCT + "temporal", nsDCAT + "accessService", nsDCAT + "qualifiedRelation":
		g.parent[termKey(t.Obj)] = s
	case nsDCAT + "servesDataset":
		g.parent[s] = termKey(t.Obj)
	case nsDCT + "title":
		if l, ok := t.Obj.(rdf.Literal); ok && (g.titles[s] == "" || l.Lang() == "sv") {
			g.titles[s] = l.String()
		}
	}
	g.full = len(g.parent)+len(g.titles)+len(g.datasets) > maxIndexed
}

// datasetOf is the dataset node n belongs to ("" for none), following at
// most three links up (a service of a distribution of a dataset).
func (g *graphIndex) datasetOf(n string) string {
	for range 4 {
		if g.datasets[n] {
			return n
		}
		p, ok := g.parent[n]
		if !ok {
			break
		}
		n = p
	}
	// katalog's own IRIs put a dataset's parts under its IRI's fragment.
	if i := strings.IndexByte(n, '#'); i > 0 && g.datasets[n[:i]] {
		return n[:i]
	}
	return ""
}

// Validate validates r with p and groups the findings; lines, if
// not nil, says where a node first appears. A syntax error is reported
// in the result, located; other errors are returned.
func Validate(ctx context.Context, p validate.Profile, r rdfio.Reader, lines *Lines) (*Report, error) {
	g := newGraphIndex(r)
	rep, err := validate.New(p, validate.WithMaxResults(MaxKept)).Validate(ctx, g)
	out := &Report{ValidatedAt: time.Now(), Triples: g.triples, Datasets: len(g.datasets)}
	var se *rdfio.SyntaxError
	if errors.As(err, &se) {
		out.Syntax, out.SyntaxLine, out.Column = se.Msg, se.Line, se.Column
		return out, nil
	}
	if err != nil {
		return nil, err
	}
	group(out, rep, g, lines)
	return out, nil
}

// group fills out with rep's counts and its findings grouped by dataset,
// the catalog's first, then those with the most errors.
func group(out *Report, rep *validate.Report, g *graphIndex, lines *Lines) {
	out.Profile, out.Conforms, out.Errors, out.Warnings, out.Infos, out.Truncated = rep.Profile, rep.Conforms, rep.Errors, rep.Warnings, rep.Infos, rep.Truncated
	byDataset := map[string]*Group{}
	for _, res := range rep.Results {
		ds := g.datasetOf(res.Focus)
		grp := byDataset[ds]
		if grp == nil {
			grp = &Group{IRI: ds, Title: g.titles[ds]}
			byDataset[ds] = grp
		}
		row := Row{Result: res, Own: res.Focus == ds}
		if lines != nil {
			row.Line = lines.First(res.Focus)
		}
		switch res.Severity {
		case validate.Error:
			grp.Errors++
		case validate.Warning:
			grp.Warnings++
		}
		grp.Rows = append(grp.Rows, row)
	}
	for _, grp := range byDataset {
		out.Groups = append(out.Groups, *grp)
	}
	sort.Slice(out.Groups, func(i, j int) bool {
		a, b := &out.Groups[i], &out.Groups[j]
		if (a.IRI == "") != (b.IRI == "") {
			return a.IRI == "" // the catalog first
		}
		if a.Errors != b.Errors {
			return a.Errors > b.Errors
		}
		return a.IRI < b.IRI
	})
}

// Validator starts grouped validations with one profile, for documents
// fed triple by triple (as the readiness check reads a catalog).
type Validator struct{ v *validate.Validator }

// NewValidator prepares grouped validations with p.
func NewValidator(p validate.Profile) *Validator {
	return &Validator{v: validate.New(p, validate.WithMaxResults(MaxKept))}
}

// NewSession starts one validation: Write every triple, then Report.
func (v *Validator) NewSession() *Session {
	return &Session{idx: newGraphIndex(nil), s: v.v.NewSession()}
}

// Session is one grouped validation fed triple by triple. It is not safe
// for concurrent use.
type Session struct {
	idx *graphIndex
	s   *validate.Session
}

// Write takes one triple; it fails when the validation cannot spill to
// disk.
func (s *Session) Write(t rdf.Triple) error {
	s.idx.count(t)
	return s.s.Write(t)
}

// Report judges the triples written and groups the findings. It may be
// called more than once.
func (s *Session) Report(ctx context.Context) (*Report, error) {
	rep, err := s.s.FinishContext(ctx)
	if err != nil {
		return nil, fmt.Errorf("findings: %w", err)
	}
	out := &Report{ValidatedAt: time.Now(), Triples: s.idx.triples, Datasets: len(s.idx.datasets)}
	group(out, rep, s.idx, nil)
	return out, nil
}

// Lines finds the line where a node first appears in a document.
type Lines struct {
	text  string
	lines []int // offsets of line starts
}

// NewLines indexes the lines of text.
func NewLines(text string) *Lines {
	li := &Lines{text: text, lines: []int{0}}
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			li.lines = append(li.lines, i+1)
		}
	}
	return li
}

// First is the line (from 1) of the first mention of node: its whole IRI,
// else its fragment or last path segment as written in the document; 0
// when it is not found (a blank node's label is the parser's own).
func (li *Lines) First(node string) int {
	if node == "" || strings.HasPrefix(node, "_:") {
		return 0
	}
	at := strings.Index(li.text, node)
	if at < 0 {
		if i := strings.LastIndexAny(node, "#/"); i >= 0 && i < len(node)-1 {
			at = strings.Index(li.text, node[i:])
		}
	}
	if at < 0 {
		return 0
	}
	return sort.Search(len(li.lines), func(i int) bool { return li.lines[i] > at })
}
