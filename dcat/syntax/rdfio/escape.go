package rdfio

// ntEscaped marks the bytes AppendNTString escapes: U+0000–U+001F, '"',
// '\\' and U+007F. A table lookup per byte is cheaper than comparing it
// with each.
var ntEscaped = func() (t [256]bool) {
	for c := range 0x20 {
		t[c] = true
	}
	t['"'], t['\\'], t[0x7f] = true, true, true
	return t
}()

// AppendNTString appends s as the body of an N-Triples or Turtle short
// string (without the quotes), escaped as canonical N-Triples (RDF 1.2)
// escapes it: \" \\ \n \r \t \b \f, and \u00XX for the other characters in
// U+0000–U+001F and U+007F. Everything else, non-ASCII included, is kept.
// s must be valid UTF-8.
func AppendNTString(dst []byte, s string) []byte {
	const hex = "0123456789ABCDEF"
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !ntEscaped[c] {
			continue
		}
		dst = append(dst, s[start:i]...)
		start = i + 1
		switch c {
		case '"':
			dst = append(dst, '\\', '"')
		case '\\':
			dst = append(dst, '\\', '\\')
		case '\n':
			dst = append(dst, '\\', 'n')
		case '\r':
			dst = append(dst, '\\', 'r')
		case '\t':
			dst = append(dst, '\\', 't')
		case '\b':
			dst = append(dst, '\\', 'b')
		case '\f':
			dst = append(dst, '\\', 'f')
		default:
			dst = append(dst, '\\', 'u', '0', '0', hex[c>>4], hex[c&15])
		}
	}
	return append(dst, s[start:]...)
}

// AppendNTLiteral appends a literal as N-Triples and Turtle write it up to
// its datatype: the lexical form lex as a short string, "…" with
// AppendNTString's escapes, then "@" and lang if lang is not "". The
// caller appends "^^" and a datatype where there is one and no lang.
func AppendNTLiteral(dst []byte, lex, lang string) []byte {
	dst = append(dst, '"')
	dst = AppendNTString(dst, lex)
	dst = append(dst, '"')
	if lang != "" {
		dst = append(dst, '@')
		dst = append(dst, lang...)
	}
	return dst
}
