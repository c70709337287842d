package score

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/katalog-se/katalog/catalog"
)

// Store is what the scoring service reads and writes: hosted datasets, the
// agency's own catalog as observed, the portal's word, the check history
// and the score history.
type Store interface {
	Agency(ctx context.Context, org catalog.OrgNumber) (*catalog.Agency, error)
	Agencies(ctx context.Context, p catalog.Page) ([]catalog.Agency, int, error)
	EachDataset(ctx context.Context, org catalog.OrgNumber, fn func(*catalog.Dataset) error) error
	LatestCheck(ctx context.Context, org catalog.OrgNumber) (*catalog.CheckRecord, error)
	Links(ctx context.Context, org catalog.OrgNumber) ([]catalog.LinkResult, error)
	LatestObservation(ctx context.Context, org catalog.OrgNumber) (*catalog.Observation, error)
	ObservedCatalogs(ctx context.Context, org catalog.OrgNumber, p catalog.Page) ([]catalog.ObservedCatalog, int, error)
	EachObservedDataset(ctx context.Context, org catalog.OrgNumber, fn func(*catalog.Dataset) error) error
	LatestPortalStatus(ctx context.Context, org catalog.OrgNumber) (*catalog.PortalStatus, error)
	catalog.ScoreStore
}

// Service computes agencies' scores from the store and keeps them as
// history. It is safe for concurrent use.
type Service struct {
	model   *Model
	store   Store
	baseURL string
	// validate validates the feed katalog hosts for an agency; nil leaves
	// validation "not yet checked".
	validate func(ctx context.Context, org catalog.OrgNumber) (*ValidationSummary, error)
	log      *slog.Logger
	now      func() time.Time

	mu      sync.Mutex
	pending map[catalog.OrgNumber]bool
	wake    chan struct{}
	done    chan struct{}
	stop    context.CancelFunc
}

// ServiceOptions configures a Service.
type ServiceOptions struct {
	// BaseURL is katalog's public base URL (names datasets in evidence).
	BaseURL string
	// Validate validates the feed katalog hosts for an agency; nil means
	// validation results are "not yet checked".
	Validate func(ctx context.Context, org catalog.OrgNumber) (*ValidationSummary, error)
	Logger   *slog.Logger
	// Now stamps scores; nil means time.Now.
	Now func() time.Time
}

// NewService returns a scoring service over store with model m.
func NewService(m *Model, store Store, opts ServiceOptions) *Service {
	s := &Service{model: m, store: store, baseURL: opts.BaseURL, validate: opts.Validate, log: opts.Logger, now: opts.Now,
		pending: map[catalog.OrgNumber]bool{}, wake: make(chan struct{}, 1)}
	if s.log == nil {
		s.log = slog.Default()
	}
	if s.now == nil {
		s.now = time.Now
	}
	return s
}

// Compute scores org from the store's current state, without storing it.
func (s *Service) Compute(ctx context.Context, org catalog.OrgNumber) (*AgencyScore, error) {
	a, err := s.store.Agency(ctx, org)
	if err != nil {
		return nil, fmt.Errorf("score: agency %s: %w", org, err)
	}
	in := Inputs{
		Agency: *a, BaseURL: s.baseURL, Now: s.now(),
		Datasets: func(yield func(*catalog.Dataset) error) error {
			return s.store.EachDataset(ctx, org, yield)
		},
	}
	if in.Own, err = s.ownCatalog(ctx, org); err != nil {
		return nil, err
	}
	switch p, err := s.store.LatestPortalStatus(ctx, org); {
	case err == nil:
		in.Portal = p
	case !errors.Is(err, catalog.ErrNotFound):
		return nil, fmt.Errorf("score: the portal's status of %s: %w", org, err)
	}
	rec, err := s.store.LatestCheck(ctx, org)
	switch {
	case err == nil:
		links, err := s.store.Links(ctx, org)
		if err != nil {
			return nil, fmt.Errorf("score: links of %s: %w", org, err)
		}
		in.Check = CheckFromRecord(rec, links)
	case !errors.Is(err, catalog.ErrNotFound):
		return nil, fmt.Errorf("score: latest check of %s: %w", org, err)
	}
	if s.validate != nil {
		v, err := s.validate(ctx, org)
		if err != nil {
			return nil, fmt.Errorf("score: validate the feed of %s: %w", org, err)
		}
		in.Validation = v
	}
	return s.model.Score(ctx, in)
}

// ownCatalog reads what the score needs of org's own catalog: the latest
// observation and its latest version; nil when it was never observed.
func (s *Service) ownCatalog(ctx context.Context, org catalog.OrgNumber) (*OwnCatalog, error) {
	o, err := s.store.LatestObservation(ctx, org)
	switch {
	case errors.Is(err, catalog.ErrNotFound):
		return nil, nil
	case err != nil:
		return nil, fmt.Errorf("score: the latest observation of %s's own catalog: %w", org, err)
	}
	own := &OwnCatalog{URL: o.URL, Discovered: o.Discovered, At: o.At, Found: o.Found, HTTPStatus: o.HTTPStatus, Error: o.Error}
	if !o.Found {
		return own, nil
	}
	versions, _, err := s.store.ObservedCatalogs(ctx, org, catalog.Page{Number: 1, Limit: 1})
	if err != nil {
		return nil, fmt.Errorf("score: the versions of %s's own catalog: %w", org, err)
	}
	if len(versions) > 0 {
		own.FirstSeen = versions[0].FirstSeen
	}
	own.Datasets = func(yield func(*catalog.Dataset) error) error {
		return s.store.EachObservedDataset(ctx, org, yield)
	}
	return own, nil
}

// Rescore computes org's score and adds it to the history.
func (s *Service) Rescore(ctx context.Context, org catalog.OrgNumber) (*catalog.ScoreRecord, error) {
	sc, err := s.Compute(ctx, org)
	if err != nil {
		return nil, err
	}
	doc, err := json.Marshal(sc)
	if err != nil {
		return nil, fmt.Errorf("score: encode the score of %s: %w", org, err)
	}
	rec := &catalog.ScoreRecord{Agency: org, ModelVersion: sc.ModelVersion, ComputedAt: sc.ComputedAt,
		Total: float64(sc.Total), Level: sc.Level, Score: doc}
	if err := s.store.InsertScore(ctx, rec); err != nil {
		return nil, fmt.Errorf("score: %w", err)
	}
	return rec, nil
}

// RescoreAll rescores every agency, one after another; the first error
// stops it.
func (s *Service) RescoreAll(ctx context.Context) (int, error) {
	agencies, _, err := s.store.Agencies(ctx, catalog.Page{})
	if err != nil {
		return 0, fmt.Errorf("score: agencies: %w", err)
	}
	for i, a := range agencies {
		if _, err := s.Rescore(ctx, a.OrgNumber); err != nil {
			return i, err
		}
	}
	return len(agencies), nil
}

// Latest returns org's newest stored score, computing and storing one
// first when there is none.
func (s *Service) Latest(ctx context.Context, org catalog.OrgNumber) (*catalog.ScoreRecord, error) {
	rec, err := s.store.LatestScore(ctx, org)
	if errors.Is(err, catalog.ErrNotFound) {
		return s.Rescore(ctx, org)
	}
	return rec, err
}

// Start runs the background rescoring queue until Stop: Enqueue asks for
// an agency to be rescored, and bursts of changes to one agency coalesce
// into one rescoring.
func (s *Service) Start() {
	ctx, cancel := context.WithCancel(context.Background())
	s.stop, s.done = cancel, make(chan struct{})
	go func() {
		defer close(s.done)
		for {
			select {
			case <-ctx.Done():
				return
			case <-s.wake:
			}
			for _, org := range s.takePending() {
				if _, err := s.Rescore(ctx, org); err != nil && ctx.Err() == nil {
					s.log.Error("rescoring failed", "agency", org, "err", err)
				}
			}
		}
	}()
}

// Stop ends the queue; a rescoring under way is cancelled.
func (s *Service) Stop() {
	if s.stop == nil {
		return
	}
	s.stop()
	<-s.done
}

// Enqueue asks for org to be rescored in the background (after Start).
func (s *Service) Enqueue(org catalog.OrgNumber) {
	s.mu.Lock()
	s.pending[org] = true
	s.mu.Unlock()
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

func (s *Service) takePending() []catalog.OrgNumber {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]catalog.OrgNumber, 0, len(s.pending))
	for org := range s.pending {
		out = append(out, org)
	}
	clear(s.pending)
	return out
}

// CheckFromRecord turns a stored readiness check and the agency's link
// table into the score's input. Only finished checks count; a failed or
// running one gives nil ("not yet checked"). Every link in the table
// counts: one not in it has not been checked.
func CheckFromRecord(rec *catalog.CheckRecord, links []catalog.LinkResult) *CheckSummary {
	if rec == nil || rec.Status != catalog.StatusOK {
		return nil
	}
	sum := &CheckSummary{URL: rec.URL, Ready: rec.Ready, CheckedAt: rec.FinishedAt}
	if len(links) == 0 {
		return sum
	}
	ok := make(map[string]bool, len(links))
	for _, l := range links {
		ok[l.URL] = l.OK
		sum.Links.Checked++
		if l.OK {
			sum.Links.OK++
		} else {
			sum.Links.Broken++
		}
	}
	sum.Link = LinkMap(ok)
	sum.APIDescription = APIDescriptionsOf(links)
	return sum
}
