package ldes

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/katalog-se/katalog/dcat/syntax/codec"
	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
	"github.com/katalog-se/katalog/internal/finding"
)

// MediaTypes is what a harvester asks a feed for (the Accept header):
// TriG, then JSON-LD and N-Quads.
const MediaTypes = "application/trig, application/ld+json;q=0.9, application/n-quads;q=0.8"

// Open returns a quad reader of a feed document: its syntax is format when
// given, else told by its media type, name and first bytes (a feed is
// TriG, N-Quads or JSON-LD; Turtle and N-Triples are read too, without
// named graphs). Relative IRIs resolve against base.
func Open(r io.Reader, name, mediaType, format, base string, l codec.Limits) (rdfio.QuadReader, rdfio.Format, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	var f rdfio.Format
	if format != "" && format != codec.FormatAuto {
		var err error
		if f, err = rdfio.ParseFormat(format); err != nil {
			return nil, "", fmt.Errorf("%w: %v", codec.ErrUnknownFormat, err)
		}
	} else {
		head, _ := br.Peek(4096)
		var ok bool
		if f, ok = codec.Detect(name, mediaType, head); !ok {
			return nil, "", fmt.Errorf("%w: cannot tell the syntax of %s (a feed is TriG, N-Quads or JSON-LD)", codec.ErrUnknownFormat, name)
		}
	}
	qr, err := codec.NewQuadReader(f, br, base, l)
	if err != nil {
		return nil, "", fmt.Errorf("%w: %v", codec.ErrUnknownFormat, err)
	}
	return qr, f, nil
}

// ldesNS is how a document that uses the LDES vocabulary spells it, in
// every syntax.
var ldesNS = []byte(NSLDES)

// Sniff reports whether a document looks like a change feed by its name,
// media type and first bytes: a syntax with named graphs (TriG, N-Quads,
// JSON-LD) that names the LDES vocabulary early on. A DCAT catalog does
// not.
func Sniff(name, mediaType string, head []byte) bool {
	f, ok := codec.Detect(name, mediaType, head)
	return ok && f.NamedGraphs() && bytes.Contains(head, ldesNS)
}

// Fetcher gets one page of a feed over the network. It must be katalog's
// guarded outbound client (or a test's loopback one), asking for
// MediaTypes.
type Fetcher interface {
	Fetch(ctx context.Context, url string) (body io.ReadCloser, mediaType string, err error)
}

// FollowOptions bound a Follow.
type FollowOptions struct {
	// MaxPages caps the pages read (default 10,000).
	MaxPages int
	// Limits bound each page.
	Limits codec.Limits
}

// Followed says what Follow read.
type Followed struct {
	// Pages are the URLs read, in order; the last is where a harvester
	// resumes (it is read again next time, as it may have grown).
	Pages []string
	// Bytes counts the bytes of every page as they came over the network.
	Bytes int64
	// Findings are the problems of every page, each event's focus its IRI
	// and each page's its URL.
	Findings []Finding
}

// Last is the last page read.
func (f *Followed) Last() string {
	if len(f.Pages) == 0 {
		return ""
	}
	return f.Pages[len(f.Pages)-1]
}

// ErrUnreadable is wrapped by Follow's error when a page cannot be fetched
// or parsed.
var ErrUnreadable = errors.New("ldes: a page of the feed cannot be read")

// Follow reads the feed from start, following every tree:relation to pages
// it has not read (a page seen again is skipped: a loop cannot keep it
// going), breadth first, and calls visit with each page's document. It
// stops at opts.MaxPages with a finding. A page that cannot be fetched or
// parsed ends it with an error wrapping ErrUnreadable (a syntax error
// wraps the *rdfio.SyntaxError too).
func Follow(ctx context.Context, f Fetcher, start string, opts FollowOptions, visit func(url string, doc *Document) error) (*Followed, error) {
	if opts.MaxPages <= 0 {
		opts.MaxPages = 10_000
	}
	out := &Followed{}
	queued := map[string]bool{start: true}
	queue := []string{start}
	for len(queue) > 0 {
		if err := ctx.Err(); err != nil {
			return out, err
		}
		if len(out.Pages) >= opts.MaxPages {
			out.Findings = append(out.Findings, newFinding(finding.Error, RulePageLimit, queue[0], fmt.Sprint(opts.MaxPages),
				fmt.Sprintf("Flödet har fler än %d sidor; läsningen stannade här.", opts.MaxPages),
				fmt.Sprintf("The feed has more than %d pages; reading stopped here.", opts.MaxPages)))
			return out, nil
		}
		url := queue[0]
		queue = queue[1:]
		doc, n, err := fetchPage(ctx, f, url, opts.Limits)
		out.Bytes += n
		if err != nil {
			return out, err
		}
		out.Pages = append(out.Pages, url)
		for _, fd := range doc.Findings {
			if fd.Focus == "" {
				fd.Focus = url
			}
			out.Findings = append(out.Findings, fd)
		}
		for _, next := range doc.Next {
			if queued[next] {
				continue
			}
			queued[next] = true
			queue = append(queue, next)
		}
		if err := visit(url, doc); err != nil {
			return out, err
		}
	}
	return out, nil
}

func fetchPage(ctx context.Context, f Fetcher, url string, l codec.Limits) (*Document, int64, error) {
	body, mt, err := f.Fetch(ctx, url)
	if err != nil {
		return nil, 0, fmt.Errorf("%w: %s: %w", ErrUnreadable, url, err)
	}
	defer body.Close()
	cr := &countingReader{r: body}
	qr, _, err := Open(cr, url, mt, "", url, l)
	if err != nil {
		return nil, cr.n, fmt.Errorf("%w: %s: %w", ErrUnreadable, url, err)
	}
	doc, err := ReadDocument(qr)
	if err == nil {
		_, err = io.Copy(io.Discard, cr) // count what the parser left
	}
	if err != nil {
		return nil, cr.n, fmt.Errorf("%w: %s: %w", ErrUnreadable, url, err)
	}
	return doc, cr.n, nil
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}
