package validate

import (
	"regexp"
	"strings"
)

// Set is a named, fixed ValueSet.
type Set struct {
	name   string
	values map[string]bool
}

// NewSet returns the set of values, called name in messages.
func NewSet(name string, values ...string) *Set {
	m := make(map[string]bool, len(values))
	for _, v := range values {
		m[v] = true
	}
	return &Set{name: name, values: m}
}

// Name is the set's name.
func (s *Set) Name() string { return s.name }

// Contains reports whether v is in the set.
func (s *Set) Contains(v string) bool { return s.values[v] }

// Prefixes is a ValueSet of the values starting with one of its prefixes
// (an IRI namespace such as the EU licence list).
type Prefixes struct {
	name     string
	prefixes []string
}

// NewPrefixes returns the set of values starting with one of prefixes.
func NewPrefixes(name string, prefixes ...string) *Prefixes {
	return &Prefixes{name: name, prefixes: prefixes}
}

// Name is the set's name.
func (p *Prefixes) Name() string { return p.name }

// Contains reports whether v starts with one of the prefixes and has more.
func (p *Prefixes) Contains(v string) bool {
	for _, pre := range p.prefixes {
		if len(v) > len(pre) && strings.HasPrefix(v, pre) {
			return true
		}
	}
	return false
}

// Pattern is a ValueSet of the values a regular expression matches.
type Pattern struct {
	name string
	re   *regexp.Regexp
}

// NewPattern returns the set of values re matches.
func NewPattern(name string, re *regexp.Regexp) *Pattern { return &Pattern{name: name, re: re} }

// Name is the set's name.
func (p *Pattern) Name() string { return p.name }

// Contains reports whether re matches v.
func (p *Pattern) Contains(v string) bool { return p.re.MatchString(v) }

// Union is a ValueSet of the values in any of its sets. If its first set
// can give canonical values (a *catalog.Vocabulary), so can the union.
type Union struct {
	name string
	sets []ValueSet
}

// NewUnion returns the union of sets.
func NewUnion(name string, sets ...ValueSet) *Union { return &Union{name: name, sets: sets} }

// Name is the union's name.
func (u *Union) Name() string { return u.name }

// Contains reports whether a set contains v.
func (u *Union) Contains(v string) bool {
	for _, s := range u.sets {
		if s.Contains(v) {
			return true
		}
	}
	return false
}

// Canonical resolves v through the first set, when it can.
func (u *Union) Canonical(v string) (string, bool) {
	if len(u.sets) > 0 {
		if c, ok := u.sets[0].(interface{ Canonical(string) (string, bool) }); ok {
			return c.Canonical(v)
		}
	}
	return "", false
}
