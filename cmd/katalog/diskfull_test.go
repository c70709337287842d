package main

import (
	"os/exec"
	"strings"
	"testing"
)

// TestDiskFull runs `katalog serve` on SQLite under a file size limit
// (RLIMIT_FSIZE, set with the shell's ulimit): writes beyond it fail as on
// a full disk (EFBIG; Go ignores SIGXFSZ). An import that does not fit
// answers 507 with a problem document and leaves the old catalog whole; a
// small write still fits; with room again the same import succeeds.
func TestDiskFull(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	sh, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash to set the file size limit")
	}
	bin := buildBinary(t)
	path, db := oldCatalog(t)
	feeds := map[string]int{"old": oldSize, "new": newSize}
	body := feedOf(newSize, "new")

	// 2 MiB per file: room for the old catalog, not for the new one's
	// write-ahead log.
	limited := []string{sh, "-c", `ulimit -f 2048 && exec "$@"`, "katalog"}
	p := startVia(t, limited, bin, db, "--no-demo")
	code, problem := postImportBody(t, p.addr, body)
	t.Logf("import beyond the limit: %d %s", code, problem)
	if code != 507 || !strings.Contains(problem, "storage-full") {
		t.Errorf("import beyond the file size limit: %d %s, want 507 storage-full", code, problem)
	}
	if !p.logged("database storage full") {
		t.Errorf("the log does not say the storage is full:\n%s", p.stderr.String())
	}
	// A write that fits still succeeds: the failed one left nothing behind.
	if code := createDataset(t, p, "Liten"); code != 201 {
		t.Errorf("a small write after the refused import: %d, want 201", code)
	}
	p.cmd.Process.Kill()
	<-p.exited
	if n, tags := catalogState(t, "sqlite", path); n != oldSize+1 || tags["old"] != oldSize || tags["Liten"] != 1 {
		t.Fatalf("after the refused import: %d datasets, by feed %v; want the old %d and the small one", n, tags, oldSize)
	}
	integrityCheck(t, path)

	q := start(t, bin, db, "--no-demo")
	if code, problem := postImportBody(t, q.addr, body); code != 200 {
		t.Fatalf("import with room again: %d %s", code, problem)
	}
	if got := wantWhole(t, "sqlite", path, feeds); got != "new" {
		t.Fatalf("after the import with room the catalog is the %s one", got)
	}
}
