package validate

import (
	"fmt"
	"strings"

	"github.com/katalog-se/katalog/dcat/syntax/xsd"
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
	// xsd.DateDatatype reads the forms in one pass; the white space around
	// is CheckLiteral's.
	return xsd.DateDatatype(strings.Trim(lexical, " \t\n\r"))
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
	for _, f := range xsd.Checked {
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
	if le := checkLiteral(lexical, datatype); le != nil {
		return le
	}
	return nil
}

// checkLiteral is CheckLiteral with its error's type: the validator's
// check of every typed literal takes it without errors.As, whose target
// would be allocated per literal.
func checkLiteral(lexical, datatype string) *LiteralError {
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

var lexicalForms = func() map[string]lexicalForm {
	tz := Message{SV: " med valfri tidszon (Z eller ±hh:mm)", EN: " with an optional time zone (Z or ±hh:mm)"}
	w := func(sv, en string) Message { return Message{SV: sv, EN: en} }
	wtz := func(sv, en string) Message { return Message{SV: sv + tz.SV, EN: en + tz.EN} }
	want := map[string]Message{
		"boolean":            w("true, false, 1 eller 0", "true, false, 1 or 0"),
		"decimal":            w("ett decimaltal som 12.50 eller -3", "a decimal number such as 12.50 or -3"),
		"integer":            w("ett heltal", "an integer"),
		"nonNegativeInteger": w("ett heltal ≥ 0", "an integer ≥ 0"),
		"positiveInteger":    w("ett heltal ≥ 1", "an integer ≥ 1"),
		"nonPositiveInteger": w("ett heltal ≤ 0", "an integer ≤ 0"),
		"negativeInteger":    w("ett heltal ≤ -1", "an integer ≤ -1"),
		"long":               w("ett 64-bitars heltal", "a 64-bit integer"),
		"int":                w("ett 32-bitars heltal", "a 32-bit integer"),
		"short":              w("ett heltal från -32768 till 32767", "an integer from -32768 to 32767"),
		"byte":               w("ett heltal från -128 till 127", "an integer from -128 to 127"),
		"unsignedLong":       w("ett heltal från 0 till 18446744073709551615", "an integer from 0 to 18446744073709551615"),
		"unsignedInt":        w("ett heltal från 0 till 4294967295", "an integer from 0 to 4294967295"),
		"unsignedShort":      w("ett heltal från 0 till 65535", "an integer from 0 to 65535"),
		"unsignedByte":       w("ett heltal från 0 till 255", "an integer from 0 to 255"),
		"double":             w("ett flyttal som 1.5, 1.5E3, INF eller NaN", "a floating-point number such as 1.5, 1.5E3, INF or NaN"),
		"float":              w("ett flyttal som 1.5, 1.5E3, INF eller NaN", "a floating-point number such as 1.5, 1.5E3, INF or NaN"),
		"date":               wtz("ÅÅÅÅ-MM-DD, ett datum som finns", "YYYY-MM-DD, a date that exists"),
		"dateTime":           wtz("ÅÅÅÅ-MM-DDThh:mm:ss, med valfria delar av sekunder", "YYYY-MM-DDThh:mm:ss, optionally with fractions of a second"),
		"dateTimeStamp":      w("ÅÅÅÅ-MM-DDThh:mm:ss med tidszon (Z eller ±hh:mm)", "YYYY-MM-DDThh:mm:ss with a time zone (Z or ±hh:mm)"),
		"time":               wtz("hh:mm:ss, med valfria delar av sekunder", "hh:mm:ss, optionally with fractions of a second"),
		"gYear":              wtz("ett år, ÅÅÅÅ", "a year, YYYY"),
		"gYearMonth":         wtz("ett år och en månad, ÅÅÅÅ-MM", "a year and month, YYYY-MM"),
		"gMonth":             wtz("--MM", "--MM"),
		"gDay":               wtz("---DD", "---DD"),
		"gMonthDay":          wtz("--MM-DD", "--MM-DD"),
		"duration":           w("en varaktighet som P1Y2M3DT4H5M6S", "a duration such as P1Y2M3DT4H5M6S"),
		"yearMonthDuration":  w("en varaktighet i år och månader som P1Y2M", "a duration in years and months such as P1Y2M"),
		"dayTimeDuration":    w("en varaktighet i dagar och tid som P3DT4H", "a duration in days and time such as P3DT4H"),
		"hexBinary":          w("hexadecimala siffror, två per byte", "hexadecimal digits, two per byte"),
		"base64Binary":       w("base64", "base64"),
		"language":           w("en språktagg som sv eller en-GB", "a language tag such as sv or en-GB"),
	}
	m := make(map[string]lexicalForm, len(xsd.Checked))
	for _, f := range xsd.Checked {
		w, ok := want[f]
		if !ok {
			panic("validate: no description of the lexical form of xsd:" + f)
		}
		m[f] = lexicalForm{ok: xsd.Checker(f), want: w}
	}
	return m
}()
