package jsonld

import (
	"strings"

	"github.com/katalog-se/katalog/dcat/syntax/rdfparse"
)

// Container flags of a term definition.
const (
	cList uint8 = 1 << iota
	cSet
	cLanguage
	cIndex
	cID
	cType
	cGraph
)

var containerFlags = map[string]uint8{
	"@list": cList, "@set": cSet, "@language": cLanguage, "@index": cIndex,
	"@id": cID, "@type": cType, "@graph": cGraph,
}

// termDef is a JSON-LD term definition.
type termDef struct {
	iri       string // IRI, blank node identifier or keyword
	null      bool   // the term maps to null: keys using it are dropped
	reverse   bool
	typ       string // type mapping: "@id", "@vocab", "@json", "@none", a datatype IRI, or ""
	lang      string // language mapping ("" with hasLang: no language)
	hasLang   bool
	container uint8
	prefix    bool   // usable as the prefix of a compact IRI
	scoped    *value // the term's own @context
}

// context is an active context. Term definitions are layered: a context
// made from another holds only its own definitions and looks up the rest
// in parent.
type context struct {
	parent   *context
	terms    map[string]*termDef
	base     string
	vocab    string
	hasVocab bool
	lang     string // default language, "" for none
	previous *context
	keys     map[string]string // expansions of keys (vocab-relative)
}

func (c *context) lookup(term string) *termDef {
	for ; c != nil; c = c.parent {
		if d, ok := c.terms[term]; ok {
			return d
		}
	}
	return nil
}

// isKeyword reports whether s is a JSON-LD 1.1 keyword.
func isKeyword(s string) bool {
	switch s {
	case "@base", "@container", "@context", "@direction", "@graph", "@id", "@import", "@included",
		"@index", "@json", "@language", "@list", "@nest", "@none", "@prefix", "@propagate",
		"@protected", "@reverse", "@set", "@type", "@value", "@version", "@vocab":
		return true
	}
	return false
}

// keywordLike reports whether s has the form of a keyword ("@" and
// letters), which processors ignore when it is not one.
func keywordLike(s string) bool {
	if len(s) < 2 || s[0] != '@' {
		return false
	}
	for i := 1; i < len(s); i++ {
		if c := s[i] | 0x20; c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// processContext returns the active context after the local context v
// (JSON-LD 1.1 Context Processing, without remote contexts). propagate is
// the default of @propagate: false for type-scoped contexts.
func (x *Reader) processContext(active *context, v *value, propagate bool) (*context, error) {
	items := []value{*v}
	if v.kind == jArray {
		items = v.arr
	}
	result := x.derive(active)
	for i := range items {
		it := &items[i]
		switch it.kind {
		case jNull:
			result = &context{base: x.base}
			continue
		case jString:
			return nil, syntaxErrf(it.at, "remote context %q is not loaded: katalog reads only contexts embedded in the document", it.str)
		case jObject:
		default:
			return nil, syntaxErrf(it.at, "invalid local context: expected an object, a string or null in @context")
		}
		if p := it.get("@propagate"); p != nil {
			if p.kind != jBool {
				return nil, syntaxErrf(p.at, "invalid @propagate value: expected true or false")
			}
			propagate = p.str == "true"
		}
		// Each object adds a layer, so that its definitions replace
		// those of earlier ones without copying them.
		if len(result.terms) > 0 {
			result = x.derive(result)
		}
		if err := x.contextObject(result, it); err != nil {
			return nil, err
		}
	}
	if !propagate && result.previous == nil {
		result.previous = active
	}
	return result, nil
}

// derive returns an empty layer on c.
func (x *Reader) derive(c *context) *context {
	return &context{parent: c, base: c.base, vocab: c.vocab, hasVocab: c.hasVocab, lang: c.lang, previous: c.previous}
}

// contextObject applies one local context object to result.
func (x *Reader) contextObject(result *context, local *value) error {
	// The keywords of a context apply in this order, wherever they appear.
	for _, key := range [...]string{"@version", "@import", "@base", "@vocab", "@language", "@direction", "@protected"} {
		v := local.get(key)
		if v == nil {
			continue
		}
		switch key {
		case "@version":
			if v.kind != jNumber || v.str != "1.1" {
				return syntaxErrf(v.at, "invalid @version value: only 1.1 is allowed")
			}
		case "@import":
			if v.kind != jString {
				return syntaxErrf(v.at, "invalid @import value: expected a string")
			}
			return syntaxErrf(v.at, "remote context %q in @import is not loaded: katalog reads only contexts embedded in the document", v.str)
		case "@base":
			switch {
			case v.kind == jNull:
				result.base = ""
			case v.kind != jString:
				return syntaxErrf(v.at, "invalid base IRI: expected a string or null")
			case rdfparse.HasScheme(v.str):
				result.base = v.str
			case result.base != "":
				result.base = rdfparse.Resolve(result.base, v.str)
			default:
				return syntaxErrf(v.at, "invalid base IRI %q: relative, and there is no base IRI to resolve it against", v.str)
			}
		case "@vocab":
			switch v.kind {
			case jNull:
				result.vocab, result.hasVocab = "", false
			case jString:
				s, err := x.expandIRI(result, v.str, true, true, nil, nil, v.at)
				if err != nil {
					return err
				}
				if !rdfparse.HasScheme(s) && !strings.HasPrefix(s, "_:") {
					return syntaxErrf(v.at, "invalid vocabulary mapping %q: not an IRI", v.str)
				}
				result.vocab, result.hasVocab = s, true
			default:
				return syntaxErrf(v.at, "invalid vocabulary mapping: expected a string or null")
			}
		case "@language":
			switch {
			case v.kind == jNull:
				result.lang = ""
			case v.kind != jString:
				return syntaxErrf(v.at, "invalid default language: expected a string or null")
			default:
				if err := rdfparse.CheckLangTag(v.str); err != nil {
					return syntaxErrf(v.at, "%v", err)
				}
				result.lang = v.str
			}
		case "@direction":
			if v.kind != jNull && (v.kind != jString || v.str != "ltr" && v.str != "rtl") {
				return syntaxErrf(v.at, "invalid base direction: expected \"ltr\", \"rtl\" or null")
			}
		case "@protected":
			if v.kind != jBool {
				return syntaxErrf(v.at, "invalid @protected value: expected true or false")
			}
		}
	}
	defined := make(map[string]bool, len(local.obj))
	for i := range local.obj {
		switch m := &local.obj[i]; m.key {
		case "@base", "@direction", "@import", "@language", "@propagate", "@protected", "@version", "@vocab":
		default:
			if err := x.createTerm(result, local, m.key, m.at, defined); err != nil {
				return err
			}
		}
	}
	return nil
}

// createTerm adds the definition of term in local to ctx (JSON-LD 1.1
// Create Term Definition; protection is not enforced).
func (x *Reader) createTerm(ctx *context, local *value, term string, at pos, defined map[string]bool) error {
	if done, ok := defined[term]; ok {
		if done {
			return nil
		}
		return syntaxErrf(at, "cyclic IRI mapping: the definition of term %q depends on itself", term)
	}
	v := local.get(term)
	if term == "" {
		return syntaxErrf(at, "invalid term definition: the empty string is not a term")
	}
	defined[term] = false
	if isKeyword(term) {
		if term == "@type" && v.kind == jObject {
			if c := v.get("@container"); c != nil && c.kind == jString && c.str == "@set" {
				defined[term] = true
				return nil
			}
		}
		return syntaxErrf(at, "keyword redefinition: %s cannot be redefined", term)
	}
	if keywordLike(term) {
		defined[term] = true
		return nil // ignored, as the specification says
	}
	if ctx.terms == nil {
		ctx.terms = make(map[string]*termDef)
	}
	def := &termDef{}
	simple := false
	var id *value
	switch v.kind {
	case jNull:
		def.null = true
		ctx.terms[term] = def
		defined[term] = true
		return nil
	case jString:
		id, simple = v, true
	case jObject:
		id = v.get("@id")
		if err := x.termOptions(ctx, local, term, v, def, defined); err != nil {
			return err
		}
	default:
		return syntaxErrf(v.at, "invalid term definition for %q: expected a string, an object or null", term)
	}
	switch {
	case def.reverse:
		// IRI set by termOptions
	case id != nil && id.kind == jNull:
		def.null = true
	case id != nil && id.kind != jString:
		return syntaxErrf(id.at, "invalid IRI mapping for term %q: @id must be a string or null", term)
	case id != nil && id.str != term:
		s, err := x.expandIRI(ctx, id.str, false, true, local, defined, id.at)
		if err != nil {
			return err
		}
		if !isKeyword(s) && !rdfparse.HasScheme(s) && !strings.HasPrefix(s, "_:") {
			if keywordLike(s) || s == "" {
				def.null = true
				break
			}
			return syntaxErrf(id.at, "invalid IRI mapping for term %q: %q is not an IRI, a blank node or a keyword", term, id.str)
		}
		if s == "@context" {
			return syntaxErrf(id.at, "invalid keyword alias: @context cannot be aliased")
		}
		def.iri = s
		if simple && !strings.ContainsAny(term, ":/") && (strings.ContainsRune(":/?#[]@", rune(s[len(s)-1])) || strings.HasPrefix(s, "_:")) {
			def.prefix = true
		}
	default:
		if i := strings.IndexByte(term, ':'); i > 0 {
			prefix, suffix := term[:i], term[i+1:]
			if local.get(prefix) != nil {
				if err := x.createTerm(ctx, local, prefix, at, defined); err != nil {
					return err
				}
			}
			if p := ctx.lookup(prefix); p != nil && !p.null && p.iri != "" && !strings.HasPrefix(suffix, "//") {
				def.iri = p.iri + suffix
			} else {
				def.iri = term
			}
		} else if strings.ContainsRune(term, '/') {
			s, err := x.expandIRI(ctx, term, false, true, nil, nil, at)
			if err != nil {
				return err
			}
			if !rdfparse.HasScheme(s) {
				return syntaxErrf(at, "invalid IRI mapping for term %q: it is a relative IRI", term)
			}
			def.iri = s
		} else if ctx.hasVocab {
			def.iri = ctx.vocab + term
		} else {
			return syntaxErrf(at, "invalid IRI mapping: term %q has no @id and the context has no @vocab", term)
		}
	}
	ctx.terms[term] = def
	defined[term] = true
	return nil
}

// termOptions reads the entries of an expanded term definition other
// than @id.
func (x *Reader) termOptions(ctx *context, local *value, term string, v *value, def *termDef, defined map[string]bool) error {
	for i := range v.obj {
		m := &v.obj[i]
		e := &m.val
		switch m.key {
		case "@id", "@protected", "@index", "@nest":
		case "@type":
			if e.kind != jString {
				return syntaxErrf(e.at, "invalid type mapping for term %q: expected a string", term)
			}
			s, err := x.expandIRI(ctx, e.str, false, true, local, defined, e.at)
			if err != nil {
				return err
			}
			switch {
			case s == "@id" || s == "@vocab" || s == "@json" || s == "@none":
			case !rdfparse.HasScheme(s):
				return syntaxErrf(e.at, "invalid type mapping for term %q: %q is not an IRI", term, e.str)
			}
			def.typ = s
		case "@reverse":
			if v.get("@id") != nil || v.get("@nest") != nil {
				return syntaxErrf(m.at, "invalid reverse property: term %q has @reverse with @id or @nest", term)
			}
			if e.kind != jString {
				return syntaxErrf(e.at, "invalid IRI mapping for term %q: @reverse must be a string", term)
			}
			s, err := x.expandIRI(ctx, e.str, false, true, local, defined, e.at)
			if err != nil {
				return err
			}
			if !rdfparse.HasScheme(s) && !strings.HasPrefix(s, "_:") {
				return syntaxErrf(e.at, "invalid IRI mapping for term %q: %q is not an IRI", term, e.str)
			}
			def.iri, def.reverse = s, true
		case "@container":
			strs := []value{*e}
			if e.kind == jArray {
				strs = e.arr
			}
			for _, c := range strs {
				f, ok := containerFlags[c.str]
				if c.kind != jString || !ok {
					return syntaxErrf(c.at, "invalid container mapping for term %q", term)
				}
				def.container |= f
			}
			if def.container&cList != 0 && def.container != cList {
				return syntaxErrf(e.at, "invalid container mapping for term %q: @list cannot be combined", term)
			}
		case "@language":
			switch {
			case e.kind == jNull:
				def.lang, def.hasLang = "", true
			case e.kind != jString:
				return syntaxErrf(e.at, "invalid language mapping for term %q: expected a string or null", term)
			default:
				if err := rdfparse.CheckLangTag(e.str); err != nil {
					return syntaxErrf(e.at, "%v", err)
				}
				def.lang, def.hasLang = e.str, true
			}
		case "@direction":
			if e.kind != jNull && (e.kind != jString || e.str != "ltr" && e.str != "rtl") {
				return syntaxErrf(e.at, "invalid base direction for term %q", term)
			}
		case "@context":
			def.scoped = e
		case "@prefix":
			if e.kind != jBool {
				return syntaxErrf(e.at, "invalid @prefix value for term %q: expected true or false", term)
			}
			if strings.ContainsAny(term, ":/") {
				return syntaxErrf(e.at, "invalid term definition: term %q with a ':' or '/' cannot be a prefix", term)
			}
			def.prefix = e.str == "true"
		default:
			return syntaxErrf(m.at, "invalid term definition for %q: unknown key %q", term, m.key)
		}
	}
	if def.reverse && def.container&^(cSet|cIndex) != 0 {
		return syntaxErrf(v.at, "invalid reverse property: term %q may only have an @set or @index container", term)
	}
	return nil
}

// expandIRI is JSON-LD 1.1 IRI Expansion. While a context is processed,
// local and defined are its object and the terms defined so far; else
// nil. The result is a keyword, an absolute IRI, a blank node identifier,
// a relative reference (when no base IRI resolves it), or "" for null.
func (x *Reader) expandIRI(ctx *context, s string, docRel, vocab bool, local *value, defined map[string]bool, at pos) (string, error) {
	if isKeyword(s) {
		return s, nil
	}
	if keywordLike(s) {
		return "", nil
	}
	if local != nil && local.get(s) != nil && !defined[s] {
		if err := x.createTerm(ctx, local, s, at, defined); err != nil {
			return "", err
		}
	}
	if d := ctx.lookup(s); d != nil {
		if isKeyword(d.iri) {
			return d.iri, nil
		}
		if vocab {
			if d.null {
				return "", nil
			}
			return d.iri, nil
		}
	}
	if i := strings.IndexByte(s, ':'); i > 0 {
		prefix, suffix := s[:i], s[i+1:]
		if prefix == "_" || strings.HasPrefix(suffix, "//") {
			return s, nil
		}
		if local != nil && local.get(prefix) != nil && !defined[prefix] {
			if err := x.createTerm(ctx, local, prefix, at, defined); err != nil {
				return "", err
			}
		}
		if d := ctx.lookup(prefix); d != nil && !d.null && d.iri != "" && d.prefix {
			return d.iri + suffix, nil
		}
		if rdfparse.HasScheme(s) {
			return s, nil
		}
	}
	if vocab && ctx.hasVocab {
		return ctx.vocab + s, nil
	}
	if docRel && ctx.base != "" {
		return rdfparse.Resolve(ctx.base, s), nil
	}
	return s, nil
}

// expandKey expands an object key (vocabulary-relative), with a cache.
func (x *Reader) expandKey(ctx *context, key string, at pos) (string, error) {
	if s, ok := ctx.keys[key]; ok {
		return s, nil
	}
	s, err := x.expandIRI(ctx, key, false, true, nil, nil, at)
	if err != nil {
		return "", err
	}
	if ctx.keys == nil {
		ctx.keys = make(map[string]string, 32)
	}
	if len(ctx.keys) < 1024 {
		ctx.keys[key] = s
	}
	return s, nil
}
