package rdftest

import (
	"bytes"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
)

// GenCatalog returns a DCAT-like catalog of n datasets made by
// shared/tools/gen_catalog.py, as N-Triples ("ntriples") or converted by
// Raptor's rapper ("rdfxml", "turtle"). It skips the test or benchmark when
// python3, rapper or the shared folder is missing.
func GenCatalog(tb testing.TB, n int, syntax string) []byte {
	tb.Helper()
	script := filepath.Join(SharedDir(tb), "tools", "gen_catalog.py")
	py, err := exec.LookPath("python3")
	if err != nil {
		tb.Skip("python3 not installed")
	}
	nt, err := exec.Command(py, script, strconv.Itoa(n)).Output()
	if err != nil {
		tb.Skipf("gen_catalog.py: %v", err)
	}
	if syntax == "ntriples" {
		return nt
	}
	rapper, err := exec.LookPath("rapper")
	if err != nil {
		tb.Skip("rapper (Raptor) not installed")
	}
	cmd := exec.Command(rapper, "-q", "-i", "ntriples", "-o", syntax, "-", "https://example.se/")
	cmd.Stdin = bytes.NewReader(nt)
	out, err := cmd.Output()
	if err != nil {
		tb.Skipf("rapper: %v", err)
	}
	return out
}
