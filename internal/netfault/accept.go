package netfault

import (
	"net"
	"sync/atomic"
	"testing"
)

// AcceptCounter is a listener that counts the connections it accepts and
// closes each at once: a sentinel that shows whether anything reached an
// address a guard should have kept a client from.
type AcceptCounter struct {
	ln       net.Listener
	accepted atomic.Int64
}

// NewAcceptCounter starts an AcceptCounter on addr (host:port) for the
// length of the test, or skips the test when addr cannot be listened on
// (127.0.0.2 on a system without the whole loopback range).
func NewAcceptCounter(t testing.TB, addr string) *AcceptCounter {
	t.Helper()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Skipf("cannot listen on %s: %v", addr, err)
	}
	t.Cleanup(func() { ln.Close() })
	a := &AcceptCounter{ln: ln}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			a.accepted.Add(1)
			c.Close()
		}
	}()
	return a
}

// Addr is the address it listens on.
func (a *AcceptCounter) Addr() string { return a.ln.Addr().String() }

// Accepted is the number of connections accepted so far.
func (a *AcceptCounter) Accepted() int64 { return a.accepted.Load() }
