package validate

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/katalog-se/katalog/dcat/syntax/ntriples"
)

// TestSpillFailures: a temporary directory that cannot be written stops
// the validation with an error, and so does a damaged spilled run.
func TestSpillFailures(t *testing.T) {
	ts := mappedFeed(t, 40)
	v := New(DCATAPSE301(), WithMemory(4<<10), WithTempDir(filepath.Join(t.TempDir(), "missing")))
	s := v.NewSession()
	var werr error
	for _, tr := range ts {
		if werr = s.Write(tr); werr != nil {
			break
		}
	}
	if werr == nil || !strings.Contains(werr.Error(), "spilling to disk") {
		t.Fatalf("Write: %v, want a spill error", werr)
	}
	if _, err := s.FinishContext(context.Background()); err == nil || s.Err() == nil {
		t.Error("FinishContext after a failed spill: no error")
	}

	var nt bytes.Buffer
	w := ntriples.NewWriter(&nt)
	for _, tr := range ts {
		if err := w.Write(tr); err != nil {
			t.Fatal(err)
		}
	}
	w.Close()
	dir := t.TempDir()
	v = New(DCATAPSE301(), WithMemory(4<<10), WithTempDir(dir))
	if _, err := v.Validate(context.Background(), ntriples.NewReader(bytes.NewReader(nt.Bytes()))); err != nil {
		t.Fatal(err)
	}
	s = v.NewSession()
	for _, tr := range ts {
		s.Add(tr)
	}
	if len(s.sp.TempFiles()) == 0 {
		t.Fatal("nothing spilled")
	}
	for _, f := range s.sp.TempFiles() {
		if err := f.Truncate(7); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.FinishContext(context.Background()); err == nil || !strings.Contains(err.Error(), "reading a temporary file") {
		t.Errorf("damaged run: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := v.Validate(ctx, ntriples.NewReader(bytes.NewReader(nt.Bytes()))); err == nil {
		t.Error("cancelled: no error")
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
}
