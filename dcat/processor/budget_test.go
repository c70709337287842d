package processor

import (
	"bytes"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/katalog-se/katalog/internal/rdftest"
)

// TestAliasBombRefused: an alias that expands past the input's own size
// is refused with a clear error, and reading it allocates a bounded amount
// (not the gigabytes the expansion would take).
func TestAliasBombRefused(t *testing.T) {
	data := rdftest.ProcessorAliasBomb(700_000)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, err := NewReader(bytes.NewReader(data), "api.yaml")
	runtime.ReadMemStats(&after)
	if err == nil {
		t.Fatal("the alias bomb was read")
	}
	if !strings.Contains(err.Error(), "alias") {
		t.Errorf("error %q does not say that alias expansion is the problem", err)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 200<<20 {
		t.Errorf("reading the bomb allocated %d MB, want under 200 MB", alloc>>20)
	}
}

// TestTripleBudget: a reader stops with a located, bilingual error once
// the conversion makes more triples than its budget.
func TestTripleBudget(t *testing.T) {
	var b bytes.Buffer
	b.WriteString(`{"dcat-catalog":{"about":"https://x.se/c","title-sv":"k","description-sv":"k","publisher":{"about":"https://x.se/o","name":"o","type":"NationalAuthority"},"license":"CC0 1.0"},"dcat-dataset":{"about":"https://x.se/d","title-sv":"t","description-sv":"d","keyword-sv":"`)
	for i := range 5000 {
		fmt.Fprintf(&b, "k%d;", i)
	}
	b.WriteString(`"}}`)
	if _, err := NewReader(bytes.NewReader(b.Bytes()), "in.json"); err != nil {
		t.Fatalf("within the default budget: %v", err)
	}
	_, err := NewReader(bytes.NewReader(b.Bytes()), "in.json", WithMaxTriples(1000))
	var es Errors
	if !errors.As(err, &es) {
		t.Fatalf("err = %v, want Errors", err)
	}
	if len(es) != 1 || es[0].Pointer != "/dcat-dataset/keyword-sv" || !strings.Contains(es[0].Message.EN, "1000 triples") || es[0].Message.SV == "" {
		t.Errorf("errors = %+v", es)
	}
}
