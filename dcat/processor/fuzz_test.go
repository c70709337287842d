package processor

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/knakk/rdf"

	"github.com/katalog-se/katalog/dcat/syntax/iri"
)

// FuzzNewReader feeds arbitrary documents in the shapes of the Processor's
// inputs (JSON, OpenAPI YAML, RAML). NewReader must never panic; what it
// accepts must be valid RDF terms, and every error it reports must carry a
// message in both languages.
func FuzzNewReader(f *testing.F) {
	for _, name := range []string{"small.json", "small_oas.yaml", "small.raml"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data, filepath.Ext(name))
	}
	f.Add([]byte(strings.Replace(base, `, "DATASET": "x"`, "", 1)), ".json")
	f.Add([]byte(`{"openapi":"3.0.3","info":{"x-dcat":{"dcat-dataset":{"about":"www.x.se","title-sv":"a; b","other agent 1":{"role":"owner","about":"x.se"}}}}}`), ".json")
	f.Add([]byte("#%RAML 1.0\n(dcat-dataset 1):\n  about: www.x.se\n  distribution 2:\n    checksum:\n      value-sv: 2A\n"), ".raml")
	f.Add([]byte("openapi: 3\ninfo:\n  x-dcat:\n    dcat-catalog: &a\n      about: x\n      rights: *a\n"), ".yaml")
	f.Fuzz(func(t *testing.T, data []byte, ext string) {
		r, err := NewReader(bytes.NewReader(data), "in"+ext, WithMaxBytes(1<<16))
		if err != nil {
			var es Errors
			if errors.As(err, &es) {
				for _, e := range es {
					if e.Message.EN == "" || e.Message.SV == "" {
						t.Fatalf("error without a message: %+v", e)
					}
				}
			}
			return
		}
		for {
			tr, err := r.Read()
			if err == io.EOF {
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for _, term := range []rdf.Term{tr.Subj, tr.Obj} {
				if i, ok := term.(rdf.IRI); ok {
					if err := iri.Check(i.String()); err != nil {
						t.Fatalf("invalid IRI %q: %v", i.String(), err)
					}
				}
			}
		}
	})
}
