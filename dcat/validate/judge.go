package validate

import (
	"strings"

	"github.com/knakk/rdf"
)

// judge checks a complete, described node by its classes' tables.
func (s *Session) judge(n *Focus) {
	for _, c := range n.classes {
		ci := s.v.classIndex(c)
		if s.linkOnly(n, ci) {
			continue
		}
		s.checkClass(n, ci)
	}
}

func (v *Validator) classIndex(c *Class) int {
	for i := range v.p.Classes {
		if &v.p.Classes[i] == c {
			return i
		}
	}
	return -1
}

// linkOnly reports whether n, referenced by a role predicate, has only
// the class's link predicates (and none past the value cap).
func (s *Session) linkOnly(n *Focus, ci int) bool {
	lo := s.v.linkOnly[ci]
	if len(lo) == 0 || !n.referenced() || n.other > 0 || n.overflow {
		return false
	}
	for i := range n.props {
		if !lo[s.v.preds[n.props[i].code]] {
			return false
		}
	}
	return true
}

// checkClass applies one class table to n.
func (s *Session) checkClass(n *Focus, ci int) {
	c := &s.v.p.Classes[ci]
	if n.Blank && c.NoBlank {
		s.rep.Lazy(Error, c.ID+".blank", n.ID, "", "", func() Message { return msgBlank(c) })
	}
	if len(c.Types) > 0 && len(s.v.typeClasses(n)) == 0 {
		s.rep.Lazy(Error, c.ID+".class", n.ID, rdfType, "", func() Message { return msgClass(c) })
	}
	for ri := range s.v.rows[ci] {
		row := &s.v.rows[ci][ri]
		count := 0
		var langs uint8
		check := func(p *prop) {
			count += p.count
			if row.text {
				count -= p.empty
			}
			langs |= p.langs
			for _, o := range p.values {
				s.checkValue(n, c, row, o)
			}
		}
		for _, code := range row.codes {
			if p := n.propByCode(code); p != nil {
				check(p)
			}
		}
		switch {
		case count < row.Min && row.Level == Mandatory:
			s.rep.Lazy(Error, row.ids.min, n.ID, row.IRI, "", func() Message { return msgMissing(c, row.Property, "obligatorisk", "mandatory") })
		case count == 0 && row.Level == Recommended:
			s.rep.Lazy(Warning, row.ids.rec, n.ID, row.IRI, "", func() Message { return msgMissing(c, row.Property, "rekommenderad", "recommended") })
		}
		if row.Max > 0 && count > row.Max {
			s.rep.Lazy(Error, row.ids.max, n.ID, row.IRI, "", func() Message { return msgMax(c, row.Property, count) })
		}
		if row.Translate && langs&langAny != 0 {
			if langs&langSV == 0 {
				s.rep.Lazy(Warning, row.ids.sv, n.ID, row.IRI, "", func() Message { return msgLang(c, row.Property, "svenska", "Swedish") })
			}
			if langs&langEN == 0 {
				s.rep.Lazy(Warning, row.ids.en, n.ID, row.IRI, "", func() Message { return msgLang(c, row.Property, "engelska", "English") })
			}
		}
	}
}

// hasLang reports whether tag is lang or a subtag of it (sv-SE).
func hasLang(tag, lang string) bool {
	return strings.EqualFold(tag, lang) || len(tag) > len(lang) && tag[len(lang)] == '-' && strings.EqualFold(tag[:len(lang)], lang)
}

// checkValue checks one value of a property row: kind, datatype, pattern,
// vocabulary.
func (s *Session) checkValue(n *Focus, c *Class, row *propRow, o rdf.Object) {
	bad := func(rule, why string, sev Severity) {
		val := valueString(o)
		s.rep.Lazy(sev, rule, n.ID, row.IRI, val, func() Message { return msgValue(c, row.Property, val, why) })
	}
	lit, isLit := o.(rdf.Literal)
	isBlank := o.Type() == rdf.TermBlank
	if isLit && strings.TrimSpace(lit.String()) == "" {
		switch row.Kind {
		case Literal, PlainLiteral, LangLiteral, LiteralOrIRI:
			bad(row.ids.empty, kindEmpty, Warning)
			return
		}
	}
	switch row.Kind {
	case IRI:
		if isLit || isBlank {
			bad(row.ids.kind, kindIRI, Error)
			return
		}
	case Resource:
		if isLit {
			bad(row.ids.kind, kindResource, Error)
			return
		}
	case Literal:
		if !isLit {
			bad(row.ids.kind, kindLiteral, Error)
			return
		}
	case PlainLiteral:
		if !isLit || lit.Lang() != "" {
			bad(row.ids.kind, kindPlain, Error)
			return
		}
	case LangLiteral:
		if !isLit {
			bad(row.ids.kind, kindLiteral, Error)
			return
		}
		if lit.Lang() == "" {
			bad(row.ids.lang, kindLang, Error)
			return
		}
	case Typed:
		if !isLit {
			bad(row.ids.kind, kindLiteral, Error)
			return
		}
		if !contains(row.Datatypes, datatype(lit)) {
			bad(row.ids.datatype, "datatype:"+datatype(lit), Error)
			return
		}
	case LiteralOrIRI:
		if isBlank {
			bad(row.ids.kind, kindLiteralOrIRI, Error)
			return
		}
	}
	if row.Pattern == nil && row.Vocab == nil {
		return
	}
	val := valueString(o)
	if row.Pattern != nil && !row.Pattern.MatchString(val) {
		bad(row.ids.pattern, "pattern:"+row.Pattern.String(), Error)
		return
	}
	if row.Vocab == nil || row.Vocab.Contains(val) {
		return
	}
	if row.Deprecated != nil && row.Deprecated.Contains(val) {
		why := "deprecated"
		if cur, ok := Replacement(val); ok {
			why += ":" + cur
		}
		bad(row.ids.deprecated, why, Warning)
		return
	}
	if cv, ok := row.Vocab.(interface{ Canonical(string) (string, bool) }); ok {
		if canon, ok := cv.Canonical(val); ok && canon != val {
			bad(row.ids.canonical, "canonical:"+canon, Error)
			return
		}
	}
	bad(row.ids.vocab, "vocab", row.VocabSeverity)
}

// datatype returns a literal's datatype IRI (rdf:langString when tagged).
func datatype(l rdf.Literal) string {
	if l.Lang() != "" {
		return "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
	}
	return l.DataType.String()
}

// undescribed reports a node that is referenced as a class but has no
// triples of its own.
func (s *Session) undescribed(n *Focus) {
	for _, c := range n.classes {
		if n.Blank && c.NoBlank {
			s.rep.Lazy(Error, c.ID+".blank", n.ID, "", "", func() Message { return msgBlank(c) })
			continue
		}
		s.rep.Lazy(c.Undescribed, c.ID+".undescribed", n.ID, "", "", func() Message { return msgUndescribed(c) })
	}
}
