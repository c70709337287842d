package portal

import (
	"context"
	"slices"
	"strings"

	"github.com/katalog-se/katalog/catalog"
)

// Defaults of the reading's sizes.
const (
	// DefaultPageSize is the rows asked for in one request.
	DefaultPageSize = 5000
	// DefaultBatchSize is the publishers asked about in one query.
	DefaultBatchSize = 50
	// DefaultMaxRequests bounds the requests of one sync.
	DefaultMaxRequests = 10_000
)

// Listing is one dataset the portal lists: its IRI, the publishers it was
// found under and its dcterms:identifier values (literals).
type Listing struct {
	IRI         string
	Publishers  []string
	Identifiers []string
}

// reader reads the portal for one sync, within a budget of requests.
type reader struct {
	pager
	batch int
}

func newReader(c *Client, pageSize, batch, maxRequests int) *reader {
	budget := maxRequests
	return &reader{pager: pager{c: c, pageSize: pageSize, budget: &budget}, batch: batch}
}

// conventionPublishers finds the publisher IRIs of the portal's datasets
// that follow its convention (SE<orgnr>, with or without a suffix), by the
// organisation they name.
func (r *reader) conventionPublishers(ctx context.Context) (map[catalog.OrgNumber][]string, error) {
	found := map[catalog.OrgNumber][]string{}
	err := r.each(ctx, publishersQuery, func(key string, rows []Solution) {
		if org, ok := orgOfPublisher(key); ok {
			found[org] = append(found[org], key)
		}
	})
	if err != nil {
		return nil, err
	}
	return found, nil
}

// datasets finds the datasets the portal lists under the publisher IRIs
// pubs, each once, ordered by IRI. IRIs a query cannot carry are left out.
func (r *reader) datasets(ctx context.Context, pubs []string) ([]Listing, error) {
	var asked []string
	for _, p := range pubs {
		if iriRef(p) {
			asked = append(asked, p)
		}
	}
	slices.Sort(asked)
	asked = slices.Compact(asked)
	byIRI := map[string]*Listing{}
	for batch := range slices.Chunk(asked, r.batch) {
		query := func(after string, limit int) string { return datasetsQuery(batch, after, limit) }
		err := r.each(ctx, query, func(key string, rows []Solution) {
			l := byIRI[key]
			if l == nil {
				l = &Listing{IRI: key}
				byIRI[key] = l
			}
			for _, row := range rows {
				if pub, ok := row["pub"]; ok && !slices.Contains(l.Publishers, pub.Value) {
					l.Publishers = append(l.Publishers, pub.Value)
				}
				if id, ok := row["id"]; ok && id.Type != "uri" && id.Type != "bnode" && !slices.Contains(l.Identifiers, id.Value) {
					l.Identifiers = append(l.Identifiers, id.Value)
				}
			}
		})
		if err != nil {
			return nil, err
		}
	}
	out := make([]Listing, 0, len(byIRI))
	for _, l := range byIRI {
		out = append(out, *l)
	}
	slices.SortFunc(out, func(a, b Listing) int { return strings.Compare(a.IRI, b.IRI) })
	return out, nil
}
