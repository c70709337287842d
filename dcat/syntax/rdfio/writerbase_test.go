package rdfio

import (
	"errors"
	"io"
	"testing"
)

func TestWriterBase(t *testing.T) {
	errClosed := errors.New("closed")
	b := NewWriterBase(io.Discard, Turtle, false, nil, errClosed)
	if len(b.Prefixes) != len(DefaultPrefixes()) || b.OptionsErr() != nil || b.Usable() != nil {
		t.Fatalf("defaults: %d prefixes, %v, %v", len(b.Prefixes), b.OptionsErr(), b.Usable())
	}
	if err := b.Closing(); err != nil {
		t.Fatal(err)
	}
	if b.Usable() != errClosed || b.Closing() != errClosed {
		t.Fatal("a closed writer must refuse Write and Close")
	}
	bad := NewWriterBase(io.Discard, RDFXML, true, []Prefix{{Name: "1x", IRI: "not an IRI"}}, errClosed)
	if bad.OptionsErr() == nil || bad.Usable() != bad.OptionsErr() || bad.Closing() != bad.OptionsErr() {
		t.Fatalf("an invalid prefix table must fail every call: %v", bad.OptionsErr())
	}
}
