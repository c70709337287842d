package portal

import (
	"slices"
	"strings"

	"github.com/google/uuid"
)

// Catalogs is what an agency's catalogs hold (those katalog hosts and its
// own, observed where it publishes), one entry per dataset however many
// catalogs name it: two datasets are one when they share an IRI or a UUID
// identifier, as the portal de-duplicates. The zero value is empty.
type Catalogs struct {
	// parent links each entry to the one it was merged into (itself for
	// a root): a union-find over the entries.
	parent []int
	names  []string
	keys   [][]string
	byKey  map[string]int
}

// Add adds one dataset: name is how a report names it (its IRI, or its
// ID for a blank node), iris the IRIs it is published under and
// identifier its dcterms:identifier, which counts only when it is a UUID.
func (c *Catalogs) Add(name string, iris []string, identifier string) {
	if c.byKey == nil {
		c.byKey = map[string]int{}
	}
	var keys []string
	for _, iri := range iris {
		if iri != "" {
			keys = append(keys, "<"+iri+">")
		}
	}
	if id, ok := uuidKey(identifier); ok {
		keys = append(keys, id)
	}
	n := len(c.parent)
	c.parent = append(c.parent, n)
	c.names = append(c.names, name)
	c.keys = append(c.keys, keys)
	for _, k := range keys {
		if other, ok := c.byKey[k]; ok {
			c.union(other, n)
		} else {
			c.byKey[k] = n
		}
	}
}

// root is the entry e was merged into.
func (c *Catalogs) root(e int) int {
	for c.parent[e] != e {
		c.parent[e] = c.parent[c.parent[e]]
		e = c.parent[e]
	}
	return e
}

// union merges b's dataset into a's: the first added keeps its name.
func (c *Catalogs) union(a, b int) {
	ra, rb := c.root(a), c.root(b)
	if ra == rb {
		return
	}
	if rb < ra {
		ra, rb = rb, ra
	}
	c.parent[rb] = ra
}

// Len is the number of datasets the catalogs hold.
func (c *Catalogs) Len() int {
	n := 0
	for e := range c.parent {
		if c.root(e) == e {
			n++
		}
	}
	return n
}

// Missing names the datasets of the catalogs that none of listed is: none
// has one of their IRIs or, as a UUID, their identifier. The names are
// sorted.
func (c *Catalogs) Missing(listed []Listing) []string {
	onPortal := map[string]bool{}
	for _, l := range listed {
		onPortal["<"+l.IRI+">"] = true
		for _, id := range l.Identifiers {
			if k, ok := uuidKey(id); ok {
				onPortal[k] = true
			}
		}
	}
	found := make([]bool, len(c.parent))
	for e, keys := range c.keys {
		if slices.ContainsFunc(keys, func(k string) bool { return onPortal[k] }) {
			found[c.root(e)] = true
		}
	}
	missing := []string{}
	for e := range c.parent {
		if c.root(e) == e && !found[e] {
			missing = append(missing, c.names[e])
		}
	}
	slices.Sort(missing)
	return missing
}

// uuidKey is the key of an identifier that is a UUID (in any form
// katalog's reader takes as one: 8-4-4-4-12, urn:uuid:…, braces, 32 hex
// digits), in its canonical form.
func uuidKey(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", false
	}
	id, err := uuid.Parse(s)
	if err != nil {
		return "", false
	}
	return "uuid:" + id.String(), true
}
