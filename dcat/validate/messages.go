package validate

import (
	"fmt"
	"strings"
)

// curiePrefix is a prefix that shortens IRIs in messages.
type curiePrefix struct{ name, ns string }

// curiePrefixes returns the prefixes messages use.
func curiePrefixes() []curiePrefix {
	return []curiePrefix{
		{"dcat", "http://www.w3.org/ns/dcat#"},
		{"dcterms", "http://purl.org/dc/terms/"},
		{"foaf", "http://xmlns.com/foaf/0.1/"},
		{"vcard", "http://www.w3.org/2006/vcard/ns#"},
		{"adms", "http://www.w3.org/ns/adms#"},
		{"dcatap", "http://data.europa.eu/r5r/"},
		{"rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"},
		{"xsd", "http://www.w3.org/2001/XMLSchema#"},
		{"org", "https://www.w3.org/ns/org#"},
		{"owl", "http://www.w3.org/2002/07/owl#"},
		{"prov", "http://www.w3.org/ns/prov#"},
		{"spdx", "http://spdx.org/rdf/terms#"},
		{"schema", "http://schema.org/"},
	}
}

// curie writes iri as prefix:local when a prefix fits.
func curie(iri string) string {
	for _, p := range curiePrefixes() {
		if strings.HasPrefix(iri, p.ns) && len(iri) > len(p.ns) {
			return p.name + ":" + iri[len(p.ns):]
		}
	}
	return "<" + iri + ">"
}

func curies(iris []string) string {
	out := make([]string, len(iris))
	for i, s := range iris {
		out[i] = curie(s)
	}
	return strings.Join(out, ", ")
}

func msgMissing(c *Class, p *Property, svLevel, enLevel string) Message {
	return Message{
		SV: fmt.Sprintf("%s saknar %s (%s)", c.Name["sv"], curie(p.IRI), svLevel),
		EN: fmt.Sprintf("%s has no %s (%s)", c.Name["en"], curie(p.IRI), enLevel),
	}
}

func msgLang(c *Class, p *Property, sv, en string) Message {
	return Message{
		SV: fmt.Sprintf("%s saknar %s på %s", c.Name["sv"], curie(p.IRI), sv),
		EN: fmt.Sprintf("%s has no %s in %s", c.Name["en"], curie(p.IRI), en),
	}
}

func msgMax(c *Class, p *Property, n int) Message {
	return Message{
		SV: fmt.Sprintf("%s har %d värden för %s men högst %d är tillåtna", c.Name["sv"], n, curie(p.IRI), p.Max),
		EN: fmt.Sprintf("%s has %d values of %s but at most %d are allowed", c.Name["en"], n, curie(p.IRI), p.Max),
	}
}

func msgBlank(c *Class) Message {
	return Message{
		SV: fmt.Sprintf("%s är en blank nod; dataportal.se kräver en IRI", c.Name["sv"]),
		EN: fmt.Sprintf("%s is a blank node; dataportal.se requires an IRI", c.Name["en"]),
	}
}

func msgClass(c *Class) Message {
	return Message{
		SV: fmt.Sprintf("%s saknar rdf:type %s", c.Name["sv"], curie(c.Types[0])),
		EN: fmt.Sprintf("%s has no rdf:type %s", c.Name["en"], curie(c.Types[0])),
	}
}

func msgUndescribed(c *Class) Message {
	return Message{
		SV: fmt.Sprintf("%s refereras men beskrivs inte (noden har inga egna tripplar)", c.Name["sv"]),
		EN: fmt.Sprintf("%s is referenced but not described (the node has no triples of its own)", c.Name["en"]),
	}
}

// Reasons a value is wrong (msgValue's why).
const (
	kindIRI          = "kind:iri"
	kindResource     = "kind:resource"
	kindLiteral      = "kind:literal"
	kindPlain        = "kind:plain"
	kindLang         = "kind:lang"
	kindLiteralOrIRI = "kind:literal-or-iri"
	kindEmpty        = "empty"
)

func msgValue(c *Class, p *Property, val, why string) Message {
	svWhy, enWhy := "", ""
	reason, arg, _ := strings.Cut(why, ":")
	switch why {
	case kindIRI:
		svWhy, enWhy = "som inte är en IRI", "which is not an IRI"
	case kindResource:
		svWhy, enWhy = "som är en literal men ska vara en IRI", "which is a literal but must be an IRI"
	case kindLiteral:
		svWhy, enWhy = "som inte är en literal", "which is not a literal"
	case kindPlain:
		svWhy, enWhy = "som ska vara en literal utan språktagg", "which must be a literal without a language tag"
	case kindLang:
		svWhy, enWhy = "som saknar språktagg (fritext ska ha t.ex. @sv)", "which has no language tag (free text needs e.g. @sv)"
	case kindLiteralOrIRI:
		svWhy, enWhy = "som är en blank nod", "which is a blank node"
	case kindEmpty:
		svWhy, enWhy = "som är tom text och räknas som saknad", "which is empty text and counts as missing"
	default:
		switch reason {
		case "datatype":
			svWhy = fmt.Sprintf("med datatypen %s; tillåtna är %s", curie(arg), curies(p.Datatypes))
			enWhy = fmt.Sprintf("with datatype %s; allowed are %s", curie(arg), curies(p.Datatypes))
		case "pattern":
			svWhy = "som inte följer mönstret " + arg
			enWhy = "which does not match the pattern " + arg
		case "deprecated":
			svWhy, enWhy = "som är ett föråldrat värde", "which is a deprecated value"
			if arg != "" {
				svWhy += "; skriv " + arg
				enWhy += "; write " + arg
			}
		case "canonical":
			svWhy = "som inte är den kanoniska IRI:n; skriv " + arg
			enWhy = "which is not the canonical IRI; write " + arg
		default:
			name := ""
			if nv, ok := p.Vocab.(interface{ Name() string }); ok {
				name = " (" + nv.Name() + ")"
			}
			svWhy = "som inte finns i den kontrollerade vokabulären" + name
			enWhy = "which is not in the controlled vocabulary" + name
		}
	}
	return Message{
		SV: fmt.Sprintf("%s har %s %q, %s", c.Name["sv"], curie(p.IRI), val, svWhy),
		EN: fmt.Sprintf("%s has %s %q, %s", c.Name["en"], curie(p.IRI), val, enWhy),
	}
}
