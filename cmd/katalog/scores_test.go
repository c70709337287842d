package main

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestScoreAndReportCommands(t *testing.T) {
	db := demoDB(t)
	code, out, errOut := runCLI(t, nil, "score", "--db", db, "--agency", "202100-6883")
	if code != 0 || !strings.Contains(out, "2021006883  total") || !strings.Contains(out, "next step 1:") {
		t.Fatalf("score --agency: exit %d\n%s\n%s", code, out, errOut)
	}
	code, out, _ = runCLI(t, nil, "score", "--db", db, "--json")
	lines := 0
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var doc struct {
			OrgNumber string `json:"orgNumber"`
			Level     int    `json:"level"`
		}
		if err := json.Unmarshal(sc.Bytes(), &doc); err != nil || doc.OrgNumber == "" || doc.Level < 1 || doc.Level > 5 {
			t.Errorf("score --json line %q: %v", sc.Text(), err)
		}
		lines++
	}
	if code != 0 || lines < 2 {
		t.Errorf("score --json: exit %d, %d agencies", code, lines)
	}
	if code, _, _ := runCLI(t, nil, "score", "--db", db, "--agency", "2021005448"); code != 2 {
		t.Errorf("unregistered agency: exit %d, want 2", code)
	}

	dir := t.TempDir()
	env := map[string]string{"KATALOG_REPORT_DIR": dir}
	code, out, errOut = runCLI(t, env, "report", "--db", db, "--json")
	var rep struct {
		ID         string
		Agencies   int
		Indicators []struct {
			ID        string
			Count, Of int
		}
	}
	if err := json.Unmarshal([]byte(out), &rep); code != 0 || err != nil || rep.Agencies < 2 || len(rep.Indicators) < 10 {
		t.Fatalf("report: exit %d %v\n%.500s\n%s", code, err, out, errOut)
	}
	for _, ext := range []string{".json", ".csv", ".html"} {
		if _, err := os.Stat(filepath.Join(dir, rep.ID+ext)); err != nil {
			t.Errorf("report file: %v", err)
		}
	}
}

// TestTextOutputFollowsTheLocale: with a Swedish locale the commands
// speak Swedish (LC_ALL before LC_MESSAGES before LANG); --json does not
// change.
func TestTextOutputFollowsTheLocale(t *testing.T) {
	db := demoDB(t)
	for _, tc := range []struct {
		env  map[string]string
		want []string
	}{
		{map[string]string{"LANG": "sv_SE.UTF-8"}, []string{"2021006883  poäng", "nästa steg 1:", "publicerat i katalog"}},
		{map[string]string{"LANG": "sv_SE.UTF-8", "LC_ALL": "en_US.UTF-8"}, []string{"2021006883  total", "next step 1:", "hosted in katalog"}},
		{map[string]string{"LC_MESSAGES": "sv_SE"}, []string{"nästa steg 1:"}},
	} {
		code, out, errOut := runCLI(t, tc.env, "score", "--db", db, "--agency", "2021006883")
		for _, w := range tc.want {
			if code != 0 || !strings.Contains(out, w) {
				t.Errorf("%v: exit %d, output lacks %q:\n%s\n%s", tc.env, code, w, out, errOut)
			}
		}
	}
	feed := filepath.Join(t.TempDir(), "feed.ttl")
	if err := os.WriteFile(feed, []byte("<https://x.se/ds/1> a <http://www.w3.org/ns/dcat#Dataset> .\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, _ := runCLI(t, map[string]string{"LANG": "sv_SE.UTF-8"}, "validate", feed)
	if code != 1 || !strings.Contains(out, "följer inte") || !strings.Contains(out, "[fel]") {
		t.Errorf("validate in Swedish: exit %d\n%s", code, out)
	}
}
