package rdftest

import (
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/knakk/rdf"
)

const nsXMLAttr = "http://www.w3.org/XML/1998/namespace"

// ParseFlatRDFXML reads the flat RDF/XML katalog's writer produces (node
// elements directly under rdf:RDF, each with rdf:about or rdf:nodeID;
// property elements with rdf:resource, rdf:nodeID, xml:lang, rdf:datatype
// or text) with encoding/xml, which resolves namespaces declared anywhere.
// Anything else is an error. knakk's RDF/XML decoder cannot be used: it
// ignores namespaces declared below rdf:RDF and reads "mailto:x" in
// rdf:resource as a QName.
func ParseFlatRDFXML(r io.Reader) ([]rdf.Triple, error) {
	d := xml.NewDecoder(r)
	var (
		out    []rdf.Triple
		depth  int
		subj   rdf.Subject
		pred   rdf.IRI
		obj    rdf.Object
		lang   string
		dt     string
		text   strings.Builder
		hasObj bool
	)
	for {
		tok, err := d.Token()
		if err == io.EOF {
			if depth != 0 {
				return out, errors.New("unexpected end of document")
			}
			return out, nil
		}
		if err != nil {
			return out, err
		}
		switch el := tok.(type) {
		case xml.StartElement:
			depth++
			name := el.Name.Space + el.Name.Local
			switch depth {
			case 1:
				if name != nsRDF+"RDF" {
					return out, fmt.Errorf("root element is %s, want rdf:RDF", name)
				}
			case 2:
				subj = nil
				for _, a := range el.Attr {
					switch {
					case a.Name.Space == "xmlns" || a.Name.Space == "" && a.Name.Local == "xmlns":
					case a.Name.Space == nsRDF && a.Name.Local == "about":
						subj, err = rdf.NewIRI(a.Value)
					case a.Name.Space == nsRDF && a.Name.Local == "nodeID":
						subj, err = rdf.NewBlank(a.Value)
					default:
						return out, fmt.Errorf("unexpected attribute %s:%s on node element", a.Name.Space, a.Name.Local)
					}
					if err != nil {
						return out, err
					}
				}
				if subj == nil {
					return out, errors.New("node element without rdf:about or rdf:nodeID")
				}
				if name != nsRDF+"Description" {
					typ, _ := rdf.NewIRI(nsRDF + "type")
					c, err := rdf.NewIRI(name)
					if err != nil {
						return out, err
					}
					out = append(out, rdf.Triple{Subj: subj, Pred: typ, Obj: c})
				}
			case 3:
				if pred, err = rdf.NewIRI(name); err != nil {
					return out, err
				}
				obj, lang, dt, hasObj = nil, "", "", false
				text.Reset()
				for _, a := range el.Attr {
					switch {
					case a.Name.Space == "xmlns" || a.Name.Space == "" && a.Name.Local == "xmlns":
					case a.Name.Space == nsRDF && a.Name.Local == "resource":
						obj, err = rdf.NewIRI(a.Value)
						hasObj = true
					case a.Name.Space == nsRDF && a.Name.Local == "nodeID":
						obj, err = rdf.NewBlank(a.Value)
						hasObj = true
					case a.Name.Space == nsRDF && a.Name.Local == "datatype":
						dt = a.Value
					case a.Name.Space == nsXMLAttr && a.Name.Local == "lang":
						lang = a.Value
					default:
						return out, fmt.Errorf("unexpected attribute %s:%s on property element", a.Name.Space, a.Name.Local)
					}
					if err != nil {
						return out, err
					}
				}
			default:
				return out, fmt.Errorf("element %s nested too deep", name)
			}
		case xml.CharData:
			if depth == 3 {
				text.Write(el)
			} else if strings.TrimSpace(string(el)) != "" {
				return out, fmt.Errorf("unexpected text %q", el)
			}
		case xml.EndElement:
			if depth == 3 {
				if hasObj {
					if text.Len() > 0 {
						return out, errors.New("property element with both rdf:resource/rdf:nodeID and text")
					}
				} else {
					obj, err = literal(text.String(), lang, dt)
					if err != nil {
						return out, err
					}
				}
				out = append(out, rdf.Triple{Subj: subj, Pred: pred, Obj: obj})
			}
			depth--
		}
	}
}

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
