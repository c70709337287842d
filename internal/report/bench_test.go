package report

import (
	"bytes"
	"testing"
	"time"
)

// BenchmarkRun300x24 builds, stores and writes (JSON, CSV, HTML) a report
// over 300 scored agencies with 24 monthly reports before it.
func BenchmarkRun300x24(b *testing.B) {
	s := openStore(b)
	register(b, s, 300)
	scoreAll(b, s, 300, 190, jan)
	bld := New(s, Options{Dir: b.TempDir()})
	for m := range 24 {
		if _, err := bld.Run(b.Context(), jan.AddDate(0, m, 0)); err != nil {
			b.Fatal(err)
		}
	}
	next := jan.AddDate(2, 0, 0)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := bld.Run(b.Context(), next); err != nil {
			b.Fatal(err)
		}
		next = next.Add(time.Second)
	}
}

// BenchmarkWriteHTML300 renders the HTML page of a 300-agency report.
func BenchmarkWriteHTML300(b *testing.B) {
	s := openStore(b)
	register(b, s, 300)
	scoreAll(b, s, 300, 190, jan)
	rep, err := New(s, Options{}).Run(b.Context(), jan)
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := WriteHTML(&buf, rep, HTMLOptions{Sort: "name"}); err != nil {
			b.Fatal(err)
		}
	}
}
