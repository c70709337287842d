package rdftest

import (
	"bytes"
	"fmt"
)

// ProcessorAliasBomb is DCAT-AP-SE-Processor input (OpenAPI YAML) of about
// size bytes in which one anchored ';'-list of keywords (100,000 of them,
// about 650 KB) is named by an alias in every further dataset: read
// naively, a 700 KB document makes tens of millions of triples (the
// hardening review found 1.64 GB of peak memory for one request).
func ProcessorAliasBomb(size int) []byte {
	var b bytes.Buffer
	b.WriteString("openapi: 3.0.3\ninfo:\n  title: t\n  version: 1\n  x-dcat:\n")
	b.WriteString("    dcat-catalog:\n      about: https://x.se/c\n      title-sv: k\n      description-sv: k\n" +
		"      publisher:\n        about: https://x.se/o\n        name: o\n        type: NationalAuthority\n      license: CC0 1.0\n")
	b.WriteString("    dcat-dataset:\n")
	b.WriteString("      - about: https://x.se/d/0\n        title-sv: t\n        description-sv: d\n        keyword-sv: &kw \"")
	for i := range 100_000 {
		fmt.Fprintf(&b, "k%d;", i)
	}
	b.WriteString("\"\n")
	for i := 1; b.Len() < size; i++ {
		fmt.Fprintf(&b, "      - about: https://x.se/d/%d\n        title-sv: t\n        keyword-sv: *kw\n", i)
	}
	return b.Bytes()
}
