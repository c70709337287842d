package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// bigFeed writes a DCAT-AP-SE catalog of about size bytes to w, generated
// as it goes (never held whole): a catalog listing every dataset, then the
// datasets, each with Swedish and English texts, keywords and one
// distribution whose links point at ten URLs under links.
func bigFeed(w io.Writer, size int64, links string) error {
	bw := bufio.NewWriterSize(w, 256<<10)
	const perDataset = 2330 // bytes a dataset takes below, about
	n := int(size / perDataset)
	fmt.Fprint(bw, `<?xml version="1.0" encoding="UTF-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dcat="http://www.w3.org/ns/dcat#"
    xmlns:dcterms="http://purl.org/dc/terms/" xmlns:vcard="http://www.w3.org/2006/vcard/ns#">
  <dcat:Catalog rdf:about="https://example.se/datasets/dcat">
    <dcterms:title xml:lang="sv">En mycket stor katalog</dcterms:title>
    <dcterms:title xml:lang="en">A very large catalog</dcterms:title>
    <dcterms:description xml:lang="sv">Genererad för ett minnesprov.</dcterms:description>
    <dcterms:description xml:lang="en">Generated for a memory test.</dcterms:description>
    <dcterms:publisher rdf:resource="http://dataportal.se/organisation/SE2021005281"/>
    <dcterms:license rdf:resource="http://creativecommons.org/publicdomain/zero/1.0/"/>
`)
	for i := range n {
		fmt.Fprintf(bw, "    <dcat:dataset rdf:resource=\"https://example.se/datasets/%d\"/>\n", i)
	}
	fmt.Fprint(bw, "  </dcat:Catalog>\n")
	text := strings.Repeat("Uppgifter om verksamheten, insamlade varje år och publicerade som öppna data. ", 6)
	textEn := strings.Repeat("Facts about the agency's work, collected every year and published as open data. ", 6)
	for i := range n {
		if _, err := fmt.Fprintf(bw, `  <dcat:Dataset rdf:about="https://example.se/datasets/%[1]d">
    <dcterms:title xml:lang="sv">Datamängd %[1]d</dcterms:title>
    <dcterms:title xml:lang="en">Dataset %[1]d</dcterms:title>
    <dcterms:description xml:lang="sv">%[2]s</dcterms:description>
    <dcterms:description xml:lang="en">%[3]s</dcterms:description>
    <dcat:keyword xml:lang="sv">statistik</dcat:keyword>
    <dcat:keyword xml:lang="sv">år %[1]d</dcat:keyword>
    <dcterms:publisher rdf:resource="http://dataportal.se/organisation/SE2021005281"/>
    <dcat:contactPoint rdf:resource="https://example.se/contact"/>
    <dcat:theme rdf:resource="http://publications.europa.eu/resource/authority/data-theme/GOVE"/>
    <dcterms:accessRights rdf:resource="http://publications.europa.eu/resource/authority/access-right/PUBLIC"/>
    <dcat:landingPage rdf:resource="%[4]s/page/%[5]d"/>
    <dcat:distribution>
      <dcat:Distribution rdf:about="https://example.se/datasets/%[1]d/csv">
        <dcterms:title xml:lang="sv">Som CSV</dcterms:title>
        <dcat:accessURL rdf:resource="%[4]s/file/%[5]d"/>
        <dcterms:format>text/csv</dcterms:format>
        <dcterms:license rdf:resource="http://creativecommons.org/publicdomain/zero/1.0/"/>
      </dcat:Distribution>
    </dcat:distribution>
  </dcat:Dataset>
`, i, text, textEn, links, i%10); err != nil {
			return err
		}
	}
	fmt.Fprint(bw, `  <vcard:Organization rdf:about="https://example.se/contact"><vcard:fn>Registrator</vcard:fn><vcard:hasEmail rdf:resource="mailto:registrator@example.se"/></vcard:Organization>
</rdf:RDF>
`)
	return bw.Flush()
}

// countingWriter counts bytes written.
type countingWriter struct{ n atomic.Int64 }

func (c *countingWriter) Write(p []byte) (int, error) { c.n.Add(int64(len(p))); return len(p), nil }

// TestCheckBigFeedBoundedMemory runs the built binary's `katalog check`
// against a loopback server streaming a generated 300 MB catalog (135,000
// datasets, 2.6 million triples) and reads the process's peak
// resident set (VmHWM). The check reads the feed once, as it streams, and
// keeps no document: the peak stays under 150 MB. Before #16 the body was
// read whole into memory (a 60 MB feed: 287 MB). A slow test (about a
// 20 s on two cores); -short skips it.
func TestCheckBigFeedBoundedMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: -short skips it")
	}
	size := int64(300 << 20)
	if v := os.Getenv("KATALOG_BIG_FEED_MB"); v != "" {
		mb, err := strconv.Atoi(v)
		if err != nil {
			t.Fatal(err)
		}
		size = int64(mb) << 20
	}
	var served countingWriter
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/file/") || strings.HasPrefix(r.URL.Path, "/page/") {
			return
		}
		w.Header().Set("Content-Type", "application/rdf+xml")
		w.Header().Set("ETag", `"big"`)
		if r.Method == http.MethodHead || r.Header.Get("If-None-Match") == `"big"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		if !strings.HasPrefix(r.Header.Get("Accept"), "application/rdf+xml") {
			w.WriteHeader(http.StatusNotAcceptable)
			return
		}
		bigFeed(io.MultiWriter(w, &served), size, srv.URL)
	}))
	defer srv.Close()

	bin := buildBinary(t)
	cmd := exec.Command(bin, "check", "--json", srv.URL+"/datasets/dcat")
	cmd.Env = append(os.Environ(), "KATALOG_CHECK_ALLOW_CIDRS=127.0.0.1/32", "KATALOG_TEMP_DIR="+t.TempDir())
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	peakOf := watchPeak(cmd.Process.Pid)
	err := cmd.Wait()
	peak := peakOf()
	took := time.Since(start)
	if code := cmd.ProcessState.ExitCode(); code != 0 && code != 1 {
		t.Fatalf("katalog check: %v\n%s", err, stderr.String())
	}
	var res struct {
		Bytes, Triples, Datasets int64
		Validation               struct{ Validated bool }
		Links                    struct{ Checked int }
		Findings                 []struct{ Rule, Evidence string }
	}
	if err := json.Unmarshal([]byte(stdout.String()), &res); err != nil {
		t.Fatalf("check --json: %v\n%.2000s", err, stdout.String())
	}
	t.Logf("%d MB feed, %d triples, %d datasets checked in %v; peak RSS %.1f MB; findings %v",
		res.Bytes>>20, res.Triples, res.Datasets, took.Round(time.Second), float64(peak)/(1<<20), res.Findings)
	if res.Bytes != served.n.Load() || res.Bytes < size*9/10 || !res.Validation.Validated || res.Links.Checked != 20 {
		t.Errorf("read %d of %d bytes served, validated %v, %d links checked (want the whole feed, validated, 20 links)",
			res.Bytes, served.n.Load(), res.Validation.Validated, res.Links.Checked)
	}
	// Typically 94–98 MB (a live heap of about 30 MB).
	if peak > 150<<20 {
		t.Errorf("peak RSS %.1f MB, want under 150 MB", float64(peak)/(1<<20))
	}
}

// watchPeak samples a running process's peak resident set (VmHWM) every
// 20 ms until the returned function is called, which returns the peak.
// Not the process's rusage: Go starts a child with vfork, and Linux carries
// the parent's high-water mark (the test process's) into the child's
// ru_maxrss at exec, which once made a 96 MB check read as 234 MB.
func watchPeak(pid int) (stop func() int64) {
	var peak atomic.Int64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		for {
			peak.Store(max(peak.Load(), vmHWM(pid)))
			select {
			case <-done:
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	})
	return func() int64 { close(done); wg.Wait(); return peak.Load() }
}

// vmHWM is a process's peak resident set (VmHWM) in bytes, 0 when /proc
// cannot tell (the process has ended).
func vmHWM(pid int) int64 {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}
