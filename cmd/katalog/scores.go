package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/spf13/cobra"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/config"
	"github.com/katalog-se/katalog/internal/i18n"
	"github.com/katalog-se/katalog/internal/report"
	"github.com/katalog-se/katalog/internal/score"
	"github.com/katalog-se/katalog/internal/store/sqlstore"
)

// newScores wires the scoring service over the store, validating the feeds
// katalog hosts.
func newScores(c config.Config, st *sqlstore.Store, log *slog.Logger) (*score.Service, error) {
	base := c.EffectiveBaseURL()
	b, err := newBuilder(st, base, log)
	if err != nil {
		return nil, err
	}
	return score.NewService(score.New(), st, score.ServiceOptions{BaseURL: base, Validate: hostedValidator(b), Logger: log}), nil
}

// newReports wires the trend-report builder.
func newReports(c config.Config, st report.Store) *report.Builder {
	return report.New(st, report.Options{Dir: c.Report.Dir})
}

func (a *app) scoreCmd() *cobra.Command {
	var org string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "score [--json] [--agency ORGNR]",
		Short: "Compute agencies' publication-maturity scores now, with their evidence",
		Long: `Compute the maturity score of one agency (--agency) or of every agency from
the store's current state (datasets, the latest readiness check, the validation
of the feed katalog serves), store it in the score history and print it: total
0–100, level 1–5, the survey's channels, and per component every rule's points,
evidence and advice in Swedish and English (--json: the API's score document;
one per line for all agencies).

Exit codes: 0 scored; 2 usage error or unknown agency.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			c, st, err := a.configStore()
			if err != nil {
				return err
			}
			defer st.Close()
			svc, err := newScores(c, st, a.logger(c))
			if err != nil {
				return err
			}
			var orgs []catalog.OrgNumber
			if org != "" {
				o, err := catalog.ParseOrgNumber(org)
				if err != nil {
					return usageErr("--agency: %v", err)
				}
				orgs = append(orgs, o)
			} else {
				agencies, _, err := st.Agencies(a.ctx, catalog.Page{})
				if err != nil {
					return err
				}
				for _, ag := range agencies {
					orgs = append(orgs, ag.OrgNumber)
				}
			}
			for _, o := range orgs {
				rec, err := svc.Rescore(a.ctx, o)
				if errors.Is(err, catalog.ErrNotFound) {
					return usageErr("agency %s is not registered", o)
				}
				if err != nil {
					return err
				}
				if asJSON {
					fmt.Fprintf(a.stdout, "%s\n", rec.Score)
					continue
				}
				var sc score.AgencyScore
				if err := json.Unmarshal(rec.Score, &sc); err != nil {
					return err
				}
				printScore(a.stdout, a.lang(), &sc, org != "")
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&org, "agency", "", "score only this agency (organisation number)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the score documents as JSON")
	return cmd
}

// printScore renders a score for a terminal in language l: one line, or
// with detail the channels with their sources, the components, every
// rule's points and evidence, and the next steps.
func printScore(w io.Writer, l i18n.Lang, sc *score.AgencyScore, detail bool) {
	ch := sc.Channels
	yn := func(b bool) string { return l.Text(i18n.YesNo(b)) }
	fmt.Fprintf(w, "%s  %s %3d  %s %d  %s %s  %s %s %s %s %s %s %s %s %s %s\n",
		sc.OrgNumber, l.Pick("poäng", "total"), sc.Total, l.Pick("nivå", "level"), sc.Level, l.Pick("publicerar", "publishes"), yn(sc.Publishes),
		l.Pick("dokument", "documents"), yn(ch.Documents), l.Pick("filer", "files"), yn(ch.Files), l.Pick("öppna", "open"), yn(ch.OpenMachineReadable),
		"api", yn(ch.API), "portal", l.Text(i18n.PortalShort(ch.PortalState())))
	if !detail {
		return
	}
	ev := sc.ChannelEvidence
	for _, c := range []struct {
		name i18n.Text
		fs   []score.Finding
	}{{i18n.Text{SV: "dokument", EN: "documents"}, ev.Documents}, {i18n.Text{SV: "filer", EN: "files"}, ev.Files},
		{i18n.Text{SV: "öppna", EN: "open"}, ev.OpenMachineReadable}, {i18n.Text{SV: "api", EN: "api"}, ev.API}, {i18n.Text{SV: "portal", EN: "portal"}, ev.Portal}} {
		for i, f := range c.fs {
			mark, name := "✗", ""
			switch {
			case f.Unknown:
				mark = "?"
			case f.Found:
				mark = "✓"
			}
			if i == 0 {
				name = l.Text(c.name)
			}
			fmt.Fprintf(w, "  %-10s %s %s: %s\n", name, mark, l.Text(f.Label), f.Evidence)
		}
	}
	for _, comp := range sc.Components {
		fmt.Fprintf(w, "  %-12s %6.1f / %g  %s\n", comp.ID, comp.Score, comp.Max, l.Text(i18n.Component(comp.ID)))
		for _, r := range comp.Rules {
			mark := "✗"
			if r.Passed {
				mark = "✓"
			}
			fmt.Fprintf(w, "    %s %-28s %6.2f / %-6g %s\n", mark, r.ID, r.Points, r.Max, r.Evidence)
		}
	}
	for i, imp := range sc.Improvements {
		fmt.Fprintf(w, "  %s %d: %s\n", l.Pick("nästa steg", "next step"), i+1, l.Text(imp.Advice))
	}
}

func (a *app) reportCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "report [--json]",
		Short: "Rescore every agency and build a trend report now",
		Long: `Rescore every agency, then build the trend report the reports.schedule job
builds: the survey's indicators overall and per size class, department and
agency type, with counts, changes since the previous report and over the last
twelve, and the agencies that rose or fell a level. The report is stored
(immutable) and written as {id}.json, .csv and .html under reports.dir.

Exit codes: 0 built; 1 a report of the same second exists; 2 usage error.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			c, st, err := a.configStore()
			if err != nil {
				return err
			}
			defer st.Close()
			svc, err := newScores(c, st, a.logger(c))
			if err != nil {
				return err
			}
			rep, err := buildReport(a.ctx, svc, newReports(c, st))
			if errors.Is(err, catalog.ErrConflict) {
				return rejected(err)
			}
			if err != nil {
				return err
			}
			if asJSON {
				return report.WriteJSON(a.stdout, rep)
			}
			printReportSummary(a.stdout, a.lang(), rep, c.Report.Dir)
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the report as JSON")
	return cmd
}

// buildReport rescores every agency and builds a report of their scores.
func buildReport(ctx context.Context, svc *score.Service, b *report.Builder) (*report.Report, error) {
	if _, err := svc.RescoreAll(ctx); err != nil {
		return nil, err
	}
	return b.Run(ctx, time.Now())
}

// printReportSummary says what a new report holds, in language l: its date,
// population and every headline indicator with its count.
func printReportSummary(w io.Writer, l i18n.Lang, rep *report.Report, dir string) {
	fmt.Fprintf(w, "%s %s (%s): %s (%s %s)\n", l.Pick("rapport", "report"), rep.ID, l.DateTime(rep.CreatedAt),
		l.Count(rep.Agencies, "myndighet", "myndigheter", "agency", "agencies"), l.Pick("modell", "model"), rep.ModelVersion)
	for _, c := range report.Cards(rep, l) {
		fmt.Fprintf(w, "  %-40s %8s  %s\n", c.Label, c.Headline, c.Count)
	}
	if dir != "" {
		fmt.Fprintf(w, "%s: %s/%s.{json,csv,sv.csv,html}\n", l.Pick("filer", "files"), dir, rep.ID)
	}
}
