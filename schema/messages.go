package schema

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/katalog-se/katalog/dcat/validate"
	"github.com/katalog-se/katalog/internal/problem"
)

// schemaErrors validates inst against the named schema and translates every
// failure into a field error.
func (v *Validator) schemaErrors(name string, inst any) []problem.FieldError {
	err := v.compiled[name].Validate(inst)
	if err == nil {
		return nil
	}
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return withRules(name, []problem.FieldError{field("", "the body could not be validated: "+err.Error(), "kroppen kunde inte valideras: "+err.Error())}, apiSchema)
	}
	var out []problem.FieldError
	var walk func(e *jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		if len(e.Causes) > 0 {
			for _, c := range e.Causes {
				walk(c)
			}
			return
		}
		errs := v.translate(e, inst)
		check := apiSchema
		switch kw := e.KeywordLocation[strings.LastIndexByte(e.KeywordLocation, '/')+1:]; kw {
		case "required", "minProperties", "minLength":
			check = validate.CheckMin
		}
		out = append(out, withRules(name, errs, check)...)
	}
	walk(ve)
	sortErrors(out)
	return dedupe(out)
}

// dedupe drops repeated errors (same pointer and detail).
func dedupe(errs []problem.FieldError) []problem.FieldError {
	out := errs[:0]
	seen := map[string]bool{}
	for _, e := range errs {
		k := e.Pointer + "\x00" + e.Detail
		if !seen[k] {
			seen[k] = true
			out = append(out, e)
		}
	}
	return out
}

func field(ptr, en, sv string) problem.FieldError {
	return problem.FieldError{Pointer: ptr, Detail: en, Message: map[string]string{"sv": sv, "en": en}}
}

// pointer turns the library's instance location, whose tokens are also
// URL-path-escaped, into a plain RFC 6901 JSON pointer.
func pointer(loc string) string {
	if loc == "" {
		return ""
	}
	toks := strings.Split(loc, "/")
	for i, t := range toks {
		if u, err := url.PathUnescape(t); err == nil {
			toks[i] = u
		}
	}
	return strings.Join(toks, "/")
}

// escapeToken escapes one RFC 6901 reference token.
func escapeToken(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

// unescapeToken undoes escapeToken.
func unescapeToken(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~1", "/"), "~0", "~")
}

// lookup resolves an RFC 6901 pointer in a decoded JSON value.
func lookup(doc any, ptr string) (any, bool) {
	if ptr == "" {
		return doc, true
	}
	cur := doc
	for _, tok := range strings.Split(ptr, "/")[1:] {
		tok = unescapeToken(tok)
		switch c := cur.(type) {
		case map[string]any:
			next, ok := c[tok]
			if !ok {
				return nil, false
			}
			cur = next
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(c) {
				return nil, false
			}
			cur = c[i]
		default:
			return nil, false
		}
	}
	return cur, true
}

// keywordValue finds the value of the failed keyword in the schema document,
// from the error's absolute keyword location ("<$id>#<pointer>").
func (v *Validator) keywordValue(e *jsonschema.ValidationError) (any, bool) {
	id, frag, ok := strings.Cut(e.AbsoluteKeywordLocation, "#")
	if !ok {
		return nil, false
	}
	doc, ok := v.docs[id]
	if !ok {
		return nil, false
	}
	return lookup(doc, pointer(frag))
}

// schemaAt returns the schema object holding the failed keyword.
func (v *Validator) schemaAt(e *jsonschema.ValidationError) map[string]any {
	id, frag, ok := strings.Cut(e.AbsoluteKeywordLocation, "#")
	if !ok {
		return nil
	}
	doc, ok := v.docs[id]
	if !ok {
		return nil
	}
	frag = pointer(frag)
	if i := strings.LastIndexByte(frag, '/'); i >= 0 {
		frag = frag[:i]
	}
	m, _ := lookup(doc, frag)
	obj, _ := m.(map[string]any)
	return obj
}

// typeNames are JSON types in plain words.
var typeNames = map[string][2]string{ // en, sv
	"string":  {"text (a JSON string)", "text (en JSON-sträng)"},
	"object":  {"an object", "ett objekt"},
	"array":   {"a list (a JSON array)", "en lista (en JSON-array)"},
	"integer": {"a whole number", "ett heltal"},
	"number":  {"a number", "ett tal"},
	"boolean": {"true or false", "true eller false"},
	"null":    {"null", "null"},
}

func jsonType(x any) string {
	switch t := x.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case json.Number:
		if strings.ContainsAny(string(t), ".eE") {
			return "number"
		}
		return "integer"
	case float64, int, int64:
		return "number"
	case string:
		return "string"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return "unknown"
}

// translate turns one leaf validation failure into field errors in plain
// English and Swedish.
func (v *Validator) translate(e *jsonschema.ValidationError, inst any) []problem.FieldError {
	ptr := pointer(e.InstanceLocation)
	kw := e.KeywordLocation
	if i := strings.LastIndexByte(kw, '/'); i >= 0 {
		kw = kw[i+1:]
	}
	val, _ := v.keywordValue(e)
	here, _ := lookup(inst, ptr)
	switch kw {
	case "required":
		var out []problem.FieldError
		obj, _ := here.(map[string]any)
		names, _ := val.([]any)
		for _, n := range names {
			name, _ := n.(string)
			if _, ok := obj[name]; ok || name == "" {
				continue
			}
			out = append(out, field(ptr+"/"+escapeToken(name),
				fmt.Sprintf("%s is required", name), fmt.Sprintf("%s måste anges", name)))
		}
		if len(out) > 0 {
			return out
		}
	case "additionalProperties":
		obj, _ := here.(map[string]any)
		props, _ := v.schemaAt(e)["properties"].(map[string]any)
		var unknown []string
		for k := range obj {
			if _, ok := props[k]; !ok {
				unknown = append(unknown, k)
			}
		}
		sort.Strings(unknown)
		var out []problem.FieldError
		for _, k := range unknown {
			p := ptr + "/" + escapeToken(k)
			if k == "token" && ptr == "" {
				out = append(out, field(p, "the token cannot be set: the server issues it at registration",
					"token kan inte anges: servern utfärdar den vid registreringen"))
				continue
			}
			out = append(out, field(p, fmt.Sprintf("unknown property %q (names are case-sensitive)", k),
				fmt.Sprintf("okänd egenskap %q (namnen är skiftlägeskänsliga)", k)))
		}
		if len(out) > 0 {
			return out
		}
	case "type":
		var want []string
		switch t := val.(type) {
		case string:
			want = []string{t}
		case []any:
			for _, x := range t {
				if s, ok := x.(string); ok {
					want = append(want, s)
				}
			}
		}
		got := jsonType(here)
		if len(want) == 1 && want[0] == "integer" && got == "number" {
			return []problem.FieldError{field(ptr, "must be a whole number (no decimals)", "måste vara ett heltal (utan decimaler)")}
		}
		var en, sv []string
		for _, w := range want {
			en = append(en, typeNames[w][0])
			sv = append(sv, typeNames[w][1])
		}
		return []problem.FieldError{field(ptr,
			fmt.Sprintf("must be %s, not %s", strings.Join(en, " or "), typeNames[got][0]),
			fmt.Sprintf("måste vara %s, inte %s", strings.Join(sv, " eller "), typeNames[got][1]))}
	case "minLength":
		if n := fmt.Sprint(val); n == "1" {
			return []problem.FieldError{field(ptr, "must not be empty", "får inte vara tom")}
		}
		return []problem.FieldError{field(ptr, fmt.Sprintf("must be at least %v characters long", val), fmt.Sprintf("måste vara minst %v tecken lång", val))}
	case "maxLength":
		return []problem.FieldError{field(ptr, fmt.Sprintf("must be at most %v characters long", val), fmt.Sprintf("får vara högst %v tecken lång", val))}
	case "minProperties":
		if fmt.Sprint(val) == "1" {
			return []problem.FieldError{field(ptr, `must not be empty: give a text in Swedish or English, e.g. {"sv": "…"}`,
				`får inte vara tom: ange en text på svenska eller engelska, t.ex. {"sv": "…"}`)}
		}
		return []problem.FieldError{field(ptr, fmt.Sprintf("must have at least %v entries", val), fmt.Sprintf("måste ha minst %v poster", val))}
	case "minimum":
		return []problem.FieldError{field(ptr, fmt.Sprintf("must be at least %v", val), fmt.Sprintf("måste vara minst %v", val))}
	case "maximum":
		return []problem.FieldError{field(ptr, fmt.Sprintf("must be at most %v", val), fmt.Sprintf("får vara högst %v", val))}
	case "minItems":
		return []problem.FieldError{field(ptr, fmt.Sprintf("must have at least %v items", val), fmt.Sprintf("måste ha minst %v element", val))}
	case "maxItems":
		return []problem.FieldError{field(ptr, fmt.Sprintf("must have at most %v items", val), fmt.Sprintf("får ha högst %v element", val))}
	case "enum", "const":
		var opts []string
		switch t := val.(type) {
		case []any:
			for _, o := range t {
				opts = append(opts, fmt.Sprint(o))
			}
		default:
			opts = []string{fmt.Sprint(t)}
		}
		return []problem.FieldError{field(ptr, "must be one of: "+strings.Join(opts, ", "), "måste vara något av: "+strings.Join(opts, ", "))}
	case "pattern":
		return []problem.FieldError{field(ptr, fmt.Sprintf("does not have the required form (pattern %v)", val), fmt.Sprintf("har inte den form som krävs (mönster %v)", val))}
	case "format":
		return []problem.FieldError{field(ptr, fmt.Sprintf("is not a valid %v", val), fmt.Sprintf("är inte giltigt som %v", val))}
	case "uniqueItems":
		return []problem.FieldError{field(ptr, "must not list the same value twice: "+e.Message, "får inte ange samma värde två gånger: "+e.Message)}
	}
	return []problem.FieldError{field(ptr, "is invalid: "+e.Message, "är ogiltigt: "+e.Message)}
}
