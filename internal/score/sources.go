package score

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/katalog-se/katalog/catalog"
)

// The sources of a score's evidence.
const (
	// SourceKatalog is the datasets katalog hosts for the agency.
	SourceKatalog = "katalog"
	// SourceOwnCatalog is the agency's own catalog, read where it
	// publishes it (its harvest URL, or the portal's convention URL).
	SourceOwnCatalog = "ownCatalog"
	// SourcePortal is Sveriges dataportal, as its SPARQL endpoint answered
	// at the latest sync.
	SourcePortal = "portal"
)

// Indices of the dataset sources, in the order they are streamed: hosted
// datasets first, so that the own catalog's copies of them are known.
const (
	srcKatalog = iota
	srcOwn
	numSources
)

var sourceIDs = [numSources]string{SourceKatalog, SourceOwnCatalog}

// day renders the date of a finding.
func day(t time.Time) string { return t.UTC().Format("2006-01-02") }

// source is one dataset source as evidence names it.
type source struct {
	label Text
	url   string
	at    time.Time
	// unknown: never read; read: its datasets were streamed.
	unknown, read bool
	// why says, for a source that was tried but not read, what went wrong.
	why string
}

// sourceCounts are what the evaluator counted of one source.
type sourceCounts struct {
	datasets, public, duplicates int
	// latest is the newest UpdatedAt of its datasets (hosted only).
	latest time.Time
}

// katalogSource describes the hosted datasets: dated by their latest
// change (or, with none, by the time of the score).
func katalogSource(c *sourceCounts, now time.Time) source {
	if c.datasets == 0 {
		return source{read: true, at: now,
			label: Text{SV: "publicerat i katalog: inga datamängder " + day(now), EN: "hosted in katalog: no datasets on " + day(now)}}
	}
	if c.latest.IsZero() { // datasets without times: dated by the score
		return source{read: true, at: now,
			label: Text{SV: "publicerat i katalog " + day(now), EN: "hosted in katalog on " + day(now)}}
	}
	return source{read: true, at: c.latest,
		label: Text{SV: "publicerat i katalog, senast ändrat " + day(c.latest), EN: "hosted in katalog, last changed " + day(c.latest)}}
}

// ownSource describes the agency's own catalog: never read, read at its
// latest observation, or tried then and not found.
func ownSource(o *OwnCatalog) source {
	if o == nil {
		return source{unknown: true,
			label: Text{SV: "myndighetens egen katalog: ännu inte läst", EN: "the agency's own catalog: not yet read"}}
	}
	how := Text{}
	if o.Discovered {
		how = Text{SV: " (på portalens konventionella adress)", EN: " (at the portal's conventional address)"}
	}
	if !o.Found {
		why := "not found"
		if o.Error != "" {
			why = o.Error
		}
		if o.HTTPStatus != 0 {
			why = fmt.Sprintf("HTTP %d: %s", o.HTTPStatus, why)
		}
		return source{url: o.URL, at: o.At, why: why,
			label: Text{
				SV: fmt.Sprintf("myndighetens egen katalog på %s%s: gick inte att läsa %s (%s)", o.URL, how.SV, day(o.At), why),
				EN: fmt.Sprintf("the agency's own catalog at %s%s: could not be read on %s (%s)", o.URL, how.EN, day(o.At), why)}}
	}
	since := Text{}
	if !o.FirstSeen.IsZero() && day(o.FirstSeen) != day(o.At) {
		since = Text{SV: " (oförändrad sedan " + day(o.FirstSeen) + ")", EN: " (unchanged since " + day(o.FirstSeen) + ")"}
	}
	return source{url: o.URL, at: o.At, read: true,
		label: Text{
			SV: fmt.Sprintf("myndighetens egen katalog på %s%s, läst %s%s", o.URL, how.SV, day(o.At), since.SV),
			EN: fmt.Sprintf("the agency's own catalog at %s%s, read %s%s", o.URL, how.EN, day(o.At), since.EN)}}
}

// finding is what one source showed of a channel: the witness when it
// shows it, else none with the source's counts.
func (s *source) finding(id string, w *witness, c *sourceCounts, none string) Finding {
	f := Finding{Source: id, Label: s.label, URL: s.url, At: s.at, Unknown: s.unknown}
	switch {
	case s.unknown:
		f.Evidence = "not yet read"
	case !s.read:
		f.Evidence = "not read: " + s.why
	case w.ok:
		f.Found, f.Evidence = true, w.evidence("")
	default:
		f.Evidence = fmt.Sprintf("%s (%d PUBLIC of %d datasets)", none, c.public, c.datasets)
	}
	return f
}

// ruleEvidence joins findings into a rule's evidence: each source's label
// (in English, as all evidence) and what it showed.
func ruleEvidence(fs []Finding) string {
	parts := make([]string, len(fs))
	for i, f := range fs {
		parts[i] = f.Label.EN
		if !f.Unknown || f.Source == SourcePortal {
			parts[i] += ": " + f.Evidence
		}
	}
	return strings.Join(parts, "; ")
}

// portalFinding is what the portal said at the latest sync, or that it
// has not been asked.
func portalFinding(p *catalog.PortalStatus) Finding {
	if p == nil {
		return Finding{Source: SourcePortal, Unknown: true, Evidence: "no sync with the portal: " + notChecked,
			Label: Text{SV: "Sveriges dataportal: ännu inte frågad", EN: "the portal (dataportal.se): not yet asked"}}
	}
	f := Finding{Source: SourcePortal, At: p.CheckedAt, Found: p.Status == catalog.PortalListed,
		Label: Text{SV: "Sveriges dataportal, " + day(p.CheckedAt), EN: "the portal (dataportal.se), " + day(p.CheckedAt)}}
	state := "not listed"
	if f.Found {
		state = "listed"
	}
	f.Evidence = fmt.Sprintf("%s at %s: %d datasets under the agency's publisher IRIs", state, stamp(p.CheckedAt), p.OnPortal)
	if p.InCatalogs > 0 || len(p.Missing) > 0 {
		f.Evidence += fmt.Sprintf("; %d datasets in its catalogs, %d of them not on the portal", p.InCatalogs, len(p.Missing))
		if len(p.Missing) > 0 {
			f.Evidence += fmt.Sprintf(", e.g. <%s>", slices.Min(p.Missing))
		}
	}
	return f
}

// sourcesNote names, after the evidence of a rule computed over the union
// of datasets, the sources it was computed over, each with its date and
// how many datasets it gave.
func (e *evaluator) sourcesNote(cs *channelSet) string {
	var b strings.Builder
	b.WriteString(" [over ")
	for i := range cs.sources {
		if i > 0 {
			b.WriteString("; ")
		}
		s, c := &cs.sources[i], &e.counts[i]
		b.WriteString(s.label.EN)
		if s.read {
			fmt.Fprintf(&b, " (%d datasets", c.datasets)
			if c.duplicates > 0 {
				fmt.Fprintf(&b, "; %d more also hosted, counted once", c.duplicates)
			}
			b.WriteString(")")
		}
	}
	b.WriteString("]")
	return b.String()
}
