package rdftest

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/knakk/rdf"
)

// RefereeInput is a document for the batch referees: its path, its syntax
// (rdfxml, turtle, ntriples, jsonld, trig or nquads) and the base IRI to
// read it with.
type RefereeInput struct {
	Path, Syntax, Base string
}

// RefereeResult is what a referee made of a document: its quads (the
// default graph's with a nil Ctx), or the error it refused it with.
type RefereeResult struct {
	Quads []rdf.Quad
	Err   string // "" when the referee read the document
	// Unreadable, when not "", says why katalog's N-Quads reader refuses
	// what the referee wrote (Raptor passes invalid IRIs through).
	Unreadable string
}

// JenaBatch has Jena (the referee's Jena 4.5, as `referee.sh parse` sets
// it up: checking on, warnings allowed, errors fatal; JSON-LD 1.0) read
// every input in one JVM, which takes seconds rather than a JVM start per
// file. It skips t as Jena does (KATALOG_REFEREE=1, ../shared, java).
func JenaBatch(t testing.TB, inputs []RefereeInput) map[string]RefereeResult {
	t.Helper()
	_, cp := RefereeSkip(t)
	dir := t.TempDir()
	src := filepath.Join(dir, "RefereeBatch.java")
	if err := os.WriteFile(src, []byte(jenaBatchSource), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("java", "-XX:-UsePerfData", "-cp", cp, src)
	return runBatch(t, "jena", cmd, inputs)
}

// RDFLibBatch has rdflib (Debian's /usr/bin/python3 and its rdflib) read
// every input in one process: N-Quads out, the default graph's triples
// (rdflib's context named by the base IRI) without a graph label. It skips
// t without KATALOG_REFEREE=1 or without rdflib.
func RDFLibBatch(t testing.TB, inputs []RefereeInput) map[string]RefereeResult {
	t.Helper()
	if testing.Short() || os.Getenv("KATALOG_REFEREE") != "1" {
		t.Skip("referee checks run with KATALOG_REFEREE=1")
	}
	const py = "/usr/bin/python3"
	if err := exec.Command(py, "-c", "import rdflib").Run(); err != nil {
		t.Skipf("no rdflib: %v", err)
	}
	return runBatch(t, "rdflib", exec.Command(py, "-c", rdflibBatchSource), inputs)
}

// RapperEach has Raptor's rapper read each input (one process each, as
// rapper starts fast); Raptor reads no JSON-LD, so JSON-LD inputs are
// left out of the result. It skips t without KATALOG_REFEREE=1 or without
// rapper.
func RapperEach(t testing.TB, inputs []RefereeInput) map[string]RefereeResult {
	t.Helper()
	if testing.Short() || os.Getenv("KATALOG_REFEREE") != "1" {
		t.Skip("referee checks run with KATALOG_REFEREE=1")
	}
	rapper, err := exec.LookPath("rapper")
	if err != nil {
		t.Skip("no rapper")
	}
	out := map[string]RefereeResult{}
	for _, in := range inputs {
		syntax := in.Syntax
		if syntax == "jsonld" {
			continue
		}
		var stderr bytes.Buffer
		cmd := exec.Command(rapper, "-q", "-i", syntax, "-o", "nquads", in.Path, in.Base)
		cmd.Stderr = &stderr
		nq, err := cmd.Output()
		if err != nil || bytes.Contains(stderr.Bytes(), []byte("Error")) {
			msg := strings.TrimSpace(stderr.String())
			if msg == "" {
				msg = fmt.Sprint(err)
			}
			out[in.Path] = RefereeResult{Err: firstLine(msg)}
			continue
		}
		qs, err := readNQuads(nq)
		if err != nil {
			out[in.Path] = RefereeResult{Unreadable: err.Error()}
			continue
		}
		out[in.Path] = RefereeResult{Quads: qs}
	}
	return out
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}

// runBatch feeds inputs to a batch referee (lines "path\tsyntax\tbase" on
// stdin) and reads its framed answer: "#FILE path", the quads as N-Quads,
// then "#END ok" or "#ERROR message".
func runBatch(t testing.TB, name string, cmd *exec.Cmd, inputs []RefereeInput) map[string]RefereeResult {
	t.Helper()
	var stdin bytes.Buffer
	for _, in := range inputs {
		fmt.Fprintf(&stdin, "%s\t%s\t%s\n", in.Path, in.Syntax, in.Base)
	}
	cmd.Stdin = &stdin
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s batch: %v\n%s", name, err, stderr.String())
	}
	out := map[string]RefereeResult{}
	sc := bufio.NewScanner(bytes.NewReader(stdout))
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	var file string
	var body bytes.Buffer
	for sc.Scan() {
		line := sc.Bytes()
		switch {
		case bytes.HasPrefix(line, []byte("#FILE ")):
			file = string(line[6:])
			body.Reset()
		case bytes.HasPrefix(line, []byte("#END ok")):
			qs, err := readNQuads(body.Bytes())
			if err != nil {
				t.Fatalf("%s batch: N-Quads of %s: %v", name, file, err)
			}
			out[file] = RefereeResult{Quads: qs}
		case bytes.HasPrefix(line, []byte("#ERROR ")):
			out[file] = RefereeResult{Err: string(line[7:])}
		default:
			body.Write(line)
			body.WriteByte('\n')
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("%s batch: %v", name, err)
	}
	for _, in := range inputs {
		if _, ok := out[in.Path]; !ok {
			t.Fatalf("%s batch: no answer for %s\n%s", name, in.Path, stderr.String())
		}
	}
	return out
}

// jenaBatchSource is a Java program (run by java's source launcher) that
// reads each input as referee.sh does and frames its N-Quads.
const jenaBatchSource = `import java.io.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import org.apache.jena.riot.*;
import org.apache.jena.riot.system.*;
import org.apache.jena.sys.JenaSystem;

public class RefereeBatch {
    /** As the referee's handler: warnings pass, errors stop the parse. */
    static class Handler implements ErrorHandler {
        public void warning(String msg, long line, long col) {}
        public void error(String msg, long line, long col) { throw new RiotException("[line " + line + ", col " + col + "] " + msg); }
        public void fatal(String msg, long line, long col) { throw new RiotException("[line " + line + ", col " + col + "] " + msg); }
    }

    public static void main(String[] args) throws Exception {
        JenaSystem.init();
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] f = line.split("\t", -1);
            if (f.length != 3) continue;
            Lang lang = f[1].equals("jsonld") ? Lang.JSONLD10 : RDFLanguages.nameToLang(f[1]);
            out.println("#FILE " + f[0]);
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            try {
                StreamRDF sink = StreamRDFWriter.getWriterStream(buf, RDFFormat.NQUADS_UTF8);
                sink.start();
                RDFParser.create().source(Paths.get(f[0])).forceLang(lang).base(f[2]).checking(true)
                    .errorHandler(new Handler()).parse(new StreamRDFWrapper(sink) {
                        @Override public void base(String b) {}
                        @Override public void prefix(String p, String i) {}
                    });
                sink.finish();
                out.write(buf.toByteArray());
                out.println("#END ok");
            } catch (Exception e) {
                out.println("#ERROR " + String.valueOf(e.getMessage()).replace('\n', ' '));
            }
            out.flush();
        }
    }
}
`

// rdflibBatchSource is a Python program that reads each input with rdflib
// (into a ConjunctiveGraph, whose context named by the base IRI is the
// default graph) and frames its N-Quads.
const rdflibBatchSource = `
import sys, rdflib
rdflib.NORMALIZE_LITERALS = False  # keep lexical forms as written (RDF 1.1)
formats = {"rdfxml": "xml", "turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld", "trig": "trig", "nquads": "nquads"}
out = sys.stdout
for line in sys.stdin:
    path, syntax, base = line.rstrip("\n").split("\t")
    out.write("#FILE " + path + "\n")
    try:
        g = rdflib.ConjunctiveGraph()
        g.parse(path, format=formats[syntax], publicID=base)
        rows = []
        for c in g.contexts():
            label = "" if c.identifier in (rdflib.URIRef(base), g.default_context.identifier) else " " + c.identifier.n3()
            for row in c.serialize(format="nt").splitlines():
                row = row.strip()
                if row.endswith(" ."):
                    rows.append(row[:-2] + label + " .")
        out.write("\n".join(rows) + ("\n" if rows else ""))
        out.write("#END ok\n")
    except Exception as e:
        out.write("#ERROR " + (type(e).__name__ + ": " + str(e)).replace("\n", " ") + "\n")
    out.flush()
`
