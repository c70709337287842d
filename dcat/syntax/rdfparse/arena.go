package rdfparse

import (
	"unsafe"

	"github.com/knakk/rdf"
)

// Arena makes the strings and boxed terms of a reader many to an
// allocation, where a reader that made each on its own would spend a good
// part of its time in the allocator: strings are copied into chunks of
// arenaChunk bytes, and literals and IRIs boxed as rdf.Object values are
// stored in slabs and boxed by pointing the interface value at their
// slot. Nothing given out is ever written again.
//
// The price is memory kept: a string keeps its whole chunk, a boxed term
// its whole slab, for as long as anything holds it. A consumer that keeps
// every triple (a graph, a validator) keeps the same bytes either way; one
// that keeps a few terms of each triple keeps at most the strings and
// terms the reader made, which the input's size bounds. A reader's own
// caches of recurring terms keep one chunk or slab an entry: the RDF/XML
// reader's, a few MiB once full (5.7 MiB live in all, measured 3 million
// triples into a large feed).
//
// The zero Arena is ready to use. An Arena is not safe for concurrent use.
type Arena struct {
	buf  []byte        // the chunk strings are cut from
	lits []rdf.Literal // the slab literals are boxed in
	iris []rdf.IRI     // the slab IRIs are boxed in
}

// Chunks and slabs are small (2 KiB), so that what a reader's
// caches hold on to (a recurring literal, IRI or attribute value each)
// keeps little else.
const (
	arenaChunk     = 2 << 10
	arenaMaxString = 256 // longer strings get an allocation of their own
	literalSlab    = 32  // 64-byte literals
	iriSlab        = 128 // 16-byte IRIs
)

// String returns b as a string.
func (a *Arena) String(b []byte) string {
	n := len(b)
	if n == 0 {
		return ""
	}
	if n > arenaMaxString {
		return string(b)
	}
	if cap(a.buf)-len(a.buf) < n {
		a.buf = make([]byte, 0, arenaChunk)
	}
	i := len(a.buf)
	a.buf = append(a.buf, b...)
	return unsafe.String(&a.buf[i], n)
}

// ifaceWords is the layout of a non-empty interface value: its itab (the
// dynamic type with the interface's methods) and a pointer to the value.
// Values of types larger than a pointer are always held by pointer; the
// value pointed to is never written through the interface.
type ifaceWords struct {
	tab  unsafe.Pointer
	data unsafe.Pointer
}

var _ [unsafe.Sizeof(ifaceWords{}) - unsafe.Sizeof(rdf.Object(nil))]struct{}
var _ [unsafe.Sizeof(rdf.Object(nil)) - unsafe.Sizeof(ifaceWords{})]struct{}

// itabOf returns the itab word of o.
func itabOf(o rdf.Object) unsafe.Pointer {
	return (*ifaceWords)(unsafe.Pointer(&o)).tab
}

// The itabs of rdf.Object for rdf.Literal and rdf.IRI.
var (
	literalObjectTab = itabOf(rdf.Literal{})
	iriObjectTab     = itabOf(rdf.IRI{})
)

// boxAt returns the rdf.Object with itab tab held at p.
func boxAt(tab, p unsafe.Pointer) rdf.Object {
	var o rdf.Object
	*(*ifaceWords)(unsafe.Pointer(&o)) = ifaceWords{tab, p}
	return o
}

// Literal returns l as an rdf.Object: the same value as rdf.Object(l),
// stored in the arena's slab.
func (a *Arena) Literal(l rdf.Literal) rdf.Object {
	if len(a.lits) == cap(a.lits) {
		a.lits = make([]rdf.Literal, 0, literalSlab)
	}
	a.lits = append(a.lits, l)
	return boxAt(literalObjectTab, unsafe.Pointer(&a.lits[len(a.lits)-1]))
}

// IRI returns i as an rdf.Object: the same value as rdf.Object(i), stored
// in the arena's slab. As an interface it converts to rdf.Subject and
// rdf.Predicate by type assertion.
func (a *Arena) IRI(i rdf.IRI) rdf.Object {
	if len(a.iris) == cap(a.iris) {
		a.iris = make([]rdf.IRI, 0, iriSlab)
	}
	a.iris = append(a.iris, i)
	return boxAt(iriObjectTab, unsafe.Pointer(&a.iris[len(a.iris)-1]))
}
