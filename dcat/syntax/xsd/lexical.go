// Package xsd checks the lexical forms of the XML Schema datatypes RDF
// literals use: "2020-13-45" is not an xsd:date, "-5" not an
// xsd:nonNegativeInteger. The validator (dcat/validate) reports with it,
// and the mapper (dcat) picks a date's datatype with it, so the two agree.
package xsd

import (
	"encoding/base64"
	"strings"

	"github.com/katalog-se/katalog/dcat/syntax/langtag"
)

// NS is the XML Schema namespace of the datatypes' IRIs.
const NS = "http://www.w3.org/2001/XMLSchema#"

// Checked lists the local names (after NS) of the datatypes whose lexical
// forms Checker checks.
var Checked = []string{
	"boolean", "decimal", "integer", "nonNegativeInteger", "positiveInteger", "nonPositiveInteger",
	"negativeInteger", "long", "int", "short", "byte", "unsignedLong", "unsignedInt", "unsignedShort",
	"unsignedByte", "double", "float", "date", "dateTime", "dateTimeStamp", "time", "gYear", "gYearMonth",
	"gMonth", "gDay", "gMonthDay", "duration", "yearMonthDuration", "dayTimeDuration", "hexBinary",
	"base64Binary", "language",
}

// Checker returns the check of the lexical space of the datatype NS+local
// (the form itself, without white space around it), or nil for a datatype
// not in Checked.
func Checker(local string) func(string) bool { return checkers[local] }

func integer(lo, hi string) func(string) bool {
	return func(s string) bool { return integerIn(s, lo, hi) }
}

var checkers = map[string]func(string) bool{
	"boolean":            isBoolean,
	"decimal":            isDecimal,
	"integer":            integer("", ""),
	"nonNegativeInteger": integer("0", ""),
	"positiveInteger":    integer("1", ""),
	"nonPositiveInteger": integer("", "0"),
	"negativeInteger":    integer("", "-1"),
	"long":               integer("-9223372036854775808", "9223372036854775807"),
	"int":                integer("-2147483648", "2147483647"),
	"short":              integer("-32768", "32767"),
	"byte":               integer("-128", "127"),
	"unsignedLong":       integer("0", "18446744073709551615"),
	"unsignedInt":        integer("0", "4294967295"),
	"unsignedShort":      integer("0", "65535"),
	"unsignedByte":       integer("0", "255"),
	"double":             isFloat,
	"float":              isFloat,
	"date":               isDate,
	"dateTime":           isDateTime,
	"dateTimeStamp":      isDateTimeStamp,
	"time":               isTime,
	"gYear":              isGYear,
	"gYearMonth":         isGYearMonth,
	"gMonth":             isGMonth,
	"gDay":               isGDay,
	"gMonthDay":          isGMonthDay,
	"duration":           func(s string) bool { return isDuration(s, true, true) },
	"yearMonthDuration":  func(s string) bool { return isDuration(s, true, false) },
	"dayTimeDuration":    func(s string) bool { return isDuration(s, false, true) },
	"hexBinary":          isHex,
	"base64Binary":       isBase64,
	"language":           isLanguage,
}

// DateDatatype returns the datatype IRI of a date in one of the forms
// DCAT-AP-SE 3.0.1 allows for dates: "2024" (xsd:gYear), "2024-05"
// (xsd:gYearMonth), "2024-05-31" (xsd:date) or "2024-05-31T10:00:00" with
// optional fractions of a second (xsd:dateTime), each with an optional
// time zone, Z or ±hh:mm. It reads s once; ok is false for any other text
// and for a date that does not exist (2021-02-29).
func DateDatatype(s string) (datatype string, ok bool) {
	rest, leap, ok := year(s)
	if !ok {
		return "", false
	}
	if timezone(rest, false) {
		return NS + "gYear", true
	}
	if len(rest) < 3 || rest[0] != '-' {
		return "", false
	}
	mo, ok := two(rest[1:])
	if !ok || mo < 1 || mo > 12 {
		return "", false
	}
	rest = rest[3:]
	if timezone(rest, false) {
		return NS + "gYearMonth", true
	}
	if len(rest) < 3 || rest[0] != '-' {
		return "", false
	}
	d, ok := two(rest[1:])
	if !ok || d < 1 || d > daysIn(mo, leap) {
		return "", false
	}
	rest = rest[3:]
	if timezone(rest, false) {
		return NS + "date", true
	}
	if rest == "" || rest[0] != 'T' {
		return "", false
	}
	if rest, ok = clock(rest[1:]); ok && timezone(rest, false) {
		return NS + "dateTime", true
	}
	return "", false
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// digits returns how many ASCII digits s starts with.
func digits(s string) int {
	i := 0
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	return i
}

func isBoolean(s string) bool {
	switch s {
	case "true", "false", "1", "0":
		return true
	}
	return false
}

// unsignedDecimal reports whether s is d+ ('.' d*)? or '.' d+.
func unsignedDecimal(s string) bool {
	n := digits(s)
	if n == len(s) {
		return n > 0
	}
	if s[n] != '.' {
		return false
	}
	m := digits(s[n+1:])
	return n+1+m == len(s) && n+m > 0
}

func isDecimal(s string) bool {
	if s != "" && (s[0] == '+' || s[0] == '-') {
		s = s[1:]
	}
	return unsignedDecimal(s)
}

func isFloat(s string) bool {
	switch s {
	case "INF", "+INF", "-INF", "NaN":
		return true
	}
	if s != "" && (s[0] == '+' || s[0] == '-') {
		s = s[1:]
	}
	mant, exp := s, ""
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		mant, exp = s[:i], s[i+1:]
		if exp != "" && (exp[0] == '+' || exp[0] == '-') {
			exp = exp[1:]
		}
		if exp == "" || digits(exp) != len(exp) {
			return false
		}
	}
	return unsignedDecimal(mant)
}

// integerIn reports whether s is an integer within [lo, hi]; "" is no
// bound. Bounds are decimal integers.
func integerIn(s, lo, hi string) bool {
	neg := false
	if s != "" && (s[0] == '+' || s[0] == '-') {
		neg = s[0] == '-'
		s = s[1:]
	}
	if s == "" || digits(s) != len(s) {
		return false
	}
	mag := strings.TrimLeft(s, "0")
	if mag == "" {
		neg = false
	}
	if lo != "" && compareInt(neg, mag, lo) < 0 {
		return false
	}
	return hi == "" || compareInt(neg, mag, hi) <= 0
}

// compareInt compares the integer (neg, mag) with the decimal bound b;
// mag has no leading zeros.
func compareInt(neg bool, mag, b string) int {
	bneg := strings.HasPrefix(b, "-")
	bmag := strings.TrimLeft(strings.TrimPrefix(b, "-"), "0")
	if bmag == "" {
		bneg = false
	}
	switch {
	case neg && !bneg:
		return -1
	case !neg && bneg:
		return 1
	}
	c := len(mag) - len(bmag)
	if c == 0 {
		c = strings.Compare(mag, bmag)
	}
	if neg {
		c = -c
	}
	return c
}

// two parses two digits at the start of s.
func two(s string) (int, bool) {
	if len(s) < 2 || !isDigit(s[0]) || !isDigit(s[1]) {
		return 0, false
	}
	return int(s[0]-'0')*10 + int(s[1]-'0'), true
}

// year parses an XSD year at the start of s: an optional '-', four digits
// or more, no leading zero when more. It returns the rest, and whether
// the year is a leap year (proleptic Gregorian, year 0 included).
func year(s string) (rest string, leap, ok bool) {
	if s != "" && s[0] == '-' {
		s = s[1:]
	}
	n := digits(s)
	if n < 4 || n > 4 && s[0] == '0' {
		return "", false, false
	}
	last := 0
	for _, c := range []byte(s[n-4 : n]) {
		last = last*10 + int(c-'0')
	}
	return s[n:], last%4 == 0 && (last%100 != 0 || last%400 == 0), true
}

// timezone reports whether s is empty (optional), Z or ±hh:mm (hh ≤ 14,
// and 14:00 at most).
func timezone(s string, required bool) bool {
	switch {
	case s == "":
		return !required
	case s == "Z":
		return true
	case len(s) != 6 || s[0] != '+' && s[0] != '-' || s[3] != ':':
		return false
	}
	h, ok1 := two(s[1:])
	m, ok2 := two(s[4:])
	return ok1 && ok2 && m <= 59 && (h < 14 || h == 14 && m == 0)
}

// daysIn is the number of days of a month (1–12).
func daysIn(month int, leap bool) int {
	switch month {
	case 2:
		if leap {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// date parses YYYY-MM-DD at the start of s and returns the rest.
func date(s string) (string, bool) {
	rest, leap, ok := year(s)
	if !ok || len(rest) < 6 || rest[0] != '-' || rest[3] != '-' {
		return "", false
	}
	mo, ok1 := two(rest[1:])
	d, ok2 := two(rest[4:])
	if !ok1 || !ok2 || mo < 1 || mo > 12 || d < 1 || d > daysIn(mo, leap) {
		return "", false
	}
	return rest[6:], true
}

// clock parses hh:mm:ss(.s+)? at the start of s (24:00:00 allowed) and
// returns the rest.
func clock(s string) (string, bool) {
	if len(s) < 8 || s[2] != ':' || s[5] != ':' {
		return "", false
	}
	h, ok1 := two(s)
	m, ok2 := two(s[3:])
	sec, ok3 := two(s[6:])
	if !ok1 || !ok2 || !ok3 || m > 59 || sec > 59 || h > 24 {
		return "", false
	}
	rest := s[8:]
	frac := ""
	if rest != "" && rest[0] == '.' {
		n := digits(rest[1:])
		if n == 0 {
			return "", false
		}
		frac, rest = rest[1:1+n], rest[1+n:]
	}
	if h == 24 && (m != 0 || sec != 0 || strings.Trim(frac, "0") != "") {
		return "", false
	}
	return rest, true
}

func isDate(s string) bool {
	rest, ok := date(s)
	return ok && timezone(rest, false)
}

func dateTime(s string, tzRequired bool) bool {
	rest, ok := date(s)
	if !ok || rest == "" || rest[0] != 'T' {
		return false
	}
	rest, ok = clock(rest[1:])
	return ok && timezone(rest, tzRequired)
}

func isDateTime(s string) bool      { return dateTime(s, false) }
func isDateTimeStamp(s string) bool { return dateTime(s, true) }

func isTime(s string) bool {
	rest, ok := clock(s)
	return ok && timezone(rest, false)
}

func isGYear(s string) bool {
	rest, _, ok := year(s)
	return ok && timezone(rest, false)
}

func isGYearMonth(s string) bool {
	rest, _, ok := year(s)
	if !ok || len(rest) < 3 || rest[0] != '-' {
		return false
	}
	mo, ok := two(rest[1:])
	return ok && mo >= 1 && mo <= 12 && timezone(rest[3:], false)
}

func isGMonth(s string) bool {
	if len(s) < 4 || s[:2] != "--" {
		return false
	}
	mo, ok := two(s[2:])
	return ok && mo >= 1 && mo <= 12 && timezone(s[4:], false)
}

func isGDay(s string) bool {
	if len(s) < 5 || s[:3] != "---" {
		return false
	}
	d, ok := two(s[3:])
	return ok && d >= 1 && d <= 31 && timezone(s[5:], false)
}

func isGMonthDay(s string) bool {
	if len(s) < 7 || s[:2] != "--" || s[4] != '-' {
		return false
	}
	mo, ok1 := two(s[2:])
	d, ok2 := two(s[5:])
	return ok1 && ok2 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysIn(mo, true) && timezone(s[7:], false)
}

// isDuration checks -?P(nY)?(nM)?(nD)?(T(nH)?(nM)?(n(.n*)?S)?)? with at
// least one part, and at least one after T; ym and dt allow the year-month
// and the day-time parts.
func isDuration(s string, ym, dt bool) bool {
	s = strings.TrimPrefix(s, "-")
	if s == "" || s[0] != 'P' {
		return false
	}
	s = s[1:]
	parts := 0
	next := 0 // index of the next designator allowed in "YMD"
	for s != "" && s[0] != 'T' {
		n := digits(s)
		if n == 0 || n == len(s) {
			return false
		}
		i := strings.IndexByte("YMD"[next:], s[n])
		if i < 0 {
			return false
		}
		next += i + 1
		if next <= 2 && !ym || next == 3 && !dt {
			return false
		}
		parts++
		s = s[n+1:]
	}
	if s != "" { // T
		if !dt {
			return false
		}
		s = s[1:]
		if s == "" {
			return false
		}
		next = 0
		for s != "" {
			n := digits(s)
			if n == len(s) || next >= 3 {
				return false
			}
			if s[n] == '.' {
				m := digits(s[n+1:])
				if n+1+m >= len(s) || s[n+1+m] != 'S' || n+m == 0 {
					return false
				}
				s = s[n+2+m:]
				next = 3
				parts++
				continue
			}
			if n == 0 {
				return false
			}
			i := strings.IndexByte("HMS"[next:], s[n])
			if i < 0 {
				return false
			}
			next += i + 1
			parts++
			s = s[n+1:]
		}
	}
	return parts > 0 && s == ""
}

func isHex(s string) bool {
	if len(s)%2 != 0 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !isDigit(c) && (c < 'a' || c > 'f') && (c < 'A' || c > 'F') {
			return false
		}
	}
	return true
}

func isBase64(s string) bool {
	s = strings.ReplaceAll(s, " ", "")
	_, err := base64.StdEncoding.Strict().DecodeString(s)
	return err == nil
}

func isLanguage(s string) bool { return langtag.Check(s) == nil }
