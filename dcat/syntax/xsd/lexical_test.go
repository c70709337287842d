package xsd

import (
	"math/rand/v2"
	"testing"
)

// TestDateDatatype: the one-pass reading of a date gives the datatype of
// the first date form whose full check accepts the text, and refuses what
// none accepts, on hand-picked cases and 20,000 mutations of them.
func TestDateDatatype(t *testing.T) {
	cases := []string{"2024", "-0044", "12024", "02024", "2024-05", "2024-13", "2024-00", "2024-02-29", "2023-02-29",
		"2000-02-29", "1900-02-29", "2024-04-31", "2024-05-31Z", "2024-05-31+02:00", "2024-05-31+14:00", "2024-05-31+14:01",
		"2024-05-31+15:00", "2024-05-31T10:00:00", "2024-05-31T10:00:00Z", "2024-05-31T10:00:00.250+01:00",
		"2024-05-31T24:00:00", "2024-05-31T24:00:00.000", "2024-05-31T24:00:01", "2024-05-31T10:00", "2024-05-31 10:00:00",
		"2024-05-31T10:00:00.", "2024Z", "2024-05Z", "20245", "24", "", "2024-1-1"}
	rng := rand.New(rand.NewPCG(1, 2))
	const alphabet = "0123456789-:TZ.+"
	for range 20000 {
		seed := []byte(cases[rng.IntN(len(cases))])
		for k := rng.IntN(3); k > 0 && len(seed) > 0; k-- {
			seed[rng.IntN(len(seed))] = alphabet[rng.IntN(len(alphabet))]
		}
		cases = append(cases, string(seed))
	}
	accepted := 0
	for _, s := range cases {
		want := ""
		for _, local := range []string{"gYear", "gYearMonth", "date", "dateTime"} {
			if Checker(local)(s) {
				want = NS + local
				break
			}
		}
		got, ok := DateDatatype(s)
		if got != want || ok != (want != "") {
			t.Errorf("DateDatatype(%q) = %q, %v; want %q", s, got, ok, want)
		}
		if ok {
			accepted++
		}
	}
	if accepted < 1000 {
		t.Errorf("only %d of %d cases are dates: the mutations test too little", accepted, len(cases))
	}
}

// TestCheckers: every datatype in Checked has a check, and the checks
// accept and refuse what XSD does on a sample of each kind.
func TestCheckers(t *testing.T) {
	for _, local := range Checked {
		if Checker(local) == nil {
			t.Errorf("xsd:%s has no check", local)
		}
	}
	if Checker("string") != nil || Checker("anyURI") != nil {
		t.Error("unchecked datatypes have a check")
	}
	for _, c := range []struct {
		local, s string
		ok       bool
	}{
		{"boolean", "true", true}, {"boolean", "yes", false},
		{"byte", "-128", true}, {"byte", "128", false}, {"unsignedLong", "18446744073709551615", true},
		{"unsignedLong", "18446744073709551616", false}, {"nonNegativeInteger", "-0", true}, {"nonNegativeInteger", "-1", false},
		{"decimal", ".5", true}, {"decimal", ".", false}, {"double", "1.5E-3", true}, {"double", "1.5E", false},
		{"gMonthDay", "--02-29", true}, {"gMonthDay", "--02-30", false}, {"gDay", "---31", true}, {"gMonth", "--13", false},
		{"duration", "P1Y2M3DT4H5M6.5S", true}, {"duration", "PT", false}, {"yearMonthDuration", "P1D", false},
		{"dayTimeDuration", "P3DT4H", true}, {"dateTimeStamp", "2024-05-31T10:00:00", false},
		{"hexBinary", "0aFF", true}, {"hexBinary", "0aF", false}, {"base64Binary", "aGVq", true}, {"base64Binary", "aGV", false},
		{"language", "sv-SE", true}, {"language", "sv_SE", false}, {"time", "24:00:00", true}, {"time", "24:00:01", false},
	} {
		if got := Checker(c.local)(c.s); got != c.ok {
			t.Errorf("xsd:%s %q: %v, want %v", c.local, c.s, got, c.ok)
		}
	}
}
