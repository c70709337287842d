package report

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/internal/score"
)

// Store is what the builder reads and writes: the agency register, the
// latest scores and the reports.
type Store interface {
	Agencies(ctx context.Context, p catalog.Page) ([]catalog.Agency, int, error)
	LatestScores(ctx context.Context) ([]catalog.ScoreRecord, error)
	catalog.ReportStore
}

// Options configure a Builder.
type Options struct {
	// Dir, when set, receives each report as {id}.json, {id}.csv and
	// {id}.html; files are never overwritten.
	Dir string
	// ModelVersion stamps the reports; empty means score.ModelVersion.
	ModelVersion string
}

// Builder makes, stores and reads reports. It is safe for concurrent use.
type Builder struct {
	store Store
	opts  Options
}

// New returns a Builder over store.
func New(store Store, opts Options) *Builder {
	if opts.ModelVersion == "" {
		opts.ModelVersion = score.ModelVersion
	}
	return &Builder{store: store, opts: opts}
}

// IDFormat is the layout of a report ID: its creation time in UTC.
const IDFormat = "20060102T150405Z"

// Run snapshots every agency's latest score at now, builds the report,
// stores it (ErrConflict, wrapped, if a report of the same second exists)
// and writes its files.
func (b *Builder) Run(ctx context.Context, now time.Time) (*Report, error) {
	now = now.UTC().Truncate(time.Second)
	snap := Snapshot{ID: now.Format(IDFormat), CreatedAt: now, ModelVersion: b.opts.ModelVersion}
	var err error
	if snap.Agencies, _, err = b.store.Agencies(ctx, catalog.Page{}); err != nil {
		return nil, fmt.Errorf("report: agencies: %w", err)
	}
	if snap.Scores, err = b.store.LatestScores(ctx); err != nil {
		return nil, fmt.Errorf("report: latest scores: %w", err)
	}
	if snap.History, _, err = b.store.Reports(ctx, catalog.Page{Number: 1, Limit: trendReports}); err != nil {
		return nil, fmt.Errorf("report: earlier reports: %w", err)
	}
	if len(snap.History) > 0 {
		if snap.Previous, err = b.Report(ctx, snap.History[0].ID); err != nil {
			return nil, err
		}
		if snap.Oldest, err = b.oldestComparable(ctx, snap.History, snap.Previous, snap.ModelVersion); err != nil {
			return nil, err
		}
	}
	rep, err := Build(snap)
	if err != nil {
		return nil, err
	}
	rec, err := Record(rep)
	if err != nil {
		return nil, err
	}
	if err := b.store.InsertReport(ctx, rec); err != nil {
		return nil, fmt.Errorf("report: store %s: %w", rep.ID, err)
	}
	if b.opts.Dir != "" {
		if err := WriteFiles(b.opts.Dir, rep); err != nil {
			return rep, err
		}
	}
	return rep, nil
}

// oldestComparable reads the oldest of the last twelve reports (newest
// first in history) that, without a break, share version; nil when the
// newest does not.
func (b *Builder) oldestComparable(ctx context.Context, history []catalog.ReportRecord, newest *Report, version string) (*Report, error) {
	last := -1
	for i := range history[:min(len(history), trendReports)] {
		if history[i].ModelVersion != version {
			break
		}
		last = i
	}
	switch last {
	case -1:
		return nil, nil
	case 0:
		return newest, nil
	}
	return b.Report(ctx, history[last].ID)
}

// Record turns a report into the record a ReportStore keeps.
func Record(rep *Report) (*catalog.ReportRecord, error) {
	body, err := json.Marshal(rep)
	if err != nil {
		return nil, fmt.Errorf("report: encode %s: %w", rep.ID, err)
	}
	ind, err := json.Marshal(rep.Indicators)
	if err != nil {
		return nil, fmt.Errorf("report: encode indicators of %s: %w", rep.ID, err)
	}
	return &catalog.ReportRecord{ID: rep.ID, CreatedAt: rep.CreatedAt, ModelVersion: rep.ModelVersion,
		Agencies: rep.Agencies, Indicators: ind, Body: body}, nil
}

func decode(rec *catalog.ReportRecord) (*Report, error) {
	var rep Report
	if err := json.Unmarshal(rec.Body, &rep); err != nil {
		return nil, fmt.Errorf("report: decode %s: %w", rec.ID, err)
	}
	return &rep, nil
}

// Report reads a stored report; id "latest" is the newest. The error wraps
// catalog.ErrNotFound when there is none.
func (b *Builder) Report(ctx context.Context, id string) (*Report, error) {
	var rec *catalog.ReportRecord
	var err error
	if id == "latest" {
		rec, err = b.store.LatestReport(ctx)
	} else {
		rec, err = b.store.Report(ctx, id)
	}
	if err != nil {
		return nil, fmt.Errorf("report: read %s: %w", id, err)
	}
	return decode(rec)
}

// Summary is one entry of the report listing (GET /api/v1/reports).
type Summary struct {
	ID           string      `json:"id"`
	CreatedAt    time.Time   `json:"createdAt"`
	ModelVersion string      `json:"modelVersion"`
	Agencies     int         `json:"agencies"`
	Indicators   []Indicator `json:"indicators"`
}

// List returns one page of report summaries, newest first, and the count of all.
func (b *Builder) List(ctx context.Context, p catalog.Page) ([]Summary, int, error) {
	recs, total, err := b.store.Reports(ctx, p)
	if err != nil {
		return nil, 0, fmt.Errorf("report: list: %w", err)
	}
	out := make([]Summary, 0, len(recs))
	for _, r := range recs {
		s := Summary{ID: r.ID, CreatedAt: r.CreatedAt, ModelVersion: r.ModelVersion, Agencies: r.Agencies}
		if err := json.Unmarshal(r.Indicators, &s.Indicators); err != nil {
			return nil, 0, fmt.Errorf("report: indicators of %s: %w", r.ID, err)
		}
		out = append(out, s)
	}
	return out, total, nil
}

// Dashboard is what the home page shows: the latest report, whose
// headline indicators (Cards) it shows with their trend lines.
type Dashboard struct {
	// Report is nil when no report has been made yet.
	Report *Report
}

// Dashboard returns the data of the home page from the latest report.
func (b *Builder) Dashboard(ctx context.Context) (*Dashboard, error) {
	rep, err := b.Report(ctx, "latest")
	if errors.Is(err, catalog.ErrNotFound) {
		return &Dashboard{}, nil
	}
	if err != nil {
		return nil, err
	}
	return &Dashboard{Report: rep}, nil
}
