package publish_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
	"github.com/katalog-se/katalog/internal/dcattest"
	"github.com/katalog-se/katalog/internal/publish"
)

// referee returns the path of the Jena referee script when it should run:
// KATALOG_REFEREE=1 with Jena and the script installed; "" otherwise.
func referee(t *testing.T) string {
	t.Helper()
	if os.Getenv("KATALOG_REFEREE") != "1" {
		return "" // the JVM is slow to start: .ci/run sets KATALOG_REFEREE=1
	}
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		if filepath.Dir(dir) == dir {
			return ""
		}
		dir = filepath.Dir(dir)
	}
	script := filepath.Join(filepath.Dir(dir), "shared", "tools", "referee", "referee.sh")
	if _, err := os.Stat(script); err != nil {
		t.Logf("KATALOG_REFEREE=1 but %s is absent: referee skipped", script)
		return ""
	}
	if _, err := os.Stat("/usr/share/java/jena-core.jar"); err != nil {
		return ""
	}
	return script
}

// refereeCount parses file with the referee and returns its triple count.
func refereeCount(t *testing.T, script, file string, f rdfio.Format) int {
	t.Helper()
	cmd := exec.Command("bash", script, "parse", file, string(f))
	cmd.Env = append(os.Environ(), "REFEREE_STRICT=1")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("referee rejects %s: %v\n%s", filepath.Base(file), err, errb.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	n, err := strconv.Atoi(strings.TrimSpace(lines[len(lines)-1]))
	if err != nil {
		t.Fatalf("referee output %q", out.String())
	}
	return n
}

// TestFormats writes every document in every syntax, checks each parses
// back (our reader when there is one, the Jena referee when installed) to
// the number of triples emitted, and copies the documents to
// $KATALOG_FEED_DIR when set (CI runs the referee over them).
func TestFormats(t *testing.T) {
	ctx := context.Background()
	st := fixture(t, 4, 3)
	b := builder(t, st, publish.BuilderOptions{})
	script := referee(t)
	outDir := os.Getenv("KATALOG_FEED_DIR")
	if outDir != "" {
		if err := os.MkdirAll(outDir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	docs := []struct {
		name string
		doc  publish.Doc
	}{
		{"agency-" + string(skv), publish.Doc{Org: skv}},
		{"agency-" + string(digg) + "-empty", publish.Doc{Org: digg}},
		{"national", publish.Doc{}},
		{"dataset-" + dcattest.DatasetID, publish.Doc{DatasetID: dcattest.DatasetID}},
		{"agency-" + string(skv) + "-page2", publish.Doc{Org: skv, Page: 2, Limit: 2}},
		{"national-page3", publish.Doc{Page: 3, Limit: 3}},
	}
	dir := t.TempDir()
	for _, f := range rdfio.Formats {
		if _, err := publish.NewWriter(f, &bytes.Buffer{}); err != nil {
			t.Logf("skipping %s: %v", f, err)
			continue
		}
		for _, d := range docs {
			t.Run(string(f)+"/"+d.name, func(t *testing.T) {
				var buf bytes.Buffer
				n, err := b.Write(ctx, d.doc, f, &buf)
				if err != nil {
					t.Fatal(err)
				}
				if n < 10 {
					t.Fatalf("only %d triples", n)
				}
				file := filepath.Join(dir, d.name+"."+f.Extension())
				if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				if outDir != "" {
					if err := os.WriteFile(filepath.Join(outDir, filepath.Base(file)), buf.Bytes(), 0o644); err != nil {
						t.Fatal(err)
					}
				}
				if got := parseCount(t, f, buf.Bytes()); got != n {
					t.Errorf("%s read back: %d triples, %d were written", f, got, n)
				}
				if script != "" {
					if got := refereeCount(t, script, file, f); got != n {
						t.Errorf("referee counts %d triples, %d were written", got, n)
					}
				}
			})
		}
	}
}

// TestWriteUnknownFormat checks the factory refuses what it cannot write.
func TestWriteUnknownFormat(t *testing.T) {
	if _, err := publish.NewWriter("n3", &bytes.Buffer{}); err == nil {
		t.Error("NewWriter accepted n3")
	}
	st := fixture(t, 0, 0)
	if _, err := builder(t, st, publish.BuilderOptions{}).Write(context.Background(), publish.Doc{Org: skv}, "n3", &bytes.Buffer{}); err == nil {
		t.Error("Write accepted n3")
	}
}
