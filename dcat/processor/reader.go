package processor

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/knakk/rdf"

	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
)

// DefaultMaxBytes is the default input size limit (the Processor's inputs
// are a few kilobytes).
const DefaultMaxBytes = 4 << 20

type config struct {
	maxBytes    int64
	maxTriples  int
	catalog     []byte
	catalogName string
}

// Option configures NewReader.
type Option func(*config)

// WithMaxBytes limits the size of each input file (default DefaultMaxBytes).
func WithMaxBytes(n int64) Option { return func(c *config) { c.maxBytes = n } }

// WithMaxTriples limits the triples one conversion makes (n <= 0: only the
// default budget, see tripleBudget).
func WithMaxTriples(n int64) Option { return func(c *config) { c.maxTriples = int(min(n, 1<<40)) } }

// tripleBudget is the most triples an input of size bytes may make. Every
// value the Processor's input gives costs at least two bytes ("a;"), and
// each object adds a few triples of its own (types, links), so input read
// without alias expansion stays well within it; what an alias multiplies
// does not.
func tripleBudget(size int) int { return size/2 + 10_000 }

// WithCatalog supplies the catalog from a separate file, as in the
// Processor's multi-file mode where catalog.json holds only "dcat-catalog"
// and each API file holds its datasets and data services. name is the
// file's name (its extension chooses JSON or YAML).
func WithCatalog(data []byte, name string) Option {
	return func(c *config) { c.catalog, c.catalogName = data, name }
}

// reader yields prepared triples.
type reader struct {
	ts []rdf.Triple
	i  int
}

func (r *reader) Read() (rdf.Triple, error) {
	if r.i >= len(r.ts) {
		return rdf.Triple{}, io.EOF
	}
	r.i++
	return r.ts[r.i-1], nil
}

// NewReader reads one Processor input from r: the Processor's JSON, an
// OpenAPI 3 document (JSON or YAML) with the blocks under info.x-dcat, or a
// RAML 1.0 file with (dcat-…) annotations. name (a file name; may be "")
// helps tell them apart. The whole input is converted before NewReader
// returns; when it does not convert, the error is an Errors listing every
// problem with its JSON pointer.
func NewReader(r io.Reader, name string, opts ...Option) (rdfio.Reader, error) {
	cfg := config{maxBytes: DefaultMaxBytes}
	for _, o := range opts {
		o(&cfg)
	}
	data, err := readLimited(r, cfg.maxBytes)
	if err != nil {
		return nil, fmt.Errorf("processor: reading %s: %w", displayName(name), err)
	}
	root, base, err := load(data, name)
	if err != nil {
		return nil, fmt.Errorf("processor: %s: %w", displayName(name), err)
	}
	c := newConverter()
	c.maxTriples = tripleBudget(len(data) + len(cfg.catalog))
	if cfg.maxTriples > 0 && cfg.maxTriples < c.maxTriples {
		c.maxTriples = cfg.maxTriples
	}
	blocks := c.blocks(root, base)
	if cfg.catalog != nil {
		if int64(len(cfg.catalog)) > cfg.maxBytes {
			return nil, fmt.Errorf("processor: catalog %s: larger than %d bytes", displayName(cfg.catalogName), cfg.maxBytes)
		}
		croot, cbase, err := load(cfg.catalog, cfg.catalogName)
		if err != nil {
			return nil, fmt.Errorf("processor: catalog %s: %w", displayName(cfg.catalogName), err)
		}
		c.catalogName = displayName(cfg.catalogName)
		cb := c.blocks(croot, inCatalog+cbase)
		if len(cb.catalogs) == 0 {
			c.fail(inCatalog+cbase, "filen har ingen dcat-catalog", "the file holds no dcat-catalog")
		}
		if len(blocks.catalogs) > 0 {
			c.fail(blocks.catalogs[0].p, "katalogen ges redan i en separat fil", "the catalog is already given in a separate file")
		}
		blocks.catalogs = cb.catalogs
	}
	c.convertWithin(blocks)
	if len(c.errs) > 0 {
		return nil, c.errs
	}
	return &reader{ts: c.out}, nil
}

func displayName(name string) string {
	if name == "" {
		return "input"
	}
	return name
}

func readLimited(r io.Reader, max int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("larger than %d bytes", max)
	}
	return data, nil
}

// load parses the input and returns the object holding the dcat blocks and
// its pointer. Like the Processor, a document whose first line mentions
// "openapi" or "RAML" is YAML; otherwise a document starting with '{' is
// JSON. An OpenAPI document (one with "info") holds the blocks in
// info.x-dcat.
func load(data []byte, name string) (*node, pointer, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	trimmed := bytes.TrimSpace(data)
	var (
		root *node
		err  error
	)
	ext := strings.ToLower(filepath.Ext(name))
	if len(trimmed) > 0 && trimmed[0] == '{' && ext != ".raml" {
		root, err = parseJSON(data)
	} else {
		root, err = parseYAML(data)
	}
	if err != nil {
		return nil, "", err
	}
	if root.kind != kObject {
		return nil, "", fmt.Errorf("the document must be an object, not %s", root.kind)
	}
	if info := root.get("info"); info != nil {
		if info.kind != kObject || info.get("x-dcat") == nil {
			return nil, "", Errors{{Pointer: "/info", Message: Message{
				SV: "OpenAPI-dokumentet saknar info.x-dcat", EN: "the OpenAPI document has no info.x-dcat"}}}
		}
		return info.get("x-dcat"), "/info/x-dcat", nil
	}
	return root, "", nil
}

// block is one top-level dcat block.
type block struct {
	n *node
	p pointer
}

type blocks struct {
	catalogs, datasets, series, services []block
}

// blocks finds the top-level blocks: "dcat-catalog", "dcat-dataset",
// "dcat-datasetseries" and "dcat-dataservice", as JSON keys, RAML
// annotations "(dcat-dataset)", numbered repeats "(dcat-dataset 2)", or
// arrays of objects. Other keys are an error in the Processor's JSON, and
// ignored in RAML (title, annotationTypes, resources …).
func (c *converter) blocks(root *node, base pointer) blocks {
	var b blocks
	if root.kind != kObject {
		c.fail(base, "x-dcat ska vara ett objekt", "x-dcat must be an object")
		return b
	}
	raml := false
	for _, k := range root.keys {
		if strings.HasPrefix(k, "(") {
			raml = true
		}
	}
	for i, k := range root.keys {
		p := base.key(k)
		name := k
		if raml {
			if !strings.HasPrefix(k, "(") || !strings.HasSuffix(k, ")") {
				continue
			}
			name = k[1 : len(k)-1]
		}
		if j := strings.LastIndexByte(name, ' '); j > 0 {
			name = name[:j]
		}
		var dst *[]block
		switch name {
		case "dcat-catalog":
			dst = &b.catalogs
		case "dcat-dataset":
			dst = &b.datasets
		case "dcat-datasetseries":
			dst = &b.series
		case "dcat-dataservice":
			dst = &b.services
		default:
			if !raml {
				c.fail(p, "okänd nyckel %q: väntade dcat-catalog, dcat-dataset, dcat-datasetseries eller dcat-dataservice",
					"unknown key %q: want dcat-catalog, dcat-dataset, dcat-datasetseries or dcat-dataservice", k)
			}
			continue
		}
		ns, ps := objects(root.vals[i], p)
		for j := range ns {
			*dst = append(*dst, block{ns[j], ps[j]})
		}
	}
	return b
}

// convert converts the blocks: the catalog first (its publisher is every
// dataset's default), then datasets, series and services, each linked from
// the catalog.
func (c *converter) convert(b blocks) {
	switch len(b.catalogs) {
	case 0:
		c.fail("", "dcat-catalog saknas men är obligatorisk", "dcat-catalog is missing but mandatory")
		return
	case 1:
	default:
		c.fail(b.catalogs[1].p, "endast en dcat-catalog är tillåten", "only one dcat-catalog is allowed")
		return
	}
	cat := c.object(b.catalogs[0].n, b.catalogs[0].p, c.sch.catalog)
	if len(b.datasets) == 0 {
		c.fail("", "dcat-dataset saknas men är obligatorisk", "dcat-dataset is missing but mandatory")
	}
	link := func(bs []block, cls *class, pred string) {
		for _, bl := range bs {
			if s := c.object(bl.n, bl.p, cls); s != nil && cat != nil {
				c.emit(cat, pred, s.(rdf.Object))
			}
		}
	}
	link(b.datasets, c.sch.dataset, nsDCAT+"dataset")
	link(b.series, c.sch.series, nsDCAT+"dataset")
	link(b.services, c.sch.service, nsDCAT+"service")
}

// overBudget stops a conversion that has made its maximum of triples.
type overBudget struct{}

// convertWithin converts the blocks, stopping at the triple budget with an
// error at the value that passed it.
func (c *converter) convertWithin(b blocks) {
	defer func() {
		if v := recover(); v != nil {
			if _, ok := v.(overBudget); !ok {
				panic(v)
			}
		}
	}()
	c.convert(b)
}

// Sniff reports whether a file looks like Processor input, from its name
// and its first bytes: a RAML file with (dcat-…) annotations, an OpenAPI
// document with x-dcat, or JSON with top-level dcat-… keys.
func Sniff(name string, head []byte) bool {
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	t := bytes.TrimSpace(head)
	switch {
	case bytes.HasPrefix(t, []byte("#%RAML")):
		return bytes.Contains(head, []byte("(dcat-")) || bytes.Contains(head, []byte("dcat-catalog:")) || bytes.Contains(head, []byte("dcat-dataset:"))
	case bytes.Contains(head, []byte("x-dcat")):
		return true
	case bytes.HasPrefix(t, []byte("{")):
		for _, k := range []string{`"dcat-catalog"`, `"dcat-dataset"`, `"dcat-dataservice"`, `"dcat-datasetseries"`} {
			if bytes.Contains(head, []byte(k)) {
				return true
			}
		}
	}
	return strings.EqualFold(filepath.Ext(name), ".raml") && bytes.Contains(head, []byte("(dcat-"))
}
