package catalog

import (
	"errors"
	"fmt"
	"strings"
)

// OrgNumber is a Swedish organisation number (organisationsnummer) in its
// normalised form: exactly ten digits, no hyphen.
type OrgNumber string

// Errors returned by ParseOrgNumber. They are wrapped with the offending input.
var (
	ErrOrgNumberLength     = errors.New("an organisation number has 10 digits")
	ErrOrgNumberCharacters = errors.New("an organisation number has only digits and an optional hyphen after digit 6")
	ErrOrgNumberCheckDigit = errors.New("the check digit of the organisation number is wrong")
)

// ParseOrgNumber validates s as a Swedish organisation number and returns its
// normalised form. It accepts "2021006883" and "202100-6883"; the tenth digit
// must be the Luhn check digit of the first nine.
func ParseOrgNumber(s string) (OrgNumber, error) {
	raw := strings.TrimSpace(s)
	digits := raw
	if len(raw) == 11 && raw[6] == '-' {
		digits = raw[:6] + raw[7:]
	}
	for i := 0; i < len(digits); i++ {
		if digits[i] < '0' || digits[i] > '9' {
			return "", fmt.Errorf("%q: %w", s, ErrOrgNumberCharacters)
		}
	}
	if len(digits) != 10 {
		return "", fmt.Errorf("%q: %w", s, ErrOrgNumberLength)
	}
	if !luhnValid(digits) {
		return "", fmt.Errorf("%q: %w", s, ErrOrgNumberCheckDigit)
	}
	return OrgNumber(digits), nil
}

// luhnValid reports whether the last digit of digits is the Luhn check digit
// of the others.
func luhnValid(digits string) bool {
	sum := 0
	double := false
	for i := len(digits) - 1; i >= 0; i-- {
		d := int(digits[i] - '0')
		if double {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
		double = !double
	}
	return sum%10 == 0
}

// String returns the normalised ten-digit form.
func (o OrgNumber) String() string { return string(o) }

// Hyphenated returns the form with a hyphen after digit 6, as printed on
// Swedish documents ("202100-6883").
func (o OrgNumber) Hyphenated() string {
	if len(o) != 10 {
		return string(o)
	}
	return string(o[:6]) + "-" + string(o[6:])
}

// PublisherIRI is the IRI dataportal.se expects for the organisation:
// http://dataportal.se/organisation/SE<orgnr>.
func (o OrgNumber) PublisherIRI() string {
	return PublisherIRIPrefix + string(o)
}

// PublisherIRIPrefix is the fixed part of every publisher IRI.
const PublisherIRIPrefix = "http://dataportal.se/organisation/SE"
