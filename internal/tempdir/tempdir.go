// Package tempdir gives each katalog process one folder of its own for
// temporary files (feed snapshots, import spools) under a common root, and
// sweeps the folders of processes that are gone: a process killed with
// SIGKILL cannot clean up after itself, and its files would otherwise
// stay until the machine is wiped.
//
// Each folder holds a lock file that its process keeps locked (flock) for
// its whole life; the kernel drops the lock when the process ends, however
// it ends. A folder whose lock can be taken belongs to nobody and is
// removed.
package tempdir

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// prefix begins the name of every instance folder.
const prefix = "instance-"

// lockName is the lock file in each instance folder.
const lockName = ".lock"

// Dir is one process's folder of temporary files.
type Dir struct {
	path string
	lock *os.File
}

// Open sweeps root (created if missing) of the folders of processes that
// are gone, and makes this process's folder in it. It reports what the
// sweep removed.
func Open(root string) (*Dir, []string, error) {
	if err := os.MkdirAll(root, 0o700); err != nil {
		return nil, nil, fmt.Errorf("tempdir: %w", err)
	}
	swept, err := Sweep(root)
	if err != nil {
		return nil, nil, err
	}
	path, err := os.MkdirTemp(root, prefix)
	if err != nil {
		return nil, swept, fmt.Errorf("tempdir: %w", err)
	}
	lock, err := os.OpenFile(filepath.Join(path, lockName), os.O_CREATE|os.O_RDWR, 0o600)
	if err == nil {
		err = syscall.Flock(int(lock.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
	}
	if err != nil {
		os.RemoveAll(path)
		return nil, swept, fmt.Errorf("tempdir: lock %s: %w", path, err)
	}
	return &Dir{path: path, lock: lock}, swept, nil
}

// Sweep removes the instance folders under root whose process is gone
// (their lock is free) and returns their paths. Folders of live processes
// and anything that is not an instance folder are left alone.
func Sweep(root string) ([]string, error) {
	entries, err := os.ReadDir(root)
	if err != nil {
		return nil, fmt.Errorf("tempdir: sweep %s: %w", root, err)
	}
	var swept []string
	for _, e := range entries {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), prefix) {
			continue
		}
		path := filepath.Join(root, e.Name())
		if !abandoned(path) {
			continue
		}
		if err := os.RemoveAll(path); err != nil {
			return swept, fmt.Errorf("tempdir: sweep %s: %w", path, err)
		}
		swept = append(swept, path)
	}
	return swept, nil
}

// abandoned reports whether no process holds the folder's lock (a folder
// without a lock file was left half-made).
func abandoned(path string) bool {
	f, err := os.OpenFile(filepath.Join(path, lockName), os.O_RDWR, 0)
	if errors.Is(err, os.ErrNotExist) {
		return true
	}
	if err != nil {
		return false
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		return false
	}
	syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
	return true
}

// Path is the folder.
func (d *Dir) Path() string { return d.path }

// Sub returns a folder named name in d, made if missing.
func (d *Dir) Sub(name string) (string, error) {
	p := filepath.Join(d.path, name)
	if err := os.MkdirAll(p, 0o700); err != nil {
		return "", fmt.Errorf("tempdir: %w", err)
	}
	return p, nil
}

// Close removes the folder and everything in it, and lets go of its lock.
func (d *Dir) Close() error {
	err := os.RemoveAll(d.path)
	d.lock.Close()
	return err
}
