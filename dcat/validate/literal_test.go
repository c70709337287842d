package validate

import (
	"errors"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/katalog-se/katalog/dcat/syntax/xsd"
)

// The cases were cross-checked with Jena 4.5 (the referee's sh:datatype).
func TestCheckLiteral(t *testing.T) {
	valid := map[string][]string{
		"integer":            {"5", " 5", "5 ", "+5", "-0", "007", "123456789012345678901234567890"},
		"nonNegativeInteger": {"0", "-0", "+5", "18446744073709551616"},
		"positiveInteger":    {"1", "+01"},
		"nonPositiveInteger": {"0", "-0", "+0", "-7"},
		"negativeInteger":    {"-1", "-000123"},
		"long":               {"9223372036854775807", "-9223372036854775808"},
		"byte":               {"127", "-128"},
		"unsignedByte":       {"255", "-0"},
		"unsignedLong":       {"18446744073709551615"},
		"decimal":            {"1.", ".5", "-1.50", "+0", "12"},
		"double":             {"1e5", "1.5E+3", "INF", "-INF", "+INF", "NaN", ".5e-2", "1"},
		"float":              {"1.0", "-INF"},
		"boolean":            {"true", "false", "1", "0", " true"},
		"date":               {"2020-05-04", "2020-05-04Z", "2020-05-04+14:00", "-2020-01-01", "2000-02-29", "12020-01-01", "0000-01-01"},
		"dateTime": {"2020-05-04T10:11:12", "2020-05-04T10:11:12Z", "2020-05-04T10:11:12.123456789-05:30",
			"2020-01-01T24:00:00", "2020-01-01T24:00:00.000"},
		"dateTimeStamp":     {"2020-05-04T10:11:12Z"},
		"time":              {"10:11:12", "23:59:59.5+01:00", "24:00:00"},
		"gYear":             {"2020", "0000", "12020", "-0044", "2020Z", "2020-05:00"},
		"gYearMonth":        {"2020-05", "2020-12Z"},
		"gMonth":            {"--05"},
		"gDay":              {"---31"},
		"gMonthDay":         {"--02-29"},
		"duration":          {"P1Y", "-P1Y2M3DT4H5M6.5S", "PT.5S", "PT1.S", "P1D", "PT1M"},
		"yearMonthDuration": {"P1Y2M", "-P3M"},
		"dayTimeDuration":   {"P3DT4H", "PT1S"},
		"hexBinary":         {"", "0fA9"},
		"base64Binary":      {"", "aGVq", "aGVqaA=="},
		"language":          {"sv", "en-GB", "sv-SE-x-abc"},
	}
	invalid := map[string][]string{
		"integer":            {"", "+", "5.0", "1e3", "five", "5 5"},
		"nonNegativeInteger": {"-5", "-1"},
		"positiveInteger":    {"0", "-0", "+0"},
		"nonPositiveInteger": {"1"},
		"negativeInteger":    {"0", "-0"},
		"long":               {"9223372036854775808", "-9223372036854775809"},
		"byte":               {"128", "-129"},
		"unsignedByte":       {"256", "-1"},
		"unsignedLong":       {"18446744073709551616"},
		"decimal":            {".", "", "1.2.3", "1e3", "INF", "+-1"},
		"double":             {"", ".", "e5", "1e", "1e+", "-NaN", "inf", "1.5f"},
		"boolean":            {"TRUE", "yes", ""},
		"date": {"2020-13-45", "2020-02-30", "2021-02-29", "1900-02-29", "2020-1-1", "20-01-01", "02020-01-01",
			"2020-05-04T10:00:00", "2020-05-04+14:01", "2020-05-04+15:00", "2020-05-04 Z", "2020-00-10", "2020-01-00"},
		"dateTime": {"2020-05-04", "2020-05-04T25:00:00", "2020-01-01T24:00:01", "2020-05-04T10:11", "2020-05-04T10:11:60",
			"2020-05-04T10:11:12.", "2020-05-04T10:11:12+01", "2020-05-04 10:11:12", "2020-05-04T10:11:12+14:01"},
		"dateTimeStamp":     {"2020-05-04T10:11:12"},
		"time":              {"24:00:01", "10:11", "1:11:12"},
		"gYear":             {"02020", "20", "2020-05", "abcd", ""},
		"gYearMonth":        {"2020-1", "2020-13", "2020"},
		"gMonth":            {"--13", "05"},
		"gDay":              {"---32", "--31"},
		"gMonthDay":         {"--02-30", "--04-31"},
		"duration":          {"P", "PT", "-P", "P1", "P1Y1Y", "P1M1Y", "PT1H1H", "P1H", "PT1D", "PT1.5H", "PT1.5S2S", "1Y", "P-1Y", "P1YT"},
		"yearMonthDuration": {"P1D", "PT1H"},
		"dayTimeDuration":   {"P1Y", "P1M"},
		"hexBinary":         {"0", "0g"},
		"base64Binary":      {"aGVq=", "!!!!"},
		"language":          {"", "sv_SE", "toolongtag"},
	}
	for local, vs := range valid {
		for _, v := range vs {
			if err := CheckLiteral(v, nsXSD+local); err != nil {
				t.Errorf("%q^^xsd:%s: %v", v, local, err)
			}
		}
	}
	for local, vs := range invalid {
		for _, v := range vs {
			err := CheckLiteral(v, nsXSD+local)
			var le *LiteralError
			if !errors.As(err, &le) || le.Rule() != RuleLiteralLexical || le.Lexical != v {
				t.Errorf("%q^^xsd:%s: got %v, want a *LiteralError", v, local, err)
				continue
			}
			m := le.Message()
			if m.SV == "" || m.EN == "" || le.Want.EN == "" || !strings.Contains(err.Error(), "xsd:"+local) {
				t.Errorf("%q^^xsd:%s: message %+v, error %q", v, local, m, err)
			}
		}
	}
	for _, dt := range []string{xsdString, rdfLangString, "https://example.se/myType", nsXSD + "anyURI", nsXSD + "token"} {
		if err := CheckLiteral(" anything\n", dt); err != nil {
			t.Errorf("%s is not checked, got %v", dt, err)
		}
	}
	if n := len(CheckedDatatypes()); n != len(xsd.Checked) || n < 30 {
		t.Errorf("CheckedDatatypes: %d", n)
	}
}

func TestDateForms(t *testing.T) {
	for lex, want := range map[string]string{
		"2024": xsdGYear, "2024-05": xsdGYearMonth, "2024-05-31": xsdDate, "2024-05-31T10:00:00": xsdDateTime,
		"2024-05-31T10:00:00.5Z": xsdDateTime, "2024-05-31T10:00:00+02:00": xsdDateTime, "2024Z": xsdGYear,
	} {
		if got, ok := DateDatatype(lex); !ok || got != want {
			t.Errorf("DateDatatype(%q) = %s, %v; want %s", lex, got, ok, want)
		}
		if err := CheckDate(lex, want); err != nil {
			t.Errorf("CheckDate(%q, %s): %v", lex, want, err)
		}
	}
	for _, lex := range []string{"", "24", "2024-5", "2021-02-29", "31/05/2024", "2024-05-31 10:00", "2024-05-31T10:00"} {
		if dt, ok := DateDatatype(lex); ok {
			t.Errorf("DateDatatype(%q) = %s", lex, dt)
		}
	}
	var de *DatatypeError
	if err := CheckDate("2024-05-31", xsdString); !errors.As(err, &de) || de.Check() != CheckDatatype || len(de.Allowed) != 4 {
		t.Errorf("CheckDate with xsd:string: %v", err)
	}
	var le *LiteralError
	if err := CheckDate("2024-02-30", xsdDate); !errors.As(err, &le) {
		t.Errorf("CheckDate of 2024-02-30: %v", err)
	}
	if got := TableRule("dataset", "issued", CheckDatatype); got != "dataset.issued.datatype" {
		t.Errorf("TableRule: %s", got)
	}
}

var (
	reDuration = regexp.MustCompile(`^-?P(\d+Y)?(\d+M)?(\d+D)?(T(\d+H)?(\d+M)?((\d+(\.\d*)?|\.\d+)S)?)?$`)
	reDecimal  = regexp.MustCompile(`^[+-]?(\d+(\.\d*)?|\.\d+)$`)
	reDouble   = regexp.MustCompile(`^([+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|[+-]?INF|NaN)$`)
	reDate     = regexp.MustCompile(`^\d{4}-\d\d-\d\d$`)
	reDateTime = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-](0\d|1[0-3]):[0-5]\d|[+-]14:00)?$`)
)

// FuzzCheckLiteral compares the lexical checks with independent ones:
// regular expressions from XSD's grammar, strconv and time.
func FuzzCheckLiteral(f *testing.F) {
	for _, s := range []string{"2020-05-04", "2020-02-30", "P1Y2M3DT4H5M6.5S", "PT", "1.5E3", "-0", "9223372036854775808",
		"2020-05-04T10:11:12.5+01:00", "2020-01-01T24:00:00", "INF", ".5", "1."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ok := func(local string) bool { return CheckLiteral(s, nsXSD+local) == nil }
		tr := strings.Trim(s, " \t\n\r")
		if got, want := ok("duration"), reDuration.MatchString(tr) && tr != "P" && tr != "-P" && !strings.HasSuffix(tr, "T"); got != want {
			t.Errorf("duration %q: %v, want %v", s, got, want)
		}
		if got, want := ok("decimal"), reDecimal.MatchString(tr); got != want {
			t.Errorf("decimal %q: %v, want %v", s, got, want)
		}
		if got, want := ok("double"), reDouble.MatchString(tr); got != want {
			t.Errorf("double %q: %v, want %v", s, got, want)
		}
		_, err := strconv.ParseInt(tr, 10, 64)
		if got, want := ok("long"), err == nil; got != want {
			t.Errorf("long %q: %v, want %v", s, got, want)
		}
		_, err = strconv.ParseInt(tr, 10, 8)
		if got, want := ok("byte"), err == nil; got != want {
			t.Errorf("byte %q: %v, want %v", s, got, want)
		}
		u, err := strconv.ParseInt(tr, 10, 64)
		if got := ok("nonNegativeInteger"); err == nil && got != (u >= 0) {
			t.Errorf("nonNegativeInteger %q: %v", s, got)
		}
		if reDate.MatchString(tr) {
			_, err := time.Parse("2006-01-02", tr)
			if got, want := ok("date"), err == nil; got != want {
				t.Errorf("date %q: %v, want %v", s, got, want)
			}
		} else if ok("date") && len(tr) == 10 {
			t.Errorf("date %q is valid but not YYYY-MM-DD", s)
		}
		if reDateTime.MatchString(tr) && !strings.Contains(tr, "T24:") {
			layout := "2006-01-02T15:04:05.999999999"
			if strings.HasSuffix(tr, "Z") || strings.LastIndexAny(tr, "+-") > 10 {
				layout += "Z07:00"
			}
			_, err := time.Parse(layout, tr)
			if got, want := ok("dateTime"), err == nil; got != want {
				t.Errorf("dateTime %q: %v, want %v (%v)", s, got, want, err)
			}
		}
		if dt, ok := DateDatatype(s); ok && CheckDate(s, dt) != nil {
			t.Errorf("DateDatatype(%q) = %s, which CheckDate refuses", s, dt)
		}
	})
}
