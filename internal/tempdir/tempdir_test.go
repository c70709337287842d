package tempdir

import (
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
)

// TestSweepKeepsTheLivingAndTakesTheDead: a folder whose process holds its
// lock survives a sweep; one whose process died (here a child killed with
// SIGKILL while holding its lock) and one left without a lock file go.
func TestSweepKeepsTheLivingAndTakesTheDead(t *testing.T) {
	root := t.TempDir()
	live, _, err := Open(root)
	if err != nil {
		t.Fatal(err)
	}
	defer live.Close()
	if err := os.WriteFile(filepath.Join(live.Path(), "feed.snap"), []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	// A dead process's folder: a child takes the lock with flock(1) and is
	// killed.
	dead := filepath.Join(root, prefix+"dead")
	if err := os.MkdirAll(dead, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dead, "big.snap"), make([]byte, 1<<20), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := exec.LookPath("flock"); err == nil {
		cmd := exec.Command("flock", "-o", filepath.Join(dead, lockName), "sleep", "60")
		cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// While it lives, the folder is kept.
		for !locked(filepath.Join(dead, lockName)) {
		}
		if swept, _ := Sweep(root); len(swept) != 0 {
			t.Fatalf("swept a live process's folder: %v", swept)
		}
		syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) // flock and its sleep
		cmd.Wait()
	}
	half := filepath.Join(root, prefix+"half")
	if err := os.MkdirAll(half, 0o700); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(root, "not-ours")
	if err := os.MkdirAll(other, 0o700); err != nil {
		t.Fatal(err)
	}
	again, swept, err := Open(root)
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	if len(swept) != 2 {
		t.Errorf("swept %v, want the dead and the half-made folder", swept)
	}
	for _, p := range []string{live.Path(), other, again.Path()} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s is gone: %v", p, err)
		}
	}
	for _, p := range []string{dead, half} {
		if _, err := os.Stat(p); !os.IsNotExist(err) {
			t.Errorf("%s survived: %v", p, err)
		}
	}
	sub, err := again.Sub("feeds")
	if err != nil {
		t.Fatal(err)
	}
	if err := again.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(sub); !os.IsNotExist(err) {
		t.Errorf("Close left %s", sub)
	}
}

// locked reports whether someone holds path's lock.
func locked(path string) bool {
	if _, err := os.Stat(path); err != nil {
		return false
	}
	return !abandoned(filepath.Dir(path))
}
