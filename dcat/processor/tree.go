package processor

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"gopkg.in/yaml.v3"
)

// kind is the type of a value in the input tree.
type kind int

const (
	kNull kind = iota
	kString
	kNumber
	kBool
	kObject
	kArray
)

func (k kind) String() string {
	switch k {
	case kString:
		return "string"
	case kNumber:
		return "number"
	case kBool:
		return "boolean"
	case kObject:
		return "object"
	case kArray:
		return "array"
	}
	return "null"
}

// node is one value of the input, JSON or YAML alike. Objects keep their
// keys in document order so that output and errors are deterministic.
type node struct {
	kind  kind
	str   string // scalar text (strings, numbers, booleans)
	keys  []string
	vals  []*node // object values, parallel to keys
	items []*node // array items
}

// get returns the value of key in an object, or nil.
func (n *node) get(key string) *node {
	for i, k := range n.keys {
		if k == key {
			return n.vals[i]
		}
	}
	return nil
}

// maxDepth bounds nesting; real Processor input is at most six levels deep.
const maxDepth = 64

// parseJSON reads one JSON document into a tree.
func parseJSON(data []byte) (*node, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	n, err := jsonValue(dec, 0)
	if err != nil {
		return nil, jsonErr(data, dec, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, jsonErr(data, dec, errors.New("data after the top-level value"))
	}
	return n, nil
}

func jsonErr(data []byte, dec *json.Decoder, err error) error {
	off := dec.InputOffset()
	var se *json.SyntaxError
	if errors.As(err, &se) {
		off = se.Offset
	}
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	line := 1 + bytes.Count(data[:off], []byte{'\n'})
	return fmt.Errorf("JSON line %d: %w", line, err)
}

func jsonValue(dec *json.Decoder, depth int) (*node, error) {
	if depth > maxDepth {
		return nil, errors.New("nested too deeply")
	}
	tok, err := dec.Token()
	if err != nil {
		if err == io.EOF {
			return nil, io.ErrUnexpectedEOF
		}
		return nil, err
	}
	switch v := tok.(type) {
	case json.Delim:
		switch v {
		case '{':
			n := &node{kind: kObject}
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return nil, err
				}
				key, ok := kt.(string)
				if !ok {
					return nil, fmt.Errorf("object key is %v, not a string", kt)
				}
				val, err := jsonValue(dec, depth+1)
				if err != nil {
					return nil, err
				}
				n.keys = append(n.keys, key)
				n.vals = append(n.vals, val)
			}
			if _, err := dec.Token(); err != nil {
				return nil, err
			}
			return n, nil
		case '[':
			n := &node{kind: kArray}
			for dec.More() {
				val, err := jsonValue(dec, depth+1)
				if err != nil {
					return nil, err
				}
				n.items = append(n.items, val)
			}
			if _, err := dec.Token(); err != nil {
				return nil, err
			}
			return n, nil
		}
		return nil, fmt.Errorf("unexpected %v", v)
	case string:
		return &node{kind: kString, str: v}, nil
	case json.Number:
		return &node{kind: kNumber, str: v.String()}, nil
	case bool:
		return &node{kind: kBool, str: fmt.Sprint(v)}, nil
	case nil:
		return &node{kind: kNull}, nil
	}
	return nil, fmt.Errorf("unexpected token %v", tok)
}

// parseYAML reads one YAML document (OpenAPI YAML or RAML 1.0) into a tree.
// Like the Processor, every scalar but null is kept as its source text:
// "issued: 2021-03-01" and "copyrightYear: 1979" are strings, and a tagged
// scalar such as "!include x.raml" is the string "!include x.raml".
func parseYAML(data []byte) (*node, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("YAML: %w", err)
	}
	if doc.Kind == 0 {
		return &node{kind: kNull}, nil
	}
	budget := expansionBudget(len(data))
	return yamlValue(&doc, 0, &budget)
}

// expansionBudget is how many bytes of keys and values, counted with every
// alias expanded, a YAML document of size bytes may hold. Without aliases
// the count cannot pass the document's own size; a few aliases (a shared
// contact point) fit twice over; an alias bomb does not.
func expansionBudget(size int) int { return 2*size + 4096 }

func yamlValue(y *yaml.Node, depth int, budget *int) (*node, error) {
	if depth > maxDepth {
		return nil, errors.New("YAML: nested too deeply")
	}
	if *budget -= 1 + len(y.Value); *budget < 0 {
		return nil, fmt.Errorf("YAML line %d: the aliases expand the document past twice its size (alias expansion); write the values out", y.Line)
	}
	switch y.Kind {
	case yaml.DocumentNode:
		if len(y.Content) == 0 {
			return &node{kind: kNull}, nil
		}
		return yamlValue(y.Content[0], depth, budget)
	case yaml.AliasNode:
		if y.Alias == nil {
			return nil, fmt.Errorf("YAML line %d: unknown alias", y.Line)
		}
		return yamlValue(y.Alias, depth+1, budget)
	case yaml.MappingNode:
		n := &node{kind: kObject}
		for i := 0; i+1 < len(y.Content); i += 2 {
			k := y.Content[i]
			if k.Kind != yaml.ScalarNode {
				return nil, fmt.Errorf("YAML line %d: a key must be a scalar", k.Line)
			}
			*budget -= len(k.Value)
			val, err := yamlValue(y.Content[i+1], depth+1, budget)
			if err != nil {
				return nil, err
			}
			n.keys = append(n.keys, k.Value)
			n.vals = append(n.vals, val)
		}
		return n, nil
	case yaml.SequenceNode:
		n := &node{kind: kArray}
		for _, c := range y.Content {
			val, err := yamlValue(c, depth+1, budget)
			if err != nil {
				return nil, err
			}
			n.items = append(n.items, val)
		}
		return n, nil
	case yaml.ScalarNode:
		if y.Tag == "!!null" {
			return &node{kind: kNull}, nil
		}
		s := y.Value
		if strings.HasPrefix(y.Tag, "!") && !strings.HasPrefix(y.Tag, "!!") {
			s = y.Tag + " " + s
		}
		return &node{kind: kString, str: s}, nil
	}
	return nil, fmt.Errorf("YAML line %d: unsupported node", y.Line)
}
