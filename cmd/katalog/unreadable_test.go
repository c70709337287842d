package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestSQLiteUnreadableWhileServing makes the database file unreadable
// (mode 000) under a running `katalog serve`, run as nobody when the test
// runs as root (root ignores modes). The open descriptors keep working, so
// the service goes on and its writes are durable; a restart refuses to
// start with a clear error and exit code 2, and the data is all there once
// the mode is restored.
func TestSQLiteUnreadableWhileServing(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildBinary(t)
	base := t.TempDir()
	reachableByNobody(bin, base)
	dir := filepath.Join(base, "data")
	if err := os.Mkdir(dir, 0o777); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "k.db")
	db := "sqlite:" + file
	registerFaultOrg(t, dir, db)
	// nobody must be able to write the database and create its WAL.
	for _, f := range []string{dir, file, file + "-wal", file + "-shm"} {
		os.Chmod(f, 0o777)
	}
	p := startAs(t, bin, db)
	if code := createDataset(t, p, "Före"); code != 201 {
		t.Fatalf("write before the fault: %d\n%s", code, p.stderr.String())
	}
	if err := os.Chmod(file, 0); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(file, 0o666) })
	ready, write := readyz(t, p), createDataset(t, p, "Under")
	t.Logf("file unreadable while serving: readyz %d, write %d", ready, write)
	if write != 201 && write != 503 {
		t.Errorf("a write with the file unreadable: %d, want 201 (open descriptors) or 503", write)
	}
	p.cmd.Process.Kill()
	<-p.exited

	// A restart cannot open the file: a clear error, exit 2.
	cmd := exec.Command(bin, "serve", "--db", db, "--addr", freeAddr(t), "--no-demo")
	cmd.Env = append(os.Environ(), "KATALOG_ADMIN_TOKEN="+procAdmin)
	asUnprivileged(cmd)
	out, err := runWithin(cmd, 20*time.Second)
	code := -1
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	}
	t.Logf("restart with the file unreadable: exit %d: %s", code, out)
	if code != 2 || !strings.Contains(out, file) || !strings.Contains(strings.ToLower(out), "open") {
		t.Errorf("restart with the file unreadable: exit %d, %s; want exit 2 naming the file", code, out)
	}

	os.Chmod(file, 0o666)
	n, tags := catalogState(t, "sqlite", file)
	want := 1
	if write == 201 {
		want = 2
	}
	if n != want || tags["Före"] != 1 || (write == 201) != (tags["Under"] == 1) {
		t.Errorf("after the fault: %d datasets %v; want every acknowledged write (%d)", n, tags, want)
	}
	integrityCheck(t, file)
}

// startAs is start with the process run as nobody when the test runs as
// root.
func startAs(t *testing.T, bin, db string) *proc {
	t.Helper()
	return startWith(t, asUnprivileged, bin, db, "--no-demo")
}

// errTimeout is runWithin's error for a command it had to kill.
var errTimeout = errors.New("timed out")

// runWithin runs cmd and returns its combined output, killing it after d.
func runWithin(cmd *exec.Cmd, d time.Duration) (string, error) {
	var out syncBuffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		return "", err
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		return out.String(), err
	case <-time.After(d):
		cmd.Process.Kill()
		<-done
		return out.String(), errTimeout
	}
}
