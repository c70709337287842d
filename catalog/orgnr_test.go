package catalog

import (
	"errors"
	"testing"
)

func TestParseOrgNumber(t *testing.T) {
	cases := []struct {
		in   string
		want OrgNumber
		err  error
	}{
		{"2021006883", "2021006883", nil},   // Digg
		{"202100-6883", "2021006883", nil},  // hyphen after digit 6
		{" 2021000837 ", "2021000837", nil}, // SCB, surrounding space
		{"2021006884", "", ErrOrgNumberCheckDigit},
		{"202100-6884", "", ErrOrgNumberCheckDigit},
		{"202100688", "", ErrOrgNumberLength},
		{"20210068830", "", ErrOrgNumberLength},
		{"", "", ErrOrgNumberLength},
		{"2021-006883", "", ErrOrgNumberCharacters}, // hyphen in the wrong place
		{"20210O6883", "", ErrOrgNumberCharacters},  // letter O
		{"202100 6883", "", ErrOrgNumberCharacters},
		{"202100--6883", "", ErrOrgNumberCharacters},
		{"SE2021006883", "", ErrOrgNumberCharacters},
	}
	for _, tc := range cases {
		got, err := ParseOrgNumber(tc.in)
		if !errors.Is(err, tc.err) || got != tc.want {
			t.Errorf("ParseOrgNumber(%q) = %q, %v; want %q, %v", tc.in, got, err, tc.want, tc.err)
		}
	}
}

func TestEveryCheckDigitButOneFails(t *testing.T) {
	valid := 0
	for d := '0'; d <= '9'; d++ {
		if _, err := ParseOrgNumber("202100688" + string(d)); err == nil {
			valid++
		}
	}
	if valid != 1 {
		t.Fatalf("%d check digits accepted, want exactly 1", valid)
	}
}

func TestOrgNumberForms(t *testing.T) {
	o := OrgNumber("2021006883")
	if o.Hyphenated() != "202100-6883" {
		t.Error(o.Hyphenated())
	}
	if o.PublisherIRI() != "http://dataportal.se/organisation/SE2021006883" {
		t.Error(o.PublisherIRI())
	}
}

func FuzzParseOrgNumber(f *testing.F) {
	for _, s := range []string{"2021006883", "202100-6883", "x", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		o, err := ParseOrgNumber(s)
		if err != nil {
			return
		}
		if len(o) != 10 || !luhnValid(string(o)) {
			t.Fatalf("accepted %q as %q", s, o)
		}
		again, err := ParseOrgNumber(o.Hyphenated())
		if err != nil || again != o {
			t.Fatalf("hyphenated form %q does not parse back: %v", o.Hyphenated(), err)
		}
	})
}
