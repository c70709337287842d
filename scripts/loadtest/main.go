// Command loadtest is katalog's bounded load test: for a fixed time, a
// number of concurrent clients send a mix of feed GETs, conditional feed
// GETs (If-None-Match), API reads and dataset PUTs (with each agency's own
// token) to one or more katalog instances on loopback, round-robin, and it
// prints each request kind's count, errors and p50/p99 latency as Markdown.
//
// With -setup it first registers the agencies (with the operator -token)
// and imports -feed into each of them, its base IRI rewritten per agency,
// so a catalog of agencies × the feed's datasets is in place.
//
// Usage:
//
//	loadtest -url http://127.0.0.1:8080[,http://127.0.0.1:8081] -token OPERATOR \
//	    -setup -feed catalog1k.nt -agencies 10 -clients 200 -duration 60s
package main

import (
	"context"
	"flag"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"
)

// config is the command line.
type config struct {
	urls     []string
	token    string
	clients  int
	duration time.Duration
	setup    bool
	feed     string
	agencies int
	title    string
}

func main() {
	var c config
	var urls string
	flag.StringVar(&urls, "url", "http://127.0.0.1:8080", "comma-separated base URLs of the instances (loopback only), used round-robin")
	flag.StringVar(&c.token, "token", os.Getenv("KATALOG_ADMIN_TOKEN"), "operator token, to register agencies and import with -setup (default $KATALOG_ADMIN_TOKEN)")
	flag.IntVar(&c.clients, "clients", 200, "concurrent clients")
	flag.DurationVar(&c.duration, "duration", 60*time.Second, "how long the load runs")
	flag.BoolVar(&c.setup, "setup", false, "register the agencies and import -feed into each before the load")
	flag.StringVar(&c.feed, "feed", "", "N-Triples feed (from gen_catalog.py) to import into every agency with -setup")
	flag.IntVar(&c.agencies, "agencies", 10, "number of agencies")
	flag.StringVar(&c.title, "title", "katalog load test", "heading of the Markdown report")
	flag.Parse()
	c.urls = strings.Split(urls, ",")
	if err := run(context.Background(), c); err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(1)
	}
}

// run checks the configuration, prepares the catalog and runs the load.
func run(ctx context.Context, c config) error {
	for _, u := range c.urls {
		if err := loopbackOnly(u); err != nil {
			return err
		}
	}
	if c.clients < 1 || c.duration <= 0 || c.agencies < 1 {
		return fmt.Errorf("-clients, -duration and -agencies must be positive")
	}
	client := &http.Client{
		Timeout: 30 * time.Second,
		Transport: &http.Transport{
			MaxIdleConns:        c.clients * 2,
			MaxIdleConnsPerHost: c.clients * 2,
			IdleConnTimeout:     90 * time.Second,
		},
	}
	orgs, err := orgNumbers(c.agencies)
	if err != nil {
		return err
	}
	var tokens map[string]string
	if c.setup {
		if c.token == "" || c.feed == "" {
			return fmt.Errorf("-setup needs -token and -feed")
		}
		start := time.Now()
		if tokens, err = setup(ctx, client, c.urls[0], c.token, c.feed, orgs); err != nil {
			return fmt.Errorf("setup: %w", err)
		}
		fmt.Fprintf(os.Stderr, "setup: %d agencies loaded in %v\n", len(orgs), time.Since(start).Round(time.Millisecond))
	} else {
		return fmt.Errorf("without -setup there are no agency tokens to write with: run with -setup on a fresh database")
	}
	targets, err := sample(ctx, client, c.urls[0], orgs, tokens)
	if err != nil {
		return fmt.Errorf("read the datasets to use: %w", err)
	}
	res := load(ctx, client, c, targets)
	report(os.Stdout, c, targets, res)
	if n := res.errors(); n > 0 {
		return fmt.Errorf("%d requests failed", n)
	}
	return nil
}

// loopbackOnly refuses a base URL whose host is not a loopback address.
func loopbackOnly(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return fmt.Errorf("-url %q: not an absolute URL", raw)
	}
	host := u.Hostname()
	if host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("-url %q: only loopback addresses are allowed", raw)
	}
	return nil
}
