package rdfparse

import "github.com/knakk/rdf"

// Queue is the look-ahead of a reader that parses a statement (Turtle,
// TriG) or an XML token (RDF/XML) at a time: the quads parsed but not yet
// returned, the number returned, checked against MaxTriples, and the error
// that ended the input, returned again by every later Next.
//
// Push queues a triple in Graph, the graph the reader is in (nil: the
// default graph).
type Queue struct {
	// Graph is the graph that Push puts triples in: nil for the default
	// graph, else the name of a named graph.
	Graph rdf.Context

	lim Limits
	qs  []rdf.Quad
	i   int   // next quad to return
	n   int64 // quads returned
	err error
}

// NewQueue returns an empty Queue enforcing lim.MaxTriples.
func NewQueue(lim Limits) Queue { return Queue{lim: lim} }

// Next returns the triple of the next quad, whatever its graph (a reader
// of one graph queues no other); see NextQuad.
func (q *Queue) Next(fill func() error, pos func() (line, col int)) (rdf.Triple, error) {
	x, err := q.NextQuad(fill, pos)
	return x.Triple, err
}

// NextQuad returns the next quad; when none is queued it calls fill until
// fill queues one or fails (it must do one or the other). Beyond
// MaxTriples it fails with a *LimitError at the position pos returns.
func (q *Queue) NextQuad(fill func() error, pos func() (line, col int)) (rdf.Quad, error) {
	for q.i >= len(q.qs) {
		if q.err != nil {
			return rdf.Quad{}, q.err
		}
		q.qs, q.i = q.qs[:0], 0
		if err := fill(); err != nil {
			q.err = err
		}
	}
	if !q.lim.Allows(q.n + 1) {
		q.err = q.lim.TriplesError(pos())
		q.qs, q.i = nil, 0
		return rdf.Quad{}, q.err
	}
	// The slot keeps its terms until it is refilled: a few quads held
	// a little longer, and no write barrier per quad.
	t := q.qs[q.i]
	q.i++
	q.n++
	return t, nil
}

// NextQuads fills dst with the quads that as many calls of NextQuad would
// return and returns how many: n > 0 and a nil error, or 0 and the error
// NextQuad would return next (an error met after some quads is returned
// by the following call). It parses ahead, calling fill while fewer than
// about len(dst) quads are queued (and MaxTriples allows one more): fill
// must then handle some input and may queue none, as a reader parsing one
// XML token a call (RDF/XML) does. When nothing is queued, quads are
// queued in dst itself rather than copied there.
func (q *Queue) NextQuads(dst []rdf.Quad, fill func() error, pos func() (line, col int)) (int, error) {
	if len(dst) == 0 {
		return 0, nil
	}
	want := len(dst)
	inPlace := q.i >= len(q.qs)
	var own []rdf.Quad
	if inPlace {
		own = q.qs[:0]
		q.qs, q.i = dst[:0:len(dst)], 0
		if want > 64 {
			// Room for the triples of one more token, so that dst is
			// seldom outgrown (Push would then move the quads to a new
			// array, and they would be copied back).
			want -= 16
		}
	}
	for q.err == nil {
		queued := len(q.qs) - q.i
		if queued > 0 && (queued >= want || !q.lim.Allows(q.n+int64(queued)+1)) {
			break
		}
		if err := fill(); err != nil {
			q.err = err
		}
	}
	k := min(len(q.qs)-q.i, len(dst))
	if q.lim.MaxTriples > 0 {
		k = max(0, int(min(int64(k), q.lim.MaxTriples-q.n)))
	}
	if inPlace {
		filled := q.qs
		if k > 0 && &filled[0] != &dst[0] {
			copy(dst, filled[:k]) // dst was outgrown
		}
		// What dst did not take stays queued, in the queue's own array.
		q.qs, q.i = append(own, filled[k:]...), 0
	} else {
		copy(dst, q.qs[q.i:q.i+k])
		q.i += k
	}
	if k > 0 {
		q.n += int64(k)
		return k, nil
	}
	if q.i < len(q.qs) {
		// Quads queued beyond MaxTriples.
		q.err = q.lim.TriplesError(pos())
		q.qs, q.i = nil, 0
	}
	return 0, q.err
}

// Push queues a triple in q.Graph.
func (q *Queue) Push(s rdf.Subject, p rdf.Predicate, o rdf.Object) {
	q.qs = append(q.qs, rdf.Quad{Triple: rdf.Triple{Subj: s, Pred: p, Obj: o}, Ctx: q.Graph})
}

// Check returns a *LimitError at line and column if the quads returned
// and queued already exceed MaxTriples, so that a reader stops parsing
// ahead; else nil.
func (q *Queue) Check(line, col int) error {
	if q.lim.Allows(q.n + int64(len(q.qs))) {
		return nil
	}
	return q.lim.TriplesError(line, col)
}

// Len returns the number of quads queued and not yet returned.
func (q *Queue) Len() int { return len(q.qs) - q.i }

// Last returns the triple queued last; one must be queued.
func (q *Queue) Last() rdf.Triple { return q.qs[len(q.qs)-1].Triple }
