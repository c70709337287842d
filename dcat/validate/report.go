package validate

import (
	"container/heap"
	"sort"
	"strings"

	"github.com/katalog-se/katalog/internal/finding"
)

// Severity is how bad a finding is. The zero value is Error, so that
// table fields left empty mean error.
type Severity = finding.Severity

// Severities, from the default (error) up.
const (
	Error   = finding.Error
	Warning = finding.Warning
	Info    = finding.Info
)

// Message is a finding's text in Swedish and English.
type Message = finding.Text

// Result is one finding.
type Result struct {
	Severity Severity `json:"severity"`
	// Rule is the stable rule id, e.g. "dataset.title.min".
	Rule string `json:"rule"`
	// Focus is the node the finding is about: an IRI or "_:label".
	Focus string `json:"focus"`
	// Path is the IRI of the property concerned ("" for the node itself).
	Path string `json:"path"`
	// Value is the offending value (an IRI, "_:label" or a literal's
	// lexical form), "" when a value is missing.
	Value   string  `json:"value"`
	Message Message `json:"message"`

	// mk builds Message when the result is kept (table rules make their
	// text only for the findings a capped report keeps).
	mk func() Message
}

// Report is the outcome of one validation: the public JSON contract of
// `katalog validate --json` and POST /api/v1/validate.
type Report struct {
	// Conforms is true when there is no error.
	Conforms bool `json:"conforms"`
	// Errors and Warnings count every finding, also those dropped by
	// WithMaxResults.
	Errors   int    `json:"errors"`
	Warnings int    `json:"warnings"`
	Profile  string `json:"profile"`
	// Results are the findings kept, sorted by severity, focus, rule,
	// path and value.
	Results []Result `json:"results"`
	// Infos counts the info findings (not part of the JSON contract).
	Infos int `json:"-"`
	// Truncated is true when WithMaxResults dropped findings (not part of
	// the JSON contract: compare Errors+Warnings+Infos with len(Results)).
	Truncated bool `json:"-"`
}

// less orders results: severity, focus, rule, path, value.
func less(a, b *Result) bool {
	if a.Severity != b.Severity {
		return a.Severity < b.Severity
	}
	if c := strings.Compare(a.Focus, b.Focus); c != 0 {
		return c < 0
	}
	if c := strings.Compare(a.Rule, b.Rule); c != 0 {
		return c < 0
	}
	if c := strings.Compare(a.Path, b.Path); c != 0 {
		return c < 0
	}
	return a.Value < b.Value
}

// Reporter collects findings. With a cap it keeps the first max results in
// the report's order (a bounded heap), so the kept set does not depend on
// the order triples arrive in; the counts are always exact.
type Reporter struct {
	max                     int
	errors, warnings, infos int
	kept                    resultHeap
}

func newReporter(max int) *Reporter { return &Reporter{max: max} }

// Add records a finding.
func (r *Reporter) Add(res Result) {
	switch res.Severity {
	case Error:
		r.errors++
	case Warning:
		r.warnings++
	default:
		r.infos++
	}
	if r.max <= 0 {
		r.kept = append(r.kept, res)
		return
	}
	if len(r.kept) < r.max {
		heap.Push(&r.kept, res)
		return
	}
	if less(&res, &r.kept[0]) {
		r.kept[0] = res
		heap.Fix(&r.kept, 0)
	}
}

// Report is shorthand for Add with the fields in order.
func (r *Reporter) Report(sev Severity, rule, focus, path, value string, msg Message) {
	r.Add(Result{Severity: sev, Rule: rule, Focus: focus, Path: path, Value: value, Message: msg})
}

// Lazy records a finding whose message is built only if it is kept.
func (r *Reporter) Lazy(sev Severity, rule, focus, path, value string, mk func() Message) {
	r.Add(Result{Severity: sev, Rule: rule, Focus: focus, Path: path, Value: value, mk: mk})
}

func (r *Reporter) report(profile string) *Report {
	res := make([]Result, len(r.kept))
	copy(res, r.kept)
	for i := range res {
		if res[i].mk != nil {
			res[i].Message = res[i].mk()
			res[i].mk = nil
		}
	}
	sort.Slice(res, func(i, j int) bool { return less(&res[i], &res[j]) })
	return &Report{
		Conforms:  r.errors == 0,
		Errors:    r.errors,
		Warnings:  r.warnings,
		Infos:     r.infos,
		Profile:   profile,
		Results:   res,
		Truncated: len(res) < r.errors+r.warnings+r.infos,
	}
}

// resultHeap is a max-heap by the report order: its root is the result
// that would be dropped first.
type resultHeap []Result

func (h resultHeap) Len() int           { return len(h) }
func (h resultHeap) Less(i, j int) bool { return less(&h[j], &h[i]) }
func (h resultHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *resultHeap) Push(x any)        { *h = append(*h, x.(Result)) }
func (h *resultHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}
