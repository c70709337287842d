package main

import "io"

// readAhead reads r in a goroutine of its own, up to depth chunks of size
// bytes ahead of the caller of Read, so that reading a file (the system
// call and the kernel's copy into memory) runs on another core than the
// parser that consumes it. Read returns the bytes r gave, in order, then
// r's error. Close stops the goroutine and waits for it: r must be a
// reader whose Read returns promptly, such as a regular file, not a
// terminal or a pipe that may block for ever.
type readAhead struct {
	full chan chunk
	free chan []byte
	stop chan struct{}
	done chan struct{}
	buf  []byte // the chunk being read, to give back
	cur  []byte // its unread part
	err  error  // r's error, once the chunk it came with is read
}

type chunk struct {
	b   []byte
	err error
}

func newReadAhead(r io.Reader, size, depth int) *readAhead {
	ra := &readAhead{
		full: make(chan chunk, depth),
		free: make(chan []byte, depth+1), // room for every buffer: giving one back never blocks
		stop: make(chan struct{}),
		done: make(chan struct{}),
	}
	for range depth + 1 {
		ra.free <- make([]byte, size)
	}
	go func() {
		defer close(ra.done)
		for {
			var b []byte
			select {
			case b = <-ra.free:
			case <-ra.stop:
				return
			}
			n, err := r.Read(b)
			if n < 0 || n > len(b) {
				n, err = 0, io.ErrNoProgress
			}
			select {
			case ra.full <- chunk{b[:n], err}:
			case <-ra.stop:
				return
			}
			if err != nil {
				return
			}
		}
	}()
	return ra
}

// Read implements io.Reader.
func (ra *readAhead) Read(p []byte) (int, error) {
	for len(ra.cur) == 0 {
		if ra.err != nil {
			return 0, ra.err
		}
		if ra.buf != nil {
			ra.free <- ra.buf[:cap(ra.buf)]
			ra.buf = nil
		}
		c := <-ra.full
		ra.buf, ra.cur, ra.err = c.b, c.b, c.err
	}
	n := copy(p, ra.cur)
	ra.cur = ra.cur[n:]
	return n, nil
}

// Close stops reading ahead and waits for the goroutine to end. Read must
// not be called after Close.
func (ra *readAhead) Close() {
	close(ra.stop)
	<-ra.done
}
