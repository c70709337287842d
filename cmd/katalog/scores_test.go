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
