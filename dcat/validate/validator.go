package validate

import (
	"context"
	"errors"
	"fmt"
	"hash/maphash"
	"io"

	"github.com/knakk/rdf"

	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
)

const rdfType = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"

// Defaults of the windowed store (see the package doc).
const (
	// DefaultWindow is how many triples a node may go untouched before it
	// is judged and evicted.
	DefaultWindow = 20000
	// DefaultValueCap is how many values of one predicate a node keeps.
	DefaultValueCap = 32
)

// Option configures a Validator.
type Option func(*Validator)

// WithMaxResults keeps at most n results in a report (the first n in the
// report's order); the counts stay exact. n ≤ 0 keeps all.
func WithMaxResults(n int) Option { return func(v *Validator) { v.maxResults = n } }

// WithWindow sets how many triples a node may go untouched before it is
// judged (default DefaultWindow). Larger windows tolerate less grouped
// input at the cost of memory.
func WithWindow(triples int) Option {
	return func(v *Validator) {
		if triples > 0 {
			v.window = int64(triples)
		}
	}
}

// Validator checks RDF graphs against one Profile. It is immutable and
// safe for concurrent use; each validation has its own Session.
type Validator struct {
	p          Profile
	maxResults int
	window     int64
	valueCap   int

	classByType map[string][]int  // rdf:type IRI → class indexes
	rows        [][]propRow       // per class
	rowByPred   []map[string]int  // per class: predicate or alias → row
	rolePred    map[string]uint   // role-giving predicate → bit
	roleTarget  []int             // bit → class index
	linkOnly    []map[string]bool // per class
}

// propRow is a Property with its precomputed rule ids.
type propRow struct {
	*Property
	ids ruleIDs
}

type ruleIDs struct {
	min, rec, max, kind, lang, datatype, pattern, vocab, deprecated, canonical, sv, en string
}

// New returns a Validator for p.
func New(p Profile, opts ...Option) *Validator {
	v := &Validator{p: p, window: DefaultWindow, valueCap: DefaultValueCap,
		classByType: map[string][]int{}, rolePred: map[string]uint{}}
	for _, o := range opts {
		o(v)
	}
	classIdx := map[string]int{}
	for i, c := range p.Classes {
		classIdx[c.ID] = i
	}
	for i := range p.Classes {
		c := &p.Classes[i]
		for _, t := range c.Types {
			v.classByType[t] = append(v.classByType[t], i)
		}
		rows := make([]propRow, len(c.Properties))
		byPred := map[string]int{}
		for j := range c.Properties {
			pr := &c.Properties[j]
			s := c.ID + "." + pr.ID + "."
			rows[j] = propRow{Property: pr, ids: ruleIDs{
				min: s + "min", rec: s + "recommended", max: s + "max", kind: s + "kind", lang: s + "lang",
				datatype: s + "datatype", pattern: s + "pattern", vocab: s + "vocab",
				deprecated: s + "deprecated", canonical: s + "canonical", sv: s + "sv", en: s + "en",
			}}
			byPred[pr.IRI] = j
			for _, a := range pr.Aliases {
				byPred[a] = j
			}
			if pr.Target != "" {
				ti, ok := classIdx[pr.Target]
				if !ok {
					continue
				}
				for _, pred := range append([]string{pr.IRI}, pr.Aliases...) {
					if _, dup := v.rolePred[pred]; !dup && len(v.roleTarget) < 64 {
						v.rolePred[pred] = uint(len(v.roleTarget))
						v.roleTarget = append(v.roleTarget, ti)
					}
				}
			}
		}
		v.rows = append(v.rows, rows)
		v.rowByPred = append(v.rowByPred, byPred)
		lo := map[string]bool{}
		for _, pred := range c.LinkOnly {
			lo[pred] = true
		}
		v.linkOnly = append(v.linkOnly, lo)
	}
	return v
}

// Profile returns the validator's profile.
func (v *Validator) Profile() Profile { return v.p }

// Validate reads every triple of r and returns the report. A reader error
// (such as *rdfio.SyntaxError) is returned as the error, not as a finding;
// so is ctx's error when it is cancelled.
func (v *Validator) Validate(ctx context.Context, r rdfio.Reader) (*Report, error) {
	s := v.NewSession()
	for i := 0; ; i++ {
		if i&1023 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, fmt.Errorf("validate: %w", err)
			}
		}
		t, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("validate: reading the graph: %w", err)
		}
		s.Add(t)
	}
	return s.Finish(), nil
}

// ValidateTriples validates a graph already in memory.
func (v *Validator) ValidateTriples(ts []rdf.Triple) *Report {
	s := v.NewSession()
	for _, t := range ts {
		s.Add(t)
	}
	return s.Finish()
}

// Session is one validation run: Add every triple, then Finish. A Session
// is not safe for concurrent use.
type Session struct {
	v       *Validator
	rep     *Reporter
	seq     int64
	window  map[string]*Focus
	seen    map[uint64]struct{}
	seed    maphash.Seed
	pending map[string]uint64 // not yet seen node → role bits
	runs    []RuleRun
	done    bool
}

// NewSession starts a validation run.
func (v *Validator) NewSession() *Session {
	s := &Session{v: v, rep: newReporter(v.maxResults), window: map[string]*Focus{},
		seen: map[uint64]struct{}{}, seed: maphash.MakeSeed(), pending: map[string]uint64{}}
	for _, r := range v.p.Rules {
		s.runs = append(s.runs, r.New())
	}
	return s
}

// Write takes one triple, as Add: with Close it makes a Session an
// rdfio.Writer, so a document can be validated as it is composed (katalog's
// own feeds are, straight from the mapper) without being written out and
// read back.
func (s *Session) Write(t rdf.Triple) error {
	s.Add(t)
	return nil
}

// Close does nothing: Finish ends the run.
func (s *Session) Close() error { return nil }

// Add takes one triple.
func (s *Session) Add(t rdf.Triple) {
	if s.done {
		return
	}
	s.seq++
	for _, c := range s.runs {
		c.Triple(t, s.rep)
	}
	key, ok := termKey(t.Subj)
	if !ok {
		return
	}
	n := s.window[key]
	if n == nil {
		n = s.open(key, t.Subj.Type() == rdf.TermBlank)
	}
	n.last = s.seq
	pred := t.Pred.String()
	if pred == rdfType {
		if o, ok := t.Obj.(rdf.IRI); ok && !contains(n.Types, o.String()) {
			n.Types = append(n.Types, o.String())
		}
	}
	if bit, ok := s.v.rolePred[pred]; ok {
		if okey, ok := termKey(t.Obj); ok {
			s.refer(okey, uint64(1)<<bit)
		}
	}
	p := n.prop(pred)
	if p == nil {
		p = n.addProp(pred)
	}
	p.count++
	if len(p.values) < s.v.valueCap {
		p.values = append(p.values, t.Obj)
	} else if cls := s.v.typeClasses(n); len(cls) > 0 {
		// Too many values to keep: judge this one now by the classes the
		// node's types give it.
		for _, ci := range cls {
			if ri, ok := s.v.rowByPred[ci][pred]; ok {
				s.checkValue(n, &s.v.p.Classes[ci], &s.v.rows[ci][ri], t.Obj)
			}
		}
	} else {
		p.values = append(p.values, t.Obj)
	}
	if s.seq%(s.v.window/2+1) == 0 {
		s.sweep()
	}
}

// open starts a node: fresh, or reopened when it was judged already.
func (s *Session) open(key string, blank bool) *Focus {
	n := &Focus{ID: key, Blank: blank, v: s.v}
	h := maphash.String(s.seed, key)
	if _, seen := s.seen[h]; seen {
		n.reopened = true
	} else {
		s.seen[h] = struct{}{}
	}
	if bits, ok := s.pending[key]; ok {
		n.refs |= bits
		delete(s.pending, key)
	}
	s.window[key] = n
	return n
}

// refer records that the node key is referenced by a role predicate.
func (s *Session) refer(key string, bit uint64) {
	if n := s.window[key]; n != nil {
		n.refs |= bit
		return
	}
	if _, seen := s.seen[maphash.String(s.seed, key)]; seen {
		return // judged already; see the package doc
	}
	s.pending[key] |= bit
}

// sweep judges and evicts the nodes untouched for a window.
func (s *Session) sweep() {
	for k, n := range s.window {
		if s.seq-n.last > s.v.window {
			s.judge(n)
			delete(s.window, k)
		}
	}
}

// Finish judges what is left and returns the report. Add after Finish is
// ignored; Finish may be called once.
func (s *Session) Finish() *Report {
	if !s.done {
		s.done = true
		for k, n := range s.window {
			s.judge(n)
			delete(s.window, k)
		}
		for key, bits := range s.pending {
			s.undescribed(key, bits)
		}
		for _, c := range s.runs {
			c.Finish(s.rep)
		}
	}
	return s.rep.report(s.v.p.Name)
}

// typeClasses returns the class indexes of n's rdf:types.
func (v *Validator) typeClasses(n *Focus) []int {
	var out []int
	for _, t := range n.Types {
		for _, ci := range v.classByType[t] {
			if !containsInt(out, ci) {
				out = append(out, ci)
			}
		}
	}
	return out
}

// resolve sets n.classes: its types' classes, else its references'.
func (s *Session) resolve(n *Focus) {
	cls := s.v.typeClasses(n)
	if len(cls) == 0 {
		for bit, ci := range s.v.roleTarget {
			if n.refs&(1<<uint(bit)) != 0 && !containsInt(cls, ci) {
				cls = append(cls, ci)
			}
		}
	}
	n.classes = n.classes[:0]
	for _, ci := range cls {
		n.classes = append(n.classes, &s.v.p.Classes[ci])
	}
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func containsInt(is []int, i int) bool {
	for _, x := range is {
		if x == i {
			return true
		}
	}
	return false
}
