package readiness

import (
	"context"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"time"

	"github.com/knakk/rdf"

	"github.com/katalog-se/katalog/dcat"
	"github.com/katalog-se/katalog/dcat/syntax/codec"
	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
)

// pass is a check's one pass over what it downloads. Every triple of the
// main document and of the sub-catalogs goes, as the reader takes it from
// the response body, to the document's stats, the validation session, the
// observed-graph sink (when the check observes) and the link spool: the
// body is read once, and nothing but the current triple, the validator's
// window and a hash per subject and per link is held in memory.
type pass struct {
	session ValidationSession // nil without a validator
	sink    *observedSink     // nil unless the check observes
	links   *linkSpool        // nil when links are not checked

	// described holds a hash of every subject of the main document with a
	// triple other than rdf:type: a sub-catalog without one is loaded from
	// its IRI, as dataportal.se does.
	described map[uint64]struct{}
	seed      maphash.Seed
}

// newPass starts a pass with what the check needs.
func (c *Checker) newPass(o checkOptions) (*pass, error) {
	p := &pass{sink: o.sink, described: map[uint64]struct{}{}, seed: maphash.MakeSeed()}
	if c.opts.Validator != nil {
		p.session = c.opts.Validator.NewSession()
	}
	if !c.opts.SkipLinks {
		l, err := newLinkSpool(c.opts.TempDir)
		if err != nil {
			return nil, err
		}
		p.links = l
	}
	return p, nil
}

// close removes the pass's spools (the sink is its caller's).
func (p *pass) close() {
	if p.links != nil {
		p.links.Close()
	}
}

// isDescribed reports whether the main document describes subject key.
func (p *pass) isDescribed(key string) bool {
	_, ok := p.described[maphash.String(p.seed, key)]
	return ok
}

// read reads one document from body as it streams, in format, resolving
// relative IRIs against base, and hands every triple on. main marks the
// harvest URL's own document. On an error the sink drops the document's
// triples; the validation session keeps those it was given (a document
// that fails makes the source not ready whatever they say).
func (p *pass) read(ctx context.Context, body io.Reader, format rdfio.Format, base string, main bool) (stats, error) {
	st := newStats()
	r, err := codec.NewReader(format, body, base, codec.Limits{})
	if err != nil {
		return st, fmt.Errorf("check: reading %s: %w", base, err)
	}
	if p.sink != nil {
		p.sink.document()
	}
	for i := 0; ; i++ {
		if i&1023 == 0 && ctx.Err() != nil {
			err = ctx.Err()
			break
		}
		var t rdf.Triple
		t, err = r.Read()
		if err != nil {
			break
		}
		p.take(t, &st, main)
	}
	if errors.Is(err, io.EOF) {
		return st, nil
	}
	if p.sink != nil {
		p.sink.abort()
	}
	return st, err
}

// take hands one triple to everything the pass feeds.
func (p *pass) take(t rdf.Triple, st *stats, main bool) {
	st.add(t)
	if main && t.Pred.String() != dcat.RDFType {
		p.described[maphash.String(p.seed, termKey(t.Subj))] = struct{}{}
	}
	if p.session != nil {
		p.session.Write(t)
	}
	if p.sink != nil {
		p.sink.Write(t)
	}
	if p.links != nil {
		if u, bit, ok := linkOf(t); ok {
			p.links.add(u, bit)
		}
	}
}

// bodyReader counts what is read from a response body, the time spent
// waiting for it (not the time the reader spends parsing), and keeps the
// first error other than io.EOF: a body that failed (a timeout, the size
// cap) is told apart from a syntax error in what it gave.
type bodyReader struct {
	r    io.Reader
	n    int64
	wait time.Duration
	err  error
}

func (b *bodyReader) Read(p []byte) (int, error) {
	start := time.Now()
	n, err := b.r.Read(p)
	b.wait += time.Since(start)
	b.n += int64(n)
	if err != nil && !errors.Is(err, io.EOF) && b.err == nil {
		b.err = err
	}
	return n, err
}

// drain reads what is left of the body (trailing white space after the
// document), so that the download is whole and counted.
func (b *bodyReader) drain() {
	_, _ = io.Copy(io.Discard, b)
}
