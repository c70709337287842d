package i18n

import (
	"testing"
	"time"
)

func TestNegotiate(t *testing.T) {
	for _, tc := range []struct {
		header string
		want   Lang
	}{
		{"", SV},
		{"de-DE,fr;q=0.8", SV},
		{"en-US,en;q=0.9", EN},
		{"sv-SE,sv;q=0.9,en;q=0.8", SV},
		{"en;q=0.5,sv;q=0.5", SV},
		{"en;q=0.9,sv;q=0.4", EN},
		{"sv;q=0,en;q=0.1", EN},
		{"EN-gb", EN},
		{"en;q=bogus,sv", SV},
	} {
		if got := Negotiate(tc.header); got != tc.want {
			t.Errorf("Negotiate(%q) = %s, want %s", tc.header, got, tc.want)
		}
	}
}

func TestFromEnv(t *testing.T) {
	env := func(kv ...string) func(string) string {
		m := map[string]string{}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return func(k string) string { return m[k] }
	}
	for _, tc := range []struct {
		name string
		env  func(string) string
		want Lang
	}{
		{"nothing", env(), EN},
		{"LANG sv", env("LANG", "sv_SE.UTF-8"), SV},
		{"LANG bare sv", env("LANG", "sv"), SV},
		{"LANG en", env("LANG", "en_GB.UTF-8"), EN},
		{"C", env("LANG", "C.UTF-8"), EN},
		{"LC_MESSAGES wins over LANG", env("LANG", "en_US.UTF-8", "LC_MESSAGES", "sv_SE.UTF-8"), SV},
		{"LC_ALL wins over all", env("LANG", "sv_SE.UTF-8", "LC_MESSAGES", "sv_SE", "LC_ALL", "en_US.UTF-8"), EN},
		{"empty LC_ALL is unset", env("LC_ALL", "", "LANG", "sv_FI.UTF-8@euro"), SV},
	} {
		if got := FromEnv(tc.env); got != tc.want {
			t.Errorf("%s: %s, want %s", tc.name, got, tc.want)
		}
	}
}

func TestCountPlurals(t *testing.T) {
	for _, tc := range []struct {
		l    Lang
		n    int
		want string
	}{
		{SV, 0, "0 datamängder"},
		{SV, 1, "1 datamängd"},
		{SV, 2, "2 datamängder"},
		{EN, 1, "1 dataset"},
		{EN, 21, "21 datasets"},
		{SV, 12345, "12\u00a0345 datamängder"},
		{EN, 12345, "12,345 datasets"},
	} {
		if got := tc.l.Count(tc.n, "datamängd", "datamängder", "dataset", "datasets"); got != tc.want {
			t.Errorf("%s %d: %q, want %q", tc.l, tc.n, got, tc.want)
		}
	}
	if got := SV.Count(1, "fel", "fel", "error", "errors"); got != "1 fel" {
		t.Errorf("%q", got)
	}
	if got := EN.Count(1, "fel", "fel", "error", "errors"); got != "1 error" {
		t.Errorf("%q", got)
	}
}

func TestNumbers(t *testing.T) {
	for _, tc := range []struct {
		l    Lang
		x    float64
		d    int
		want string
	}{
		{SV, 12.5, 1, "12,5"},
		{EN, 12.5, 1, "12.5"},
		{SV, 12.0, 2, "12"},
		{SV, 0.125, 2, "0,13"},
		{SV, -3.25, 1, "−3,3"},
		{EN, -0.04, 1, "0"},
		{SV, 1234.5, 1, "1234,5"},
		{SV, 12345.5, 1, "12\u00a0345,5"},
		{EN, 1234.5, 1, "1,234.5"},
		{SV, 2.999, 2, "3"},
	} {
		if got := tc.l.Num(tc.x, tc.d); got != tc.want {
			t.Errorf("%s Num(%g, %d) = %q, want %q", tc.l, tc.x, tc.d, got, tc.want)
		}
	}
	if got := SV.Percent(0.625); got != "62,5\u00a0%" {
		t.Errorf("%q", got)
	}
	if got := EN.Percent(0.62); got != "62%" {
		t.Errorf("%q", got)
	}
}

func TestDates(t *testing.T) {
	// 08:08 UTC on 7 December is 09:08 in Stockholm (CET); in July it is
	// two hours ahead (CEST).
	winter := time.Date(2026, 12, 7, 8, 8, 30, 0, time.UTC)
	summer := time.Date(2026, 7, 1, 22, 30, 0, 0, time.UTC)
	for _, tc := range []struct{ got, want string }{
		{SV.Date(winter), "7 december 2026"},
		{EN.Date(winter), "7 December 2026"},
		{SV.DateTime(winter), "7 december 2026 kl. 09:08"},
		{EN.DateTime(winter), "7 December 2026, 09:08"},
		{SV.DateTime(summer), "2 juli 2026 kl. 00:30"},
		{SV.ShortDate(winter), "7 dec. 2026"},
		{EN.ShortDate(winter), "7 Dec 2026"},
		{SV.Date(time.Time{}), "–"},
		{ISO(winter), "2026-12-07T08:08:30Z"},
	} {
		if tc.got != tc.want {
			t.Errorf("%q, want %q", tc.got, tc.want)
		}
	}
}

func TestLabelsSayNoRawValues(t *testing.T) {
	for _, raw := range []string{"very_large", "very_large(1000+)", "small(10-49)", "micro", "medium", "large"} {
		l := SizeClass(raw)
		if l.SV == raw || l.EN == raw || l.SV == "" {
			t.Errorf("size class %q is not named: %+v", raw, l)
		}
	}
	if SizeClassKey("very_large(1000+)") != "very_large" {
		t.Error("size class key")
	}
	for _, s := range []string{"listed", "notListed", "unknown"} {
		if PortalState(s).SV == s || PortalShort(s).EN == "" {
			t.Errorf("portal state %q", s)
		}
	}
	if SV.Text(Text{EN: "only English"}) != "only English" || EN.Text(Text{SV: "bara svenska"}) != "bara svenska" {
		t.Error("a text falls back to the other language")
	}
}
