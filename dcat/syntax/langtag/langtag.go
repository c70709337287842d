// Package langtag is katalog's one policy for language tags: which tags are
// accepted, in what form they are kept, and the checks behind both. It
// checks BCP 47 language tags (RFC 5646) for well-formedness and puts them
// in their conventional case: "sv", "en-GB", "sr-Latn-RS", "se".
//
// The check is syntactic (the RFC 5646 ABNF plus the rule that a variant or
// an extension singleton may not repeat); it does not consult the IANA
// subtag registry, so "qq" passes and "sv-XX" passes.
//
// # The policy
//
// A language tag is accepted if and only if it is well-formed BCP 47, as
// Check decides: a langtag (language, extlangs, script, region, variants,
// extensions, private use), a private-use tag ("x-…") or one of the
// grandfathered tags ("i-klingon", "en-GB-oed"). Every part of katalog that
// takes a tag applies this one check and refuses other tags, each in its own
// error form:
//
//   - the JSON API (package schema) with an RFC 9457 problem whose error
//     points at the tag (/title/sv_SE);
//   - the RDF readers (dcat/syntax/turtle, ntriples, rdfxml, jsonld) with a
//     syntax error at the tag's line and column;
//   - the DCAT mapper (package dcat) and the Processor converter with a
//     field error naming the field and the tag;
//   - the RDF writers (dcat/syntax/rdfio's Checker) with an invalid-term
//     error.
//
// So every tag the API accepts can be mapped, written and read back: what is
// accepted is published.
//
// Form. The API and the mapper keep a tag in its Canonical case (Normalize):
// "SV-se" is stored and published as "sv-SE", and two tags that differ only
// in case name one language. The readers keep a tag exactly as written, as
// RDF 1.1 asks (language tags compare case-insensitively). Nothing else
// about a tag is changed: no subtag is dropped, replaced or reordered.
//
// Terms. knakk/rdf's NewLangLiteral takes only letters, one '-', then
// letters and digits, so it refuses well-formed tags such as "zh-Hant-TW",
// "i-klingon" or "en-US-u-ca-gregory". katalog never builds a language-tagged
// literal with it: dcat/syntax/rdfparse's LangLiteral and NewLangLiteral
// build the rdf.Literal with the tag exactly as given.
package langtag

import (
	"errors"
	"fmt"
	"strings"
)

// Sentinel errors wrapped by *Error; test with errors.Is.
var (
	ErrEmpty     = errors.New("the language tag is empty")
	ErrSyntax    = errors.New("the language tag is not well-formed")
	ErrDuplicate = errors.New("the language tag repeats a subtag")
)

// Error says what is wrong with a tag and at which subtag.
type Error struct {
	// Offset is the byte offset of the offending subtag.
	Offset int
	// Subtag is the offending subtag ("" at the end of the tag).
	Subtag string
	// Err is one of the sentinel errors.
	Err error
	msg string
}

// Error implements error.
func (e *Error) Error() string { return e.msg }

// Unwrap returns the sentinel error.
func (e *Error) Unwrap() error { return e.Err }

// irregular and regular are the grandfathered tags of RFC 5646 §2.2.8, in
// their registry case.
var grandfathered = func() map[string]string {
	m := map[string]string{}
	for _, t := range []string{
		"en-GB-oed", "i-ami", "i-bnn", "i-default", "i-enochian", "i-hak", "i-klingon", "i-lux",
		"i-mingo", "i-navajo", "i-pwn", "i-tao", "i-tay", "i-tsu", "sgn-BE-FR", "sgn-BE-NL", "sgn-CH-DE",
		"art-lojban", "cel-gaulish", "no-bok", "no-nyn", "zh-guoyu", "zh-hakka", "zh-min", "zh-min-nan", "zh-xiang",
	} {
		m[strings.ToLower(t)] = t
	}
	return m
}()

func isAlpha(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i] | 0x20; c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func isAlnum(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c|0x20 >= 'a' && c|0x20 <= 'z') {
			return false
		}
	}
	return true
}

// kind is the role of a subtag in a parsed tag.
type kind int

const (
	kLanguage kind = iota
	kExtlang
	kScript
	kRegion
	kVariant
	kSingleton
	kExtension
	kPrivate
)

type subtag struct {
	s    string
	off  int
	kind kind
}

func syntaxError(st subtag, why string) *Error {
	if st.s == "" {
		return &Error{Offset: st.off, Err: ErrSyntax, msg: fmt.Sprintf("the language tag is not well-formed: %s at byte %d", why, st.off)}
	}
	return &Error{Offset: st.off, Subtag: st.s, Err: ErrSyntax, msg: fmt.Sprintf("the language tag is not well-formed: subtag %q at byte %d %s", st.s, st.off, why)}
}

// parse splits tag into classified subtags, or explains why it is not a
// well-formed langtag or privateuse tag (grandfathered tags are handled by
// the callers).
func parse(tag string) ([]subtag, error) {
	if tag == "" {
		return nil, &Error{Err: ErrEmpty, msg: "the language tag is empty"}
	}
	var subs []subtag
	off := 0
	for _, s := range strings.Split(tag, "-") {
		subs = append(subs, subtag{s: s, off: off})
		off += len(s) + 1
	}
	for _, st := range subs {
		switch {
		case st.s == "":
			return nil, syntaxError(st, "an empty subtag (two hyphens, or a hyphen at the start or end)")
		case len(st.s) > 8:
			return nil, syntaxError(st, "is longer than 8 characters")
		case !isAlnum(st.s):
			return nil, syntaxError(st, "holds a character other than the letters A–Z and digits")
		}
	}
	i := 0
	next := func() (subtag, bool) {
		if i < len(subs) {
			return subs[i], true
		}
		return subtag{}, false
	}
	first := subs[0]
	if strings.EqualFold(first.s, "x") {
		return parsePrivate(subs, 0)
	}
	if !isAlpha(first.s) || len(first.s) < 2 {
		return nil, syntaxError(first, "is not a language subtag (2–8 letters)")
	}
	subs[0].kind = kLanguage
	i = 1
	if len(first.s) <= 3 {
		for n := 0; n < 3; n++ {
			st, ok := next()
			if !ok || len(st.s) != 3 || !isAlpha(st.s) {
				break
			}
			subs[i].kind = kExtlang
			i++
		}
	}
	if st, ok := next(); ok && len(st.s) == 4 && isAlpha(st.s) {
		subs[i].kind = kScript
		i++
	}
	if st, ok := next(); ok && (len(st.s) == 2 && isAlpha(st.s) || len(st.s) == 3 && isDigits(st.s)) {
		subs[i].kind = kRegion
		i++
	}
	seenVariant := map[string]bool{}
	for {
		st, ok := next()
		if !ok || !(len(st.s) >= 5 || len(st.s) == 4 && isDigits(st.s[:1])) {
			break
		}
		v := strings.ToLower(st.s)
		if seenVariant[v] {
			return nil, &Error{Offset: st.off, Subtag: st.s, Err: ErrDuplicate, msg: fmt.Sprintf("the language tag repeats the variant %q (byte %d)", st.s, st.off)}
		}
		seenVariant[v] = true
		subs[i].kind = kVariant
		i++
	}
	seenSingleton := map[string]bool{}
	for {
		st, ok := next()
		if !ok || len(st.s) != 1 || strings.EqualFold(st.s, "x") {
			break
		}
		sg := strings.ToLower(st.s)
		if seenSingleton[sg] {
			return nil, &Error{Offset: st.off, Subtag: st.s, Err: ErrDuplicate, msg: fmt.Sprintf("the language tag repeats the extension %q (byte %d)", st.s, st.off)}
		}
		seenSingleton[sg] = true
		subs[i].kind = kSingleton
		i++
		n := 0
		for {
			st, ok := next()
			if !ok || len(st.s) < 2 {
				break
			}
			subs[i].kind = kExtension
			i++
			n++
		}
		if n == 0 {
			return nil, syntaxError(subtag{s: st.s, off: st.off}, "starts an extension that has no subtags of 2–8 characters after it")
		}
	}
	if st, ok := next(); ok && strings.EqualFold(st.s, "x") {
		rest, err := parsePrivate(subs, i)
		if err != nil {
			return nil, err
		}
		return rest, nil
	}
	if st, ok := next(); ok {
		return nil, syntaxError(st, positionHint(subs[i-1].kind, st.s))
	}
	return subs, nil
}

// positionHint explains why a subtag cannot stand where it does.
func positionHint(prev kind, s string) string {
	switch {
	case len(s) == 3 && isAlpha(s) && prev == kLanguage:
		return "is not allowed here (an extended language subtag follows only a 2–3 letter language)"
	case len(s) == 4 && isAlpha(s):
		return "looks like a script but is out of place (the script comes right after the language)"
	case len(s) == 2 && isAlpha(s) || len(s) == 3 && isDigits(s):
		return "looks like a region but is out of place (the region comes after the language and script)"
	}
	return "is not valid at this position"
}

// parsePrivate parses "x-…" from subs[i] to the end.
func parsePrivate(subs []subtag, i int) ([]subtag, error) {
	subs[i].kind = kPrivate
	if i+1 == len(subs) {
		return nil, syntaxError(subs[i], "starts a private-use part that has no subtags after it")
	}
	for j := i + 1; j < len(subs); j++ {
		subs[j].kind = kPrivate
	}
	return subs, nil
}

// Check returns nil if tag is a well-formed BCP 47 language tag (RFC 5646:
// language with optional extlangs, script, region, variants, extensions and
// private use; or a private-use tag "x-…"; or a grandfathered tag), and
// otherwise an *Error naming the offending subtag and its byte offset.
// Variants and extension singletons may not repeat. Case is not significant.
func Check(tag string) error {
	if simple(tag) {
		return nil
	}
	if _, ok := grandfathered[strings.ToLower(tag)]; ok {
		return nil
	}
	_, err := parse(tag)
	return err
}

// simple reports whether tag is a language of 2–8 letters, optionally
// followed by a region (2 letters or 3 digits): "sv", "SV", "en-GB",
// "es-419", the tags nearly all data carries. Those are well-formed, and
// Check and Normalize decide them without allocating.
func simple(tag string) bool {
	i := strings.IndexByte(tag, '-')
	if i < 0 {
		return len(tag) >= 2 && len(tag) <= 8 && isAlpha(tag)
	}
	lang, region := tag[:i], tag[i+1:]
	return len(lang) >= 2 && len(lang) <= 8 && isAlpha(lang) &&
		(len(region) == 2 && isAlpha(region) || len(region) == 3 && isDigits(region))
}

// Normalize applies the policy to a tag that is to be stored or published:
// it returns the Canonical form of a well-formed tag, or Check's *Error.
func Normalize(tag string) (string, error) {
	if simple(tag) {
		return simpleCanonical(tag), nil
	}
	return normalize(tag)
}

// normalize is Normalize without the fast path for simple tags.
func normalize(tag string) (string, error) {
	if g, ok := grandfathered[strings.ToLower(tag)]; ok {
		return g, nil
	}
	subs, err := parse(tag)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	b.Grow(len(tag))
	for i, st := range subs {
		if i > 0 {
			b.WriteByte('-')
		}
		switch st.kind {
		case kScript:
			b.WriteString(strings.ToUpper(st.s[:1]) + strings.ToLower(st.s[1:]))
		case kRegion:
			b.WriteString(strings.ToUpper(st.s))
		default:
			b.WriteString(strings.ToLower(st.s))
		}
	}
	return b.String(), nil
}

// simpleCanonical is Canonical for a simple tag: the language in lower
// case, the region in upper case. A tag already in that form is returned
// as it is.
func simpleCanonical(tag string) string {
	i := strings.IndexByte(tag, '-')
	if i < 0 {
		i = len(tag)
	}
	canonical := true
	for j := 0; j < len(tag); j++ {
		if c := tag[j]; j < i && c >= 'A' && c <= 'Z' || j > i && c >= 'a' && c <= 'z' {
			canonical = false
			break
		}
	}
	if canonical {
		return tag
	}
	if i == len(tag) {
		return strings.ToLower(tag)
	}
	return strings.ToLower(tag[:i]) + "-" + strings.ToUpper(tag[i+1:])
}

// Canonical returns tag in the case conventions of RFC 5646 §2.1.1: language,
// extlang, variants, extensions and private use lower case; the script in
// title case ("Latn"); the region upper case ("SE"). Grandfathered tags get
// their registry form. A tag that is not well-formed is returned unchanged.
func Canonical(tag string) string {
	c, err := Normalize(tag)
	if err != nil {
		return tag
	}
	return c
}
