package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/knakk/rdf"
	"github.com/spf13/cobra"

	"github.com/katalog-se/katalog/dcat/syntax/codec"
	"github.com/katalog-se/katalog/dcat/syntax/iri"
	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
	"github.com/katalog-se/katalog/dcat/validate"
	"github.com/katalog-se/katalog/internal/i18n"
	"github.com/katalog-se/katalog/internal/readiness"
)

// maxReportResults caps the findings a report lists; its counts stay exact.
const maxReportResults = 10_000

// feedValidator is the DCAT-AP-SE validation the readiness check runs: a
// session fed each triple as the check reads it.
func feedValidator() readiness.Validator {
	p, err := validate.Lookup(validate.DefaultProfile)
	if err != nil {
		panic(err) // the default profile is built in
	}
	v := validate.New(p, validate.WithMaxResults(1))
	return readiness.SessionFunc(func() readiness.ValidationSession { return validation{v.NewSession()} })
}

// validation is a validate.Session as the readiness check's session.
type validation struct{ s *validate.Session }

func (v validation) Write(t rdf.Triple) error { return v.s.Write(t) }

func (v validation) Finish() (int, int, error) {
	rep := v.s.Finish()
	if err := v.s.Err(); err != nil {
		return 0, 0, fmt.Errorf("validate: %w", err)
	}
	return rep.Errors, rep.Warnings, nil
}

func (a *app) validateCmd() *cobra.Command {
	var asJSON bool
	var profile, format, base string
	cmd := &cobra.Command{
		Use:   "validate [--json] [--profile dcat-ap-se-3.0.1] [--format auto|rdfxml|turtle|ntriples|jsonld] [--base IRI] FILE|URL|-",
		Short: "Validate a DCAT feed against DCAT-AP-SE 3.0.1 and Sveriges dataportal's harvest rules",
		Long: `Validate a feed (a file, a URL or - for stdin; RDF/XML, Turtle, N-Triples or
JSON-LD, told by suffix, Content-Type or first bytes) against DCAT-AP-SE 3.0.1:
mandatory properties (errors) and recommended ones (warnings) per class with
their cardinality, controlled vocabularies, the CC0 catalog licence, publisher
IRIs http://dataportal.se/organisation/SE<orgnr> with a valid check digit,
no blank nodes for catalogs, datasets, distributions, publishers and contacts,
absolute RFC 3987 IRIs, language tags and an English translation, no
dcat:CatalogRecord, high-value-dataset rules and dataset-series limits. Every
finding has a stable rule id and a message in Swedish and English. The findings
do not depend on the order of the triples, and memory stays flat as catalogs
grow: past 16 MiB the triples are sorted by node in temporary files ($TMPDIR,
about a third of the N-Triples size). Relative IRIs are resolved against
--base (by default a URL's own address; a file or stdin has none).

Exit codes: 0 no errors (warnings allowed); 1 errors found; 2 unreadable or
unparsable input (line and column given) or usage error.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			p, err := validate.Lookup(profile)
			if err != nil {
				return usageErr("--profile: %v (known: %s)", err, strings.Join(validate.Profiles(), ", "))
			}
			if base != "" {
				if err := iri.Check(base); err != nil {
					return usageErr("--base %q: %v", base, err)
				}
			}
			c, err := a.config()
			if err != nil {
				return err
			}
			src := args[0]
			var in io.Reader = a.stdin
			mediaType := ""
			switch {
			case strings.HasPrefix(src, "http://") || strings.HasPrefix(src, "https://"):
				client, err := newClient(c)
				if err != nil {
					return err
				}
				body, mt, err := clientFetcher{client}.Fetch(a.ctx, src)
				if err != nil {
					return usageErr("%s: %v", src, err)
				}
				defer body.Close()
				in, mediaType = body, mt
			case src != "-":
				f, err := os.Open(src)
				if err != nil {
					return usageErr("%v", err)
				}
				defer f.Close()
				in = f
			}
			r, _, err := codec.Open(in, codec.Input{Name: src, MediaType: mediaType, Format: format, Base: base, Limits: codec.Limits{MaxBytes: c.Import.MaxBytes}})
			if err != nil {
				return usageErr("%v", err)
			}
			rep, err := validate.New(p, validate.WithMaxResults(maxReportResults)).Validate(a.ctx, r)
			if err != nil {
				var se *rdfio.SyntaxError
				if errors.As(err, &se) {
					return usageErr("%s: %v", src, se)
				}
				return usageErr("%s: %v", src, err)
			}
			if asJSON {
				enc := json.NewEncoder(a.stdout)
				enc.SetIndent("", "  ")
				if err := enc.Encode(rep); err != nil {
					return err
				}
			} else {
				printReport(a.stdout, a.lang(), src, rep)
			}
			if !rep.Conforms {
				return rejected(fmt.Errorf("%d errors", rep.Errors))
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the report as JSON")
	cmd.Flags().StringVar(&profile, "profile", validate.DefaultProfile, "the application profile ("+strings.Join(validate.Profiles(), ", ")+")")
	cmd.Flags().StringVar(&format, "format", codec.FormatAuto, "input syntax: auto, rdfxml, turtle, ntriples or jsonld")
	cmd.Flags().StringVar(&base, "base", "", "absolute IRI against which relative IRIs are resolved (default: the URL read, if any)")
	return cmd
}

// printReport renders a validation report for a terminal in language l.
func printReport(w io.Writer, l i18n.Lang, src string, rep *validate.Report) {
	verdict := l.Pick("följer", "conforms to")
	if !rep.Conforms {
		verdict = l.Pick("följer inte", "does not conform to")
	}
	fmt.Fprintf(w, "%s %s %s: %s, %s\n", src, verdict, rep.Profile, l.Count(rep.Errors, "fel", "fel", "error", "errors"),
		l.Count(rep.Warnings, "varning", "varningar", "warning", "warnings"))
	for _, r := range rep.Results {
		fmt.Fprintf(w, "  [%s] %s %s", l.Text(i18n.Severity(r.Severity.String())), r.Rule, r.Focus)
		if r.Path != "" {
			fmt.Fprintf(w, " %s", r.Path)
		}
		if r.Value != "" {
			fmt.Fprintf(w, " %q", r.Value)
		}
		fmt.Fprintf(w, ": %s\n", l.Text(r.Message))
	}
	if n := rep.Errors + rep.Warnings + rep.Infos; n > len(rep.Results) {
		fmt.Fprintf(w, "  … %s %d %s\n", l.Pick("och", "and"), n-len(rep.Results), l.Pick("till", "more"))
	}
}
