package main

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"time"
)

// report prints the results as Markdown: the setting, then one row per
// request kind.
func report(w io.Writer, c config, targets []target, r results) {
	datasets := 0
	for _, t := range targets {
		datasets += len(t.datasets)
	}
	fmt.Fprintf(w, "### %s\n\n", c.title)
	fmt.Fprintf(w, "%d clients for %v against %d instance(s) (%s), %d agencies; wall time %v.\n\n",
		c.clients, c.duration, len(c.urls), strings.Join(c.urls, ", "), len(targets), r.elapsed.Round(time.Millisecond))
	fmt.Fprintln(w, "| request kind | requests | req/s | errors | statuses | p50 | p99 | max |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---|---:|---:|---:|")
	total, errs := 0, 0
	for _, k := range kinds {
		s := r.byKind[k.name]
		n := len(s.latencies)
		total += n
		errs += s.errors
		var codes []string
		for _, code := range slices.Sorted(maps.Keys(s.status)) {
			codes = append(codes, fmt.Sprintf("%d×%d", code, s.status[code]))
		}
		fmt.Fprintf(w, "| %s | %d | %.0f | %d | %s | %s | %s | %s |\n", k.name, n, float64(n)/r.elapsed.Seconds(),
			s.errors, strings.Join(codes, " "), ms(pct(s.latencies, 50)), ms(pct(s.latencies, 99)), ms(pct(s.latencies, 100)))
	}
	fmt.Fprintf(w, "| **all** | %d | %.0f | %d | | | | |\n\n", total, float64(total)/r.elapsed.Seconds(), errs)
	for _, k := range kinds {
		if s := r.byKind[k.name]; s.firstErr != "" {
			fmt.Fprintf(w, "First error of %s: `%s`\n\n", k.name, s.firstErr)
		}
	}
}

// pct returns the p-th percentile of sorted durations (nearest rank).
func pct(sorted []time.Duration, p int) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := (len(sorted)*p + 99) / 100
	return sorted[max(i-1, 0)]
}

// ms formats d in milliseconds.
func ms(d time.Duration) string {
	return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000)
}
