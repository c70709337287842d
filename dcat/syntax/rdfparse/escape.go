package rdfparse

import (
	"fmt"
	"unicode/utf8"
)

// AppendUCHAR decodes the hex digits of a \u (4) or \U (8) escape in h and
// appends the character to dst. It fails on bad digits, surrogates and
// values beyond U+10FFFF.
func AppendUCHAR(dst []byte, h []byte) ([]byte, error) {
	var r rune
	for _, c := range h {
		v := Hex(c)
		if v < 0 {
			return dst, fmt.Errorf("bad hex digit %q in a \\u or \\U escape", c)
		}
		r = r<<4 | rune(v)
	}
	if r >= 0xD800 && r <= 0xDFFF || r > utf8.MaxRune {
		return dst, fmt.Errorf("escape \\u%X is not a Unicode scalar value", r)
	}
	return utf8.AppendRune(dst, r), nil
}

// ECHAR returns the character that the escape \c stands for in a Turtle or
// N-Triples string, or -1.
func ECHAR(c byte) int {
	switch c {
	case 't':
		return '\t'
	case 'b':
		return '\b'
	case 'n':
		return '\n'
	case 'r':
		return '\r'
	case 'f':
		return '\f'
	case '"', '\'', '\\':
		return int(c)
	}
	return -1
}
