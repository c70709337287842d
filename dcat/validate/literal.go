package validate

import (
	"encoding/base64"
	"fmt"
	"strings"

	"github.com/katalog-se/katalog/dcat/syntax/langtag"
)

// Rule ids of the graph rules that other parts of katalog (the importer,
// the API's schema, the mapper) share with the validator: a refusal for
// the same reason names the same rule id.
const (
	// RuleIRIInvalid: an IRI that is not absolute or not RFC 3987.
	RuleIRIInvalid = "iri.invalid"
	// RuleLiteralLangtag: a language tag that is not well-formed BCP 47.
	RuleLiteralLangtag = "literal.langtag"
	// RuleLiteralLexical: a literal whose lexical form is not in the
	// lexical space of its XSD datatype ("2020-13-45"^^xsd:date,
	// "-5"^^xsd:nonNegativeInteger): see CheckLiteral.
	RuleLiteralLexical = "literal.lexical"
	// RuleCatalogMissing: a document without a dcat:Catalog.
	RuleCatalogMissing = "catalog.missing"
)

// The checks of a class table's rows; a table rule id is
// TableRule(class, property, check), e.g. "dataset.issued.datatype".
const (
	CheckMin         = "min"         // mandatory and missing (error)
	CheckRecommended = "recommended" // recommended and missing (warning)
	CheckMax         = "max"         // more values than allowed (a repeated triple counts once)
	CheckKind        = "kind"        // IRI where a literal is due, or the reverse
	CheckLang        = "lang"        // free text without a language tag
	CheckDatatype    = "datatype"    // a datatype not allowed for the property (CheckDate)
	CheckPattern     = "pattern"     // does not match the property's pattern
	CheckVocab       = "vocab"       // not in the controlled vocabulary
	CheckDeprecated  = "deprecated"  // a deprecated value (warning; Replacement names the current one)
	CheckCanonical   = "canonical"   // a non-canonical spelling of a listed IRI
	CheckEmpty       = "empty"       // empty text, which counts as missing (warning)
	CheckSV          = "sv"          // no Swedish value (warning)
	CheckEN          = "en"          // no English value (warning)
)

// TableRule returns the rule id of a class table's check, e.g.
// TableRule("dataset", "issued", CheckDatatype) is "dataset.issued.datatype".
// The class and property ids are those of the profile (Class.ID,
// Property.ID).
func TableRule(class, property, check string) string {
	return class + "." + property + "." + check
}

const (
	xsdString     = nsXSD + "string"
	xsdDate       = nsXSD + "date"
	xsdDateTime   = nsXSD + "dateTime"
	xsdGYear      = nsXSD + "gYear"
	xsdGYearMonth = nsXSD + "gYearMonth"
	rdfLangString = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
)

// DateDatatypes returns the datatypes a date of DCAT-AP-SE 3.0.1 may have
// (dcterms:issued, dcterms:modified, dcat:startDate, dcat:endDate):
// xsd:date, xsd:dateTime (with or without a time zone), xsd:gYear, and
// xsd:gYearMonth, which DCAT-AP 3 allows and DCAT-AP-SE inherits.
func DateDatatypes() []string {
	return []string{xsdDate, xsdDateTime, xsdGYear, xsdGYearMonth}
}

// DateDatatype returns the datatype of a date written in one of the date
// forms: "2024" (xsd:gYear), "2024-05" (xsd:gYearMonth), "2024-05-31"
// (xsd:date) or "2024-05-31T10:00:00" with optional fractions of a second
// and an optional time zone, Z or ±hh:mm (xsd:dateTime). The year may be
// longer than four digits or negative, and xsd:date, xsd:gYear and
// xsd:gYearMonth take a time zone too, as XSD allows. ok is false for any
// other text, and for a date that does not exist (2021-02-29).
func DateDatatype(lexical string) (datatype string, ok bool) {
	for _, dt := range DateDatatypes() {
		if CheckLiteral(lexical, dt) == nil {
			return dt, true
		}
	}
	return "", false
}

// DatatypeError reports a literal whose datatype is not one a property
// allows.
type DatatypeError struct {
	Lexical  string
	Datatype string
	Allowed  []string
}

func (e *DatatypeError) Error() string {
	return fmt.Sprintf("%q has datatype %s; allowed are %s", e.Lexical, curie(e.Datatype), curies(e.Allowed))
}

// Check is the table check a DatatypeError breaks: CheckDatatype.
func (e *DatatypeError) Check() string { return CheckDatatype }

// CheckDate checks a date value as the validator does: its datatype must
// be one of DateDatatypes (else a *DatatypeError: the rule is
// TableRule(class, property, CheckDatatype)) and its lexical form valid
// for that datatype (else a *LiteralError: RuleLiteralLexical).
func CheckDate(lexical, datatype string) error {
	if !contains(DateDatatypes(), datatype) {
		return &DatatypeError{Lexical: lexical, Datatype: datatype, Allowed: DateDatatypes()}
	}
	return CheckLiteral(lexical, datatype)
}

// LiteralError reports an ill-typed literal: its lexical form is not in
// the lexical space of its datatype. Its rule id is RuleLiteralLexical.
type LiteralError struct {
	Lexical  string
	Datatype string
	// Want describes the lexical forms of the datatype.
	Want Message
}

func (e *LiteralError) Error() string {
	return fmt.Sprintf("%q is not a valid %s: want %s", e.Lexical, curie(e.Datatype), e.Want.EN)
}

// Rule is the literal's rule id: RuleLiteralLexical.
func (e *LiteralError) Rule() string { return RuleLiteralLexical }

// Message is the finding's text in Swedish and English.
func (e *LiteralError) Message() Message {
	return Message{
		SV: fmt.Sprintf("Literalen %q är inte ett giltigt värde av datatypen %s; den ska vara %s", e.Lexical, curie(e.Datatype), e.Want.SV),
		EN: fmt.Sprintf("The literal %q is not a valid value of datatype %s; want %s", e.Lexical, curie(e.Datatype), e.Want.EN),
	}
}

// CheckedDatatypes returns the datatypes whose lexical forms CheckLiteral
// checks; a literal of any other datatype (xsd:string, rdf:langString,
// rdf:HTML, a datatype of its own) is accepted as it is.
func CheckedDatatypes() []string {
	out := make([]string, 0, len(lexicalForms))
	for _, f := range lexicalFormList {
		out = append(out, nsXSD+f)
	}
	return out
}

// CheckLiteral checks that lexical is in the lexical space of the XSD
// datatype: "2020-13-45" is not an xsd:date, "-5" not an
// xsd:nonNegativeInteger, "2020-05-04T10:11:12" (no time zone) is an
// xsd:dateTime. Leading and trailing white space is allowed: XSD
// collapses it for every checked datatype (as Jena does). The error is a *LiteralError (RuleLiteralLexical). Datatypes outside
// CheckedDatatypes are not checked.
func CheckLiteral(lexical, datatype string) error {
	local, ok := strings.CutPrefix(datatype, nsXSD)
	if !ok {
		return nil
	}
	f, ok := lexicalForms[local]
	if !ok {
		return nil
	}
	if f.ok(strings.Trim(lexical, " \t\n\r")) {
		return nil
	}
	return &LiteralError{Lexical: lexical, Datatype: datatype, Want: f.want}
}

// lexicalForm is the check of one datatype's lexical space.
type lexicalForm struct {
	ok   func(string) bool
	want Message
}

var lexicalFormList = []string{
	"boolean", "decimal", "integer", "nonNegativeInteger", "positiveInteger", "nonPositiveInteger",
	"negativeInteger", "long", "int", "short", "byte", "unsignedLong", "unsignedInt", "unsignedShort",
	"unsignedByte", "double", "float", "date", "dateTime", "dateTimeStamp", "time", "gYear", "gYearMonth",
	"gMonth", "gDay", "gMonthDay", "duration", "yearMonthDuration", "dayTimeDuration", "hexBinary",
	"base64Binary", "language",
}

var lexicalForms = func() map[string]lexicalForm {
	tz := Message{SV: " med valfri tidszon (Z eller ±hh:mm)", EN: " with an optional time zone (Z or ±hh:mm)"}
	w := func(sv, en string) Message { return Message{SV: sv, EN: en} }
	wtz := func(sv, en string) Message { return Message{SV: sv + tz.SV, EN: en + tz.EN} }
	integer := func(lo, hi string) func(string) bool { return func(s string) bool { return integerIn(s, lo, hi) } }
	m := map[string]lexicalForm{
		"boolean":            {isBoolean, w("true, false, 1 eller 0", "true, false, 1 or 0")},
		"decimal":            {isDecimal, w("ett decimaltal som 12.50 eller -3", "a decimal number such as 12.50 or -3")},
		"integer":            {integer("", ""), w("ett heltal", "an integer")},
		"nonNegativeInteger": {integer("0", ""), w("ett heltal ≥ 0", "an integer ≥ 0")},
		"positiveInteger":    {integer("1", ""), w("ett heltal ≥ 1", "an integer ≥ 1")},
		"nonPositiveInteger": {integer("", "0"), w("ett heltal ≤ 0", "an integer ≤ 0")},
		"negativeInteger":    {integer("", "-1"), w("ett heltal ≤ -1", "an integer ≤ -1")},
		"long":               {integer("-9223372036854775808", "9223372036854775807"), w("ett 64-bitars heltal", "a 64-bit integer")},
		"int":                {integer("-2147483648", "2147483647"), w("ett 32-bitars heltal", "a 32-bit integer")},
		"short":              {integer("-32768", "32767"), w("ett heltal från -32768 till 32767", "an integer from -32768 to 32767")},
		"byte":               {integer("-128", "127"), w("ett heltal från -128 till 127", "an integer from -128 to 127")},
		"unsignedLong":       {integer("0", "18446744073709551615"), w("ett heltal från 0 till 18446744073709551615", "an integer from 0 to 18446744073709551615")},
		"unsignedInt":        {integer("0", "4294967295"), w("ett heltal från 0 till 4294967295", "an integer from 0 to 4294967295")},
		"unsignedShort":      {integer("0", "65535"), w("ett heltal från 0 till 65535", "an integer from 0 to 65535")},
		"unsignedByte":       {integer("0", "255"), w("ett heltal från 0 till 255", "an integer from 0 to 255")},
		"double":             {isFloat, w("ett flyttal som 1.5, 1.5E3, INF eller NaN", "a floating-point number such as 1.5, 1.5E3, INF or NaN")},
		"float":              {isFloat, w("ett flyttal som 1.5, 1.5E3, INF eller NaN", "a floating-point number such as 1.5, 1.5E3, INF or NaN")},
		"date":               {isDate, wtz("ÅÅÅÅ-MM-DD, ett datum som finns", "YYYY-MM-DD, a date that exists")},
		"dateTime":           {isDateTime, wtz("ÅÅÅÅ-MM-DDThh:mm:ss, med valfria delar av sekunder", "YYYY-MM-DDThh:mm:ss, optionally with fractions of a second")},
		"dateTimeStamp":      {isDateTimeStamp, w("ÅÅÅÅ-MM-DDThh:mm:ss med tidszon (Z eller ±hh:mm)", "YYYY-MM-DDThh:mm:ss with a time zone (Z or ±hh:mm)")},
		"time":               {isTime, wtz("hh:mm:ss, med valfria delar av sekunder", "hh:mm:ss, optionally with fractions of a second")},
		"gYear":              {isGYear, wtz("ett år, ÅÅÅÅ", "a year, YYYY")},
		"gYearMonth":         {isGYearMonth, wtz("ett år och en månad, ÅÅÅÅ-MM", "a year and month, YYYY-MM")},
		"gMonth":             {isGMonth, wtz("--MM", "--MM")},
		"gDay":               {isGDay, wtz("---DD", "---DD")},
		"gMonthDay":          {isGMonthDay, wtz("--MM-DD", "--MM-DD")},
		"duration":           {func(s string) bool { return isDuration(s, true, true) }, w("en varaktighet som P1Y2M3DT4H5M6S", "a duration such as P1Y2M3DT4H5M6S")},
		"yearMonthDuration":  {func(s string) bool { return isDuration(s, true, false) }, w("en varaktighet i år och månader som P1Y2M", "a duration in years and months such as P1Y2M")},
		"dayTimeDuration":    {func(s string) bool { return isDuration(s, false, true) }, w("en varaktighet i dagar och tid som P3DT4H", "a duration in days and time such as P3DT4H")},
		"hexBinary":          {isHex, w("hexadecimala siffror, två per byte", "hexadecimal digits, two per byte")},
		"base64Binary":       {isBase64, w("base64", "base64")},
		"language":           {isLanguage, w("en språktagg som sv eller en-GB", "a language tag such as sv or en-GB")},
	}
	for _, f := range lexicalFormList {
		if _, ok := m[f]; !ok {
			panic("validate: no lexical form for xsd:" + f)
		}
	}
	return m
}()

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
