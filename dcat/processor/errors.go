package processor

import (
	"fmt"
	"strings"

	"github.com/katalog-se/katalog/internal/finding"
)

// Message is a plain-language message in Swedish and English.
type Message = finding.Text

// Error is one problem in a Processor input: where (a JSON pointer into the
// document as written, e.g. "/info/x-dcat/dcat-dataset/title-sv" in an
// OpenAPI file or "/(dcat-dataset)/theme" in RAML) and what, in Swedish and
// English.
type Error struct {
	Pointer string  `json:"pointer"`
	Message Message `json:"message"`
	// File names the file Pointer points into when the input is two files
	// (the multi-file mode's separate catalog.json); empty for the main
	// input.
	File string `json:"file,omitempty"`
}

func (e *Error) Error() string {
	where := e.Pointer
	if e.File != "" {
		where = e.File + " " + where
	}
	if where == "" {
		return e.Message.EN
	}
	return where + ": " + e.Message.EN
}

// Errors is every problem found in one input, in document order. NewReader
// returns it (as error) when the input does not convert.
type Errors []*Error

func (es Errors) Error() string {
	if len(es) == 0 {
		return "no errors"
	}
	var b strings.Builder
	b.WriteString(es[0].Error())
	if len(es) > 1 {
		fmt.Fprintf(&b, " (and %d more)", len(es)-1)
	}
	return b.String()
}

// Unwrap gives errors.As access to each *Error.
func (es Errors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

// pointer is a JSON pointer under construction (RFC 6901). A pointer into
// the separate catalog file starts with inCatalog, which fail turns into
// Error.File.
type pointer string

// inCatalog marks pointers into the multi-file mode's catalog file; it can
// never start a JSON pointer, which starts with '/' or is empty.
const inCatalog = "\x00catalog"

// key appends an object key, escaped.
func (p pointer) key(k string) pointer {
	k = strings.ReplaceAll(k, "~", "~0")
	k = strings.ReplaceAll(k, "/", "~1")
	return p + "/" + pointer(k)
}

// index appends an array index.
func (p pointer) index(i int) pointer { return p + pointer(fmt.Sprintf("/%d", i)) }
