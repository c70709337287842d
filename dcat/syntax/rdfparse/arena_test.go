package rdfparse

import (
	"fmt"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/knakk/rdf"
)

// TestArena checks that the arena's strings and boxed terms are the values
// that plain conversions give, by every means of looking at them
// (comparison, type switches and assertions, reflect, fmt), and that they
// survive collections while the arena makes new chunks and slabs.
func TestArena(t *testing.T) {
	var a Arena
	dt, _ := rdf.NewIRI(XSDNS + "date")
	type made struct {
		s        string
		lit, iri rdf.Object
		wantLit  rdf.Literal
		wantIRI  rdf.IRI
	}
	var all []made
	for i := 0; i < 3*iriSlab+5; i++ {
		text := strings.Repeat("å", i%40) + strconv.Itoa(i)
		if i%50 == 7 {
			text = strings.Repeat("x", arenaMaxString+i) // its own allocation
		}
		buf := []byte(text)
		s := a.String(buf)
		for j := range buf {
			buf[j] = 0 // the arena copied it
		}
		wantLit := rdf.NewTypedLiteral(text, dt)
		if i%2 == 0 {
			wantLit = LangLiteral(text, "sv", langStringIRI)
		}
		wantIRI := CheckedIRI("http://example.se/" + strconv.Itoa(i))
		all = append(all, made{s, a.Literal(wantLit), a.IRI(wantIRI), wantLit, wantIRI})
		if i%64 == 0 {
			runtime.GC()
		}
	}
	runtime.GC()
	for i, m := range all {
		if m.s != m.wantLit.String() {
			t.Fatalf("%d: string %q, want %q", i, m.s, m.wantLit.String())
		}
		if m.lit != rdf.Object(m.wantLit) || m.iri != rdf.Object(m.wantIRI) {
			t.Fatalf("%d: boxed terms differ: %v %v", i, m.lit, m.iri)
		}
		if l, ok := m.lit.(rdf.Literal); !ok || l != m.wantLit || l.Lang() != m.wantLit.Lang() || l.DataType != m.wantLit.DataType {
			t.Fatalf("%d: literal assertion: %#v", i, m.lit)
		}
		switch v := m.iri.(type) {
		case rdf.IRI:
			if v != m.wantIRI {
				t.Fatalf("%d: IRI %v", i, v)
			}
		default:
			t.Fatalf("%d: IRI of type %T", i, v)
		}
		subj, ok := m.iri.(rdf.Subject)
		if !ok || subj != rdf.Subject(m.wantIRI) {
			t.Fatalf("%d: IRI as subject: %v", i, subj)
		}
		if pred, ok := m.iri.(rdf.Predicate); !ok || pred != rdf.Predicate(m.wantIRI) {
			t.Fatalf("%d: IRI as predicate: %v", i, pred)
		}
		if _, ok := m.lit.(rdf.Subject); ok {
			t.Fatalf("%d: a literal is a subject", i)
		}
		if reflect.TypeOf(m.lit) != reflect.TypeOf(rdf.Literal{}) || !reflect.DeepEqual(m.lit, rdf.Object(m.wantLit)) {
			t.Fatalf("%d: reflect sees %v", i, reflect.TypeOf(m.lit))
		}
		if got, want := fmt.Sprint(m.lit, m.iri), fmt.Sprint(rdf.Object(m.wantLit), rdf.Object(m.wantIRI)); got != want {
			t.Fatalf("%d: fmt %q, want %q", i, got, want)
		}
		tr := rdf.Triple{Subj: subj, Pred: m.iri.(rdf.Predicate), Obj: m.lit}
		if tr.Serialize(rdf.NTriples) != (rdf.Triple{Subj: m.wantIRI, Pred: m.wantIRI, Obj: m.wantLit}).Serialize(rdf.NTriples) {
			t.Fatalf("%d: serialized %s", i, tr.Serialize(rdf.NTriples))
		}
	}
	if a.String(nil) != "" || a.String([]byte{}) != "" {
		t.Error("empty string")
	}
}

// BenchmarkArenaLiteral compares boxing a literal through the arena with
// plain boxing.
func BenchmarkArenaLiteral(b *testing.B) {
	text := []byte("Beskrivning av datamängd 17.")
	b.Run("arena", func(b *testing.B) {
		var a Arena
		for b.Loop() {
			sink = a.Literal(LangLiteral(a.String(text), "sv", langStringIRI))
		}
	})
	b.Run("plain", func(b *testing.B) {
		for b.Loop() {
			sink = rdf.Object(LangLiteral(string(text), "sv", langStringIRI))
		}
	})
}

var sink rdf.Object
