package validate

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"strings"

	"github.com/knakk/rdf"

	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
	"github.com/katalog-se/katalog/dcat/syntax/rdfparse"
	"github.com/katalog-se/katalog/internal/extsort"
)

const rdfType = rdfNS + "type"

// Defaults of a Validator (see the package doc).
const (
	// DefaultMemory is how many bytes of sorted records a validation
	// keeps in memory before it spills them to a temporary file.
	DefaultMemory = 16 << 20
	// DefaultValueCap is how many values of one predicate a node keeps.
	DefaultValueCap = 32
)

// Option configures a Validator.
type Option func(*Validator)

// WithMaxResults keeps at most n results in a report (the first n in the
// report's order); the counts stay exact. n ≤ 0 keeps all.
func WithMaxResults(n int) Option { return func(v *Validator) { v.maxResults = n } }

// WithMemory sets how many bytes of records a validation keeps in memory
// before it sorts them and spills them to a temporary file (default
// DefaultMemory). The findings do not depend on it; time and disk use do.
func WithMemory(bytes int64) Option {
	return func(v *Validator) {
		if bytes > 0 {
			v.memory = bytes // extsort.New bounds it
		}
	}
}

// WithTempDir sets the directory of the temporary files (default
// os.TempDir()).
func WithTempDir(dir string) Option { return func(v *Validator) { v.tempDir = dir } }

// withFanIn sets how many spilled runs are merged at once (tests; the
// default is extsort.DefaultFanIn).
func withFanIn(n int) Option { return func(v *Validator) { v.fanIn = n } }

// Validator checks RDF graphs against one Profile. It is immutable and
// safe for concurrent use; each validation has its own Session.
type Validator struct {
	p          Profile
	maxResults int
	valueCap   int
	memory     int64
	tempDir    string
	fanIn      int

	classByType map[string][]int // rdf:type IRI → class indexes
	notable     map[string]bool  // IRI values kept past the value cap (GraphRule.IRIs)
	rows        [][]propRow      // per class
	rowByCode   [][]int          // per class: predicate code → row, or -1
	linkOnly    []map[string]bool

	// Known predicates: those of the tables (and their aliases), rdf:type
	// and those the graph rules follow backwards. Code 0 is unknown.
	predCode map[string]int
	preds    []string
	predIRI  []rdf.IRI
	// Predicates followed backwards: each has an index into
	// Focus.inbound.
	inbound       []inboundPred
	inboundIdx    map[string]int
	inboundByCode []int // predicate code → inbound index, or -1
}

// inboundPred is a predicate the validator follows backwards; target is
// the class its objects are (a role predicate), or -1.
type inboundPred struct {
	code   int
	target int
}

// propRow is a Property with its precomputed rule ids, the codes of its
// predicate and aliases, and whether its values are text (where empty
// text counts as missing).
type propRow struct {
	*Property
	ids   ruleIDs
	codes []int
	text  bool
}

type ruleIDs struct {
	min, rec, max, kind, lang, datatype, pattern, vocab, deprecated, canonical, empty, sv, en string
}

// New returns a Validator for p.
func New(p Profile, opts ...Option) *Validator {
	v := &Validator{p: p, valueCap: DefaultValueCap, memory: DefaultMemory,
		classByType: map[string][]int{}, predCode: map[string]int{}, inboundIdx: map[string]int{}}
	for _, o := range opts {
		o(v)
	}
	v.preds = []string{""}
	code := func(pred string) int {
		if c, ok := v.predCode[pred]; ok {
			return c
		}
		v.predCode[pred] = len(v.preds)
		v.preds = append(v.preds, pred)
		return len(v.preds) - 1
	}
	code(rdfType)
	classIdx := map[string]int{}
	for i, c := range p.Classes {
		classIdx[c.ID] = i
	}
	follow := func(pred string, target int) {
		if i, ok := v.inboundIdx[pred]; ok {
			if v.inbound[i].target < 0 {
				v.inbound[i].target = target
			}
			return
		}
		v.inboundIdx[pred] = len(v.inbound)
		v.inbound = append(v.inbound, inboundPred{code: code(pred), target: target})
	}
	for i := range p.Classes {
		c := &p.Classes[i]
		for _, t := range c.Types {
			v.classByType[t] = append(v.classByType[t], i)
		}
		rows := make([]propRow, len(c.Properties))
		for j := range c.Properties {
			pr := &c.Properties[j]
			s := c.ID + "." + pr.ID + "."
			rows[j] = propRow{Property: pr, ids: ruleIDs{
				min: s + CheckMin, rec: s + CheckRecommended, max: s + CheckMax, kind: s + CheckKind, lang: s + CheckLang,
				datatype: s + CheckDatatype, pattern: s + CheckPattern, vocab: s + CheckVocab,
				deprecated: s + CheckDeprecated, canonical: s + CheckCanonical, empty: s + CheckEmpty, sv: s + CheckSV, en: s + CheckEN,
			}}
			rows[j].text = pr.Kind == Literal || pr.Kind == PlainLiteral || pr.Kind == LangLiteral || pr.Kind == LiteralOrIRI
			for _, pred := range append([]string{pr.IRI}, pr.Aliases...) {
				rows[j].codes = append(rows[j].codes, code(pred))
				if pr.Target != "" {
					if ti, ok := classIdx[pr.Target]; ok {
						follow(pred, ti)
					}
				}
			}
		}
		v.rows = append(v.rows, rows)
		lo := map[string]bool{}
		for _, pred := range c.LinkOnly {
			lo[pred] = true
		}
		v.linkOnly = append(v.linkOnly, lo)
	}
	v.notable = map[string]bool{}
	for _, r := range p.Rules {
		for _, pred := range r.Inbound {
			follow(pred, -1)
		}
		for _, iri := range r.IRIs {
			v.notable[iri] = true
		}
	}
	v.predIRI = make([]rdf.IRI, len(v.preds))
	for i, pred := range v.preds[1:] {
		v.predIRI[i+1] = rdfparse.CheckedIRI(pred)
	}
	v.inboundByCode = make([]int, len(v.preds))
	for i := range v.inboundByCode {
		v.inboundByCode[i] = -1
	}
	for i, in := range v.inbound {
		v.inboundByCode[in.code] = i
	}
	for _, c := range p.Classes {
		byCode := make([]int, len(v.preds))
		for i := range byCode {
			byCode[i] = -1
		}
		for j, pr := range c.Properties {
			for _, pred := range append([]string{pr.IRI}, pr.Aliases...) {
				byCode[v.predCode[pred]] = j
			}
		}
		v.rowByCode = append(v.rowByCode, byCode)
	}
	return v
}

// Profile returns the validator's profile.
func (v *Validator) Profile() Profile { return v.p }

// Validate reads every triple of r and returns the report. A reader error
// (such as *rdfio.SyntaxError) is returned as the error, not as a finding;
// so is ctx's error when it is cancelled, and a failure to spill to disk.
func (v *Validator) Validate(ctx context.Context, r rdfio.Reader) (*Report, error) {
	s := v.NewSession()
	for i := 0; ; i++ {
		if i&1023 == 0 {
			if err := ctx.Err(); err != nil {
				s.discard()
				return nil, fmt.Errorf("validate: %w", err)
			}
		}
		t, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			s.discard()
			return nil, fmt.Errorf("validate: reading the graph: %w", err)
		}
		if err := s.Write(t); err != nil {
			s.discard()
			return nil, err
		}
	}
	rep, err := s.FinishContext(ctx)
	if err != nil {
		return nil, err
	}
	return rep, nil
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
	v        *Validator
	rep      *Reporter
	seed     maphash.Seed
	sp       *extsort.Sorter // the records by node (see the package doc)
	runs     []RuleRun
	tripleRs []TripleRun

	lastSubj rdf.Subject
	subjNode []byte
	subjHash uint64
	objNode  []byte

	done   bool
	err    error
	report *Report
}

// NewSession starts a validation run.
func (v *Validator) NewSession() *Session {
	s := &Session{v: v, rep: newReporter(v.maxResults), seed: maphash.MakeSeed(),
		sp: extsort.New(v.tempDir, v.memory)}
	s.sp.SetFanIn(v.fanIn)
	for _, r := range v.p.Rules {
		run := r.New()
		s.runs = append(s.runs, run)
		if tr, ok := run.(TripleRun); ok {
			s.tripleRs = append(s.tripleRs, tr)
		}
	}
	return s
}

// Write takes one triple, as Add: with Close it makes a Session an
// rdfio.Writer, so a document can be validated as it is composed (katalog's
// own feeds are, straight from the mapper) without being written out and
// read back. It fails when the session cannot spill to disk.
func (s *Session) Write(t rdf.Triple) error {
	s.Add(t)
	return s.Err()
}

// Close does nothing: Finish ends the run.
func (s *Session) Close() error { return nil }

// Err returns the error that stopped the session: a failure to spill its
// records to disk or to read them back, or the context's error in
// FinishContext. A report made after an error is incomplete.
func (s *Session) Err() error {
	if s.err != nil {
		return s.err
	}
	if err := s.sp.Err(); err != nil {
		return fmt.Errorf("validate: sorting the records by node: %w", err)
	}
	return nil
}

// Add takes one triple. Nothing is judged before Finish: a node is judged
// once every triple has been read.
func (s *Session) Add(t rdf.Triple) {
	if s.done || s.sp.Err() != nil || t.Subj == nil || t.Pred == nil || t.Obj == nil {
		return
	}
	if t.Subj != s.lastSubj {
		var ok bool
		if s.subjNode, ok = appendNode(s.subjNode[:0], t.Subj, true); !ok {
			s.lastSubj = nil
			return
		}
		s.lastSubj = t.Subj
		s.subjHash = maphash.Bytes(s.seed, s.subjNode)
	}
	pred := t.Pred.String()
	code := s.v.predCode[pred]
	rank := rankValue
	if code == 1 {
		rank = rankType
	}
	// Records are built where the sorter keeps them (Room, Commit), not
	// copied there: a failure is kept for Err.
	rec := s.sp.Room(len(s.subjNode) + len(pred) + termLen(t.Obj) + 32)
	if rec == nil {
		return
	}
	rec = append(rec, s.subjNode...)
	rec = append(rec, rank)
	rec = appendPred(rec, uint64(code), pred)
	rec = appendObject(rec, t.Obj)
	if s.sp.Commit(s.subjHash, rec) != nil || code == 0 || s.v.inboundByCode[code] < 0 {
		return
	}
	var ok bool
	if s.objNode, ok = appendNode(s.objNode[:0], t.Obj, true); !ok {
		return
	}
	rec = s.sp.Room(len(s.objNode) + len(s.subjNode) + 16)
	if rec == nil {
		return
	}
	rec = append(rec, s.objNode...)
	rec = append(rec, rankInbound)
	rec = appendPred(rec, uint64(code), pred)
	rec, _ = appendNode(rec, t.Subj, false)
	s.sp.Commit(maphash.Bytes(s.seed, s.objNode), rec)
}

// Finish judges every node and returns the report; see Err for a failure
// to spill to disk. Add after Finish is ignored; Finish may be called
// more than once and returns the same report.
func (s *Session) Finish() *Report {
	rep, _ := s.FinishContext(context.Background())
	return rep
}

// FinishContext is Finish that stops when ctx is done; its error is
// Err's.
func (s *Session) FinishContext(ctx context.Context) (*Report, error) {
	if s.report != nil {
		return s.report, s.Err()
	}
	s.done = true
	if s.err == nil && s.sp.Err() == nil {
		a := &assembler{s: s, inbound: make([]int, len(s.v.inbound))}
		i := 0
		err := s.sp.Each(func(_ uint64, rec []byte) error {
			if i++; i&4095 == 0 {
				if err := ctx.Err(); err != nil {
					return fmt.Errorf("validate: %w", err)
				}
			}
			return a.record(rec)
		})
		if err == nil {
			a.end()
		} else if s.sp.Err() == nil {
			s.err = err // the assembler's or the context's; Err reports the sorter's
		}
	}
	s.sp.Close()
	for _, c := range s.runs {
		c.Finish(s.rep)
	}
	s.report = s.rep.report(s.v.p.Name)
	return s.report, s.Err()
}

// discard ends a session that will not be finished, releasing its
// memory and temporary files.
func (s *Session) discard() {
	s.done = true
	s.sp.Close()
}

var errCorrupt = errors.New("validate: a spilled record is damaged")

// assembler builds each node from its run of records and judges it.
type assembler struct {
	s         *Session
	n         *Focus
	node      []byte
	subj      rdf.Subject
	lastOther []byte
	// buffers reused from node to node
	inbound []int
	props   []prop
	vals    []rdf.Object
}

// record takes the next record in the sort's order.
func (a *assembler) record(rec []byte) error {
	p, ok := parseRecord(rec)
	if !ok {
		return errCorrupt
	}
	if a.n == nil || !bytes.Equal(p.node, a.node) {
		a.end()
		a.start(p.node)
	}
	s, v, n := a.s, a.s.v, a.n
	code := int(p.predCode)
	if code >= len(v.preds) {
		return errCorrupt
	}
	if p.rank == rankInbound {
		if i := v.inboundByCode[code]; i >= 0 {
			n.inbound[i]++
		}
		return nil
	}
	obj, ok := decodeObject(p.obj)
	if !ok {
		return errCorrupt
	}
	n.own++
	if p.rank == rankType {
		if iri, ok := obj.(rdf.IRI); ok && (len(n.Types) < v.valueCap || v.classByType[iri.String()] != nil) {
			n.Types = append(n.Types, iri.String())
		}
	} else if !n.resolved {
		s.resolve(n)
	}
	var predIRI rdf.IRI
	if code == 0 {
		if !bytes.Equal(p.pred, a.lastOther) {
			n.other++
			a.lastOther = append(a.lastOther[:0], p.pred...)
		}
		predIRI = rdfparse.CheckedIRI(string(p.pred))
	} else {
		predIRI = v.predIRI[code]
		// A node's values come predicate by predicate.
		var pr *prop
		if k := len(n.props) - 1; k >= 0 && n.props[k].code == code {
			pr = &n.props[k]
		} else {
			n.props = append(n.props, prop{code: code, start: len(n.vals)})
			pr = &n.props[len(n.props)-1]
		}
		pr.count++
		if l, ok := obj.(rdf.Literal); ok {
			switch {
			case strings.TrimSpace(l.String()) == "":
				pr.empty++
			case l.Lang() != "":
				pr.langs |= langBits(l.Lang())
			}
		}
		if len(pr.values) < v.valueCap || obj.Type() == rdf.TermIRI && v.notable[obj.String()] {
			n.vals = append(n.vals, obj)
			pr.values = n.vals[pr.start:len(n.vals):len(n.vals)]
		} else {
			// Too many values to keep: check this one now, by the
			// classes the node is checked as.
			n.overflow = true
			for _, c := range n.classes {
				ci := v.classIndex(c)
				if ri := v.rowByCode[ci][code]; ri >= 0 {
					s.checkValue(n, c, &v.rows[ci][ri], obj)
				}
			}
		}
	}
	if len(s.tripleRs) > 0 {
		if a.subj == nil {
			a.subj, _ = decodeNode(n.node())
		}
		t := rdf.Triple{Subj: a.subj, Pred: predIRI, Obj: obj}
		for _, r := range s.tripleRs {
			r.Triple(n, t, s.rep)
		}
	}
	return nil
}

// start begins the node of a record. Nodes reuse the buffers of the
// previous one: a Focus is valid only until its node is judged.
func (a *assembler) start(node []byte) {
	a.node = append(a.node[:0], node...)
	id, blank := nodeKey(node)
	in := a.inbound[:len(a.s.v.inbound)]
	clear(in)
	a.n = &Focus{ID: id, Blank: blank, v: a.s.v, inbound: in, props: a.props[:0], vals: a.vals[:0]}
	a.subj = nil
	a.lastOther = a.lastOther[:0]
}

// end judges the current node.
func (a *assembler) end() {
	n := a.n
	if n == nil {
		return
	}
	a.n = nil
	if !n.resolved {
		a.s.resolve(n)
	}
	if n.Described() {
		a.s.judge(n)
	} else {
		a.s.undescribed(n)
	}
	for _, c := range a.s.runs {
		c.Judge(n, a.s.rep)
	}
	a.props, a.vals = n.props[:0], n.vals[:0]
}

// node returns n's encoded node term (kind byte + key) for decodeNode.
func (n *Focus) node() []byte {
	if n.Blank {
		return append([]byte{'B'}, n.ID[2:]...)
	}
	return append([]byte{'I'}, n.ID...)
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
	n.resolved = true
	cls := s.v.typeClasses(n)
	if len(cls) == 0 {
		for i, in := range s.v.inbound {
			if n.inbound[i] > 0 && in.target >= 0 && !containsInt(cls, in.target) {
				cls = append(cls, in.target)
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
