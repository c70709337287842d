package dcat

// The date forms DCAT-AP-SE 3.0.1 allows, as the validator reads them
// (validate.DateDatatype; dcat cannot import dcat/validate, whose tests
// import dcat, so TestDateFormsAreTheValidators pins the two together):
// xsd:gYear, xsd:gYearMonth, xsd:date and xsd:dateTime, each with an
// optional time zone.

// dateDatatype returns the datatype of a date in one of those forms, or
// false.
func dateDatatype(s string) (string, bool) {
	rest, leap, ok := xsdYear(s)
	if !ok {
		return "", false
	}
	if xsdTimezone(rest) {
		return XSDGYear, true
	}
	if len(rest) < 3 || rest[0] != '-' {
		return "", false
	}
	mo, ok := twoDigits(rest[1:])
	if !ok || mo < 1 || mo > 12 {
		return "", false
	}
	rest = rest[3:]
	if xsdTimezone(rest) {
		return XSDGYearMonth, true
	}
	if len(rest) < 3 || rest[0] != '-' {
		return "", false
	}
	d, ok := twoDigits(rest[1:])
	if !ok || d < 1 || d > daysIn(mo, leap) {
		return "", false
	}
	rest = rest[3:]
	if xsdTimezone(rest) {
		return XSDDate, true
	}
	if rest == "" || rest[0] != 'T' {
		return "", false
	}
	if rest, ok = xsdClock(rest[1:]); ok && xsdTimezone(rest) {
		return XSDDateTime, true
	}
	return "", false
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func twoDigits(s string) (int, bool) {
	if len(s) < 2 || !isDigit(s[0]) || !isDigit(s[1]) {
		return 0, false
	}
	return int(s[0]-'0')*10 + int(s[1]-'0'), true
}

func countDigits(s string) int {
	i := 0
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	return i
}

// xsdYear reads an optional '-' and four or more digits (no leading zero
// when more) and reports whether the year is a leap year.
func xsdYear(s string) (rest string, leap, ok bool) {
	if s != "" && s[0] == '-' {
		s = s[1:]
	}
	n := countDigits(s)
	if n < 4 || n > 4 && s[0] == '0' {
		return "", false, false
	}
	last := 0
	for _, c := range []byte(s[n-4 : n]) {
		last = last*10 + int(c-'0')
	}
	return s[n:], last%4 == 0 && (last%100 != 0 || last%400 == 0), true
}

// xsdTimezone reports whether s is empty, Z or ±hh:mm (at most 14:00).
func xsdTimezone(s string) bool {
	switch {
	case s == "" || s == "Z":
		return true
	case len(s) != 6 || s[0] != '+' && s[0] != '-' || s[3] != ':':
		return false
	}
	h, ok1 := twoDigits(s[1:])
	m, ok2 := twoDigits(s[4:])
	return ok1 && ok2 && m <= 59 && (h < 14 || h == 14 && m == 0)
}

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

// xsdClock reads hh:mm:ss with an optional fraction (24:00:00 allowed).
func xsdClock(s string) (string, bool) {
	if len(s) < 8 || s[2] != ':' || s[5] != ':' {
		return "", false
	}
	h, ok1 := twoDigits(s)
	m, ok2 := twoDigits(s[3:])
	sec, ok3 := twoDigits(s[6:])
	if !ok1 || !ok2 || !ok3 || m > 59 || sec > 59 || h > 24 {
		return "", false
	}
	rest, zero := s[8:], true
	if rest != "" && rest[0] == '.' {
		n := countDigits(rest[1:])
		if n == 0 {
			return "", false
		}
		for _, c := range []byte(rest[1 : 1+n]) {
			zero = zero && c == '0'
		}
		rest = rest[1+n:]
	}
	if h == 24 && (m != 0 || sec != 0 || !zero) {
		return "", false
	}
	return rest, true
}
