package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const convertTriG = `@prefix e: <http://e.example/> .
e:s e:p "default" .
e:g1 { e:s e:p "named", "twice" . }
GRAPH _:b { _:b e:p e:o }
`

// TestConvertDatasets converts TriG to N-Quads and back, keeping the
// named graphs, and checks that a syntax of one graph refuses them.
func TestConvertDatasets(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.trig")
	if err := os.WriteFile(in, []byte(convertTriG), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI(t, nil, "convert", "--to", "nquads", in)
	if code != 0 || !strings.Contains(errOut, "4 triples") {
		t.Fatalf("trig → nquads: %d %q", code, errOut)
	}
	for _, want := range []string{
		`<http://e.example/s> <http://e.example/p> "default" .`,
		`<http://e.example/s> <http://e.example/p> "twice" <http://e.example/g1> .`,
	} {
		if !strings.Contains(out, want+"\n") {
			t.Errorf("N-Quads lacks %s:\n%s", want, out)
		}
	}
	if !strings.Contains(out, "<http://e.example/p> <http://e.example/o> _:") {
		t.Errorf("blank graph lost:\n%s", out)
	}
	nq := filepath.Join(dir, "out.nq")
	if err := os.WriteFile(nq, []byte(out), 0o600); err != nil {
		t.Fatal(err)
	}
	code, back, errOut := runCLI(t, nil, "convert", "--to", "trig", nq)
	if code != 0 || !strings.Contains(errOut, "4 triples") || !strings.Contains(back, "<http://e.example/g1> {\n") {
		t.Fatalf("nquads → trig: %d %q\n%s", code, errOut, back)
	}
	// Turtle holds one graph: the first named graph's triple stops it.
	code, out, errOut = runCLI(t, nil, "convert", "--to", "turtle", in)
	if code != 2 || !strings.Contains(errOut, "triple 2 is in a named graph") || !strings.Contains(out, `"default"`) {
		t.Fatalf("trig → turtle: %d %q\n%s", code, errOut, out)
	}
	// A syntax error is located.
	bad := filepath.Join(dir, "bad.trig")
	if err := os.WriteFile(bad, []byte("@prefix e: <http://e.example/> .\ne:g { e:s e:p e:o "), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, errOut = runCLI(t, nil, "convert", "--to", "nquads", bad)
	if code != 2 || !strings.Contains(errOut, "trig syntax error at line 2") {
		t.Fatalf("bad TriG: %d %q", code, errOut)
	}
	// A graph syntax into a dataset syntax: the default graph.
	ttl := filepath.Join(dir, "in.ttl")
	if err := os.WriteFile(ttl, []byte("@prefix e: <http://e.example/> .\ne:s e:p e:o ."), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut = runCLI(t, nil, "convert", "--to", "nquads", ttl)
	if code != 0 || out != "<http://e.example/s> <http://e.example/p> <http://e.example/o> .\n" {
		t.Fatalf("turtle → nquads: %d %q %q", code, out, errOut)
	}
}
