package rdfparse

import "strings"

// iriParts are the five components of RFC 3986 §3 (Appendix B regular
// expression), with flags for the optional ones.
type iriParts struct {
	scheme, authority, path, query, fragment       string
	hasScheme, hasAuthority, hasQuery, hasFragment bool
}

func splitIRI(s string) iriParts {
	var p iriParts
	// scheme: ^([^:/?#]+):
	if i := strings.IndexAny(s, ":/?#"); i > 0 && s[i] == ':' {
		p.scheme, p.hasScheme = s[:i], true
		s = s[i+1:]
	}
	if strings.HasPrefix(s, "//") {
		s = s[2:]
		i := strings.IndexAny(s, "/?#")
		if i < 0 {
			i = len(s)
		}
		p.authority, p.hasAuthority = s[:i], true
		s = s[i:]
	}
	if i := strings.IndexByte(s, '#'); i >= 0 {
		p.fragment, p.hasFragment = s[i+1:], true
		s = s[:i]
	}
	if i := strings.IndexByte(s, '?'); i >= 0 {
		p.query, p.hasQuery = s[i+1:], true
		s = s[:i]
	}
	p.path = s
	return p
}

func (p *iriParts) String() string {
	var b strings.Builder
	b.Grow(len(p.scheme) + len(p.authority) + len(p.path) + len(p.query) + len(p.fragment) + 6)
	if p.hasScheme {
		b.WriteString(p.scheme)
		b.WriteByte(':')
	}
	if p.hasAuthority {
		b.WriteString("//")
		b.WriteString(p.authority)
	}
	b.WriteString(p.path)
	if p.hasQuery {
		b.WriteByte('?')
		b.WriteString(p.query)
	}
	if p.hasFragment {
		b.WriteByte('#')
		b.WriteString(p.fragment)
	}
	return b.String()
}

// HasScheme reports whether s starts with an RFC 3986 scheme and a colon,
// that is, whether it is an absolute IRI rather than a relative reference.
func HasScheme[T string | []byte](s T) bool {
	if len(s) == 0 || !isAlpha(s[0]) {
		return false
	}
	for i := 1; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ':':
			return true
		case isAlpha(c) || c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.':
		default:
			return false
		}
	}
	return false
}

func isAlpha(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// Resolve resolves the reference ref against base as RFC 3986 §5.2.2
// specifies (strict: a scheme in ref always makes it absolute). Strings are
// handled as IRIs: nothing is percent-encoded or decoded. An empty base
// leaves ref as it is (after removing dot segments if it is absolute).
func Resolve(base, ref string) string {
	if HasScheme(ref) {
		// Fast path: an absolute IRI without dot segments is its own result.
		if !strings.Contains(ref, "/.") {
			return ref
		}
		r := splitIRI(ref)
		r.path = removeDotSegments(r.path)
		return r.String()
	}
	if base == "" {
		return ref
	}
	r, b := splitIRI(ref), splitIRI(base)
	var t iriParts
	switch {
	case r.hasScheme: // unreachable after HasScheme, kept for completeness
		t = r
		t.path = removeDotSegments(t.path)
	case r.hasAuthority:
		t = r
		t.path = removeDotSegments(r.path)
	default:
		t.authority, t.hasAuthority = b.authority, b.hasAuthority
		switch {
		case r.path == "":
			t.path = b.path
			if r.hasQuery {
				t.query, t.hasQuery = r.query, true
			} else {
				t.query, t.hasQuery = b.query, b.hasQuery
			}
		case r.path[0] == '/':
			t.path = removeDotSegments(r.path)
			t.query, t.hasQuery = r.query, r.hasQuery
		default:
			t.path = removeDotSegments(merge(&b, r.path))
			t.query, t.hasQuery = r.query, r.hasQuery
		}
	}
	t.scheme, t.hasScheme = b.scheme, b.hasScheme
	t.fragment, t.hasFragment = r.fragment, r.hasFragment
	return t.String()
}

// merge is RFC 3986 §5.2.3.
func merge(b *iriParts, ref string) string {
	if b.hasAuthority && b.path == "" {
		return "/" + ref
	}
	i := strings.LastIndexByte(b.path, '/')
	if i < 0 {
		return ref
	}
	return b.path[:i+1] + ref
}

// removeDotSegments is RFC 3986 §5.2.4.
func removeDotSegments(in string) string {
	if !strings.Contains(in, ".") {
		return in
	}
	out := make([]byte, 0, len(in))
	for len(in) > 0 {
		switch {
		case strings.HasPrefix(in, "../"):
			in = in[3:]
		case strings.HasPrefix(in, "./"):
			in = in[2:]
		case strings.HasPrefix(in, "/./"):
			in = in[2:]
		case in == "/.":
			in = "/"
		case strings.HasPrefix(in, "/../"):
			in = in[3:]
			out = out[:lastSlash(out)]
		case in == "/..":
			in = "/"
			out = out[:lastSlash(out)]
		case in == "." || in == "..":
			in = ""
		default:
			i := 0
			if in[0] == '/' {
				i = 1
			}
			j := strings.IndexByte(in[i:], '/')
			if j < 0 {
				j = len(in)
			} else {
				j += i
			}
			out = append(out, in[:j]...)
			in = in[j:]
		}
	}
	return string(out)
}

func lastSlash(b []byte) int {
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] == '/' {
			return i
		}
	}
	return 0
}
