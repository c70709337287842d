package processor

import (
	"regexp"
	"strings"

	"github.com/katalog-se/katalog/dcat"
	"github.com/katalog-se/katalog/dcat/syntax/iri"
)

// fixIRI turns a Processor IRI value into an absolute IRI. Values with a
// scheme must be valid IRIs; "mailTo:" (as the Processor writes it) becomes
// "mailto:". A bare host name such as "www.example.se/x" gets "https://"
// (the Processor prefixes "http://"); anything else without a scheme is not
// an IRI.
func fixIRI(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" || strings.ContainsAny(s, " \t\r\n") {
		return "", false
	}
	if iri.Scheme(s) == "" {
		if !looksLikeHost(s) {
			return "", false
		}
		s = "https://" + s
	}
	if strings.HasPrefix(strings.ToLower(s), "mailto:") {
		s = "mailto:" + s[len("mailto:"):]
	}
	n, err := iri.Normalize(s)
	if err != nil {
		return "", false
	}
	return n, true
}

// hostRE matches a host name with at least one dot (RFC 3986 reg-name
// characters, as Java's URI accepts them), optionally followed by a port and
// a path, query or fragment.
var hostRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_~!$&'()*+,=%-]*(?:\.[A-Za-z0-9_~!$&'()*+,=%-]+)+(?::[0-9]+)?(?:[/?#].*)?$`)

func looksLikeHost(s string) bool { return hostRE.MatchString(s) }

// The lexical forms the Processor checks (SingleInputValidator), tightened
// to the XSD definitions.
var (
	dateRE     = regexp.MustCompile(`^[12][0-9]{3}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])$`)
	dateTimeRE = regexp.MustCompile(`^[12][0-9]{3}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\.[0-9]+)?(?:Z|[+-](?:0[0-9]|1[0-4]):[0-5][0-9])?$`)
	yearRE     = regexp.MustCompile(`^[0-9]{4}$`)
	durationRE = regexp.MustCompile(`^-?P(?:[0-9]+Y)?(?:[0-9]+M)?(?:[0-9]+W)?(?:[0-9]+D)?(?:T(?:[0-9]+H)?(?:[0-9]+M)?(?:[0-9]+(?:\.[0-9]+)?S)?)?$`)
	decimalRE  = regexp.MustCompile(`^[0-9]+(?:\.[0-9]+)?$`)
	countRE    = regexp.MustCompile(`^[0-9]+$`)
	wktRE      = regexp.MustCompile(`^(?:<[^>\s]+>\s+)?(?i:POINT|LINESTRING|POLYGON|MULTIPOINT|MULTILINESTRING|MULTIPOLYGON|GEOMETRYCOLLECTION)(?:\s+(?:Z|M|ZM))?\s*\(.*\)$`)
	mediaRE    = regexp.MustCompile(`^\w+/[-.\w]+(?:\+[-.\w]+)?(?:\s*;\s*\w+=\w+)?$`)
	phoneRE    = regexp.MustCompile(`^\+?[0-9][0-9 ()-]*$`)
	emailRE    = regexp.MustCompile(`^[^@\s<>"]+@[^@\s<>"]+$`)
)

// dateType returns the XSD datatype of a date value, or "".
func dateType(s string) string {
	switch {
	case dateRE.MatchString(s):
		return dcat.XSDDate
	case dateTimeRE.MatchString(s):
		return dcat.XSDDateTime
	case yearRE.MatchString(s):
		return dcat.XSDGYear
	}
	return ""
}

// validDuration also rejects the bare "P" and "PT" the pattern allows.
func validDuration(s string) bool {
	return durationRE.MatchString(s) && !strings.HasSuffix(s, "P") && !strings.HasSuffix(s, "T")
}

// mailto makes an e-mail address a mailto: IRI.
func mailto(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if len(s) >= 7 && strings.EqualFold(s[:7], "mailto:") {
		s = s[7:]
	}
	if !emailRE.MatchString(s) {
		return "", false
	}
	return fixIRI("mailto:" + s)
}

// tel makes a phone number a tel: IRI, dropping spaces and brackets.
func tel(s string) (string, bool) {
	s = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s), "tel:"))
	if !phoneRE.MatchString(s) {
		return "", false
	}
	s = strings.Map(func(r rune) rune {
		switch r {
		case ' ', '(', ')':
			return -1
		}
		return r
	}, s)
	return "tel:" + s, true
}

// splitValues splits a Processor value at ';' and trims the parts, dropping
// empty ones.
func splitValues(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ";") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
