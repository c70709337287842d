package rdfparse

import "github.com/knakk/rdf"

// Queue is the look-ahead of a reader that parses a statement (Turtle) or
// an XML token (RDF/XML) at a time: the triples parsed but not yet
// returned, the number returned, checked against MaxTriples, and the error
// that ended the input, returned again by every later Next.
type Queue struct {
	lim Limits
	ts  []rdf.Triple
	i   int   // next triple to return
	n   int64 // triples returned
	err error
}

// NewQueue returns an empty Queue enforcing lim.MaxTriples.
func NewQueue(lim Limits) Queue { return Queue{lim: lim} }

// Next returns the next triple; when none is queued it calls fill until
// fill queues one or fails (it must do one or the other). Beyond
// MaxTriples it fails with a *LimitError at the position pos returns.
func (q *Queue) Next(fill func() error, pos func() (line, col int)) (rdf.Triple, error) {
	for q.i >= len(q.ts) {
		if q.err != nil {
			return rdf.Triple{}, q.err
		}
		q.ts, q.i = q.ts[:0], 0
		if err := fill(); err != nil {
			q.err = err
		}
	}
	if !q.lim.Allows(q.n + 1) {
		q.err = q.lim.TriplesError(pos())
		q.ts, q.i = nil, 0
		return rdf.Triple{}, q.err
	}
	t := q.ts[q.i]
	q.ts[q.i] = rdf.Triple{}
	q.i++
	q.n++
	return t, nil
}

// Push queues a triple.
func (q *Queue) Push(s rdf.Subject, p rdf.Predicate, o rdf.Object) {
	q.ts = append(q.ts, rdf.Triple{Subj: s, Pred: p, Obj: o})
}

// Check returns a *LimitError at line and column if the triples returned
// and queued already exceed MaxTriples, so that a reader stops parsing
// ahead; else nil.
func (q *Queue) Check(line, col int) error {
	if q.lim.Allows(q.n + int64(len(q.ts))) {
		return nil
	}
	return q.lim.TriplesError(line, col)
}

// Last returns the triple queued last; one must be queued.
func (q *Queue) Last() rdf.Triple { return q.ts[len(q.ts)-1] }
