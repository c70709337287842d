package jsonld

import (
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/katalog-se/katalog/dcat/syntax/rdfparse"
)

// This file is the JSON layer of the Reader: a tokenizer on
// rdfparse.Input, which knows the line and column of every token, and a
// parser of one JSON value into a tree of values that keep their
// positions for JSON-LD errors.

type tokKind uint8

const (
	tEOF tokKind = iota
	tBeginObj
	tEndObj
	tBeginArr
	tEndArr
	tColon
	tComma
	tString
	tNumber
	tTrue
	tFalse
	tNull
)

var tokNames = [...]string{
	tEOF: "end of input", tBeginObj: "'{'", tEndObj: "'}'", tBeginArr: "'['", tEndArr: "']'",
	tColon: "':'", tComma: "','", tString: "a string", tNumber: "a number",
	tTrue: "true", tFalse: "false", tNull: "null",
}

// pos is a line and column, both from 1.
type pos struct{ line, col int }

// kind is the JSON type of a value.
type kind uint8

const (
	jNull kind = iota
	jBool
	jNumber
	jString
	jArray
	jObject
)

// value is a parsed JSON value. str holds a string, the text of a number,
// or "true"/"false".
type value struct {
	kind kind
	at   pos
	str  string
	arr  []value
	obj  []member
}

// member is one entry of a JSON object, in document order.
type member struct {
	key string
	at  pos
	val value
}

// get returns the value of key in an object, or nil.
func (v *value) get(key string) *value {
	for i := range v.obj {
		if v.obj[i].key == key {
			return &v.obj[i].val
		}
	}
	return nil
}

// lexer reads JSON tokens.
type lexer struct {
	in      *rdfparse.Input
	buf     []byte
	strs    rdfparse.Cache[struct{}]
	tok     tokKind
	at      pos    // position of the current token
	text    string // string value or number text of the current token
	peeked  bool
	started bool
}

// maxNesting bounds the nesting of JSON arrays and objects.
const maxNesting = 1000

func (l *lexer) errAt(p pos, format string, a ...any) error {
	return syntaxErr(p, fmt.Sprintf(format, a...))
}

// inputErr returns the error that ended the input early: a
// *rdfparse.LimitError, or a read error; nil at a clean end.
func (l *lexer) inputErr() error {
	err := l.in.Err()
	if err == nil || errors.Is(err, io.EOF) {
		return nil
	}
	var le *rdfparse.LimitError
	if errors.As(err, &le) {
		return err
	}
	return fmt.Errorf("jsonld: reading input: %w", err)
}

// endErr reports input that ended at p where msg says what was missing,
// or the error that ended it.
func (l *lexer) endErr(p pos, msg string) error {
	if err := l.inputErr(); err != nil {
		return err
	}
	return syntaxErr(p, msg)
}

// peek returns the kind of the next token without consuming it.
func (l *lexer) peek() (tokKind, error) {
	if !l.peeked {
		if err := l.scan(); err != nil {
			return tEOF, err
		}
		l.peeked = true
	}
	return l.tok, nil
}

// next consumes and returns the next token.
func (l *lexer) next() (tokKind, error) {
	k, err := l.peek()
	l.peeked = false
	return k, err
}

// expect consumes the next token, which must be of kind k; what names
// what the token is for.
func (l *lexer) expect(k tokKind, what string) error {
	got, err := l.next()
	if err != nil {
		return err
	}
	if got != k {
		return l.unexpected(what)
	}
	return nil
}

// unexpected reports the current token where something else was due.
func (l *lexer) unexpected(want string) error {
	return l.errAt(l.at, "expected %s, found %s", want, l.describe())
}

func (l *lexer) describe() string {
	switch l.tok {
	case tString:
		s := l.text
		if len(s) > 40 {
			s = s[:37] + "..."
		}
		return fmt.Sprintf("string %q", s)
	case tNumber:
		return "number " + l.text
	}
	return tokNames[l.tok]
}

func (l *lexer) skipSpace() {
	if !l.started {
		l.started = true
		if b := l.in.Peek(3); len(b) == 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF {
			l.in.Skip(3) // byte order mark
		}
	}
	for {
		b := l.in.Buffered()
		i := 0
		for i < len(b) && (b[i] == ' ' || b[i] == '\n' || b[i] == '\t' || b[i] == '\r') {
			i++
		}
		if i > 0 {
			l.in.Skip(i)
		}
		if i < len(b) || len(b) == 0 {
			return
		}
	}
}

// scan reads the next token into l.tok, l.at and l.text.
func (l *lexer) scan() error {
	l.skipSpace()
	line, col := l.in.Pos()
	l.at = pos{line, col}
	c := l.in.PeekByte()
	if c < 0 {
		if err := l.inputErr(); err != nil {
			return err
		}
		l.tok = tEOF
		return nil
	}
	switch c {
	case '{', '}', '[', ']', ':', ',':
		l.in.Skip(1)
		l.tok = punct(c)
		return nil
	case '"':
		l.tok = tString
		return l.scanString()
	case 't', 'f', 'n':
		for _, w := range [...]struct {
			s string
			k tokKind
		}{{"true", tTrue}, {"false", tFalse}, {"null", tNull}} {
			if string(l.in.Peek(len(w.s))) == w.s {
				l.in.Skip(len(w.s))
				l.tok = w.k
				return l.checkDelimiter()
			}
		}
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		l.tok = tNumber
		return l.scanNumber()
	}
	r, _ := l.in.PeekRune()
	if r == utf8.RuneError {
		return l.errAt(l.at, "invalid UTF-8")
	}
	return l.errAt(l.at, "unexpected character %q: not JSON", r)
}

// checkDelimiter fails if a literal name or number runs into a letter or
// digit ("truex", "01").
func (l *lexer) checkDelimiter() error {
	c := l.in.PeekByte()
	if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '+' || c == '_' {
		line, col := l.in.Pos()
		return l.errAt(pos{line, col}, "unexpected character %q after %s", rune(c), tokNames[l.tok])
	}
	return nil
}

func punct(c int) tokKind {
	switch c {
	case '{':
		return tBeginObj
	case '}':
		return tEndObj
	case '[':
		return tBeginArr
	case ']':
		return tEndArr
	case ':':
		return tColon
	}
	return tComma
}

func isDigit(c int) bool { return c >= '0' && c <= '9' }

func (l *lexer) scanNumber() error {
	b := l.buf[:0]
	take := func() int {
		c := l.in.PeekByte()
		b = append(b, byte(c))
		l.in.Skip(1)
		return c
	}
	digits := func() bool {
		n := 0
		for isDigit(l.in.PeekByte()) {
			take()
			n++
		}
		return n > 0
	}
	bad := func() error {
		line, col := l.in.Pos()
		return l.errAt(pos{line, col}, "malformed number %q", string(b))
	}
	if l.in.PeekByte() == '-' {
		take()
	}
	switch c := l.in.PeekByte(); {
	case c == '0':
		take()
	case isDigit(c):
		digits()
	default:
		return bad()
	}
	if l.in.PeekByte() == '.' {
		take()
		if !digits() {
			return bad()
		}
	}
	if c := l.in.PeekByte(); c == 'e' || c == 'E' {
		take()
		if c := l.in.PeekByte(); c == '+' || c == '-' {
			take()
		}
		if !digits() {
			return bad()
		}
	}
	l.buf = b
	l.text = string(b)
	return l.checkDelimiter()
}

// scanString reads a string token, unescaping it.
func (l *lexer) scanString() error {
	l.in.Skip(1) // "
	b := l.buf[:0]
	for {
		chunk := l.in.Buffered()
		if len(chunk) == 0 {
			return l.endErr(l.at, "string not closed before the end of input")
		}
		i := 0
		for i < len(chunk) {
			c := chunk[i]
			if c < utf8.RuneSelf {
				if c == '"' || c == '\\' || c < 0x20 {
					break
				}
				i++
				continue
			}
			if !utf8.FullRune(chunk[i:]) {
				break // a character cut by the buffer's end
			}
			r, n := utf8.DecodeRune(chunk[i:])
			if r == utf8.RuneError && n == 1 {
				l.in.Skip(i)
				line, col := l.in.Pos()
				return l.errAt(pos{line, col}, "invalid UTF-8 in a string")
			}
			i += n
		}
		b = append(b, chunk[:i]...)
		l.in.Skip(i)
		if i == len(chunk) {
			continue
		}
		c := chunk[i]
		switch {
		case c == '"':
			l.in.Skip(1)
			l.buf = b
			l.text = l.intern(b)
			return nil
		case c == '\\':
			var err error
			if b, err = l.escape(b); err != nil {
				return err
			}
		case c < 0x20:
			line, col := l.in.Pos()
			return l.errAt(pos{line, col}, "control character %U in a string: it must be escaped", rune(c))
		default:
			// A multi-byte character cut by the end of the buffer.
			if h := l.in.Peek(utf8.UTFMax); !utf8.FullRune(h) {
				line, col := l.in.Pos()
				return l.errAt(pos{line, col}, "invalid UTF-8 in a string")
			}
			r, n := l.in.PeekRune()
			if r == utf8.RuneError && n == 1 {
				line, col := l.in.Pos()
				return l.errAt(pos{line, col}, "invalid UTF-8 in a string")
			}
			b = append(b, l.in.Peek(n)...)
			l.in.Skip(n)
		}
	}
}

// escape reads one backslash escape and appends the character.
func (l *lexer) escape(b []byte) ([]byte, error) {
	line, col := l.in.Pos()
	at := pos{line, col}
	h := l.in.Peek(2)
	if len(h) < 2 {
		return b, l.endErr(at, "string not closed before the end of input")
	}
	switch h[1] {
	case '"', '\\', '/':
		l.in.Skip(2)
		return append(b, h[1]), nil
	case 'b':
		l.in.Skip(2)
		return append(b, '\b'), nil
	case 'f':
		l.in.Skip(2)
		return append(b, '\f'), nil
	case 'n':
		l.in.Skip(2)
		return append(b, '\n'), nil
	case 'r':
		l.in.Skip(2)
		return append(b, '\r'), nil
	case 't':
		l.in.Skip(2)
		return append(b, '\t'), nil
	case 'u':
		r, ok := l.hex4(2)
		if !ok {
			return b, l.errAt(at, "bad \\u escape: four hex digits must follow")
		}
		l.in.Skip(6)
		if r >= 0xD800 && r < 0xDC00 {
			if h := l.in.Peek(2); len(h) == 2 && h[0] == '\\' && h[1] == 'u' {
				if lo, ok := l.hex4(2); ok && lo >= 0xDC00 && lo <= 0xDFFF {
					l.in.Skip(6)
					return utf8.AppendRune(b, 0x10000+(r-0xD800)<<10+(lo-0xDC00)), nil
				}
			}
			return b, l.errAt(at, "\\u%04X is a lone surrogate, not a character", r)
		}
		if r >= 0xDC00 && r <= 0xDFFF {
			return b, l.errAt(at, "\\u%04X is a lone surrogate, not a character", r)
		}
		return utf8.AppendRune(b, r), nil
	}
	return b, l.errAt(at, "bad escape \\%c in a string", rune(h[1]))
}

// hex4 decodes four hex digits off bytes ahead.
func (l *lexer) hex4(off int) (rune, bool) {
	h := l.in.Peek(off + 4)
	if len(h) < off+4 {
		return 0, false
	}
	var r rune
	for _, c := range h[off:] {
		v := rdfparse.Hex(c)
		if v < 0 {
			return 0, false
		}
		r = r<<4 | rune(v)
	}
	return r, true
}

// intern returns b as a string, shared with earlier equal short strings
// (keys, compact IRIs, language tags).
func (l *lexer) intern(b []byte) string {
	if len(b) > 64 {
		return string(b)
	}
	if s, _, ok := l.strs.GetBytes(b); ok {
		return s
	}
	s := string(b)
	l.strs.Put(s, struct{}{})
	return s
}

// parseValue parses one whole JSON value; depth is the nesting so far.
func (l *lexer) parseValue(depth int) (value, error) {
	k, err := l.next()
	if err != nil {
		return value{}, err
	}
	v := value{at: l.at}
	switch k {
	case tString:
		v.kind, v.str = jString, l.text
	case tNumber:
		v.kind, v.str = jNumber, l.text
	case tTrue:
		v.kind, v.str = jBool, "true"
	case tFalse:
		v.kind, v.str = jBool, "false"
	case tNull:
		v.kind = jNull
	case tBeginArr:
		if depth >= maxNesting {
			return v, l.errAt(v.at, "arrays and objects nested deeper than %d", maxNesting)
		}
		v.kind = jArray
		err = l.parseArray(func() error {
			e, err := l.parseValue(depth + 1)
			v.arr = append(v.arr, e)
			return err
		})
	case tBeginObj:
		if depth >= maxNesting {
			return v, l.errAt(v.at, "arrays and objects nested deeper than %d", maxNesting)
		}
		v.kind = jObject
		var seen map[string]struct{}
		err = l.parseObject(func(key string, at pos) error {
			if err := checkDuplicate(v.obj, &seen, key, at); err != nil {
				return err
			}
			e, err := l.parseValue(depth + 1)
			v.obj = append(v.obj, member{key: key, at: at, val: e})
			return err
		})
	default:
		return v, l.unexpected("a JSON value")
	}
	return v, err
}

// parseArray reads the elements of an array whose '[' has been read,
// calling elem to parse each, and the closing ']'.
func (l *lexer) parseArray(elem func() error) error {
	k, err := l.peek()
	if err != nil {
		return err
	}
	if k == tEndArr {
		l.next()
		return nil
	}
	for {
		if err := elem(); err != nil {
			return err
		}
		k, err := l.next()
		if err != nil {
			return err
		}
		switch k {
		case tComma:
			continue
		case tEndArr:
			return nil
		}
		return l.unexpected("',' or ']' in an array")
	}
}

// parseObject reads the members of an object whose '{' has been read: for
// each key it reads the colon and calls member, which must read the value;
// then the closing '}'.
func (l *lexer) parseObject(member func(key string, at pos) error) error {
	k, err := l.next()
	if err != nil {
		return err
	}
	if k == tEndObj {
		return nil
	}
	for {
		if k != tString {
			return l.unexpected("a string key in an object")
		}
		key, at := l.text, l.at
		if err := l.expect(tColon, "':' after an object key"); err != nil {
			return err
		}
		if err := member(key, at); err != nil {
			return err
		}
		if k, err = l.next(); err != nil {
			return err
		}
		switch k {
		case tComma:
			if k, err = l.next(); err != nil {
				return err
			}
			continue
		case tEndObj:
			return nil
		}
		return l.unexpected("',' or '}' in an object")
	}
}

// checkDuplicate fails if key is among the keys of obj; large objects get
// a set of their keys in *seen.
func checkDuplicate(obj []member, seen *map[string]struct{}, key string, at pos) error {
	dup := false
	if len(obj) < 16 {
		for i := range obj {
			dup = dup || obj[i].key == key
		}
	} else {
		if *seen == nil {
			*seen = make(map[string]struct{}, 2*len(obj))
			for i := range obj {
				(*seen)[obj[i].key] = struct{}{}
			}
		}
		_, dup = (*seen)[key]
		(*seen)[key] = struct{}{}
	}
	if dup {
		return syntaxErr(at, fmt.Sprintf("duplicate key %q in an object", key))
	}
	return nil
}
