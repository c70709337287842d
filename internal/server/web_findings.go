package server

import (
	"bytes"
	"compress/gzip"
	"container/list"
	"context"
	"fmt"
	"io"
	"sync"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/dcat/syntax/codec"
	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
	"github.com/katalog-se/katalog/dcat/validate"
	"github.com/katalog-se/katalog/internal/findings"
	"github.com/katalog-se/katalog/internal/publish"
)

// findingsCacheSize is how many validations of agencies' catalogs are
// kept, by content: a catalog that has not changed is not validated again
// for its page.
const findingsCacheSize = 64

// findingsCache keeps validations by key, least recently used dropped.
type findingsCache struct {
	mu    sync.Mutex
	max   int
	order *list.List
	items map[string]*list.Element
}

type findingsEntry struct {
	key string
	rep *findings.Report
}

func newFindingsCache(max int) *findingsCache {
	return &findingsCache{max: max, order: list.New(), items: map[string]*list.Element{}}
}

func (c *findingsCache) get(key string) *findings.Report {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.items[key]; ok {
		c.order.MoveToFront(e)
		return e.Value.(*findingsEntry).rep
	}
	return nil
}

func (c *findingsCache) put(key string, rep *findings.Report) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.items[key]; ok {
		e.Value.(*findingsEntry).rep = rep
		c.order.MoveToFront(e)
		return
	}
	c.items[key] = c.order.PushFront(&findingsEntry{key: key, rep: rep})
	for c.order.Len() > c.max {
		old := c.order.Back()
		c.order.Remove(old)
		delete(c.items, old.Value.(*findingsEntry).key)
	}
}

// hostedFindings validates the catalog katalog serves for org, from its
// feed's snapshot; cached by the feed's ETag. Nil without feeds.
func (s *Server) hostedFindings(ctx context.Context, org catalog.OrgNumber) (*findings.Report, error) {
	if s.deps.Feeds == nil {
		return nil, nil
	}
	req := publish.Request{Org: org, Format: rdfio.NTriples}
	v, err := s.deps.Feeds.Version(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("validation of %s's feed: %w", org, err)
	}
	key := "hosted " + string(org) + " " + v.ETag
	if rep := s.findings.get(key); rep != nil {
		return rep, nil
	}
	snap, err := s.deps.Feeds.Open(ctx, req, v, false)
	if err != nil {
		return nil, fmt.Errorf("validation of %s's feed: %w", org, err)
	}
	defer snap.Content.Close()
	rep, err := s.validateStream(ctx, snap.Content, nil)
	if err != nil {
		return nil, fmt.Errorf("validation of %s's feed: %w", org, err)
	}
	s.findings.put(key, rep)
	return rep, nil
}

// ownFindings validates the latest version of the agency's own catalog as
// observed (its stored graph); cached by the graph's hash. Nil when none
// was observed.
func (s *Server) ownFindings(ctx context.Context, org catalog.OrgNumber) (*findings.Report, *catalog.ObservedCatalog, error) {
	list, _, err := s.deps.Store.ObservedCatalogs(ctx, org, catalog.Page{Number: 1, Limit: 1})
	if err != nil || len(list) == 0 {
		return nil, nil, err
	}
	v := &list[0]
	key := "own " + v.Hash
	if rep := s.findings.get(key); rep != nil {
		return rep, v, nil
	}
	gz, err := s.deps.Store.ObservedGraph(ctx, v.Hash)
	if err != nil {
		return nil, nil, fmt.Errorf("validation of %s's own catalog: %w", org, err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, nil, fmt.Errorf("validation of %s's own catalog: %w", org, err)
	}
	rep, err := s.validateStream(ctx, zr, nil)
	if err != nil {
		return nil, nil, fmt.Errorf("validation of %s's own catalog: %w", org, err)
	}
	s.findings.put(key, rep)
	return rep, v, nil
}

// validateStream validates N-Triples within the validation budget.
func (s *Server) validateStream(ctx context.Context, r io.Reader, lines *findings.Lines) (*findings.Report, error) {
	p, err := validate.Lookup(validate.DefaultProfile)
	if err != nil {
		return nil, err
	}
	rd, err := codec.NewReader(rdfio.NTriples, r, "", codec.Limits{MaxTriples: s.deps.ValidateBudget.MaxTriples})
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, s.deps.ValidateBudget.Timeout)
	defer cancel()
	return findings.Validate(ctx, p, rd, lines)
}
