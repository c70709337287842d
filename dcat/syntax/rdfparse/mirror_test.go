//lint:file-ignore U1000 the wrong mirrors of TestMirrorProblems are only looked at with reflect

package rdfparse

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/knakk/rdf"
)

// mirrors pairs each knakk/rdf type that this package builds through unsafe
// with its mirror. A new mirror must be added here.
var mirrors = []struct{ real, mirror reflect.Type }{
	{reflect.TypeOf(rdf.Literal{}), reflect.TypeOf(literalLayout{})},
	{reflect.TypeOf(rdf.IRI{}), reflect.TypeOf(iriLayout{})},
}

// mirrorOf returns the mirror of the knakk type real, or nil.
func mirrorOf(real reflect.Type) reflect.Type {
	for _, m := range mirrors {
		if m.real == real {
			return m.mirror
		}
	}
	return nil
}

// mirrorProblems lists how mirror fails to mirror real: a different size or
// alignment, number of fields, or, field by field in order, name, kind,
// type or offset. A field's type must be the real field's type itself, or
// its registered mirror (checked in turn). It returns nil for a faithful
// mirror.
func mirrorProblems(real, mirror reflect.Type) []string {
	var out []string
	bad := func(format string, a ...any) {
		out = append(out, fmt.Sprintf("%v mirrored by %v: ", real, mirror)+fmt.Sprintf(format, a...))
	}
	if real.Kind() != reflect.Struct || mirror.Kind() != reflect.Struct {
		bad("kinds %v and %v, want two structs", real.Kind(), mirror.Kind())
		return out
	}
	if real.Size() != mirror.Size() || real.Align() != mirror.Align() {
		bad("size %d (align %d), mirror %d (align %d)", real.Size(), real.Align(), mirror.Size(), mirror.Align())
	}
	if real.NumField() != mirror.NumField() {
		bad("%d fields, mirror %d", real.NumField(), mirror.NumField())
		return out
	}
	for i := 0; i < real.NumField(); i++ {
		r, m := real.Field(i), mirror.Field(i)
		switch {
		case r.Name != m.Name:
			bad("field %d is %s, mirror has %s", i, r.Name, m.Name)
		case r.Offset != m.Offset:
			bad("field %s at offset %d, mirror at %d", r.Name, r.Offset, m.Offset)
		case r.Type.Kind() != m.Type.Kind():
			bad("field %s of kind %v, mirror %v", r.Name, r.Type.Kind(), m.Type.Kind())
		case r.Type == m.Type:
		case mirrorOf(r.Type) == m.Type:
			out = append(out, mirrorProblems(r.Type, m.Type)...)
		default:
			bad("field %s of type %v, mirror %v (neither the same type nor its mirror)", r.Name, r.Type, m.Type)
		}
	}
	return out
}

// TestMirrorLayout checks, with reflect on knakk's real types, that each
// mirror has the same fields in the same order, with the same names, kinds,
// types (or their mirrors) and offsets, so that a change of knakk/rdf's
// structs (a reordered field would swap a literal's text and language tag)
// fails here instead of corrupting terms. The size guards in terms.go stay.
func TestMirrorLayout(t *testing.T) {
	for _, m := range mirrors {
		for _, p := range mirrorProblems(m.real, m.mirror) {
			t.Error(p)
		}
	}
}

// TestMirrorProblems checks that mirrorProblems catches what it must:
// mirrors of the right size that reorder, rename or retype fields.
func TestMirrorProblems(t *testing.T) {
	type swapped struct { // text and language tag swapped: same size
		lang     string
		val      interface{}
		str      string
		DataType rdf.IRI
	}
	type renamed struct {
		str      string
		val      interface{}
		tag      string
		DataType rdf.IRI
	}
	type retyped struct { // the datatype as a bare string: same size
		str      string
		val      interface{}
		lang     string
		DataType string
	}
	type shorter struct {
		str  string
		val  interface{}
		lang string
	}
	type wrongIRI struct{ id string } // rdf.IRI's field is str
	type viaBadIRI struct {
		str      string
		val      interface{}
		lang     string
		DataType wrongIRI
	}
	lit := reflect.TypeOf(rdf.Literal{})
	for name, mirror := range map[string]reflect.Type{
		"swapped":  reflect.TypeOf(swapped{}),
		"renamed":  reflect.TypeOf(renamed{}),
		"retyped":  reflect.TypeOf(retyped{}),
		"shorter":  reflect.TypeOf(shorter{}),
		"bad IRI":  reflect.TypeOf(viaBadIRI{}),
		"not IRI":  reflect.TypeOf(wrongIRI{}),
		"a string": reflect.TypeOf(""),
	} {
		if len(mirrorProblems(lit, mirror)) == 0 {
			t.Errorf("%s: mirrorProblems finds nothing wrong with %v", name, mirror)
		}
	}
	if p := mirrorProblems(reflect.TypeOf(rdf.IRI{}), reflect.TypeOf(wrongIRI{})); len(p) == 0 {
		t.Error("a renamed IRI field passes")
	}
}
