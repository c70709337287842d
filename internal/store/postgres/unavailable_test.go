package postgres

import (
	"context"
	"errors"
	"io"
	"net"
	"net/url"
	"sync"
	"testing"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/internal/store/storetest"
)

// proxy forwards loopback connections to the database until it is cut;
// cutting closes every connection and refuses new ones, as a database that
// went away does.
type proxy struct {
	ln     net.Listener
	target string
	mu     sync.Mutex
	conns  []net.Conn
	down   bool
}

func startProxy(t *testing.T, target string) *proxy {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &proxy{ln: ln, target: target}
	t.Cleanup(func() { ln.Close(); p.cut() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			p.mu.Lock()
			down := p.down
			p.mu.Unlock()
			if down {
				c.Close()
				continue
			}
			d, err := net.Dial("tcp", target)
			if err != nil {
				c.Close()
				continue
			}
			p.mu.Lock()
			p.conns = append(p.conns, c, d)
			p.mu.Unlock()
			go func() { io.Copy(d, c); d.Close() }()
			go func() { io.Copy(c, d); c.Close() }()
		}
	}()
	return p
}

func (p *proxy) cut() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.down = true
	for _, c := range p.conns {
		c.Close()
	}
	p.conns = nil
}

func (p *proxy) restore() {
	p.mu.Lock()
	p.down = false
	p.mu.Unlock()
}

// TestDatabaseAwayIsUnavailable cuts the connection to PostgreSQL under an
// open store: writes and pings fail with catalog.ErrUnavailable (the
// service answers 503), nothing half-written remains, and the store works
// again when the database is back.
func TestDatabaseAwayIsUnavailable(t *testing.T) {
	dsn := newSchema(t)
	u, err := url.Parse(dsn)
	if err != nil {
		t.Skip("the DSN is not a URL")
	}
	p := startProxy(t, u.Host)
	u.Host = p.ln.Addr().String()
	s := open(t, u.String())
	ctx := context.Background()
	if err := s.CreateAgency(ctx, storetest.NewAgency(storetest.OrgDigg), nil); err != nil {
		t.Fatal(err)
	}
	p.cut()
	if err := s.Ping(ctx); !errors.Is(err, catalog.ErrUnavailable) {
		t.Errorf("Ping with the database away: %v, want ErrUnavailable", err)
	}
	err = s.CreateDataset(ctx, storetest.NewDataset(storetest.OrgDigg, "00000000-0000-4000-8000-000000000001", 1))
	if !errors.Is(err, catalog.ErrUnavailable) {
		t.Errorf("a write with the database away: %v, want ErrUnavailable", err)
	}
	p.restore()
	if err := s.Ping(ctx); err != nil {
		t.Fatalf("Ping after the database came back: %v", err)
	}
	if n, err := s.CountDatasets(ctx, storetest.OrgDigg); err != nil || n != 0 {
		t.Errorf("after the outage: %d datasets, %v; the refused write must not be there", n, err)
	}
	if err := s.CreateDataset(ctx, storetest.NewDataset(storetest.OrgDigg, "00000000-0000-4000-8000-000000000001", 1)); err != nil {
		t.Errorf("a write after the database came back: %v", err)
	}
}
