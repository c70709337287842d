package check

import (
	"encoding/json"
	"fmt"
	"sort"
)

// Severity grades a finding. Any SeverityError makes a source not ready.
type Severity int

// Severities, most severe first.
const (
	SeverityError Severity = iota
	SeverityWarning
	SeverityInfo
)

// String returns "error", "warning" or "info".
func (s Severity) String() string {
	switch s {
	case SeverityError:
		return "error"
	case SeverityWarning:
		return "warning"
	case SeverityInfo:
		return "info"
	}
	return fmt.Sprintf("Severity(%d)", int(s))
}

// MarshalJSON writes the severity as its name.
func (s Severity) MarshalJSON() ([]byte, error) { return json.Marshal(s.String()) }

// UnmarshalJSON reads a severity name.
func (s *Severity) UnmarshalJSON(b []byte) error {
	var name string
	if err := json.Unmarshal(b, &name); err != nil {
		return fmt.Errorf("check: severity: %w", err)
	}
	for _, v := range []Severity{SeverityError, SeverityWarning, SeverityInfo} {
		if v.String() == name {
			*s = v
			return nil
		}
	}
	return fmt.Errorf("check: unknown severity %q", name)
}

// Text is a user-facing text in Swedish and English.
type Text struct {
	SV string `json:"sv"`
	EN string `json:"en"`
}

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
