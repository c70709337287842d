package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestReadmeWalkthrough runs the README's walk through the API as a new
// user would (its shell block as written, in a fresh folder with the
// repository's examples), against the built binary on a free loopback
// port: every curl in it fails on an HTTP error (-f), so the walk-through
// stays runnable as written.
func TestReadmeWalkthrough(t *testing.T) {
	if _, err := exec.LookPath("curl"); err != nil {
		t.Skip("curl is not installed")
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(readme), "## A walk through the API\n")
	if !ok {
		t.Fatal("the README has no walk-through")
	}
	_, rest, _ = strings.Cut(rest, "```sh\n")
	script, _, ok := strings.Cut(rest, "```\n")
	if !ok || !strings.Contains(script, "go run ./cmd/katalog serve") {
		t.Fatalf("no shell block in the walk-through:\n%s", rest)
	}
	bin := buildBinary(t)
	addr := freeAddr(t)
	script = strings.ReplaceAll(script, "go run ./cmd/katalog", bin)
	script = strings.ReplaceAll(script, "localhost:8080", addr)
	dir := t.TempDir()
	examples, err := filepath.Abs("../../examples")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(examples, filepath.Join(dir, "examples")); err != nil {
		t.Fatal(err)
	}
	// The script starts katalog in the background: it runs in a process
	// group of its own, killed whole at the end, and writes to a file (a
	// pipe would stay open as long as a leftover server).
	logPath := filepath.Join(t.TempDir(), "walkthrough.log")
	logFile, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	defer logFile.Close()
	cmd := exec.Command("bash", "-c", "set -euo pipefail\n"+script)
	cmd.Dir, cmd.Stdout, cmd.Stderr = dir, logFile, logFile
	cmd.Env = append(os.Environ(), "KATALOG_ADDR="+addr, "KATALOG_TEMP_DIR="+t.TempDir())
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err = <-done:
	case <-time.After(2 * time.Minute):
		syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		err = fmt.Errorf("did not finish within 2 minutes: %w", <-done)
	}
	out, _ := os.ReadFile(logPath)
	if err != nil {
		t.Fatalf("the walk-through failed: %v\n%s", err, out)
	}
	for _, want := range []string{`"token":"kat_`, `"conforms":true`, `"added":[`, `"status":"unknown"`, `"name":"publiceringsflöde"`} {
		if !strings.Contains(string(out), want) {
			t.Errorf("the walk-through's output lacks %s:\n%s", want, out)
		}
	}
}
