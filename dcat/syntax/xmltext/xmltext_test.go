package xmltext

import (
	"errors"
	"testing"
	"unicode/utf8"
)

func TestCheck(t *testing.T) {
	cases := []struct {
		in   string
		rune int // -1: valid
		err  error
	}{
		{"", -1, nil},
		{"Folkmängd per kommun", -1, nil},
		{"tab\tnewline\ncr\r", -1, nil},
		{"\uD7FF\uE000\uFFFD", -1, nil},
		{"emoji 😀 and 𝄞", -1, nil},
		{"\U0010FFFF", -1, nil},
		{"\x00", 0, ErrChar},
		{"ab\x01", 2, ErrChar},
		{"åäö\x1b", 3, ErrChar},
		{"x\x7fy", -1, nil}, // DEL is an XML 1.0 Char (discouraged, but allowed)
		{"a\uFFFE", 1, ErrChar},
		{"a\uFFFF", 1, ErrChar},
		{"😀\x0c", 1, ErrChar}, // form feed
		{"ab\xffcd", 2, ErrInvalidUTF8},
		{"å\xc3", 1, ErrInvalidUTF8},              // truncated sequence
		{"\xed\xa0\x80", 0, ErrInvalidUTF8},       // UTF-8 encoded surrogate
		{"\xc0\xaf", 0, ErrInvalidUTF8},           // overlong
		{"ok\xf4\x90\x80\x80", 2, ErrInvalidUTF8}, // beyond U+10FFFF
	}
	for _, tc := range cases {
		err := Check(tc.in)
		if tc.rune < 0 {
			if err != nil {
				t.Errorf("Check(%q) = %v, want nil", tc.in, err)
			}
			continue
		}
		var e *Error
		if !errors.As(err, &e) || e.Rune != tc.rune || !errors.Is(err, tc.err) {
			t.Errorf("Check(%q) = %v, want error at rune %d (%v)", tc.in, err, tc.rune, tc.err)
			continue
		}
		if e.Error() == "" {
			t.Errorf("empty message for %q", tc.in)
		}
	}
}

func TestByteOffset(t *testing.T) {
	var e *Error
	if err := Check("åå\x02"); !errors.As(err, &e) || e.Rune != 2 || e.Byte != 4 || e.Char != 2 {
		t.Fatalf("%#v", err)
	}
}

func FuzzCheck(f *testing.F) {
	for _, s := range []string{"", "abc", "\x00", "å\xff", "\uFFFE"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		err := Check(s)
		ok := utf8.ValidString(s)
		for _, r := range s {
			ok = ok && IsChar(r)
		}
		if (err == nil) != ok {
			t.Fatalf("Check(%q) = %v, but valid=%v", s, err, ok)
		}
	})
}
