package importer_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/knakk/rdf"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/dcat"
	"github.com/katalog-se/katalog/dcat/syntax/codec"
	"github.com/katalog-se/katalog/dcat/syntax/ntriples"
	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
	"github.com/katalog-se/katalog/dcat/syntax/rdfparse"
	"github.com/katalog-se/katalog/internal/importer"
	"github.com/katalog-se/katalog/internal/publish"
	"github.com/katalog-se/katalog/internal/rdftest"
	"github.com/katalog-se/katalog/internal/store/storetest"
)

// corpusFiles lists the real-world corpus (../shared/data/realworld-rdf).
func corpusFiles(t *testing.T) (string, []string) {
	dir := filepath.Join(rdftest.SharedDir(t), "data", "realworld-rdf")
	var files []string
	filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && !strings.HasSuffix(path, ".md") {
			files = append(files, path)
		}
		return nil
	})
	if len(files) == 0 {
		t.Skip("no corpus")
	}
	sort.Strings(files)
	return dir, files
}

// readGraph reads a file with katalog's readers.
func readGraph(path string) ([]rdf.Triple, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r, _, err := codec.Open(f, codec.Input{Name: path, Base: fileURL(path)})
	if err != nil {
		return nil, err
	}
	return rdftest.ReadAll(r)
}

// fileURL is the file: URL of path, the base the referees read a file
// with.
func fileURL(path string) string { return (&url.URL{Scheme: "file", Path: path}).String() }

var orgIRI = regexp.MustCompile(`^http://dataportal\.se/organisation/SE([0-9]{10})$`)

// TestCorpusImportsLosslessly: every file of the real-world corpus that
// has a dcat:Dataset and that katalog's readers read imports (whatever its
// DCAT-AP-SE findings), and the agency's feed then gives every triple of
// its IRI-named datasets, their distributions and data services exactly as
// published (by graph comparison: each dataset with the nodes it reaches
// through blank nodes, its distributions, data services and contact
// points), except only what the report says katalog changed: IRIs minted
// for blank resources and IRIs percent-encoded. What katalog adds (its
// catalog, the dcat:dataset and dcat:service links, the agency as
// publisher agent) is outside those descriptions.
func TestCorpusImportsLosslessly(t *testing.T) {
	dir, files := corpusFiles(t)
	imported := 0
	for _, path := range files {
		rel, _ := filepath.Rel(dir, path)
		src, err := readGraph(path)
		if err != nil {
			// Unreadable upstream (7 files) or for katalog's readers: the
			// readers' own corpus test covers them.
			t.Logf("%s: not read: %v", rel, err)
			continue
		}
		if !hasType(src, dcat.DCATDataset) {
			continue
		}
		t.Run(rel, func(t *testing.T) {
			e := newEnv(t)
			org := e.agency.OrgNumber
			for _, tr := range src {
				if m := orgIRI.FindStringSubmatch(tr.Obj.String()); m != nil && tr.Pred.String() == dcat.DCTermsPublisher {
					if o, err := catalog.ParseOrgNumber(m[1]); err == nil && o != org {
						org = o
						must(t, e.store.CreateAgency(context.Background(), storetest.NewAgency(o), nil))
						break
					}
				}
			}
			body, err := os.ReadFile(path)
			must(t, err)
			rep, err := e.im.Import(context.Background(), org, importer.Source{Body: bytes.NewReader(body), Name: path, Base: fileURL(path)})
			if err != nil {
				t.Fatalf("import refused: %v", err)
			}
			if rep.Datasets == 0 || rep.Validation == nil {
				t.Fatalf("report %+v", rep)
			}
			exported := exportFeed(t, e, org)
			checkLossless(t, src, exported, rep)
			// The feed is served in every syntax: each writes it whole.
			for _, f := range []rdfio.Format{rdfio.RDFXML, rdfio.Turtle, rdfio.JSONLD} {
				n, err := publish.NewBuilder(e.store, e.mapper, publish.BuilderOptions{}).Write(context.Background(), publish.Doc{Org: org}, f, io.Discard)
				if err != nil || n != len(exported) {
					t.Errorf("the feed in %s: %d triples (N-Triples %d): %v", f, n, len(exported), err)
				}
			}
		})
		imported++
	}
	if imported < 60 {
		t.Errorf("only %d corpus files with a dataset were imported", imported)
	}
}

func hasType(ts []rdf.Triple, class string) bool {
	for _, tr := range ts {
		if tr.Pred.String() == dcat.RDFType && tr.Obj.String() == class {
			return true
		}
	}
	return false
}

// exportFeed writes the agency's feed as katalog publishes it (the Builder
// behind the feeds and `katalog export`), as N-Triples, and reads it back.
func exportFeed(t *testing.T, e *env, org catalog.OrgNumber) []rdf.Triple {
	t.Helper()
	var buf bytes.Buffer
	b := publish.NewBuilder(e.store, e.mapper, publish.BuilderOptions{})
	if _, err := b.Write(context.Background(), publish.Doc{Org: org}, rdfio.NTriples, &buf); err != nil {
		t.Fatalf("export: %v", err)
	}
	r := ntriples.NewReader(&buf)
	var out []rdf.Triple
	for {
		tr, err := r.Read()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatalf("reading the export: %v", err)
		}
		out = append(out, tr)
	}
}

// checkLossless compares, for every IRI-named dataset of src, its
// description in src and in the export (minted IRIs read back as blank
// nodes, percent-encoded IRIs as they were published).
func checkLossless(t *testing.T, src, exported []rdf.Triple, rep *importer.Report) {
	t.Helper()
	if rep.MintedCount > len(rep.Minted) || rep.ChangedCount > len(rep.Changed) {
		t.Fatalf("report lists cut: %d of %d minted, %d of %d changed", len(rep.Minted), rep.MintedCount, len(rep.Changed), rep.ChangedCount)
	}
	back := map[string]rdf.Term{}
	for i, m := range rep.Minted {
		b, _ := rdf.NewBlank("minted" + string(rune('a'+i%26)) + m.Kind + itoa(i))
		back[m.IRI] = b
	}
	for _, c := range rep.Changed {
		back[c.To] = rdfparse.CheckedIRI(c.From)
	}
	undo := func(x rdf.Term) rdf.Term {
		if x.Type() == rdf.TermIRI {
			if b, ok := back[x.String()]; ok {
				return b
			}
		}
		return x
	}
	var exp []rdf.Triple
	for _, tr := range exported {
		tr.Subj = undo(tr.Subj).(rdf.Subject)
		tr.Obj = undo(tr.Obj).(rdf.Object)
		exp = append(exp, tr)
	}
	unpublished := map[string]bool{}
	for _, u := range rep.Unpublishable {
		tr, err := ntriples.NewReader(strings.NewReader(u.Triple + "\n")).Read()
		if err != nil {
			t.Fatalf("unpublishable triple %q: %v", u.Triple, err)
		}
		unpublished[tripleKey(tr)] = true
	}
	datasets := 0
	for _, tr := range src {
		if tr.Pred.String() != dcat.RDFType || tr.Obj.String() != dcat.DCATDataset || tr.Subj.Type() != rdf.TermIRI {
			continue
		}
		datasets++
		want := closure(src, tr.Subj)
		if len(unpublished) > 0 {
			kept := want[:0]
			for _, w := range want {
				if !unpublished[tripleKey(w)] {
					kept = append(kept, w)
				}
			}
			want = kept
		}
		got := closure(exp, tr.Subj)
		if ok, why := rdftest.Isomorphic(want, got); !ok {
			t.Errorf("dataset %s: the export differs from the document (%d triples published, %d exported):\n%s", tr.Subj, len(want), len(got), why)
		}
	}
	t.Logf("%d IRI-named datasets compared; %d minted, %d changed, %d unpublishable, %d triples kept as the rest; %d errors, %d warnings",
		datasets, rep.MintedCount, rep.ChangedCount, rep.UnpublishableCount, rep.Rest, rep.Validation.Errors, rep.Validation.Warnings)
}

func itoa(i int) string {
	const digits = "0123456789"
	if i < 10 {
		return digits[i : i+1]
	}
	return itoa(i/10) + digits[i%10:i%10+1]
}

// tripleKey identifies a triple by its terms as N-Triples writes them.
func tripleKey(tr rdf.Triple) string {
	return tr.Subj.Serialize(rdf.NTriples) + " " + tr.Pred.Serialize(rdf.NTriples) + " " + tr.Obj.Serialize(rdf.NTriples)
}

// ntLine is a triple as an N-Triples line (without its newline).
func ntLine(tr rdf.Triple) string {
	var b strings.Builder
	w := ntriples.NewWriter(&b)
	if err := w.Write(tr); err != nil {
		return ""
	}
	w.Close()
	return strings.TrimSuffix(b.String(), "\n")
}

// closure is a dataset's description as the test reads it: the dataset,
// and every node reached from it through a blank node or along
// dcat:distribution, dcat:accessService and dcat:contactPoint, plus the
// data services that dcat:servesDataset it (and what they reach so).
func closure(ts []rdf.Triple, root rdf.Subject) []rdf.Triple {
	bySubj := map[string][]rdf.Triple{}
	serving := map[string][]rdf.Subject{}
	for _, tr := range ts {
		k := key(tr.Subj)
		bySubj[k] = append(bySubj[k], tr)
		if tr.Pred.String() == dcat.DCATServesDataset {
			serving[key(tr.Obj)] = append(serving[key(tr.Obj)], tr.Subj)
		}
	}
	follow := map[string]bool{dcat.DCATDistributionProp: true, dcat.DCATAccessService: true, dcat.DCATContactPoint: true}
	seen := map[string]bool{key(root): true}
	queue := []rdf.Subject{root}
	var out []rdf.Triple
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		next := append([]rdf.Subject(nil), serving[key(n)]...)
		for _, tr := range bySubj[key(n)] {
			out = append(out, tr)
			if o, ok := tr.Obj.(rdf.Subject); ok && (tr.Obj.Type() == rdf.TermBlank || follow[tr.Pred.String()]) {
				next = append(next, o)
			}
		}
		for _, x := range next {
			if !seen[key(x)] {
				seen[key(x)] = true
				queue = append(queue, x)
			}
		}
	}
	return out
}

func key(t rdf.Term) string {
	if t.Type() == rdf.TermBlank {
		return "_:" + t.String()
	}
	return "<" + t.String()
}
