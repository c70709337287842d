package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/katalog-se/katalog/internal/rdftest"
)

// peakRSS is a running process's peak resident set size (VmHWM) in
// bytes; the test is skipped where /proc cannot tell.
func peakRSS(t *testing.T, pid int) int64 {
	t.Helper()
	v := vmHWM(pid)
	if v == 0 {
		t.Skip("no VmHWM in /proc/PID/status")
	}
	return v
}

// TestValidateAliasBombBounded: three YAML alias bombs posted at once to
// the public validation route (no token) are each answered with a problem
// that names the alias expansion, and the server's peak memory stays under
// 300 MB (it was 6 GB for three).
func TestValidateAliasBombBounded(t *testing.T) {
	bin := buildBinary(t)
	p := start(t, bin, "sqlite:"+t.TempDir()+"/k.db", "--no-demo")
	bomb := rdftest.ProcessorAliasBomb(700_000)
	var wg sync.WaitGroup
	for range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res, err := http.Post("http://"+p.addr+"/api/v1/validate?format=processor-json", "application/yaml", bytes.NewReader(bomb))
			if err != nil {
				t.Error(err)
				return
			}
			defer res.Body.Close()
			body, _ := io.ReadAll(res.Body)
			var prob struct {
				Status int    `json:"status"`
				Detail string `json:"detail"`
			}
			if err := json.Unmarshal(body, &prob); err != nil || res.StatusCode != 400 || !strings.Contains(prob.Detail, "alias") ||
				res.Header.Get("Content-Type") != "application/problem+json" {
				t.Errorf("answer %d %s: %s", res.StatusCode, res.Header.Get("Content-Type"), body)
			}
		}()
	}
	wg.Wait()
	if rss := peakRSS(t, p.cmd.Process.Pid); rss > 300<<20 {
		t.Errorf("peak RSS %d MB, want under 300 MB", rss>>20)
	}
}

// TestTempFilesSweptAfterKill: a serve killed with SIGKILL leaves its
// snapshot files behind; the next start removes them (they piled up to
// gigabytes before).
func TestTempFilesSweptAfterKill(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("KATALOG_TEMP_DIR", tmp)
	bin := buildBinary(t)
	db := "sqlite:" + t.TempDir() + "/k.db"
	p := start(t, bin, db)
	res, err := http.Get("http://" + p.addr + "/catalog.ttl")
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	p.cmd.Process.Kill()
	<-p.exited
	left, err := filepath.Glob(filepath.Join(tmp, "instance-*", "feeds", "feed-*"))
	if err != nil || len(left) == 0 {
		t.Fatalf("no snapshot files left by the killed process to sweep (%v): the test sees nothing", err)
	}
	q := start(t, bin, db)
	if !q.logged("removed the temporary files of katalog processes that died") {
		t.Errorf("the sweep was not logged:\n%s", q.stderr.String())
	}
	for _, f := range left {
		if _, err := os.Stat(f); !os.IsNotExist(err) {
			t.Errorf("%s survived the restart: %v", f, err)
		}
	}
}
