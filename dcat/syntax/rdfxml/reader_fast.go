package rdfxml

import (
	"unicode/utf8"

	"github.com/knakk/rdf"

	"github.com/katalog-se/katalog/dcat/syntax/rdfparse"
)

// propertyFast reads, in a node element (top), the property element of
// the usual kind at once when the buffer holds it whole: a name seen
// before, in a namespace other than RDF's; at most rdf:resource,
// rdf:nodeID, rdf:datatype and xml:lang as attributes, with plain values;
// and either empty ("/>") or plain text and its end tag. It emits the
// element's triple, as the token-by-token path would, without a frame, an
// attribute list or tokens of its own, and reports true. For any other
// element (and for one the token-by-token path would find an error in) it
// reports false, having consumed and emitted nothing, and the element is
// read token by token.
func (x *Reader) propertyFast(top *frame) bool {
	z := x.tok
	if z.slow || z.pending || len(z.entities) > 0 || z.dtd != nil && z.dtd.attlists != nil {
		return false
	}
	buf := z.in.Buffered()
	if len(buf) < 2 || buf[0] != '<' {
		return false
	}
	info, i := z.knownName(buf[1:])
	if info == nil {
		return false
	}
	i++
	ns, ok := x.nsOf(info)
	if !ok || ns == "" || ns == rdfNS {
		return false
	}
	pred, err := x.iriOf(info, ns)
	if err != nil {
		return false
	}
	// Attributes.
	var res, nodeID, dt, lang *nameInfo // the attributes seen
	var resV, nodeIDV, dtV, langV []byte
	lang0 := top.lang
	for {
		sp := i
		for i < len(buf) && (buf[i] == ' ' || buf[i] == '\n' || buf[i] == '\t' || buf[i] == '\r') {
			i++
		}
		if i >= len(buf) {
			return false
		}
		if buf[i] == '>' || buf[i] == '/' {
			break
		}
		if sp == i {
			return false
		}
		ainfo, vs, ve, ok := z.fastAttr(buf, i)
		if !ok || ainfo.xmlns || ainfo.name.Space == "" {
			return false
		}
		ans, ok := x.nsOf(ainfo)
		if !ok || ainfo.xmlish && ans != xmlNS {
			// An undeclared prefix, or a name reserved by XML, which
			// the token-by-token path ignores.
			return false
		}
		v := buf[vs:ve]
		switch {
		case ans == rdfNS && ainfo.name.Local == "resource" && res == nil:
			res, resV = ainfo, v
		case ans == rdfNS && ainfo.name.Local == "nodeID" && nodeID == nil:
			nodeID, nodeIDV = ainfo, v
		case ans == rdfNS && ainfo.name.Local == "datatype" && dt == nil:
			dt, dtV = ainfo, v
		case ans == xmlNS && ainfo.name.Local == "lang" && lang == nil:
			lang, langV = ainfo, v
		default:
			return false // any other attribute, or one given twice
		}
		i = ve + 1
	}
	// rdf:resource and rdf:nodeID exclude each other and rdf:datatype,
	// and make the element empty.
	if res != nil && nodeID != nil || dt != nil && (res != nil || nodeID != nil) {
		return false
	}
	empty := buf[i] == '/'
	var text []byte
	end := 0
	if empty {
		if i+1 >= len(buf) || buf[i+1] != '>' {
			return false
		}
		end = i + 2
	} else {
		if res != nil || nodeID != nil {
			return false
		}
		// Plain text, then this element's end tag.
		j := i + 1
	scan:
		for j < len(buf) {
			switch textClass[buf[j]] {
			case cPlain:
				j++
			case cHigh:
				r, n := utf8.DecodeRune(buf[j:])
				if r == utf8.RuneError && n <= 1 || r == 0xFFFE || r == 0xFFFF {
					return false
				}
				j += n
			default:
				break scan
			}
		}
		e := j + 2 + len(info.raw)
		if e >= len(buf) || buf[j] != '<' || buf[j+1] != '/' || string(buf[j+2:e]) != info.raw || buf[e] != '>' {
			return false
		}
		text, end = buf[i+1:j], e+1
	}
	// The language: xml:lang="" takes it away; another must be
	// well-formed (an error is reported by the token-by-token path).
	l := lang0
	if lang != nil {
		if len(langV) > 0 && string(langV) != lang0 {
			if rdfparse.CheckLangTag(string(langV)) != nil {
				return false
			}
		}
		l = z.intern(langV)
	}
	var obj rdf.Object
	switch {
	case res != nil:
		if obj, err = x.resolveBytes(top.base, resV); err != nil {
			return false
		}
	case nodeID != nil:
		var b rdf.Blank
		if b, err = x.nodeID(z.intern(nodeIDV)); err != nil {
			return false
		}
		obj = b
	default:
		var dts string
		if dt != nil {
			o, err := x.resolveBytes(top.base, dtV)
			if err != nil {
				return false
			}
			dts = o.String()
		}
		if obj, err = x.literal(text, l, dts); err != nil {
			return false
		}
	}
	// What the tokenizer would have done with the start tag, its text
	// and its end tag: consume them; its depth is unchanged.
	z.in.Skip(end)
	z.info = info
	z.name = info.name
	x.emit(top.subj, pred.p, obj)
	return true
}
