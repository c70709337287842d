package register

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	in := "org_nr,name,name_en,size_class_by_fte,fte,department,website,scb_group\n" +
		"202100-6883,Myndigheten för digital förvaltning,Agency for Digital Government,medium(50-249),153.6,Finansdepartementet,www.digg.se,Statliga förvaltningsmyndigheter\n" +
		"2021000837,Statistiska centralbyrån,,large(250-999),996.9,Finansdepartementet,https://www.scb.se,\n"
	agencies, bad, err := Parse(strings.NewReader(in), false)
	if err != nil {
		t.Fatal(err)
	}
	if len(bad) != 0 || len(agencies) != 2 {
		t.Fatalf("got %d agencies, %d bad", len(agencies), len(bad))
	}
	d := agencies[0]
	if d.OrgNumber != "2021006883" || d.Name["en"] != "Agency for Digital Government" || d.SizeClass != "medium" || d.Staff != 154 || d.Homepage != "https://www.digg.se" {
		t.Errorf("unexpected %+v", d)
	}
	if _, ok := agencies[1].Name["en"]; ok {
		t.Error("an empty English name must not be stored")
	}
}

// TestParseActiveFlag: the register's active_in_2025_list column decides
// whether an agency is active; without the column every agency is.
func TestParseActiveFlag(t *testing.T) {
	in := "org_nr,name,active_in_2025_list\n2021006883,Digg,yes\n2021000837,SCB,\n2021004888,Upplöst,no\n2021005489,Bolagsverket,NEJ\n2021000696,SMHI,kanske\n"
	agencies, bad, err := Parse(strings.NewReader(in), true)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, a := range agencies {
		got[string(a.OrgNumber)] = a.Active
	}
	want := map[string]bool{"2021006883": true, "2021000837": true, "2021004888": false, "2021005489": false}
	if len(got) != len(want) {
		t.Errorf("agencies %v, want %v", got, want)
	}
	for org, w := range want {
		if g, ok := got[org]; !ok || g != w {
			t.Errorf("%s active = %v (read %v), want %v", org, g, ok, w)
		}
	}
	if len(bad) != 1 || bad[0].Line != 6 || bad[0].Column != "active_in_2025_list" {
		t.Errorf("bad rows %v, want line 6 in active_in_2025_list", bad)
	}
	plain, _, err := Parse(strings.NewReader("org_nr,name\n2021006883,Digg\n"), false)
	if err != nil || len(plain) != 1 || !plain[0].Active {
		t.Errorf("a register without the column: %+v, %v; want active", plain, err)
	}
}

func TestParseReportsEveryBadRowWithLine(t *testing.T) {
	in := "org_nr,name\n2021006883,Digg\n2021006884,Bad check digit\n12345,Too short\n2021006883,Duplicate\n2021000837,\n"
	_, bad, err := Parse(strings.NewReader(in), false)
	var errs Errors
	if !errors.As(err, &errs) {
		t.Fatalf("want Errors, got %v", err)
	}
	wantLines := []int{3, 4, 5, 6}
	if len(bad) != len(wantLines) {
		t.Fatalf("want %d bad rows, got %v", len(wantLines), bad)
	}
	for i, l := range wantLines {
		if bad[i].Line != l {
			t.Errorf("row %d: line %d, want %d (%v)", i, bad[i].Line, l, bad[i])
		}
	}
	good, bad2, err := Parse(strings.NewReader(in), true)
	if err != nil || len(good) != 1 || len(bad2) != 4 {
		t.Fatalf("skipInvalid: %d good, %d bad, %v", len(good), len(bad2), err)
	}
}

func TestParseNeedsColumns(t *testing.T) {
	if _, _, err := Parse(strings.NewReader("foo,bar\n1,2\n"), false); err == nil || !strings.Contains(err.Error(), "org_nr") {
		t.Fatalf("want error naming the missing column, got %v", err)
	}
}

// TestSharedRegister reads the real agency register when ../shared is beside the project.
func TestSharedRegister(t *testing.T) {
	_, file, _, _ := runtime.Caller(0)
	path := filepath.Join(filepath.Dir(file), "..", "..", "..", "shared", "data", "agencies", "agencies_under_government.csv")
	f, err := os.Open(path)
	if err != nil {
		t.Skip("shared agency register not present")
	}
	defer f.Close()
	agencies, bad, err := Parse(f, true)
	if err != nil {
		t.Fatal(err)
	}
	if len(agencies) < 300 {
		t.Errorf("only %d agencies read (%d bad)", len(agencies), len(bad))
	}
	inactive := 0
	for _, a := range agencies {
		if !a.Active {
			inactive++
		}
	}
	// 78 of the 340 rows say no in active_in_2025_list (dissolved agencies).
	if inactive < 70 || inactive > 80 {
		t.Errorf("%d inactive agencies, want about 78", inactive)
	}
	t.Logf("%d agencies, %d rows left out: %v", len(agencies), len(bad), bad)
}
