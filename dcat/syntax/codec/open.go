package codec

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/katalog-se/katalog/dcat/processor"
	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
)

// FormatAuto asks Open to tell the syntax from the name, media type or
// first bytes of the input.
const FormatAuto = "auto"

// FormatProcessor names the input of Digg's DCAT-AP-SE-Processor (its
// JSON, or OpenAPI and RAML files with embedded DCAT blocks): not an RDF
// syntax, but read as the triples the Processor would make.
const FormatProcessor = "processor-json"

// ErrUnknownFormat is wrapped by Open's error when the syntax is not given
// and cannot be told, or is not one katalog reads.
var ErrUnknownFormat = errors.New("unknown input format")

// Input describes one document for Open.
type Input struct {
	// Name is a file name or URL: its suffix helps tell the syntax, and an
	// absolute http(s) URL is the base of relative IRIs unless Base is set.
	Name string
	// MediaType is the Content-Type the document came with, if any.
	MediaType string
	// Format is FormatAuto (or "") or one of Formats().
	Format string
	// Base resolves relative IRIs.
	Base   string
	Limits Limits
	// ProcessorCatalog is, for Processor input in its multi-file mode, the
	// separate catalog.json (an API file then holds only datasets and
	// services); CatalogName is that file's name.
	ProcessorCatalog []byte
	CatalogName      string
}

// Formats lists the values Input.Format takes besides FormatAuto: every
// RDF syntax (rdfio.AllFormats), then FormatProcessor.
func Formats() []string {
	all := rdfio.AllFormats()
	out := make([]string, 0, len(all)+1)
	for _, f := range all {
		out = append(out, string(f))
	}
	return append(out, FormatProcessor)
}

// Open returns a reader of the document r in the syntax in.Format, or, for
// FormatAuto, in the syntax its media type, name or first bytes show, and
// the name of that syntax. The error wraps ErrUnknownFormat when the syntax
// cannot be told or is not read. Processor input is converted whole before
// the first triple; its errors are processor.Errors (with JSON pointers).
// Of a syntax with named graphs (TriG, N-Quads, JSON-LD) the reader reads
// the default graph (see NewReader).
func Open(r io.Reader, in Input) (rdfio.Reader, string, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	format := strings.ToLower(strings.TrimSpace(in.Format))
	head, _ := br.Peek(4096)
	if (format == "" || format == FormatAuto) && processor.Sniff(in.Name, head) {
		format = FormatProcessor
	}
	if format == FormatProcessor {
		opts := []processor.Option{}
		if in.ProcessorCatalog != nil {
			opts = append(opts, processor.WithCatalog(in.ProcessorCatalog, in.CatalogName))
		}
		if in.Limits.MaxBytes > 0 {
			opts = append(opts, processor.WithMaxBytes(in.Limits.MaxBytes))
		}
		if in.Limits.MaxTriples > 0 {
			opts = append(opts, processor.WithMaxTriples(in.Limits.MaxTriples))
		}
		rd, err := processor.NewReader(br, in.Name, opts...)
		if err != nil {
			return nil, "", err
		}
		return rd, FormatProcessor, nil
	}
	var f rdfio.Format
	if format == "" || format == FormatAuto {
		var ok bool
		if f, ok = Detect(in.Name, in.MediaType, head); !ok {
			return nil, "", fmt.Errorf("%w: cannot tell the syntax of %s; name it (%s)", ErrUnknownFormat, nameOr(in.Name), strings.Join(Formats(), ", "))
		}
	} else {
		var err error
		if f, err = rdfio.ParseFormat(format); err != nil {
			return nil, "", fmt.Errorf("%w: %q: want %s or one of %s", ErrUnknownFormat, in.Format, FormatAuto, strings.Join(Formats(), ", "))
		}
	}
	base := in.Base
	if base == "" && (strings.HasPrefix(in.Name, "http://") || strings.HasPrefix(in.Name, "https://")) {
		base = in.Name
	}
	rd, err := NewReader(f, br, base, in.Limits)
	if err != nil {
		return nil, "", fmt.Errorf("%w: %v", ErrUnknownFormat, err)
	}
	return rd, string(f), nil
}

func nameOr(name string) string {
	if name == "" {
		return "the input"
	}
	return name
}

// OpenQuads is Open for the quads of the document: of TriG, N-Quads and
// JSON-LD, the default graph's (nil Ctx) and the named graphs'; of any
// other syntax, Processor input included, every triple as a quad of the
// default graph.
func OpenQuads(r io.Reader, in Input) (rdfio.QuadReader, string, error) {
	rd, f, err := Open(r, in)
	if err != nil {
		return nil, "", err
	}
	if qr, ok := rd.(rdfio.QuadReader); ok {
		return qr, f, nil
	}
	return rdfio.Quads(rd), f, nil
}
