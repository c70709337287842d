// Package xmltext checks that a string can be written as XML 1.0 character
// data: valid UTF-8 made only of characters in the XML 1.0 Char production
// (#x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]).
//
// RDF/XML and every other XML serialisation katalog writes can only hold such
// text; escaping cannot rescue a control character such as U+0001.
package xmltext

import (
	"errors"
	"fmt"
	"unicode/utf8"
)

// Sentinel errors wrapped by the *Error that Check returns.
var (
	// ErrInvalidUTF8 means the text is not valid UTF-8.
	ErrInvalidUTF8 = errors.New("the text is not valid UTF-8")
	// ErrChar means the text holds a character that XML 1.0 does not allow.
	ErrChar = errors.New("the text holds a character that XML 1.0 does not allow")
)

// Error locates the first character that XML 1.0 cannot hold.
type Error struct {
	// Rune is the 0-based offset of the character, counted in runes (an
	// invalid UTF-8 byte counts as one).
	Rune int
	// Byte is the 0-based byte offset of the character.
	Byte int
	// Char is the offending character; utf8.RuneError for invalid UTF-8.
	Char rune
	// Err is ErrInvalidUTF8 or ErrChar.
	Err error
}

// Error implements error.
func (e *Error) Error() string {
	if errors.Is(e.Err, ErrInvalidUTF8) {
		return fmt.Sprintf("invalid UTF-8 at character %d (byte %d)", e.Rune, e.Byte)
	}
	return fmt.Sprintf("character %s at position %d is not allowed in XML 1.0 text", describe(e.Char), e.Rune)
}

// Unwrap returns ErrInvalidUTF8 or ErrChar.
func (e *Error) Unwrap() error { return e.Err }

func describe(r rune) string {
	switch r {
	case 0:
		return "U+0000 (NUL)"
	case 0x1B:
		return "U+001B (ESC)"
	case 0x7F:
		return "U+007F (DEL)"
	}
	return fmt.Sprintf("U+%04X", r)
}

// IsChar reports whether r is in the XML 1.0 Char production.
func IsChar(r rune) bool {
	switch {
	case r == 0x9 || r == 0xA || r == 0xD:
		return true
	case r >= 0x20 && r <= 0xD7FF:
		return true
	case r >= 0xE000 && r <= 0xFFFD:
		return true
	case r >= 0x10000 && r <= 0x10FFFF:
		return true
	}
	return false
}

// Check returns nil if s is valid UTF-8 made only of XML 1.0 characters, and
// otherwise an *Error giving the offset (in runes) of the first bad one.
func Check(s string) error {
	n := 0
	for i := 0; i < len(s); n++ {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size <= 1 {
			return &Error{Rune: n, Byte: i, Char: utf8.RuneError, Err: ErrInvalidUTF8}
		}
		if !IsChar(r) {
			return &Error{Rune: n, Byte: i, Char: r, Err: ErrChar}
		}
		i += size
	}
	return nil
}
