package rdftest

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/knakk/rdf"
)

func literal(v, lang, dt string) (rdf.Literal, error) {
	switch {
	case lang != "":
		return rdf.NewLangLiteral(v, lang)
	case dt != "":
		i, err := rdf.NewIRI(dt)
		if err != nil {
			return rdf.Literal{}, err
		}
		return rdf.NewTypedLiteral(v, i), nil
	}
	return rdf.NewTypedLiteral(v, rdf.IRI{}), nil
}

// ParseFlatJSONLD reads the JSON-LD katalog's writer produces ({"@context":
// {prefix: namespace…}, "@graph": [node objects]}, node objects with
// "@id", "@type" and properties whose values are arrays of {"@id"} or
// {"@value", "@language"|"@type"}), expanding compact IRIs with the
// context. It is a check of the writer's JSON, not a JSON-LD processor.
func ParseFlatJSONLD(r io.Reader) ([]rdf.Triple, error) {
	var doc struct {
		Context map[string]string            `json:"@context"`
		Graph   []map[string]json.RawMessage `json:"@graph"`
	}
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		return nil, err
	}
	expand := func(s string) string {
		if i := strings.IndexByte(s, ':'); i > 0 && !strings.HasPrefix(s[i+1:], "//") {
			if ns, ok := doc.Context[s[:i]]; ok {
				return ns + s[i+1:]
			}
		}
		return s
	}
	node := func(s string) (rdf.Term, error) {
		if strings.HasPrefix(s, "_:") {
			return rdf.NewBlank(s[2:])
		}
		return rdf.NewIRI(expand(s))
	}
	typ, _ := rdf.NewIRI(nsRDF + "type")
	var out []rdf.Triple
	for _, n := range doc.Graph {
		var id string
		if err := json.Unmarshal(n["@id"], &id); err != nil {
			return out, fmt.Errorf("@id: %w", err)
		}
		st, err := node(id)
		if err != nil {
			return out, err
		}
		s := st.(rdf.Subject)
		for k, raw := range n {
			switch k {
			case "@id":
				continue
			case "@type":
				var ts []string
				if err := json.Unmarshal(raw, &ts); err != nil {
					return out, fmt.Errorf("@type: %w", err)
				}
				for _, x := range ts {
					o, err := rdf.NewIRI(expand(x))
					if err != nil {
						return out, err
					}
					out = append(out, rdf.Triple{Subj: s, Pred: typ, Obj: o})
				}
				continue
			}
			p, err := rdf.NewIRI(expand(k))
			if err != nil {
				return out, err
			}
			var vals []map[string]string
			if err := json.Unmarshal(raw, &vals); err != nil {
				return out, fmt.Errorf("%s: %w", k, err)
			}
			for _, v := range vals {
				var o rdf.Object
				if id, ok := v["@id"]; ok {
					t, err := node(id)
					if err != nil {
						return out, err
					}
					o = t.(rdf.Object)
				} else {
					dt := v["@type"]
					if dt != "" {
						dt = expand(dt)
					}
					if o, err = literal(v["@value"], v["@language"], dt); err != nil {
						return out, err
					}
				}
				out = append(out, rdf.Triple{Subj: s, Pred: p, Obj: o})
			}
		}
	}
	return out, nil
}
