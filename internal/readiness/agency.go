package readiness

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/katalog-se/katalog/catalog"
)

// ObservationRecorder keeps one observation of an agency's own catalog
// and the graph it read, if any (write.Service.Observe).
type ObservationRecorder func(ctx context.Context, o catalog.Observation, g *catalog.ObservedGraph) (*catalog.ObservedCatalog, bool, error)

// Recorders keep what a check of an agency found, through the write path.
// A nil recorder keeps nothing.
type Recorders struct {
	// Links keeps every link the check probed (write.Service.RecordLinks).
	Links LinkRecorder
	// Observe keeps what the agency publishes where it publishes it
	// (write.Service.Observe).
	Observe ObservationRecorder
}

// AgencyCheck is one check of an agency's own catalog.
type AgencyCheck struct {
	// URL is the endpoint the check is about: the agency's harvest URL, the
	// conventional address where discovery found a catalog or, when it
	// found none, the one it reports.
	URL string
	// Discovered is true when URL was not registered but tried by the
	// portal's convention (catalog.ConventionURLs).
	Discovered bool
	// Found is true when a catalog was read at URL.
	Found bool
	// Ready is the readiness verdict on URL; it means something for a
	// registered URL and for a discovered one where a catalog was found.
	Ready bool
	// Report is the readiness check of URL as JSON (`katalog check --json`).
	Report []byte
	// Observation is what was recorded of the agency's catalog.
	Observation catalog.Observation
	// Version is the agency's latest catalog version after the check (nil
	// when there is none or nothing was recorded) and New whether the check
	// made it.
	Version *catalog.ObservedCatalog
	New     bool
}

// NoEndpoint reports whether the check found nothing to judge: a discovery
// that found no catalog at the conventional address. That is not a broken
// catalog, only no own catalog found there.
func (a *AgencyCheck) NoEndpoint() bool { return a.Discovered && !a.Found }

// attempt is the check of one URL, with what it read.
type attempt struct {
	res  *Result
	out  readOutcome
	sink *observedSink
}

// CheckAgency checks a's own catalog where a publishes it: its harvest URL
// or, when it has registered none, the portal's convention
// (catalog.ConventionURLs of its homepage: https, then http). It keeps,
// through rec, the links it probed and an observation of what it found —
// the graph exactly as published (the main document and the sub-catalogs
// read) when a catalog was read. Problems of the endpoint are findings in
// the report; the error is for an agency with neither a harvest URL nor a
// homepage, a cancelled ctx, or a recorder's failure.
func (c *Checker) CheckAgency(ctx context.Context, a catalog.Agency, rec Recorders) (*AgencyCheck, error) {
	urls, discovered := []string{a.HarvestURL}, a.HarvestURL == ""
	if discovered {
		if urls = catalog.ConventionURLs(a.Homepage); urls == nil {
			return nil, fmt.Errorf("check agency %s: no harvest URL, and no homepage to look for a catalog under", a.OrgNumber)
		}
	}
	var tries []attempt
	defer func() {
		for _, t := range tries {
			t.sink.Close()
		}
	}()
	for _, u := range urls {
		sink := newObservedSink(c.opts.TempDir)
		res, out, err := c.check(ctx, u, checkOptions{sink: sink, discovering: discovered, agency: a.OrgNumber})
		if err != nil {
			sink.Close()
			return nil, fmt.Errorf("check agency %s: %w", a.OrgNumber, err)
		}
		tries = append(tries, attempt{res: res, out: out, sink: sink})
		if out.found {
			break
		}
	}
	t := reported(tries)
	ac := &AgencyCheck{URL: t.res.URL, Discovered: discovered, Found: t.out.found, Ready: t.res.Ready}
	ac.Observation = catalog.Observation{Agency: a.OrgNumber, URL: t.res.URL, Discovered: discovered, At: t.res.CheckedAt,
		Found: t.out.found, HTTPStatus: t.res.HTTPStatus}
	if !t.out.found {
		ac.Observation.Error = observationError(discovered, tries)
	}
	if err := c.record(ctx, ac, t, rec); err != nil {
		return nil, fmt.Errorf("check agency %s: %w", a.OrgNumber, err)
	}
	report, err := json.Marshal(t.res)
	if err != nil {
		return nil, fmt.Errorf("check agency %s: encode the check of %s: %w", a.OrgNumber, t.res.URL, err)
	}
	ac.Report = report
	return ac, nil
}

// record keeps the links and the observation of the reported attempt.
func (c *Checker) record(ctx context.Context, ac *AgencyCheck, t attempt, rec Recorders) error {
	if t.res.Links.Checked > 0 && rec.Links != nil && !t.out.linksRecorded {
		if err := rec.Links(ctx, ac.Observation.Agency, t.res.CheckedAt, t.res.Links.Table()); err != nil {
			return err
		}
	}
	if rec.Observe == nil {
		return nil
	}
	var g *catalog.ObservedGraph
	if t.out.found {
		var err error
		if g, err = t.sink.observed(c.opts.Mapper, ac.Observation.Agency); err != nil {
			return err
		}
	}
	v, made, err := rec.Observe(ctx, ac.Observation, g)
	if err != nil {
		return err
	}
	ac.Version, ac.New = v, made
	return nil
}

// reported picks the attempt that stands for the check: the one that read
// a catalog; else the first whose server answered (https before http);
// else the first.
func reported(tries []attempt) attempt {
	for _, t := range tries {
		if t.out.found {
			return t
		}
	}
	for _, t := range tries {
		if t.res.HTTPStatus != 0 {
			return t
		}
	}
	return tries[0]
}

// maxEvidence bounds the evidence of one attempt in an observation's error.
const maxEvidence = 300

// observationError says, in Swedish and English, why no catalog was read:
// for a registered URL, the finding that stopped the read; for a discovery,
// that no own catalog is at the conventional address, with what each
// address gave.
func observationError(discovered bool, tries []attempt) string {
	var ev []string
	for _, t := range tries {
		e := "?"
		if f := t.out.reason; f != nil {
			e = f.Evidence
			if e == "" {
				e = f.Message.EN
			}
		}
		if len(e) > maxEvidence {
			e = strings.ToValidUTF8(e[:maxEvidence], "") + "…"
		}
		ev = append(ev, t.res.URL+": "+e)
	}
	if discovered {
		return fmt.Sprintf("%s / %s (%s)", noOwnCatalog.SV, noOwnCatalog.EN, strings.Join(ev, "; "))
	}
	f := tries[0].out.reason
	if f == nil {
		return fmt.Sprintf("%s / %s (%s)", notRead.SV, notRead.EN, strings.Join(ev, "; "))
	}
	return fmt.Sprintf("%s / %s (%s)", f.Message.SV, f.Message.EN, strings.Join(ev, "; "))
}

// The texts of observations that read no catalog.
var (
	noOwnCatalog = Text{
		SV: "Ingen egen katalog hittades på den konventionella adressen.",
		EN: "No own catalog found at the conventional address.",
	}
	notRead = Text{
		SV: "Ingen katalog kunde läsas.",
		EN: "No catalog could be read.",
	}
)
