package validate

import "testing"

// TestDateDatatypeAgreesWithCheckLiteral: DateDatatype gives the one date
// datatype whose CheckLiteral accepts the text, white space around it
// included, and nothing where none does.
func TestDateDatatypeAgreesWithCheckLiteral(t *testing.T) {
	for _, lex := range []string{
		"2024", " 2024 ", "\t2024-05\n", "\r\n2024-05-31 ", " 2024-05-31T10:00:00Z\t", "2024-05-31+02:00 ",
		"-0044", "12024", "2023-02-29", " 2023-02-29 ", "2024-05-31 T10:00:00", " ", "", "2024-05-31\u00a0",
	} {
		want := ""
		for _, dt := range DateDatatypes() {
			if CheckLiteral(lex, dt) == nil {
				if want != "" {
					t.Fatalf("%q is both %s and %s", lex, want, dt)
				}
				want = dt
			}
		}
		got, ok := DateDatatype(lex)
		if got != want || ok != (want != "") {
			t.Errorf("DateDatatype(%q) = %q, %v; want %q", lex, got, ok, want)
		}
	}
	if dt, ok := DateDatatype(" 2024-05 "); !ok || dt != xsdGYearMonth {
		t.Errorf("DateDatatype(\" 2024-05 \") = %q, %v; want xsd:gYearMonth", dt, ok)
	}
}
