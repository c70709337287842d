package jsonld

import (
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/katalog-se/katalog/dcat/syntax/rdfparse"
	"github.com/knakk/rdf"
)

// This file turns JSON-LD values into triples: the expansion algorithm
// of JSON-LD 1.1 and its Deserialize JSON-LD to RDF, in one pass that
// emits each triple as it is found instead of building the expanded
// document and the node map.

// isIRI reports whether s is an absolute IRI (not a blank node
// identifier, a keyword or a relative reference).
func isIRI(s string) bool { return rdfparse.HasScheme(s) }

// element reads a value at the top level of a graph: node objects in it
// become triples; free-floating values are dropped.
func (x *Reader) element(v *value, ctx *context, depth int) error {
	switch v.kind {
	case jArray:
		for i := range v.arr {
			if err := x.element(&v.arr[i], ctx, depth+1); err != nil {
				return err
			}
		}
	case jObject:
		kind, err := x.classify(v, ctx)
		if err != nil {
			return err
		}
		switch kind {
		case "@set":
			return x.element(v.get(kind), ctx, depth+1)
		case "":
			_, err = x.node(v, ctx, depth+1)
			return err
		}
		// A free-floating value or list: no triples, not even of the
		// nodes in it (expansion drops it whole). Check it all the same.
		x.drop++
		err = x.objects(v, nil, ctx, depth+1, func(rdf.Object, pos) error { return nil })
		x.drop--
		return err
	}
	return nil
}

// classify returns "@value", "@list" or "@set" for an object with that
// keyword (whatever alias it is written with), "" for a node object.
func (x *Reader) classify(v *value, ctx *context) (string, error) {
	if v.get("@context") != nil {
		return "", nil
	}
	for i := range v.obj {
		m := &v.obj[i]
		if m.key != "" && m.key[0] != '@' && ctx.lookup(m.key) == nil {
			continue // neither a keyword nor an alias
		}
		k, err := x.expandKey(ctx, m.key, m.at)
		if err != nil {
			return "", err
		}
		switch k {
		case "@value", "@list", "@set":
			return k, nil
		}
	}
	return "", nil
}

// node reads a node object and returns its subject.
func (x *Reader) node(v *value, ctx *context, depth int) (rdf.Subject, error) {
	if depth > maxNesting {
		return nil, syntaxErrf(v.at, "node objects nested deeper than %d", maxNesting)
	}
	if ctx.previous != nil && !(len(v.obj) == 1 && x.aliasOf(ctx, v.obj[0].key, "@id")) {
		ctx = ctx.previous // a type-scoped context does not propagate
	}
	if c := v.get("@context"); c != nil {
		var err error
		if ctx, err = x.processContext(ctx, c, true); err != nil {
			return nil, err
		}
	}
	// @type first: its values may bring type-scoped contexts.
	typeCtx := ctx
	var types []*value
	for i := range v.obj {
		m := &v.obj[i]
		if !x.aliasOf(ctx, m.key, "@type") {
			continue
		}
		if m.val.kind == jArray {
			for j := range m.val.arr {
				types = append(types, &m.val.arr[j])
			}
		} else {
			types = append(types, &m.val)
		}
	}
	if len(types) > 0 {
		sorted := make([]*value, 0, len(types))
		for _, t := range types {
			if t.kind != jString {
				return nil, syntaxErrf(t.at, "invalid type value: @type takes a string or an array of strings")
			}
			if d := typeCtx.lookup(t.str); d != nil && d.scoped != nil {
				sorted = append(sorted, t)
			}
		}
		sort.Slice(sorted, func(i, j int) bool { return sorted[i].str < sorted[j].str })
		for _, t := range sorted {
			var err error
			if ctx, err = x.scoped(ctx, typeCtx.lookup(t.str).scoped, false, depth); err != nil {
				return nil, err
			}
		}
	}
	var subj rdf.Subject
	for i := range v.obj {
		m := &v.obj[i]
		if !x.aliasOf(ctx, m.key, "@id") {
			continue
		}
		if m.val.kind != jString {
			return nil, syntaxErrf(m.val.at, "invalid @id value: expected a string")
		}
		id, err := x.expandIRI(ctx, m.val.str, true, false, nil, nil, m.val.at)
		if err != nil {
			return nil, err
		}
		o, err := x.nodeTerm(id, m.val.str, m.val.at)
		if err != nil {
			return nil, err
		}
		subj = o.(rdf.Subject)
	}
	if subj == nil {
		subj = x.terms.Fresh()
	}
	for _, t := range types {
		s, err := x.expandIRI(typeCtx, t.str, true, true, nil, nil, t.at)
		if err != nil {
			return nil, err
		}
		o, err := x.nodeTerm(s, t.str, t.at)
		if err != nil {
			return nil, err
		}
		if err := x.emit(subj, x.rdfType, o, t.at); err != nil {
			return nil, err
		}
	}
	return subj, x.properties(subj, v, ctx, depth)
}

// aliasOf reports whether key is keyword kw or an alias of it.
func (x *Reader) aliasOf(ctx *context, key, kw string) bool {
	if key == kw {
		return true
	}
	if key == "" || key[0] == '@' {
		return false
	}
	d := ctx.lookup(key)
	return d != nil && d.iri == kw
}

// scoped applies the scoped context of a term; results are kept for the
// top-level element being read.
func (x *Reader) scoped(ctx *context, c *value, propagate bool, depth int) (*context, error) {
	if depth > maxNesting {
		return nil, syntaxErrf(c.at, "scoped contexts nested deeper than %d", maxNesting)
	}
	k := scopeKey{ctx, c, propagate}
	if r, ok := x.scopes[k]; ok {
		return r, nil
	}
	r, err := x.processContext(ctx, c, propagate)
	if err != nil {
		return nil, err
	}
	if x.scopes == nil {
		x.scopes = make(map[scopeKey]*context)
	}
	if len(x.scopes) < 1024 {
		x.scopes[k] = r
	}
	return r, nil
}

// scopeKey identifies the result of applying a scoped context.
type scopeKey struct {
	ctx       *context
	local     *value
	propagate bool
}

// properties emits the triples of the entries of node object v (or of a
// value of @nest in it) about subj.
func (x *Reader) properties(subj rdf.Subject, v *value, ctx *context, depth int) error {
	for i := range v.obj {
		m := &v.obj[i]
		exp, err := x.expandKey(ctx, m.key, m.at)
		if err != nil {
			return err
		}
		switch exp {
		case "@context", "@id", "@type", "@index":
			continue
		case "@reverse":
			if err := x.reverse(subj, &m.val, ctx, depth); err != nil {
				return err
			}
			continue
		case "@graph":
			// The node names a graph: its @graph is that graph's content.
			if err := x.inGraph(subj.(rdf.Context), func() error { return x.element(&m.val, ctx, depth+1) }); err != nil {
				return err
			}
			continue
		case "@included":
			if err := x.element(&m.val, ctx, depth+1); err != nil {
				return err
			}
			continue
		case "@nest":
			if err := x.nest(subj, &m.val, ctx, depth); err != nil {
				return err
			}
			continue
		}
		if isKeyword(exp) {
			return syntaxErrf(m.at, "invalid node object: %s is not allowed beside node properties", exp)
		}
		if !isIRI(exp) {
			continue // not an IRI: dropped, as the specification says
		}
		p, err := x.predicate(exp, m.at)
		if err != nil {
			return err
		}
		def := ctx.lookup(m.key)
		pctx := ctx
		if def != nil && def.scoped != nil {
			if pctx, err = x.scoped(ctx, def.scoped, true, depth); err != nil {
				return err
			}
		}
		rev := def != nil && def.reverse
		err = x.objects(&m.val, def, pctx, depth+1, func(o rdf.Object, at pos) error {
			if !rev {
				return x.emit(subj, p, o, at)
			}
			s, ok := o.(rdf.Subject)
			if !ok {
				return syntaxErrf(at, "invalid reverse property value: a literal cannot be the subject of %s", m.key)
			}
			return x.emit(s, p, subj.(rdf.Object), at)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// nest reads the value of @nest: objects whose entries are properties of
// the enclosing node.
func (x *Reader) nest(subj rdf.Subject, v *value, ctx *context, depth int) error {
	if v.kind == jArray {
		for i := range v.arr {
			if err := x.nest(subj, &v.arr[i], ctx, depth); err != nil {
				return err
			}
		}
		return nil
	}
	if v.kind != jObject {
		return syntaxErrf(v.at, "invalid @nest value: expected an object")
	}
	for i := range v.obj {
		if k, err := x.expandKey(ctx, v.obj[i].key, v.obj[i].at); err != nil {
			return err
		} else if k == "@value" {
			return syntaxErrf(v.obj[i].at, "invalid @nest value: a value object")
		}
	}
	return x.properties(subj, v, ctx, depth+1)
}

// reverse reads the value of @reverse: properties whose values are the
// subjects of triples with subj as object.
func (x *Reader) reverse(subj rdf.Subject, v *value, ctx *context, depth int) error {
	if v.kind != jObject {
		return syntaxErrf(v.at, "invalid @reverse value: expected an object")
	}
	for i := range v.obj {
		m := &v.obj[i]
		exp, err := x.expandKey(ctx, m.key, m.at)
		if err != nil {
			return err
		}
		if isKeyword(exp) {
			return syntaxErrf(m.at, "invalid reverse property map: %s is not allowed in @reverse", exp)
		}
		if !isIRI(exp) {
			continue
		}
		p, err := x.predicate(exp, m.at)
		if err != nil {
			return err
		}
		def := ctx.lookup(m.key)
		fwd := def != nil && def.reverse // reversed twice
		err = x.objects(&m.val, def, ctx, depth+1, func(o rdf.Object, at pos) error {
			if fwd {
				return x.emit(subj, p, o, at)
			}
			s, ok := o.(rdf.Subject)
			if !ok {
				return syntaxErrf(at, "invalid reverse property value: a literal cannot be the subject of %s", m.key)
			}
			return x.emit(s, p, subj.(rdf.Object), at)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// objects reads the value of a property with term definition def (nil
// for none) and calls fn with each RDF object it stands for.
func (x *Reader) objects(v *value, def *termDef, ctx *context, depth int, fn func(rdf.Object, pos) error) error {
	if depth > maxNesting {
		return syntaxErrf(v.at, "values nested deeper than %d", maxNesting)
	}
	var container uint8
	if def != nil {
		container = def.container
	}
	if container&cList != 0 && v.kind != jNull {
		items := []value{*v}
		switch v.kind {
		case jArray:
			items = v.arr
		case jObject:
			if k, err := x.classify(v, ctx); err != nil {
				return err
			} else if k == "@list" {
				items = nil
			}
		}
		if items != nil {
			o, err := x.list(items, def, ctx, depth, v.at)
			if err != nil {
				return err
			}
			return fn(o, v.at)
		}
	}
	if container&cGraph != 0 {
		switch {
		case v.kind == jObject && container&(cID|cIndex) != 0:
			return x.graphMap(v, def, ctx, depth, fn)
		case container&(cID|cIndex) == 0 && v.kind != jArray && v.kind != jNull:
			// A @graph container: each value is the content of a graph
			// of its own, named by a new blank node.
			return x.wrapGraph(v, nil, ctx, depth, fn)
		}
	}
	switch v.kind {
	case jNull:
		return nil
	case jArray:
		for i := range v.arr {
			if err := x.objects(&v.arr[i], def, ctx, depth+1, fn); err != nil {
				return err
			}
		}
		return nil
	case jObject:
		switch {
		case container&cLanguage != 0:
			return x.languageMap(v, ctx, fn)
		case container&cIndex != 0:
			d := *def
			d.container &^= cIndex
			for i := range v.obj {
				if err := x.objects(&v.obj[i].val, &d, ctx, depth+1, fn); err != nil {
					return err
				}
			}
			return nil
		case container&(cID|cType) != 0:
			return syntaxErrf(v.at, "@id and @type maps are not supported")
		}
		kind, err := x.classify(v, ctx)
		if err != nil {
			return err
		}
		switch kind {
		case "@value":
			o, err := x.valueObject(v, ctx)
			if err != nil || o == nil {
				return err
			}
			return fn(o, v.at)
		case "@list", "@set":
			var content *value
			for i := range v.obj {
				m := &v.obj[i]
				k, err := x.expandKey(ctx, m.key, m.at)
				if err != nil {
					return err
				}
				switch k {
				case kind:
					content = &m.val
				case "@index":
				default:
					return syntaxErrf(m.at, "invalid %s object: %q is not allowed beside %s", kind[1:], m.key, kind)
				}
			}
			if kind == "@set" {
				return x.objects(content, def, ctx, depth+1, fn)
			}
			items := []value{*content}
			if content.kind == jArray {
				items = content.arr
			}
			o, err := x.list(items, def, ctx, depth, v.at)
			if err != nil {
				return err
			}
			return fn(o, v.at)
		}
		s, err := x.node(v, ctx, depth+1)
		if err != nil {
			return err
		}
		return fn(s.(rdf.Object), v.at)
	}
	o, err := x.scalar(v, def, ctx)
	if err != nil || o == nil {
		return err
	}
	return fn(o, v.at)
}

// wrapGraph reads v as the content of a graph named name (nil: a new
// blank node) and calls fn with the name, as a @graph container does with
// each of its values.
func (x *Reader) wrapGraph(v *value, name rdf.Context, ctx *context, depth int, fn func(rdf.Object, pos) error) error {
	if name == nil {
		name = x.terms.Fresh()
	}
	if err := x.inGraph(name, func() error { return x.element(v, ctx, depth+1) }); err != nil {
		return err
	}
	return fn(name.(rdf.Object), v.at)
}

// graphMap reads the value of a property with a @graph container and an
// @id container (keys name the graphs; @none a new blank node) or an
// @index container (keys are dropped): each value is the content of a
// graph, or a graph object named by the key unless it has an @id.
func (x *Reader) graphMap(v *value, def *termDef, ctx *context, depth int, fn func(rdf.Object, pos) error) error {
	for i := range v.obj {
		m := &v.obj[i]
		var name rdf.Context
		if def.container&cID != 0 {
			id, err := x.expandIRI(ctx, m.key, true, false, nil, nil, m.at)
			if err != nil {
				return err
			}
			if k, err := x.expandKey(ctx, m.key, m.at); err != nil {
				return err
			} else if k != "@none" && id != "@none" {
				o, err := x.nodeTerm(id, m.key, m.at)
				if err != nil {
					return err
				}
				name = o.(rdf.Context)
			}
		}
		items := []value{m.val}
		if m.val.kind == jArray {
			items = m.val.arr
		}
		for j := range items {
			it := &items[j]
			if it.kind == jNull {
				continue
			}
			if g, ok, err := x.graphObject(it, ctx); err != nil {
				return err
			} else if ok {
				if err := x.graphObjectNamed(it, g, name, ctx, depth, fn); err != nil {
					return err
				}
				continue
			}
			if err := x.wrapGraph(it, name, ctx, depth, fn); err != nil {
				return err
			}
		}
	}
	return nil
}

// graphObject reports whether v is a graph object: an object with @graph
// and no entries but @id, @index and @context; it returns its @graph.
func (x *Reader) graphObject(v *value, ctx *context) (*value, bool, error) {
	if v.kind != jObject {
		return nil, false, nil
	}
	var graph *value
	for i := range v.obj {
		m := &v.obj[i]
		k, err := x.expandKey(ctx, m.key, m.at)
		if err != nil {
			return nil, false, err
		}
		switch k {
		case "@graph":
			graph = &m.val
		case "@id", "@index", "@context":
		default:
			return nil, false, nil
		}
	}
	return graph, graph != nil, nil
}

// graphObjectNamed reads graph object v of a graph map: its name is its
// @id, else name, else a new blank node.
func (x *Reader) graphObjectNamed(v, graph *value, name rdf.Context, ctx *context, depth int, fn func(rdf.Object, pos) error) error {
	hasID := false
	for i := range v.obj {
		if x.aliasOf(ctx, v.obj[i].key, "@id") {
			hasID = true
		}
	}
	if hasID || name == nil {
		s, err := x.node(v, ctx, depth+1)
		if err != nil {
			return err
		}
		return fn(s.(rdf.Object), v.at)
	}
	if c := v.get("@context"); c != nil {
		var err error
		if ctx, err = x.processContext(ctx, c, true); err != nil {
			return err
		}
	}
	return x.wrapGraph(graph, name, ctx, depth, fn)
}

// list emits an rdf:List of the values in items and returns its head.
func (x *Reader) list(items []value, def *termDef, ctx *context, depth int, at pos) (rdf.Object, error) {
	var d *termDef
	if def != nil {
		c := *def
		c.container = 0
		d = &c
	}
	type elem struct {
		o  rdf.Object
		at pos
	}
	var elems []elem
	add := func(o rdf.Object, at pos) error {
		elems = append(elems, elem{o, at})
		return nil
	}
	for i := range items {
		it := &items[i]
		if it.kind == jArray {
			o, err := x.list(it.arr, def, ctx, depth+1, it.at) // a list of lists
			if err != nil {
				return nil, err
			}
			elems = append(elems, elem{o, it.at})
			continue
		}
		if err := x.objects(it, d, ctx, depth+1, add); err != nil {
			return nil, err
		}
	}
	if len(elems) == 0 {
		return x.rdfNil, nil
	}
	head := x.terms.Fresh()
	cur := head
	for i, e := range elems {
		if err := x.emit(cur, x.rdfFirst, e.o, e.at); err != nil {
			return nil, err
		}
		var rest rdf.Object = x.rdfNil
		var next rdf.Blank
		if i+1 < len(elems) {
			next = x.terms.Fresh()
			rest = next
		}
		if err := x.emit(cur, x.rdfRest, rest, e.at); err != nil {
			return nil, err
		}
		cur = next
	}
	return head, nil
}

// languageMap reads the value of a property with an @language container.
func (x *Reader) languageMap(v *value, ctx *context, fn func(rdf.Object, pos) error) error {
	for i := range v.obj {
		m := &v.obj[i]
		lang := m.key
		if k, err := x.expandKey(ctx, lang, m.at); err != nil {
			return err
		} else if k == "@none" {
			lang = ""
		} else if err := rdfparse.CheckLangTag(lang); err != nil {
			return syntaxErrf(m.at, "language map key: %v", err)
		}
		vals := []value{m.val}
		if m.val.kind == jArray {
			vals = m.val.arr
		}
		for _, s := range vals {
			switch s.kind {
			case jNull:
				continue
			case jString:
			default:
				return syntaxErrf(s.at, "invalid language map value: expected a string")
			}
			if err := fn(x.terms.Literal(s.str, lang, rdf.IRI{}), s.at); err != nil {
				return err
			}
		}
	}
	return nil
}

// valueObject reads a value object; a null @value gives nil.
func (x *Reader) valueObject(v *value, ctx *context) (rdf.Object, error) {
	var val *value
	var typ, lang string
	var typAt pos
	hasType, hasLang := false, false
	for i := range v.obj {
		m := &v.obj[i]
		k, err := x.expandKey(ctx, m.key, m.at)
		if err != nil {
			return nil, err
		}
		switch k {
		case "@value":
			val = &m.val
		case "@type":
			if m.val.kind != jString {
				return nil, syntaxErrf(m.val.at, "invalid typed value: @type must be a string")
			}
			if typ, err = x.expandIRI(ctx, m.val.str, true, true, nil, nil, m.val.at); err != nil {
				return nil, err
			}
			if typ == "@json" {
				return nil, syntaxErrf(m.val.at, "JSON literals (@type @json) are not supported")
			}
			if !isIRI(typ) {
				return nil, syntaxErrf(m.val.at, "invalid typed value: datatype %q is not an IRI", m.val.str)
			}
			hasType, typAt = true, m.val.at
		case "@language":
			if m.val.kind != jString {
				return nil, syntaxErrf(m.val.at, "invalid language-tagged string: @language must be a string")
			}
			if err := rdfparse.CheckLangTag(m.val.str); err != nil {
				return nil, syntaxErrf(m.val.at, "%v", err)
			}
			lang, hasLang = m.val.str, true
		case "@direction", "@index":
		default:
			return nil, syntaxErrf(m.at, "invalid value object: %q is not allowed beside @value", m.key)
		}
	}
	if hasType && hasLang {
		return nil, syntaxErrf(v.at, "invalid value object: it has both @type and @language")
	}
	switch val.kind {
	case jNull:
		return nil, nil
	case jArray, jObject:
		return nil, syntaxErrf(val.at, "invalid value object value: @value must be a string, number, boolean or null")
	case jString:
		if hasType {
			dt, err := x.datatype(typ, typAt)
			return rdf.NewTypedLiteral(val.str, dt), err
		}
		return x.terms.Literal(val.str, lang, rdf.IRI{}), nil
	}
	if hasLang {
		return nil, syntaxErrf(val.at, "invalid language-tagged value: @language needs a string @value")
	}
	return x.native(val, typ, typAt)
}

// scalar reads a string, number or boolean, coerced by def.
func (x *Reader) scalar(v *value, def *termDef, ctx *context) (rdf.Object, error) {
	var typ string
	if def != nil {
		typ = def.typ
	}
	if v.kind != jString {
		if typ != "" && typ[0] == '@' {
			typ = ""
		}
		return x.native(v, typ, v.at)
	}
	switch typ {
	case "@id", "@vocab":
		s, err := x.expandIRI(ctx, v.str, true, typ == "@vocab", nil, nil, v.at)
		if err != nil {
			return nil, err
		}
		return x.nodeTerm(s, v.str, v.at)
	case "@json":
		return nil, syntaxErrf(v.at, "JSON literals (@type @json) are not supported")
	case "", "@none":
		lang := ctx.lang
		if def != nil && def.hasLang {
			lang = def.lang
		}
		return x.terms.Literal(v.str, lang, rdf.IRI{}), nil
	}
	dt, err := x.datatype(typ, v.at)
	return rdf.NewTypedLiteral(v.str, dt), err
}

// native converts a JSON number or boolean to a literal; dt, if set,
// replaces the default datatype.
func (x *Reader) native(v *value, dt string, at pos) (rdf.Object, error) {
	var dtIRI rdf.IRI
	if dt != "" {
		var err error
		if dtIRI, err = x.datatype(dt, at); err != nil {
			return nil, err
		}
	}
	if v.kind == jBool {
		if dt == "" {
			dtIRI = x.xsdBoolen
		}
		return rdf.NewTypedLiteral(v.str, dtIRI), nil
	}
	f, err := strconv.ParseFloat(v.str, 64)
	if err != nil || math.IsInf(f, 0) {
		return nil, syntaxErrf(v.at, "number %s is out of range", v.str)
	}
	if f != math.Trunc(f) || math.Abs(f) >= 1e21 || dt == rdfparse.XSDNS+"double" {
		if dt == "" {
			dtIRI = x.xsdDouble
		}
		return rdf.NewTypedLiteral(canonicalDouble(f), dtIRI), nil
	}
	if dt == "" {
		dtIRI = x.xsdInteger
	}
	lex := v.str
	if strings.ContainsAny(lex, ".eE") || math.Abs(f) > 1<<53 {
		lex = strconv.FormatFloat(f, 'f', -1, 64)
	}
	if lex == "-0" {
		lex = "0"
	}
	return rdf.NewTypedLiteral(lex, dtIRI), nil
}

// canonicalDouble returns the canonical lexical form of an xsd:double as
// JSON-LD writes it: "1.5E0", "1.0E21".
func canonicalDouble(f float64) string {
	s := strconv.FormatFloat(f, 'E', -1, 64)
	mant, exp, _ := strings.Cut(s, "E")
	if !strings.Contains(mant, ".") {
		mant += ".0"
	}
	e, _ := strconv.Atoi(exp)
	return mant + "E" + strconv.Itoa(e)
}

// datatype makes the IRI of a datatype.
func (x *Reader) datatype(s string, at pos) (rdf.IRI, error) {
	if !isIRI(s) {
		return rdf.IRI{}, syntaxErrf(at, "invalid typed value: datatype %q is not an IRI", s)
	}
	i, err := x.terms.IRI(s)
	if err != nil {
		return i, syntaxErrf(at, "bad datatype IRI <%s>: %v", s, err)
	}
	return i, nil
}

// predicate makes the IRI of a property.
func (x *Reader) predicate(s string, at pos) (rdf.Predicate, error) {
	if p, ok := x.preds.Get(s); ok {
		return p, nil
	}
	i, err := x.terms.IRI(s)
	if err != nil {
		return nil, syntaxErrf(at, "bad property IRI <%s>: %v", s, err)
	}
	var p rdf.Predicate = i
	x.preds.Put(s, p)
	return p, nil
}

// nodeTerm makes the IRI or blank node that the expanded identifier s
// (written as src) names.
func (x *Reader) nodeTerm(s, src string, at pos) (rdf.Object, error) {
	if strings.HasPrefix(s, "_:") {
		return x.blank(s[2:]), nil
	}
	if !isIRI(s) {
		if x.base == "" && !strings.HasPrefix(s, "@") {
			return nil, syntaxErrf(at, "relative IRI %q and no base IRI", src)
		}
		return nil, syntaxErrf(at, "%q is not an IRI or a blank node identifier", src)
	}
	if o, ok := x.objs.Get(s); ok {
		return o, nil
	}
	i, err := x.terms.IRI(s)
	if err != nil {
		return nil, syntaxErrf(at, "bad IRI <%s>: %v", s, err)
	}
	var o rdf.Object = i
	x.objs.Put(s, o)
	return o, nil
}

// blank returns the blank node of a label in the document.
func (x *Reader) blank(label string) rdf.Blank {
	if strings.TrimSpace(label) != "" {
		return x.terms.Blank(label)
	}
	if b, ok := x.blanks[label]; ok {
		return b
	}
	if x.blanks == nil {
		x.blanks = make(map[string]rdf.Blank)
	}
	b := x.terms.Fresh()
	x.blanks[label] = b
	return b
}
