package portal

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/katalog-se/katalog/catalog"
)

// The queries keep to plain SPARQL 1.1 (no engine's extensions), so that
// Jena and the portal's own store answer them alike:
//
//   - Pages follow a key, not an OFFSET: each page asks for the rows whose
//     key (the IRI as a string, STR) is greater than the last one read,
//     ORDER BY that key, LIMIT the page size. Deep OFFSETs make a store sort
//     ever more rows (Virtuoso refuses sorts past its result cap), and a
//     key stays right when the data changes between pages.
//   - The key is BIND in the pattern and projected, so DISTINCT and ORDER
//     BY name the same variables.
//   - Publishers are asked in batches, in one VALUES block each.
const queryPrefixes = `PREFIX dcat: <http://www.w3.org/ns/dcat#>
PREFIX dcterms: <http://purl.org/dc/terms/>
`

// conventionPrefixes are the starts of the publisher IRIs the portal's
// convention gives an organisation: SE, its number and an optional
// "-suffix", over http as the convention writes it or, as some catalogs
// do, https.
var conventionPrefixes = []string{catalog.PublisherIRIPrefix, "https" + strings.TrimPrefix(catalog.PublisherIRIPrefix, "http")}

// publishersQuery asks for one page of the publisher IRIs of the portal's
// datasets that follow the convention, after the key after ("" for the
// first page).
func publishersQuery(after string, limit int) string {
	var b strings.Builder
	b.WriteString(queryPrefixes)
	b.WriteString("SELECT DISTINCT ?key ?pub WHERE {\n  ?ds dcterms:publisher ?pub .\n  ?ds a dcat:Dataset .\n  FILTER(isIRI(?pub))\n  BIND(STR(?pub) AS ?key)\n  FILTER(")
	for i, p := range conventionPrefixes {
		if i > 0 {
			b.WriteString(" || ")
		}
		fmt.Fprintf(&b, "STRSTARTS(?key, %s)", stringLiteral(p))
	}
	b.WriteString(")\n")
	if after != "" {
		fmt.Fprintf(&b, "  FILTER(?key > %s)\n", stringLiteral(after))
	}
	fmt.Fprintf(&b, "}\nORDER BY ?key\nLIMIT %d\n", limit)
	return b.String()
}

// datasetsQuery asks for one page of the datasets the portal lists under
// the publishers pubs (IRIs checked by iriRef), one row per dataset,
// publisher and dcterms:identifier, after the key after.
func datasetsQuery(pubs []string, after string, limit int) string {
	var b strings.Builder
	b.WriteString(queryPrefixes)
	b.WriteString("SELECT DISTINCT ?key ?ds ?pub ?id WHERE {\n  VALUES ?pub {")
	for _, p := range pubs {
		b.WriteString(" <" + p + ">")
	}
	b.WriteString(" }\n  ?ds dcterms:publisher ?pub .\n  ?ds a dcat:Dataset .\n  FILTER(isIRI(?ds))\n  BIND(STR(?ds) AS ?key)\n")
	if after != "" {
		fmt.Fprintf(&b, "  FILTER(?key > %s)\n", stringLiteral(after))
	}
	fmt.Fprintf(&b, "  OPTIONAL { ?ds dcterms:identifier ?id }\n}\nORDER BY ?key ?pub ?id\nLIMIT %d\n", limit)
	return b.String()
}

// stringLiteral writes s as a SPARQL string literal.
func stringLiteral(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\r", `\r`, "\t", `\t`)
	return `"` + r.Replace(s) + `"`
}

// iriRef reports whether s can be written as a SPARQL IRIREF (<s>): absolute,
// and without the characters the grammar refuses there.
func iriRef(s string) bool {
	if !strings.Contains(s, ":") {
		return false
	}
	for _, r := range s {
		if r <= 0x20 || strings.ContainsRune("<>\"{}|^`\\", r) {
			return false
		}
	}
	return true
}

// orgOfPublisher returns the organisation a publisher IRI names by the
// portal's convention (SE, ten digits with a valid check digit, nothing
// or "-suffix" after them).
func orgOfPublisher(iri string) (catalog.OrgNumber, bool) {
	for _, p := range conventionPrefixes {
		rest, ok := strings.CutPrefix(iri, p)
		if !ok || len(rest) < 10 {
			continue
		}
		if tail := rest[10:]; tail != "" && tail[0] != '-' {
			return "", false
		}
		org, err := catalog.ParseOrgNumber(rest[:10])
		return org, err == nil
	}
	return "", false
}

// pager reads a keyed query page by page (see the notes above): rows
// arrive ordered by their "key" binding, and a full page's last key may
// continue on the next page, so its rows are read again there.
type pager struct {
	c        *Client
	pageSize int
	// budget is how many more requests the reading may make.
	budget *int
}

// each calls fn with the rows of every key in order, all rows of one key
// at once.
func (p pager) each(ctx context.Context, query func(after string, limit int) string, fn func(key string, rows []Solution)) error {
	after := ""
	for {
		if *p.budget <= 0 {
			return fmt.Errorf("%w (%s): more than the allowed requests for one sync", ErrEndpoint, p.c.endpoint)
		}
		*p.budget--
		rows, err := p.c.Select(ctx, query(after, p.pageSize))
		if err != nil {
			return err
		}
		full := len(rows) >= p.pageSize
		last := len(rows)
		if full {
			// The last key's rows may go on: read them again from the next
			// page, unless they fill this one (then they are all there is
			// room for).
			lastKey := rows[len(rows)-1]["key"].Value
			first := slices.IndexFunc(rows, func(s Solution) bool { return s["key"].Value == lastKey })
			if first > 0 {
				last = first
			}
		}
		for i := 0; i < last; {
			key, ok := rows[i]["key"]
			if !ok || (after != "" && key.Value <= after) {
				return fmt.Errorf("%w (%s): row %d of a page is not in key order after %s", ErrEndpoint, p.c.endpoint, i+1, strconv.Quote(after))
			}
			j := i + 1
			for j < last && rows[j]["key"].Value == key.Value {
				j++
			}
			fn(key.Value, rows[i:j])
			after = key.Value
			i = j
		}
		if !full {
			return nil
		}
	}
}
