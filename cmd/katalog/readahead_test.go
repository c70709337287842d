package main

import (
	"bytes"
	"errors"
	"io"
	"math/rand/v2"
	"runtime"
	"testing"
	"testing/iotest"
	"time"
)

// TestReadAhead checks that readAhead gives the bytes of its reader in
// order, then its error, whatever the sizes of the reads on either side,
// and that Close ends its goroutine, also before the end.
func TestReadAhead(t *testing.T) {
	data := make([]byte, 300000)
	for i := range data {
		data[i] = byte(rand.IntN(256))
	}
	errBoom := errors.New("boom")
	before := runtime.NumGoroutine()
	for _, size := range []int{1, 7, 4096, 1 << 20} {
		for _, src := range map[string]io.Reader{
			"plain":   bytes.NewReader(data),
			"onebyte": iotest.OneByteReader(bytes.NewReader(data)),
			"half":    iotest.HalfReader(bytes.NewReader(data)),
			"dataerr": iotest.DataErrReader(bytes.NewReader(data)),
		} {
			ra := newReadAhead(src, size, 3)
			got, err := io.ReadAll(iotest.HalfReader(ra))
			if err != nil || !bytes.Equal(got, data) {
				t.Fatalf("size %d: %d bytes, %v", size, len(got), err)
			}
			ra.Close()
		}
		ra := newReadAhead(io.MultiReader(bytes.NewReader(data[:1000]), iotest.ErrReader(errBoom)), size, 2)
		got, err := io.ReadAll(ra)
		if !errors.Is(err, errBoom) || !bytes.Equal(got, data[:1000]) {
			t.Fatalf("size %d: %d bytes, %v", size, len(got), err)
		}
		ra.Close()
		ra = newReadAhead(bytes.NewReader(data), size, 2)
		if _, err := ra.Read(make([]byte, 10)); err != nil {
			t.Fatal(err)
		}
		ra.Close() // before the end
	}
	for i := 0; runtime.NumGoroutine() > before; i++ {
		if i == 100 {
			t.Fatalf("goroutines: %d before, %d after", before, runtime.NumGoroutine())
		}
		time.Sleep(time.Millisecond)
	}
}
