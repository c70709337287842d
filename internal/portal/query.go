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
//   - The key is a projected select expression, so DISTINCT and ORDER BY
//     name the same, projected, variable (engines that translate to SQL
//     want that), and the FILTER compares the same expression.
//   - Publishers are asked in batches, as FILTER(?pub IN (…)): Jena joins a
//     VALUES block with the rest of the pattern row by row, ten times
//     slower here.
const queryPrefixes = `PREFIX dcat: <http://www.w3.org/ns/dcat#>
PREFIX dcterms: <http://purl.org/dc/terms/>
`

// conventionPrefixes are the starts of the publisher IRIs the portal's
// convention gives an organisation: SE, its number and an optional
// "-suffix", over http as the convention writes it or, as some catalogs
// do, https.
var conventionPrefixes = []string{catalog.PublisherIRIPrefix, "https" + strings.TrimPrefix(catalog.PublisherIRIPrefix, "http")}

// publishersQuery asks for one page of the publisher IRIs (as ?key) of the
// portal's datasets that follow the convention, after the key after (""
// for the first page).
func publishersQuery(after string, limit int) string {
	var b strings.Builder
	b.WriteString(queryPrefixes)
	b.WriteString("SELECT DISTINCT (STR(?pub) AS ?key) WHERE {\n  ?ds dcterms:publisher ?pub .\n  ?ds a dcat:Dataset .\n  FILTER(isIRI(?pub) && (")
	for i, p := range conventionPrefixes {
		if i > 0 {
			b.WriteString(" || ")
		}
		fmt.Fprintf(&b, "STRSTARTS(STR(?pub), %s)", stringLiteral(p))
	}
	b.WriteString("))\n")
	if after != "" {
		fmt.Fprintf(&b, "  FILTER(STR(?pub) > %s)\n", stringLiteral(after))
	}
	fmt.Fprintf(&b, "}\nORDER BY ?key\nLIMIT %d\n", limit)
	return b.String()
}

// datasetsQuery asks for one page of the datasets the portal lists under
// the publishers pubs (IRIs checked by iriRef): their IRIs (as ?key), one
// row per dataset, publisher and dcterms:identifier, after the key after.
func datasetsQuery(pubs []string, after string, limit int) string {
	var b strings.Builder
	b.WriteString(queryPrefixes)
	b.WriteString("SELECT DISTINCT (STR(?ds) AS ?key) ?pub ?id WHERE {\n  ?ds dcterms:publisher ?pub .\n  ?ds a dcat:Dataset .\n  FILTER(?pub IN (")
	for i, p := range pubs {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("<" + p + ">")
	}
	b.WriteString("))\n  FILTER(isIRI(?ds))\n")
	if after != "" {
		fmt.Fprintf(&b, "  FILTER(STR(?ds) > %s)\n", stringLiteral(after))
	}
	fmt.Fprintf(&b, "  OPTIONAL { ?ds dcterms:identifier ?id }\n}\nORDER BY ?key ?pub ?id\nLIMIT %d\n", limit)
	return b.String()
}

// literalEscaper escapes what a SPARQL string literal cannot hold as is.
var literalEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\r", `\r`, "\t", `\t`)

// stringLiteral writes s as a SPARQL string literal.
func stringLiteral(s string) string { return `"` + literalEscaper.Replace(s) + `"` }

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
// arrive ordered by their "key" binding. The last key of a page may go on
// past it, so its rows are read again from the next page; and since some
// stores cut an answer short of the LIMIT without saying so (Virtuoso's
// result cap), a reading ends only with a page that holds nothing new.
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
		if len(rows) == 0 {
			return nil
		}
		// Up to the last key's first row, unless that key fills the page:
		// then its rows are all there is room for (identifiers past them are
		// not read).
		lastKey := rows[len(rows)-1]["key"].Value
		end := slices.IndexFunc(rows, func(s Solution) bool { return s["key"].Value == lastKey })
		if end == 0 {
			end = len(rows)
		}
		for i := 0; i < end; {
			key, ok := rows[i]["key"]
			if !ok || key.Value <= after {
				return fmt.Errorf("%w (%s): row %d of a page is not in key order after %s", ErrEndpoint, p.c.endpoint, i+1, strconv.Quote(after))
			}
			j := i + 1
			for j < end && rows[j]["key"].Value == key.Value {
				j++
			}
			fn(key.Value, rows[i:j])
			after = key.Value
			i = j
		}
	}
}
