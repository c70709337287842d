package rdfparse

import (
	"fmt"
	"io"
)

// Limits bound what a reader accepts. Zero means no limit.
type Limits struct {
	MaxBytes   int64 // input bytes read
	MaxTriples int64 // triples returned
}

// Option configures a reader's Limits.
type Option func(*Limits)

// MaxBytes makes a reader fail with a *LimitError once the input exceeds n
// bytes (n <= 0: no limit).
func MaxBytes(n int64) Option { return func(l *Limits) { l.MaxBytes = n } }

// MaxTriples makes a reader fail with a *LimitError instead of returning
// triple n+1 (n <= 0: no limit).
func MaxTriples(n int64) Option { return func(l *Limits) { l.MaxTriples = n } }

// Apply returns the Limits that opts set.
func Apply(opts []Option) Limits {
	var l Limits
	for _, o := range opts {
		if o != nil {
			o(&l)
		}
	}
	return l
}

// Open applies opts and returns an Input reading r within their MaxBytes
// limit, and the Limits for the reader to enforce MaxTriples with.
func Open(r io.Reader, opts []Option) (*Input, Limits) {
	lim := Apply(opts)
	return NewInput(r, lim.MaxBytes), lim
}

// Allows reports whether a reader may return or queue n triples in all.
func (l Limits) Allows(n int64) bool { return l.MaxTriples <= 0 || n <= l.MaxTriples }

// TriplesError returns the *LimitError of a reader that stops at line and
// column because it may return no more than MaxTriples triples.
func (l Limits) TriplesError(line, col int) error {
	return &LimitError{Limit: "MaxTriples", Max: l.MaxTriples, Line: line, Column: col}
}

// LimitError reports input that exceeds a configured limit.
type LimitError struct {
	Limit  string // "MaxBytes" or "MaxTriples"
	Max    int64
	Line   int // where reading stopped, from 1
	Column int
}

func (e *LimitError) Error() string {
	if e.Limit == "MaxTriples" {
		return fmt.Sprintf("input has more than %d triples (MaxTriples limit) at line %d, column %d", e.Max, e.Line, e.Column)
	}
	return fmt.Sprintf("input is larger than %d bytes (MaxBytes limit) at line %d, column %d", e.Max, e.Line, e.Column)
}
