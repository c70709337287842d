package readiness

import (
	"sort"

	sev "github.com/katalog-se/katalog/internal/finding"
)

// Severity grades a finding. Any SeverityError makes a source not ready.
type Severity = sev.Severity

// Severities, most severe first.
const (
	SeverityError   = sev.Error
	SeverityWarning = sev.Warning
	SeverityInfo    = sev.Info
)

// Text is a user-facing text in Swedish and English.
type Text = sev.Text

// Finding is one observation of a readiness check.
type Finding struct {
	Severity Severity `json:"severity"`
	Rule     string   `json:"rule"`
	Message  Text     `json:"message"`
	Advice   *Text    `json:"advice,omitempty"`
	Evidence string   `json:"evidence,omitempty"`
}

// Rule describes a finding a check can report.
type Rule struct {
	ID       string
	Severity Severity
	Message  Text
	Advice   Text // empty when there is nothing to do
}

// Rules returns every rule a check can report, sorted by id.
func Rules() []Rule {
	out := make([]Rule, 0, len(rules))
	for _, r := range rules {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// finding makes a finding of rule id with evidence; it panics on an
// unknown id, which is a programming error caught by the tests.
func finding(id, evidence string) Finding {
	r, ok := rules[id]
	if !ok {
		panic("check: unknown rule " + id)
	}
	f := Finding{Severity: r.Severity, Rule: id, Message: r.Message, Evidence: evidence}
	if r.Advice.EN != "" {
		a := r.Advice
		f.Advice = &a
	}
	return f
}
