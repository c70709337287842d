// Package finding holds what katalog's checkers share in what they report:
// a severity, and user-facing text in Swedish and English. The validator
// (dcat/validate), the readiness checks (internal/readiness), the Processor
// reader (dcat/processor) and the score (internal/score) all use these.
package finding

import (
	"encoding/json"
	"fmt"
)

// Severity grades a finding. The zero value is Error, so that a rule table
// entry that leaves it out means error.
type Severity int

// Severities, most severe first.
const (
	Error Severity = iota
	Warning
	Info
)

var severityNames = [...]string{Error: "error", Warning: "warning", Info: "info"}

// String returns "error", "warning" or "info".
func (s Severity) String() string {
	if s >= 0 && int(s) < len(severityNames) {
		return severityNames[s]
	}
	return fmt.Sprintf("Severity(%d)", int(s))
}

// MarshalJSON writes the severity as its name.
func (s Severity) MarshalJSON() ([]byte, error) { return json.Marshal(s.String()) }

// UnmarshalJSON reads "error", "warning" or "info".
func (s *Severity) UnmarshalJSON(b []byte) error {
	var name string
	if err := json.Unmarshal(b, &name); err != nil {
		return fmt.Errorf("severity: %w", err)
	}
	for v, n := range severityNames {
		if n == name {
			*s = Severity(v)
			return nil
		}
	}
	return fmt.Errorf("unknown severity %q", name)
}

// Text is a user-facing text in Swedish and English.
type Text struct {
	SV string `json:"sv"`
	EN string `json:"en"`
}
