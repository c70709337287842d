package importer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strings"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/dcat/ldes"
	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
	"github.com/katalog-se/katalog/internal/finding"
	"github.com/katalog-se/katalog/internal/problem"
)

// FeedReport says what the harvest of a change feed read.
type FeedReport struct {
	// From is the page the harvest started at: the feed itself, or the
	// last page the previous harvest read.
	From string `json:"from"`
	// Resumed is true when the harvest went on from where the previous
	// one stopped.
	Resumed bool `json:"resumed"`
	// Pages, Events and Bytes count what this harvest read.
	Pages  int   `json:"pages"`
	Events int   `json:"events"`
	Bytes  int64 `json:"bytes"`
	// Next is where the next harvest starts.
	Next string `json:"next"`
}

// prefetched is a page already fetched (the first page of a source, read
// to tell a change feed from a catalog).
type prefetched struct {
	url       string
	body      io.Reader
	mediaType string
}

// feedFetcher fetches the pages of a change feed with the importer's
// Fetcher, serving the page already fetched once.
type feedFetcher struct {
	f     Fetcher
	first *prefetched
}

func (x *feedFetcher) Fetch(ctx context.Context, url string) (io.ReadCloser, string, error) {
	if p := x.first; p != nil && p.url == url {
		x.first = nil
		return io.NopCloser(p.body), p.mediaType, nil
	}
	return x.f.Fetch(ctx, url)
}

// harvestFeed harvests org's source url, a change feed (DCAT-AP Feeds),
// incrementally: with the state of the last harvest of that feed (the
// graph of every entity it described, and the page it stopped at) it reads
// that page again and the pages after it; without, every page from url.
// The events apply to the state, and the catalog the state holds is
// imported as a full harvest's would be (finish), so the result is the
// same. Only then is the new state saved: a harvest that fails changes
// nothing and the next one starts where this one did.
func (im *Importer) harvestFeed(ctx context.Context, org catalog.OrgNumber, url string, prev *catalog.FeedHarvest, first *prefetched, opts Options) (*Report, error) {
	state := ldes.NewState()
	feed := &FeedReport{From: url}
	if prev != nil {
		if err := im.loadFeedState(ctx, org, state); err != nil {
			return nil, err
		}
		feed.From, feed.Resumed = prev.Page, true
	} else {
		prev = &catalog.FeedHarvest{}
	}
	var events []ldes.Event
	got, err := ldes.Follow(ctx, &feedFetcher{f: im.fetcher, first: first}, feed.From, ldes.FollowOptions{MaxPages: im.maxPages, Limits: im.limits},
		func(_ string, doc *ldes.Document) error {
			events = append(events, doc.Events...)
			return nil
		})
	if err != nil {
		var se *rdfio.SyntaxError
		if errors.As(err, &se) {
			return nil, syntaxProblem(url, se)
		}
		return nil, fetchProblem(feed.From, err)
	}
	if p := feedProblem(url, got.Findings); p != nil {
		return nil, p
	}
	feed.Pages, feed.Events, feed.Bytes, feed.Next = len(got.Pages), len(events), got.Bytes, got.Last()

	touched := map[string]string{}
	for i := range events {
		touched[events[i].Object] = state.FingerprintOf(events[i].Object)
	}
	state.Apply(events)
	// The feed's deletes are the publisher's own word: a harvest removes
	// what they remove.
	opts.AllowRemovals = true
	rep := &Report{Agency: org, Source: url, Format: "ldes", Pages: feed.Pages, Feed: feed, DryRun: opts.DryRun}
	r, err := im.newRun(org, opts, rep)
	if err != nil {
		return nil, err
	}
	defer r.close()
	if err := state.Triples(r.add); err != nil {
		return nil, fmt.Errorf("importer: %w", err)
	}
	rest, err := r.finish(ctx)
	if err != nil {
		return nil, err
	}
	if opts.DryRun {
		return rep.lists(), nil
	}
	if err := im.remember(ctx, org, "", rep.lists(), rest); err != nil {
		return nil, err
	}
	put, drop := map[string]string{}, []string{}
	for iri, was := range touched {
		is := state.FingerprintOf(iri)
		switch {
		case is == was:
		case is == "":
			drop = append(drop, iri)
		default:
			text, err := ldes.CanonicalText(state.Entity(iri))
			if err != nil {
				return nil, fmt.Errorf("importer: %w", err)
			}
			put[iri] = text
		}
	}
	sort.Strings(drop)
	h := catalog.FeedHarvest{URL: url, Page: feed.Next, Pages: prev.Pages + int64(feed.Pages), Events: prev.Events + int64(feed.Events), Bytes: prev.Bytes + feed.Bytes}
	if err := im.store.SaveFeedHarvest(ctx, org, h, put, drop); err != nil {
		return nil, fmt.Errorf("importer: %w", err)
	}
	return rep.lists(), nil
}

// loadFeedState reads the entities of org's last harvest into state.
func (im *Importer) loadFeedState(ctx context.Context, org catalog.OrgNumber, state *ldes.State) error {
	err := im.store.FeedEntities(ctx, org, func(entity, graph string) error {
		ts, err := readNTriplesInto(nil, strings.NewReader(graph))
		if err != nil {
			return fmt.Errorf("entity %s: %w", entity, err)
		}
		state.SetEntity(entity, ts)
		return nil
	})
	if err != nil {
		return fmt.Errorf("importer: the last harvest of %s: %w", org, err)
	}
	return nil
}

// feedProblem refuses a change feed with errors among its findings
// (nothing of it is applied), naming each.
func feedProblem(url string, fs []ldes.Finding) *problem.Problem {
	var errs []problem.FieldError
	for _, f := range fs {
		if f.Severity != finding.Error {
			continue
		}
		errs = append(errs, problem.FieldError{Pointer: f.Focus, Detail: f.Rule + ": " + f.Message.EN,
			Message: map[string]string{"sv": f.Message.SV, "en": f.Message.EN}})
	}
	if len(errs) == 0 {
		return nil
	}
	p := problem.New(http.StatusBadRequest, "invalid-change-feed", "The change feed is invalid",
		fmt.Sprintf("%s: %d errors in the change feed; nothing was imported", url, len(errs)))
	p.Errors = errs
	return p
}
