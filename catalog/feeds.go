package catalog

import (
	"context"
	"time"
)

// FeedHarvest is where katalog stopped in the change feed (DCAT-AP Feeds)
// of an agency whose source offers one.
type FeedHarvest struct {
	// URL is the feed as registered: its first page.
	URL string `json:"url"`
	// Page is the last page read; the next harvest reads it again (it may
	// have grown) and the pages after it.
	Page string `json:"page"`
	// Pages, Events and Bytes count what every harvest of the feed read.
	Pages  int64 `json:"pages"`
	Events int64 `json:"events"`
	Bytes  int64 `json:"bytes"`
	// UpdatedAt is when the state was last saved.
	UpdatedAt time.Time `json:"updatedAt"`
}

// FeedHarvestStore keeps the incremental harvests of agencies' change
// feeds: where each stopped and the graph of every entity its feed has
// described (what a full harvest would read, kept so that the next harvest
// needs only the newer pages).
type FeedHarvestStore interface {
	// FeedHarvest returns org's harvest; nil when there is none.
	FeedHarvest(ctx context.Context, org OrgNumber) (*FeedHarvest, error)
	// FeedEntities calls fn with every entity of org's harvest and its
	// graph (canonical N-Triples), ordered by entity IRI.
	FeedEntities(ctx context.Context, org OrgNumber, fn func(entity, graph string) error) error
	// SaveFeedHarvest records h as org's harvest and, in the same
	// transaction, the entities whose graphs changed: put (IRI → graph)
	// and drop.
	SaveFeedHarvest(ctx context.Context, org OrgNumber, h FeedHarvest, put map[string]string, drop []string) error
	// DropFeedHarvest forgets org's harvest and its entities.
	DropFeedHarvest(ctx context.Context, org OrgNumber) error
}
