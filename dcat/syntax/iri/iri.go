// Package iri checks and normalises absolute IRIs (RFC 3987), as RDF output
// needs them: every IRI katalog writes must be absolute and well-formed, or
// dataportal.se's harvester rejects the whole feed.
//
// Check is strict RFC 3987 syntax. Normalize repairs what can be repaired
// mechanically (surrounding space, characters that must be percent-encoded,
// lower-case percent-encodings) and then checks. IsHTTP tells web addresses
// from other IRIs.
package iri

import (
	"errors"
	"fmt"
	"net/netip"
	"strings"
	"unicode/utf8"
)

// Sentinel errors wrapped by *Error; test with errors.Is.
var (
	ErrEmpty       = errors.New("the IRI is empty")
	ErrNoScheme    = errors.New("the IRI has no scheme (it is not absolute)")
	ErrScheme      = errors.New("the scheme is malformed")
	ErrInvalidUTF8 = errors.New("the IRI is not valid UTF-8")
	ErrChar        = errors.New("the IRI holds a character that is not allowed")
	ErrPercent     = errors.New("the IRI holds a malformed percent-encoding")
	ErrHost        = errors.New("the host is malformed")
	ErrPort        = errors.New("the port is malformed")
	ErrNoHost      = errors.New("the web address has no host")
)

// Error says what is wrong with an IRI and where.
type Error struct {
	// Offset is the 0-based byte offset of the problem in the checked string.
	Offset int
	// Part names the component: "scheme", "user info", "host", "port",
	// "path", "query" or "fragment" ("" for the whole IRI).
	Part string
	// Char is the offending character, if any.
	Char rune
	// Err is one of the package's sentinel errors.
	Err error
	msg string
}

// Error implements error.
func (e *Error) Error() string { return e.msg }

// Unwrap returns the sentinel error.
func (e *Error) Unwrap() error { return e.Err }

func newError(err error, off int, part string, r rune, format string, a ...any) *Error {
	return &Error{Offset: off, Part: part, Char: r, Err: err, msg: fmt.Sprintf(format, a...)}
}

// charName describes a character for an error message.
func charName(r rune) string {
	switch {
	case r == ' ':
		return "a space"
	case r < 0x20 || r == 0x7f:
		return fmt.Sprintf("the control character U+%04X", r)
	case r < 0x80:
		return fmt.Sprintf("the character %q", r)
	}
	return fmt.Sprintf("the character %q (U+%04X)", r, r)
}

func isAlpha(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isDigit(c byte) bool { return c >= '0' && c <= '9' }
func isHex(c byte) bool {
	return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func isUnreservedASCII(c byte) bool {
	return isAlpha(c) || isDigit(c) || c == '-' || c == '.' || c == '_' || c == '~'
}

func isSubDelim(c byte) bool {
	return strings.IndexByte("!$&'()*+,;=", c) >= 0
}

// isUcschar reports whether r is in RFC 3987's ucschar.
func isUcschar(r rune) bool {
	switch {
	case r >= 0xA0 && r <= 0xD7FF, r >= 0xF900 && r <= 0xFDCF, r >= 0xFDF0 && r <= 0xFFEF:
		return true
	case r >= 0x10000 && r <= 0xDFFFF:
		return r&0xFFFF <= 0xFFFD
	case r >= 0xE1000 && r <= 0xEFFFD:
		return true
	}
	return false
}

// isIprivate reports whether r is in RFC 3987's iprivate (allowed in queries only).
func isIprivate(r rune) bool {
	return r >= 0xE000 && r <= 0xF8FF || r >= 0xF0000 && r <= 0xFFFFD || r >= 0x100000 && r <= 0x10FFFD
}

// Scheme returns the scheme of s in lower case, or "" if s does not start
// with a syntactically valid scheme followed by ':'.
func Scheme(s string) string {
	n := schemeLen(s)
	if n <= 0 {
		return ""
	}
	return strings.ToLower(s[:n])
}

// schemeLen returns the length of the scheme of s when s starts with
// "scheme:", else -1.
func schemeLen(s string) int {
	if s == "" || !isAlpha(s[0]) {
		return -1
	}
	for i := 1; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ':':
			return i
		case isAlpha(c) || isDigit(c) || c == '+' || c == '-' || c == '.':
		default:
			return -1
		}
	}
	return -1
}

// parts are the byte ranges of an IRI's components. Absent components have
// start = -1.
type parts struct {
	scheme               int // end of scheme (index of ':')
	authStart, authEnd   int // authority, without the leading "//"
	pathStart, pathEnd   int
	queryStart, queryEnd int // without '?'
	fragStart            int // without '#'; runs to the end
	hostStart, hostEnd   int
	portStart, userEnd   int // userEnd: index of '@', or -1
}

// split cuts s, which starts with a valid "scheme:", into its components by
// the delimiters alone (RFC 3986 appendix B).
func split(s string, schemeEnd int) parts {
	p := parts{scheme: schemeEnd, authStart: -1, authEnd: -1, queryStart: -1, queryEnd: -1, fragStart: -1, hostStart: -1, hostEnd: -1, portStart: -1, userEnd: -1}
	i := schemeEnd + 1
	if strings.HasPrefix(s[i:], "//") {
		p.authStart = i + 2
		j := p.authStart
		for j < len(s) && s[j] != '/' && s[j] != '?' && s[j] != '#' {
			j++
		}
		p.authEnd = j
		auth := s[p.authStart:p.authEnd]
		p.hostStart = p.authStart
		if at := strings.LastIndexByte(auth, '@'); at >= 0 {
			p.userEnd = p.authStart + at
			p.hostStart = p.userEnd + 1
		}
		p.hostEnd = p.authEnd
		hostPart := s[p.hostStart:p.authEnd]
		if strings.HasPrefix(hostPart, "[") {
			if rb := strings.IndexByte(hostPart, ']'); rb >= 0 {
				p.hostEnd = p.hostStart + rb + 1
				if p.hostEnd < p.authEnd && s[p.hostEnd] == ':' {
					p.portStart = p.hostEnd + 1
				}
			}
		} else if c := strings.LastIndexByte(hostPart, ':'); c >= 0 {
			p.hostEnd = p.hostStart + c
			p.portStart = p.hostEnd + 1
		}
		i = j
	}
	p.pathStart = i
	for i < len(s) && s[i] != '?' && s[i] != '#' {
		i++
	}
	p.pathEnd = i
	if i < len(s) && s[i] == '?' {
		p.queryStart = i + 1
		for i < len(s) && s[i] != '#' {
			i++
		}
		p.queryEnd = i
	}
	if i < len(s) && s[i] == '#' {
		p.fragStart = i + 1
	}
	return p
}

// charClass says which ASCII delimiters a component allows beyond
// iunreserved, pct-encoded and sub-delims.
type charClass struct {
	extra   string // extra ASCII characters allowed
	private bool   // iprivate allowed
	// ascii has bit c set for every ASCII character c allowed literally:
	// the fast path of checkChars. '%' is not in it.
	ascii [2]uint64
}

// newClass returns the class allowing extra beyond iunreserved, pct-encoded
// and sub-delims, and iprivate when private.
func newClass(extra string, private bool) charClass {
	cc := charClass{extra: extra, private: private}
	for c := byte(0); c < utf8.RuneSelf; c++ {
		if isUnreservedASCII(c) || isSubDelim(c) || strings.IndexByte(extra, c) >= 0 {
			cc.ascii[c>>6] |= 1 << (c & 63)
		}
	}
	return cc
}

// allowsASCII reports whether the ASCII character c may appear literally.
func (cc *charClass) allowsASCII(c byte) bool {
	return c < utf8.RuneSelf && cc.ascii[c>>6]&(1<<(c&63)) != 0
}

var (
	classUser  = newClass(":", false)
	classHost  = newClass("", false)
	classPath  = newClass(":@/", false)
	classQuery = newClass(":@/?", true)
	classFrag  = newClass(":@/?", false)
)

// allowedRune reports whether r may appear literally in a component of class cc.
func allowedRune(r rune, cc charClass) bool {
	if r < utf8.RuneSelf {
		c := byte(r)
		return isUnreservedASCII(c) || isSubDelim(c) || strings.IndexByte(cc.extra, c) >= 0
	}
	return isUcschar(r) || cc.private && isIprivate(r)
}

// checkChars checks s[start:end] against cc, including percent-encodings.
func checkChars(s string, start, end int, cc charClass, part string) error {
	for i := start; i < end; {
		c := s[i]
		if cc.allowsASCII(c) {
			// Fast path: an allowed ASCII character, as most are.
			i++
			continue
		}
		if c == '%' {
			if i+2 >= end || !isHex(s[i+1]) || !isHex(s[i+2]) {
				return newError(ErrPercent, i, part, '%', "malformed percent-encoding at byte %d in the %s: '%%' must be followed by two hexadecimal digits (write a literal '%%' as %%25)", i, part)
			}
			i += 3
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:end])
		if !allowedRune(r, cc) {
			return newError(ErrChar, i, part, r, "%s at byte %d is not allowed in the %s of an IRI; it must be percent-encoded", charName(r), i, part)
		}
		i += size
	}
	return nil
}

// Check returns nil if s is an absolute IRI valid under RFC 3987 (scheme ":"
// ihier-part ["?" iquery] ["#" ifragment]), and otherwise an *Error saying
// what is wrong and at which byte offset. Check does not trim, decode or
// guess: " http://x" fails.
func Check(s string) error {
	if simple(s) {
		return nil
	}
	return check(s)
}

// check is Check without the one-pass path for simple IRIs.
func check(s string) error {
	if s == "" {
		return newError(ErrEmpty, 0, "", 0, "the IRI is empty")
	}
	if !utf8.ValidString(s) {
		for i := 0; i < len(s); {
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size <= 1 {
				return newError(ErrInvalidUTF8, i, "", utf8.RuneError, "invalid UTF-8 at byte %d", i)
			}
			i += size
		}
	}
	se := schemeLen(s)
	if se < 0 {
		if !isAlpha(s[0]) {
			r, _ := utf8.DecodeRuneInString(s)
			return newError(ErrNoScheme, 0, "scheme", r, "the IRI must start with a scheme such as \"https:\", but it starts with %s", charName(r))
		}
		for i := 1; i < len(s); i++ {
			c := s[i]
			if !(isAlpha(c) || isDigit(c) || c == '+' || c == '-' || c == '.') {
				r, _ := utf8.DecodeRuneInString(s[i:])
				return newError(ErrNoScheme, i, "scheme", r, "the IRI has no scheme: %s at byte %d ends the scheme before any ':' (a relative reference is not allowed; write the full address, e.g. \"https://…\")", charName(r), i)
			}
		}
		return newError(ErrNoScheme, len(s), "scheme", 0, "the IRI has no scheme: no ':' was found (write the full address, e.g. \"https://…\")")
	}
	p := split(s, se)
	if p.authStart >= 0 {
		if p.userEnd >= 0 {
			if err := checkChars(s, p.authStart, p.userEnd, classUser, "user info"); err != nil {
				return err
			}
		}
		if err := checkHost(s, p); err != nil {
			return err
		}
		if p.portStart >= 0 {
			for i := p.portStart; i < p.authEnd; i++ {
				if !isDigit(s[i]) {
					r, _ := utf8.DecodeRuneInString(s[i:])
					return newError(ErrPort, i, "port", r, "the port may hold only digits, but byte %d is %s", i, charName(r))
				}
			}
		} else if p.hostEnd != p.authEnd {
			r, _ := utf8.DecodeRuneInString(s[p.hostEnd:])
			return newError(ErrHost, p.hostEnd, "host", r, "unexpected %s at byte %d after the host; only ':' and a port may follow it", charName(r), p.hostEnd)
		}
	}
	if err := checkChars(s, p.pathStart, p.pathEnd, classPath, "path"); err != nil {
		return err
	}
	if p.queryStart >= 0 {
		if err := checkChars(s, p.queryStart, p.queryEnd, classQuery, "query"); err != nil {
			return err
		}
	}
	if p.fragStart >= 0 {
		if err := checkChars(s, p.fragStart, len(s), classFrag, "fragment"); err != nil {
			return err
		}
	}
	return nil
}

// Byte classes of simple, one bit each: the ASCII characters allowed
// literally in a scheme after its first letter, in a registered name, in
// a path, a query and a fragment (as classHost, classPath, classQuery and
// classFrag allow them), and hexadecimal digits.
const (
	bScheme uint8 = 1 << iota
	bHost
	bPath
	bQuery
	bFrag
	bHex
)

var simpleClass = func() (t [256]uint8) {
	for c := 0; c < utf8.RuneSelf; c++ {
		b := byte(c)
		if isAlpha(b) || isDigit(b) || b == '+' || b == '-' || b == '.' {
			t[c] |= bScheme
		}
		if classHost.allowsASCII(b) {
			t[c] |= bHost
		}
		if classPath.allowsASCII(b) {
			t[c] |= bPath
		}
		if classQuery.allowsASCII(b) {
			t[c] |= bQuery
		}
		if classFrag.allowsASCII(b) {
			t[c] |= bFrag
		}
		if isHex(b) {
			t[c] |= bHex
		}
	}
	return
}()

// simple reports whether s is an IRI that Check accepts and that is of
// the usual kind, checked in one pass: ASCII only, a scheme, and an
// authority (if any) of a registered name and perhaps a port, without
// user info or an IP literal. It reports false for any other string,
// valid or not, which Check then takes apart.
func simple(s string) bool {
	n := len(s)
	if n == 0 || !isAlpha(s[0]) {
		return false
	}
	i := 1
	for i < n && simpleClass[s[i]]&bScheme != 0 {
		i++
	}
	if i == n || s[i] != ':' {
		return false
	}
	i++
	if i+1 < n && s[i] == '/' && s[i+1] == '/' {
		i += 2
		for i < n && simpleClass[s[i]]&bHost != 0 {
			i++
		}
		if i < n && s[i] == ':' {
			i++
			for i < n && isDigit(s[i]) {
				i++
			}
		}
		if i < n && s[i] != '/' && s[i] != '?' && s[i] != '#' {
			return false // user info, an IP literal, a percent-encoding…
		}
	}
	// The path runs to '?' or '#', the query to '#', the fragment to the
	// end.
	if i = simpleScan(s, i, bPath); i < 0 {
		return false
	}
	if i < n && s[i] == '?' {
		if i = simpleScan(s, i+1, bQuery); i < 0 {
			return false
		}
	}
	if i < n && s[i] == '#' {
		i = simpleScan(s, i+1, bFrag)
	}
	return i == n
}

// simpleScan returns the index of the first byte from i on that is
// neither of class nor part of a percent-encoding, len(s) if none is, or
// -1 at a malformed percent-encoding.
func simpleScan(s string, i int, class uint8) int {
	for i < len(s) {
		c := s[i]
		if simpleClass[c]&class != 0 {
			i++
			continue
		}
		if c != '%' {
			return i
		}
		if i+2 >= len(s) || simpleClass[s[i+1]]&simpleClass[s[i+2]]&bHex == 0 {
			return -1
		}
		i += 3
	}
	return i
}

// checkHost checks an IP literal or a registered name.
func checkHost(s string, p parts) error {
	host := s[p.hostStart:p.hostEnd]
	if !strings.HasPrefix(host, "[") {
		return checkChars(s, p.hostStart, p.hostEnd, classHost, "host")
	}
	if !strings.HasSuffix(host, "]") {
		return newError(ErrHost, p.hostStart, "host", '[', "the IP literal that starts at byte %d has no closing ']'", p.hostStart)
	}
	lit := host[1 : len(host)-1]
	if len(lit) > 0 && (lit[0] == 'v' || lit[0] == 'V') {
		// IPvFuture = "v" 1*HEXDIG "." 1*( unreserved / sub-delims / ":" )
		dot := strings.IndexByte(lit, '.')
		ok := dot > 1 && dot < len(lit)-1
		for i := 1; ok && i < dot; i++ {
			ok = isHex(lit[i])
		}
		for i := dot + 1; ok && i < len(lit); i++ {
			ok = isUnreservedASCII(lit[i]) || isSubDelim(lit[i]) || lit[i] == ':'
		}
		if !ok {
			return newError(ErrHost, p.hostStart, "host", 0, "the IP literal at byte %d is not a valid IPvFuture address", p.hostStart)
		}
		return nil
	}
	addr, err := netip.ParseAddr(lit)
	if err != nil || !addr.Is6() || addr.Zone() != "" {
		return newError(ErrHost, p.hostStart, "host", 0, "the IP literal at byte %d is not a valid IPv6 address", p.hostStart)
	}
	return nil
}

// Host returns the host of an absolute IRI s ("" if it has none).
func Host(s string) string {
	se := schemeLen(s)
	if se < 0 {
		return ""
	}
	p := split(s, se)
	if p.authStart < 0 {
		return ""
	}
	return s[p.hostStart:p.hostEnd]
}

// IsHTTP reports whether s is a valid absolute IRI with the scheme http or
// https (in any case) and a non-empty host.
func IsHTTP(s string) bool {
	switch Scheme(s) {
	case "http", "https":
	default:
		return false
	}
	return Check(s) == nil && Host(s) != ""
}

// Normalize trims s and returns it as a valid absolute IRI:
//   - characters that may not appear where they stand (spaces, <>"{}|\^`,
//     control characters, '[' and ']' outside an IP literal, a second '#',
//     non-characters) and invalid UTF-8 bytes are percent-encoded as UTF-8;
//   - a '%' that does not start a percent-encoding becomes %25;
//   - percent-encodings get upper-case hex digits, and those of unreserved
//     ASCII characters (letters, digits, "-._~") are decoded;
//   - the scheme is lower-cased, and so is the host of http(s) IRIs.
//
// The result passes Check; an http(s) IRI must also have a host. What
// Normalize cannot repair (a missing scheme, a bad port or IP literal) is an
// error from Check. Normalize never guesses a scheme.
func Normalize(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", newError(ErrEmpty, 0, "", 0, "the IRI is empty")
	}
	se := schemeLen(s)
	if se < 0 {
		return "", Check(s) // explains the missing scheme
	}
	p := split(s, se)
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(strings.ToLower(s[:se+1]))
	scheme := strings.ToLower(s[:se])
	web := scheme == "http" || scheme == "https"
	if p.authStart >= 0 {
		b.WriteString("//")
		if p.userEnd >= 0 {
			encode(&b, s[p.authStart:p.userEnd], classUser, false)
			b.WriteByte('@')
		}
		host := s[p.hostStart:p.hostEnd]
		switch {
		case strings.HasPrefix(host, "["):
			b.WriteString(host) // an IP literal is checked, not repaired
		case web:
			encode(&b, host, classHost, true)
		default:
			encode(&b, host, classHost, false)
		}
		if p.hostEnd < p.authEnd {
			b.WriteString(s[p.hostEnd:p.authEnd]) // ":port", checked below
		}
	}
	encode(&b, s[p.pathStart:p.pathEnd], classPath, false)
	if p.queryStart >= 0 {
		b.WriteByte('?')
		encode(&b, s[p.queryStart:p.queryEnd], classQuery, false)
	}
	if p.fragStart >= 0 {
		b.WriteByte('#')
		encode(&b, s[p.fragStart:], classFrag, false)
	}
	out := b.String()
	if err := Check(out); err != nil {
		return "", err
	}
	if web && Host(out) == "" {
		return "", newError(ErrNoHost, len(scheme)+1, "host", 0, "a web address (%s) needs a host, as in %s://example.se/", scheme, scheme)
	}
	return out, nil
}

const hexDigits = "0123456789ABCDEF"

// encode writes s to b, percent-encoding what class cc does not allow and
// normalising existing percent-encodings. lower lower-cases ASCII letters.
func encode(b *strings.Builder, s string, cc charClass, lower bool) {
	for i := 0; i < len(s); {
		c := s[i]
		if c == '%' {
			if i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
				v := unhex(s[i+1])<<4 | unhex(s[i+2])
				if isUnreservedASCII(v) {
					if lower && v >= 'A' && v <= 'Z' {
						v += 'a' - 'A'
					}
					b.WriteByte(v)
				} else {
					b.WriteByte('%')
					b.WriteByte(hexDigits[v>>4])
					b.WriteByte(hexDigits[v&15])
				}
				i += 3
				continue
			}
			b.WriteString("%25")
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			pct(b, s[i:i+1])
		case allowedRune(r, cc):
			if lower && c >= 'A' && c <= 'Z' {
				b.WriteByte(c + 'a' - 'A')
			} else {
				b.WriteString(s[i : i+size])
			}
		default:
			pct(b, s[i:i+size])
		}
		i += size
	}
}

func pct(b *strings.Builder, bytes string) {
	for j := 0; j < len(bytes); j++ {
		b.WriteByte('%')
		b.WriteByte(hexDigits[bytes[j]>>4])
		b.WriteByte(hexDigits[bytes[j]&15])
	}
}

func unhex(c byte) byte {
	switch {
	case c >= '0' && c <= '9':
		return c - '0'
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}
