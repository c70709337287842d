// Package i18n is katalog's small internationalisation kit: Swedish first,
// English always. It picks a language (from a query parameter, a cookie,
// Accept-Language or the locale of a terminal), says a count with the
// plural form that fits it ("1 datamängd", "3 datamängder"), and writes
// numbers, percentages and dates the way each language does ("1 234,5" and
// "7 december 2026" in Swedish, "1,234.5" and "7 December 2026" in
// English).
//
// Both languages share CLDR's plural rule for cardinals: "one" for the
// integer 1 (and, with visible decimals, never), "other" otherwise.
package i18n

import (
	"math"
	"strconv"
	"strings"
	"time"
	// Dates are shown in Swedish time whatever the machine's zone database.
	_ "time/tzdata"

	"github.com/katalog-se/katalog/internal/finding"
)

// Lang is a language katalog speaks: SV or EN.
type Lang string

// The languages, Swedish first.
const (
	SV Lang = "sv"
	EN Lang = "en"
)

// Langs lists the languages, Swedish first.
var Langs = []Lang{SV, EN}

// Text is a text in Swedish and English.
type Text = finding.Text

// Parse reads a language tag ("sv", "sv-SE", "en", "en-GB", any case) and
// reports whether katalog speaks it.
func Parse(s string) (Lang, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	primary, _, _ := strings.Cut(s, "-")
	primary, _, _ = strings.Cut(primary, "_")
	switch primary {
	case "sv":
		return SV, true
	case "en":
		return EN, true
	}
	return SV, false
}

// Negotiate picks the language an Accept-Language header prefers: the one
// of sv and en with the higher weight, Swedish on a tie or when the header
// names neither (Swedish first).
func Negotiate(acceptLanguage string) Lang {
	best := map[Lang]float64{}
	for _, part := range strings.Split(acceptLanguage, ",") {
		fields := strings.Split(part, ";")
		l, ok := Parse(fields[0])
		if !ok {
			continue
		}
		q := 1.0
		for _, p := range fields[1:] {
			k, v, found := strings.Cut(strings.TrimSpace(p), "=")
			if found && strings.EqualFold(strings.TrimSpace(k), "q") {
				f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
				if err != nil {
					f = 0
				}
				q = f
			}
		}
		best[l] = max(best[l], q)
	}
	if best[EN] > best[SV] {
		return EN
	}
	return SV
}

// FromEnv picks the language of a terminal's locale as POSIX orders the
// variables: LC_ALL, then LC_MESSAGES, then LANG; the first one set
// decides. A Swedish locale ("sv_SE.UTF-8", "sv") gives Swedish, anything
// else (or nothing) English.
func FromEnv(getenv func(string) string) Lang {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := getenv(name)
		if v == "" {
			continue
		}
		v, _, _ = strings.Cut(v, ".")
		v, _, _ = strings.Cut(v, "@")
		if l, ok := Parse(v); ok && l == SV {
			return SV
		}
		return EN
	}
	return EN
}

// String returns "sv" or "en".
func (l Lang) String() string { return string(l) }

// Other is the other language: English for Swedish and the reverse.
func (l Lang) Other() Lang {
	if l == EN {
		return SV
	}
	return EN
}

// Name is the language's own name: "Svenska", "English".
func (l Lang) Name() string { return l.Pick("Svenska", "English") }

// Pick returns sv in Swedish and en in English.
func (l Lang) Pick(sv, en string) string {
	if l == EN {
		return en
	}
	return sv
}

// Text picks t's text in l, or the other language's when l's is empty.
func (l Lang) Text(t Text) string {
	if l == EN {
		if t.EN != "" {
			return t.EN
		}
		return t.SV
	}
	if t.SV != "" {
		return t.SV
	}
	return t.EN
}

// One reports whether n takes the "one" form: the integer 1.
func One(n int) bool { return n == 1 }

// Count says n with the word in the form it takes: "1 datamängd", "3
// datamängder" (one, other are Swedish; oneEN, otherEN English).
func (l Lang) Count(n int, one, other, oneEN, otherEN string) string {
	return l.Int(n) + " " + l.Form(n, one, other, oneEN, otherEN)
}

// Form is the word alone in the form n takes.
func (l Lang) Form(n int, one, other, oneEN, otherEN string) string {
	if l == EN {
		one, other = oneEN, otherEN
	}
	if One(n) {
		return one
	}
	return other
}

// Int writes n with the language's thousands separator: a no-break space
// in Swedish ("12 345"), a comma in English ("12,345").
func (l Lang) Int(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	if len(s) > 4 || (l == EN && len(s) > 3) {
		sep := l.Pick("\u00a0", ",")
		var b strings.Builder
		for i, r := range s {
			if i > 0 && (len(s)-i)%3 == 0 {
				b.WriteString(sep)
			}
			b.WriteRune(r)
		}
		s = b.String()
	}
	if neg {
		return "−" + s
	}
	return s
}

// Num writes x with at most decimals decimals, trailing zeros dropped, a
// decimal comma in Swedish: 12.5 → "12,5" (sv), "12.5" (en).
func (l Lang) Num(x float64, decimals int) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "–"
	}
	p := math.Pow(10, float64(decimals))
	neg := x < 0
	x = math.Round(math.Abs(x)*p) / p
	whole, frac := math.Modf(x)
	s := l.Int(int(whole))
	if frac > 0 {
		f := strconv.FormatFloat(frac, 'f', decimals, 64) // "0.50"
		if f = strings.TrimRight(strings.TrimPrefix(f, "0."), "0"); f != "" && !strings.HasPrefix(f, "1.") {
			s += l.Pick(",", ".") + f
		}
	}
	if neg && x != 0 {
		s = "−" + s
	}
	return s
}

// Percent writes a share (0–1) as a percentage with at most one decimal:
// "62 %" in Swedish (a no-break space before the sign), "62%" in English.
func (l Lang) Percent(share float64) string {
	return l.Num(share*100, 1) + l.Pick("\u00a0%", "%")
}

// Sweden is the zone katalog shows times in.
var Sweden = mustZone("Europe/Stockholm")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		return time.UTC // time/tzdata is embedded: not reached
	}
	return loc
}

var months = [2][12]string{
	{"januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"},
	{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
}

var shortMonths = [2][12]string{
	{"jan.", "feb.", "mars", "apr.", "maj", "juni", "juli", "aug.", "sep.", "okt.", "nov.", "dec."},
	{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"},
}

func (l Lang) index() int {
	if l == EN {
		return 1
	}
	return 0
}

// Date writes t's day in Swedish time: "7 december 2026", "7 December 2026".
func (l Lang) Date(t time.Time) string {
	if t.IsZero() {
		return "–"
	}
	t = t.In(Sweden)
	return strconv.Itoa(t.Day()) + " " + months[l.index()][t.Month()-1] + " " + strconv.Itoa(t.Year())
}

// ShortDate writes t's day briefly, for chart axes: "7 dec. 2026", "7 Dec 2026".
func (l Lang) ShortDate(t time.Time) string {
	if t.IsZero() {
		return "–"
	}
	t = t.In(Sweden)
	return strconv.Itoa(t.Day()) + " " + shortMonths[l.index()][t.Month()-1] + " " + strconv.Itoa(t.Year())
}

// DateTime writes t in Swedish time to the minute: "7 december 2026 kl.
// 09:08", "7 December 2026, 09:08".
func (l Lang) DateTime(t time.Time) string {
	if t.IsZero() {
		return "–"
	}
	return l.Date(t) + l.Pick(" kl. ", ", ") + t.In(Sweden).Format("15:04")
}

// ISO writes t as RFC 3339 in UTC, for machine-readable attributes
// (<time datetime="…">).
func ISO(t time.Time) string { return t.UTC().Format(time.RFC3339) }
