package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/katalog-se/katalog/config"
	"github.com/katalog-se/katalog/dcat/ldes"
	"github.com/katalog-se/katalog/dcat/syntax/codec"
	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
	"github.com/katalog-se/katalog/dcat/validate"
	"github.com/katalog-se/katalog/internal/finding"
	"github.com/katalog-se/katalog/internal/outbound"
	"github.com/katalog-se/katalog/internal/publish"
)

func (a *app) feedCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "feed",
		Short: "Apply or validate DCAT-AP Feeds (change feeds as Linked Data Event Streams)",
		Long: `DCAT-AP Feeds publish every change of a DCAT-AP catalog as an event
(as:Create, as:Update, as:Delete) of one entity, with the entity's whole
description in the named graph named by the event, in pages linked by
tree:relation. katalog publishes them at /agencies/{orgnr}/datasets/feed and
/catalog/feed; these commands read anyone's.`,
	}
	cmd.AddCommand(a.feedApplyCmd(), a.feedValidateCmd())
	return cmd
}

// feedRead is what reading a feed gave: its events in order and what was
// read.
type feedRead struct {
	events   []ldes.Event
	pages    []string
	bytes    int64
	findings []ldes.Finding
}

// invalid reports whether a finding is an error: then nothing of the feed
// is used.
func (r *feedRead) invalid() bool {
	for _, f := range r.findings {
		if f.Severity == finding.Error {
			return true
		}
	}
	return false
}

// changeFeedFetcher gets a feed's pages through the guarded outbound
// client, asking for TriG, JSON-LD or N-Quads.
type changeFeedFetcher struct{ c *outbound.Client }

func (f changeFeedFetcher) Fetch(ctx context.Context, url string) (io.ReadCloser, string, error) {
	return getOK(ctx, f.c, url, http.Header{"Accept": {ldes.MediaTypes}})
}

func isURL(s string) bool { return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") }

// fileBase is the base IRI of a file's relative IRIs: its file: URL.
func fileBase(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	return "file://" + filepath.ToSlash(abs)
}

// readFeed reads the feed src: a file (one page), or a URL whose pages it
// follows through the guarded client, at most maxPages. An unreadable
// file or page is a usage error (2); a page that does not parse makes the
// feed invalid (1).
func (a *app) readFeed(c config.Config, src string, maxPages int) (*feedRead, error) {
	out := &feedRead{}
	limits := codec.Limits{MaxBytes: c.Import.MaxBytes, MaxTriples: c.Import.MaxTriples}
	if !isURL(src) {
		f, err := os.Open(src)
		if err != nil {
			return nil, usageErr("--feed: %v", err)
		}
		defer f.Close()
		qr, _, err := ldes.Open(f, src, "", "", fileBase(src), limits)
		if err != nil {
			return nil, usageErr("--feed %s: %v", src, err)
		}
		doc, err := ldes.ReadDocument(qr)
		if err != nil {
			return nil, feedSyntaxErr(src, err)
		}
		out.events, out.pages, out.findings = doc.Events, []string{src}, doc.Findings
		return out, nil
	}
	client, err := newClient(c)
	if err != nil {
		return nil, err
	}
	got, err := ldes.Follow(a.ctx, changeFeedFetcher{client}, src, ldes.FollowOptions{MaxPages: maxPages, Limits: limits},
		func(_ string, doc *ldes.Document) error {
			out.events = append(out.events, doc.Events...)
			return nil
		})
	if got != nil {
		out.pages, out.bytes, out.findings = got.Pages, got.Bytes, got.Findings
	}
	if err != nil {
		return nil, feedSyntaxErr(src, err)
	}
	return out, nil
}

// feedSyntaxErr: a syntax error makes the feed invalid (1); anything else
// that stopped the reading is 2.
func feedSyntaxErr(src string, err error) error {
	var se *rdfio.SyntaxError
	if errors.As(err, &se) {
		return rejected(fmt.Errorf("%s: %v", src, err))
	}
	return usageErr("%s: %v", src, err)
}

// feedApplyReport is feed apply's --json output: the report in the shape
// of Digg's test cases, and what was read.
type feedApplyReport struct {
	ldes.Report
	Events   int            `json:"events"`
	Pages    []string       `json:"pages"`
	Bytes    int64          `json:"bytes,omitempty"`
	Findings []ldes.Finding `json:"findings"`
}

func (a *app) feedApplyCmd() *cobra.Command {
	var before, feed, out string
	var asJSON bool
	var maxPages int
	cmd := &cobra.Command{
		Use:   "apply --before FILE --feed FILE|URL [--out FILE] [--json]",
		Short: "Apply a DCAT-AP Feeds change feed to a catalog and report what changed",
		Long: `Apply a change feed (DCAT-AP Feeds: an LDES of as:Create, as:Update and
as:Delete events, TriG, N-Quads or JSON-LD) to the catalog in --before, as a
harvester does, and report the entities added, removed, updated and unchanged
with their IRIs (the shape of Digg's harvester test cases' report.json).

The harvester keeps one graph per entity: a Create or Update makes the
event's named graph the entity's description, a Delete removes the entity,
and the catalog is the union. A --before without named graphs is split by
subject (each IRI subject's triples, with the blank nodes only it reaches);
one in TriG or N-Quads (what --out FILE.trig writes) keeps each entity's
graph, so a harvest can be resumed exactly. Events apply in as:published
order (ties in the feed's order); applying a page again changes nothing.

A URL is fetched through katalog's guarded client and its tree:relation
pages followed (a page seen before is not read again; at most --max-pages).
--out writes the catalog after the feed: .trig or .nq as one named graph per
entity, any other suffix (.ttl, .nt, .rdf, .jsonld) as one graph.

Exit codes: 0 applied; 1 the feed is invalid (a syntax error, or an error
among its findings: nothing is applied); 2 usage error, or an unreadable
--before, --feed or page.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if before == "" || feed == "" {
				return usageErr("feed apply needs --before FILE and --feed FILE|URL")
			}
			outFormat, err := outFormat(out)
			if err != nil {
				return err
			}
			c, err := a.config()
			if err != nil {
				return err
			}
			s := ldes.NewState()
			if err := loadState(s, before, c); err != nil {
				return err
			}
			start := s.Fingerprints()
			read, err := a.readFeed(c, feed, maxPages)
			if err != nil {
				return err
			}
			rep := feedApplyReport{Report: ldes.Diff(start, start), Events: len(read.events), Pages: read.pages, Bytes: read.bytes, Findings: read.findings}
			if rep.Findings == nil {
				rep.Findings = []ldes.Finding{}
			}
			if read.invalid() {
				rep.Events = 0
				a.printApply(asJSON, feed, &rep)
				return rejected(fmt.Errorf("%s is not a valid feed: nothing applied", feed))
			}
			s.Apply(read.events)
			rep.Report = ldes.Diff(start, s.Fingerprints())
			if out != "" {
				if err := writeState(s, out, outFormat); err != nil {
					return err
				}
			}
			a.printApply(asJSON, feed, &rep)
			return nil
		},
	}
	cmd.Flags().StringVar(&before, "before", "", "the catalog to start from (any RDF syntax; TriG or N-Quads keep one graph per entity)")
	cmd.Flags().StringVar(&feed, "feed", "", "the change feed: a file (one page) or a URL (its pages are followed)")
	cmd.Flags().StringVar(&out, "out", "", "write the catalog after the feed here (.trig or .nq: a graph per entity; .ttl, .nt, .rdf, .jsonld: one graph)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the report as JSON")
	cmd.Flags().IntVar(&maxPages, "max-pages", 10_000, "the most pages of a URL to read")
	return cmd
}

// outFormat is the syntax --out's suffix names (none without --out).
func outFormat(out string) (rdfio.Format, error) {
	if out == "" {
		return "", nil
	}
	f, err := rdfio.ParseFormat(filepath.Ext(out))
	if err != nil {
		return "", usageErr("--out %s: %v", out, err)
	}
	return f, nil
}

// loadState reads the catalog in path into s.
func loadState(s *ldes.State, path string, c config.Config) error {
	f, err := os.Open(path)
	if err != nil {
		return usageErr("--before: %v", err)
	}
	defer f.Close()
	qr, _, err := ldes.Open(f, path, "", "", fileBase(path), codec.Limits{MaxBytes: c.Import.MaxBytes, MaxTriples: c.Import.MaxTriples})
	if err != nil {
		return usageErr("--before %s: %v", path, err)
	}
	if _, err := s.LoadReader(qr); err != nil {
		return usageErr("--before %s: %v", path, err)
	}
	return nil
}

// writeState writes the catalog s holds to path in syntax f: a graph per
// entity in a dataset syntax, else one graph.
func writeState(s *ldes.State, path string, f rdfio.Format) (err error) {
	fh, err := os.Create(path)
	if err != nil {
		return usageErr("--out: %v", err)
	}
	defer func() {
		if cerr := fh.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("--out %s: %w", path, cerr)
		}
	}()
	if f == rdfio.TriG || f == rdfio.NQuads {
		qw, err := publish.NewFeedWriter(f, fh)
		if err != nil {
			return err
		}
		if err := s.Quads(qw.WriteQuad); err != nil {
			return fmt.Errorf("--out %s: %w", path, err)
		}
		return qw.Close()
	}
	w, err := codec.NewWriter(f, fh)
	if err != nil {
		return usageErr("--out %s: %v", path, err)
	}
	if err := s.Triples(w.Write); err != nil {
		return fmt.Errorf("--out %s: %w", path, err)
	}
	return w.Close()
}

func (a *app) printApply(asJSON bool, feed string, rep *feedApplyReport) {
	if asJSON {
		enc := json.NewEncoder(a.stdout)
		enc.SetIndent("", "  ")
		_ = enc.Encode(rep)
		return
	}
	fmt.Fprintf(a.stdout, "%s: %d events from %d page(s): %d added, %d updated, %d removed, %d unchanged\n",
		feed, rep.Events, len(rep.Pages), rep.Added, rep.Updated, rep.Removed, rep.Unchanged)
	for _, l := range []struct {
		what string
		iris []string
	}{{"added", rep.AddedURIs}, {"updated", rep.UpdatedURIs}, {"removed", rep.RemovedURIs}} {
		for _, iri := range l.iris {
			fmt.Fprintf(a.stdout, "  %s %s\n", l.what, iri)
		}
	}
	printFeedFindings(a.stderr, rep.Findings)
}

func printFeedFindings(w io.Writer, fs []ldes.Finding) {
	for _, f := range fs {
		fmt.Fprintf(w, "  [%s] %s %s", f.Severity, f.Rule, f.Focus)
		if f.Value != "" {
			fmt.Fprintf(w, " %q", f.Value)
		}
		fmt.Fprintf(w, ": %s\n", f.Message.EN)
	}
}

// feedValidation is feed validate's --json output.
type feedValidation struct {
	Conforms bool     `json:"conforms"`
	Errors   int      `json:"errors"`
	Warnings int      `json:"warnings"`
	Profile  string   `json:"profile"`
	Pages    []string `json:"pages"`
	Events   int      `json:"events"`
	// Findings are about the feed's structure: its stream, events, pages.
	Findings []ldes.Finding `json:"findings"`
	// Members are the DCAT-AP-SE validation of each event's description.
	Members []ldes.MemberReport `json:"members"`
}

func (a *app) feedValidateCmd() *cobra.Command {
	var asJSON bool
	var profile string
	var maxPages int
	cmd := &cobra.Command{
		Use:   "validate [--json] [--profile dcat-ap-se-3.0.1] FILE|URL",
		Short: "Validate a DCAT-AP Feeds change feed and each event's description against DCAT-AP-SE 3.0.1",
		Long: `Validate a change feed (a file, or a URL whose tree:relation pages are
followed through katalog's guarded client): its structure (an
ldes:EventStream with as:published and as:object as its paths; each member an
as:Create, as:Update or as:Delete with one IRI as:object, a valid
as:published, and, unless it deletes, the entity's description in the named
graph named by the event) and, with the DCAT-AP-SE validator, each event's
description as a resource of its own: the entity and the nodes its
description holds (contact point, period). Findings about entities it only
refers to belong to those entities' own events and are left out, as is the
rule that a catalog lists datasets (they carry that link themselves). Blank
nodes in a description are a warning.

Exit codes: 0 no errors (warnings allowed); 1 errors found; 2 usage error or
unreadable input.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			p, err := validate.Lookup(profile)
			if err != nil {
				return usageErr("--profile: %v (known: %s)", err, strings.Join(validate.Profiles(), ", "))
			}
			c, err := a.config()
			if err != nil {
				return err
			}
			read, err := a.readFeed(c, args[0], maxPages)
			if err != nil {
				return err
			}
			res := validateFeed(validate.New(p), p.Name, read)
			if asJSON {
				enc := json.NewEncoder(a.stdout)
				enc.SetIndent("", "  ")
				if err := enc.Encode(res); err != nil {
					return err
				}
			} else {
				printFeedValidation(a.stdout, args[0], res)
			}
			if !res.Conforms {
				return rejected(fmt.Errorf("%d errors", res.Errors))
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the report as JSON")
	cmd.Flags().StringVar(&profile, "profile", validate.DefaultProfile, "the application profile ("+strings.Join(validate.Profiles(), ", ")+")")
	cmd.Flags().IntVar(&maxPages, "max-pages", 10_000, "the most pages of a URL to read")
	return cmd
}

func validateFeed(v *validate.Validator, profile string, read *feedRead) *feedValidation {
	res := &feedValidation{Profile: profile, Pages: read.pages, Events: len(read.events), Findings: read.findings, Members: []ldes.MemberReport{}}
	if res.Findings == nil {
		res.Findings = []ldes.Finding{}
	}
	for _, f := range read.findings {
		switch f.Severity {
		case finding.Error:
			res.Errors++
		case finding.Warning:
			res.Warnings++
		}
	}
	for i := range read.events {
		m := ldes.ValidateMember(v, &read.events[i])
		res.Errors += m.Errors
		res.Warnings += m.Warnings
		res.Members = append(res.Members, m)
	}
	res.Conforms = res.Errors == 0
	return res
}

func printFeedValidation(w io.Writer, src string, res *feedValidation) {
	verdict := "conforms"
	if !res.Conforms {
		verdict = "does not conform"
	}
	fmt.Fprintf(w, "%s %s to %s: %d events from %d page(s), %d errors, %d warnings\n",
		src, verdict, res.Profile, res.Events, len(res.Pages), res.Errors, res.Warnings)
	printFeedFindings(w, res.Findings)
	for _, m := range res.Members {
		if len(m.Results) == 0 {
			continue
		}
		fmt.Fprintf(w, "  %s (%s %s): %d errors, %d warnings\n", m.Event, m.Type, m.Object, m.Errors, m.Warnings)
		for _, r := range m.Results {
			fmt.Fprintf(w, "    [%s] %s %s", r.Severity, r.Rule, r.Focus)
			if r.Path != "" {
				fmt.Fprintf(w, " %s", r.Path)
			}
			fmt.Fprintf(w, ": %s\n", r.Message.EN)
		}
	}
}
