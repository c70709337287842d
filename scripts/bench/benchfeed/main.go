// Command benchfeed measures katalog's feed path on a synthetic catalog and
// offers the N-Triples → RDF/XML pipe the conversion benchmark compares with
// Raptor and rdflib.
//
//	benchfeed [-datasets N] [-agencies 300] [-reps 3] [-dir DIR] [-formats rdfxml,turtle,ntriples,jsonld] [-gzip]
//	benchfeed convert -from ntriples -to rdfxml|turtle|ntriples|jsonld FILE|-
//
// The first form fills a temporary SQLite store with N datasets shaped like
// ../shared/tools/gen_catalog.py's (≈34 triples each, over 300 agencies),
// then, in a fresh child process so that loading leaves no trace in the
// figures, measures:
//
//   - the store walk alone, the walk plus mapping, and the whole feed
//     (walk, mapping, writer) of the largest agency and of the national
//     catalog, streamed to io.Discard: wall time, triples, triples/s;
//   - the same documents through internal/feeds (snapshot cache) and
//     internal/server on loopback: first GET (build), cached GET, and the
//     server-side time of a conditional GET answered 304 (the handler timed
//     in-process over an httptest.ResponseRecorder, median of 1000);
//   - peak RSS: VmHWM of each phase (reset between phases through
//     /proc/self/clear_refs), with the peak of RssAnon, the private part,
//     sampled every 2 ms.
//
// It prints a Markdown report on stdout. Everything is local: a temporary
// directory and a loopback listener.
package main

import (
	"bufio"
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/knakk/rdf"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/dcat"
	"github.com/katalog-se/katalog/dcat/syntax/codec"
	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
	"github.com/katalog-se/katalog/internal/publish"
	"github.com/katalog-se/katalog/internal/server"
	"github.com/katalog-se/katalog/internal/store/sqlite"
	"github.com/katalog-se/katalog/schema"
)

const baseURL = "https://katalog.example.se"

func main() {
	if len(os.Args) > 1 && os.Args[1] == "convert" {
		if err := convert(os.Args[2:]); err != nil {
			fmt.Fprintln(os.Stderr, "benchfeed convert:", err)
			os.Exit(2)
		}
		return
	}
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "benchfeed:", err)
		os.Exit(1)
	}
}

// convert is `katalog convert --from F --to T FILE`: reader → writer, streamed.
func convert(args []string) error {
	fs := flag.NewFlagSet("convert", flag.ContinueOnError)
	from := fs.String("from", "ntriples", "input syntax: ntriples, turtle or rdfxml")
	to := fs.String("to", "rdfxml", "output syntax: rdfxml, turtle, ntriples or jsonld")
	base := fs.String("base", "", "base IRI for relative IRIs in the input")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return errors.New("want one FILE (or -)")
	}
	ff, err := rdfio.ParseFormat(*from)
	if err != nil {
		return err
	}
	tf, err := rdfio.ParseFormat(*to)
	if err != nil {
		return err
	}
	in := io.Reader(os.Stdin)
	if name := fs.Arg(0); name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		defer f.Close()
		in = f
	}
	r, err := codec.NewReader(ff, in, *base, codec.Limits{})
	if err != nil {
		return err
	}
	out := bufio.NewWriterSize(os.Stdout, 256<<10)
	w, err := codec.NewWriter(tf, out)
	if err != nil {
		return err
	}
	n := 0
	for {
		t, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
		if err := w.Write(t); err != nil {
			return err
		}
		n++
	}
	if err := w.Close(); err != nil {
		return err
	}
	if err := out.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "%d triples\n", n)
	return nil
}

type config struct {
	datasets, agencies, reps int
	dir                      string
	formats                  []rdfio.Format
	gzip                     bool
	measureDB                string // set in the child process
	cpuProfile               string
}

func run(args []string) error {
	fs := flag.NewFlagSet("benchfeed", flag.ContinueOnError)
	var c config
	var formats string
	fs.IntVar(&c.datasets, "datasets", 10000, "number of synthetic datasets")
	fs.IntVar(&c.agencies, "agencies", 300, "number of agencies the datasets are spread over")
	fs.IntVar(&c.reps, "reps", 3, "repetitions of each national-feed measurement (the agency feed gets 10×)")
	fs.StringVar(&c.dir, "dir", "", "where the temporary store goes (default /dev/shm if writable, else $TMPDIR)")
	fs.StringVar(&formats, "formats", "rdfxml,turtle,ntriples,jsonld", "syntaxes of the streamed national feed (rdfxml is always measured)")
	fs.BoolVar(&c.gzip, "gzip", true, "also measure the gzip variant of the national feed through the server")
	fs.StringVar(&c.measureDB, "measure-db", "", "internal: measure an already loaded store")
	fs.StringVar(&c.cpuProfile, "cpuprofile", "", "write a CPU profile of the streamed-feed measurements (a) to this file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if c.datasets < 1 || c.agencies < 1 || c.agencies > 99999 || c.reps < 1 || c.reps > 100 {
		return errors.New("want -datasets ≥ 1, 1 ≤ -agencies ≤ 99999, 1 ≤ -reps ≤ 100")
	}
	c.formats = []rdfio.Format{rdfio.RDFXML}
	for _, s := range strings.Split(formats, ",") {
		f, err := rdfio.ParseFormat(s)
		if err != nil {
			return err
		}
		if !slices.Contains(c.formats, f) {
			c.formats = append(c.formats, f)
		}
	}
	ctx := context.Background()
	if c.measureDB != "" {
		return measure(ctx, c)
	}
	return loadAndMeasure(ctx, c, formats)
}

// loadAndMeasure fills a temporary store, then runs the measurement in a
// child process on it.
func loadAndMeasure(ctx context.Context, c config, formats string) error {
	parent := c.dir
	if parent == "" {
		parent = os.TempDir()
		if st, err := os.Stat("/dev/shm"); err == nil && st.IsDir() {
			if f, err := os.CreateTemp("/dev/shm", "benchfeed-probe-"); err == nil {
				f.Close()
				os.Remove(f.Name())
				parent = "/dev/shm"
			}
		}
	}
	dir, err := os.MkdirTemp(parent, "benchfeed-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	db := filepath.Join(dir, "katalog.db")

	fmt.Printf("#### benchfeed: %d datasets over %d agencies\n\n", c.datasets, c.agencies)
	fmt.Printf("Go %s, GOMAXPROCS %d, store %s (tmpfs when under /dev/shm: no fsync cost in loading)\n\n",
		runtime.Version(), runtime.GOMAXPROCS(0), db)

	start := time.Now()
	if err := load(ctx, db, c.datasets, c.agencies); err != nil {
		return err
	}
	el := time.Since(start)
	size := int64(0)
	for _, n := range []string{db, db + "-wal"} {
		if st, err := os.Stat(n); err == nil {
			size += st.Size()
		}
	}
	fmt.Printf("Loading (not part of any figure below): %d datasets in %.1f s (%.0f datasets/s, one CreateDataset transaction each, %d writers), database %.1f MB; peak RSS of the loader %s.\n\n",
		c.datasets, el.Seconds(), float64(c.datasets)/el.Seconds(), loadWorkers, float64(size)/1e6, mb(readStatus()["VmHWM"]))

	args := []string{"-measure-db", db, "-datasets", strconv.Itoa(c.datasets), "-agencies", strconv.Itoa(c.agencies),
		"-reps", strconv.Itoa(c.reps), "-formats", formats, "-gzip=" + strconv.FormatBool(c.gzip), "-dir", dir}
	if c.cpuProfile != "" {
		args = append(args, "-cpuprofile", c.cpuProfile)
	}
	cmd := exec.CommandContext(ctx, os.Args[0], args...)
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	return cmd.Run()
}

const loadWorkers = 4

// Vocabulary of the synthetic catalog, as gen_catalog.py has it.
var (
	themes  = []string{"AGRI", "ECON", "EDUC", "ENER", "ENVI", "GOVE", "HEAL", "INTR", "JUST", "REGI", "SOCI", "TECH", "TRAN"}
	fmtExt  = []string{"csv", "json", "xml", "pdf", "xlsx", "html"}
	fmtName = []string{"CSV", "JSON", "XML", "PDF", "XLSX", "HTML"}
	fmtType = []string{"text/csv", "application/json", "application/xml", "application/pdf",
		"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "text/html"}
)

const eu = "http://publications.europa.eu/resource/authority/"

// orgNumber is the p-th synthetic organisation number: 2021 and five digits, then the Luhn check digit.
func orgNumber(p int) catalog.OrgNumber {
	s := fmt.Sprintf("2021%05d", p)
	sum := 0
	for i := 0; i < len(s); i++ { // from the left: 9 digits, the first is doubled
		d := int(s[i] - '0')
		if i%2 == 0 {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return catalog.OrgNumber(s + strconv.Itoa((10-sum%10)%10))
}

func agency(p int) *catalog.Agency {
	return &catalog.Agency{
		OrgNumber:     orgNumber(p),
		Name:          catalog.LangString{"sv": fmt.Sprintf("Myndighet nr %d", p)},
		PublisherType: "http://purl.org/adms/publishertype/NationalAuthority",
	}
}

// dataset is the i-th synthetic dataset, as gen_catalog.py writes it.
func dataset(i, agencies int) *catalog.Dataset {
	p := i % agencies
	d := &catalog.Dataset{
		ID:     fmt.Sprintf("%08x-0000-4000-8000-%012x", i, i),
		Agency: orgNumber(p),
		Title: catalog.LangString{
			"sv": fmt.Sprintf("Datamängd %d om \"saker\" & ting <%d>", i, p),
			"en": fmt.Sprintf("Dataset %d", i),
		},
		Description:        catalog.LangString{"sv": fmt.Sprintf("Beskrivning av datamängd %d.\nRad två med åäö.", i)},
		Keywords:           catalog.LangStrings{"sv": {fmt.Sprintf("nyckelord%d", i%97), "statistik"}},
		Themes:             []string{eu + "data-theme/" + themes[i%len(themes)]},
		AccessRights:       eu + "access-right/PUBLIC",
		AccrualPeriodicity: eu + "frequency/ANNUAL",
		Modified:           fmt.Sprintf("2026-%02d-%02d", 1+i%12, 1+i%28),
		Languages:          []string{eu + "language/SWE"},
		ContactPoint:       &catalog.ContactPoint{Name: "Kundtjänst", Email: fmt.Sprintf("info%d@example.se", p)},
	}
	for k := range 2 {
		f := (i + k) % len(fmtExt)
		d.Distributions = append(d.Distributions, catalog.Distribution{
			ID:          strconv.Itoa(k),
			Title:       catalog.LangString{"sv": fmt.Sprintf("Fil %d i %s", k, fmtName[f])},
			AccessURL:   fmt.Sprintf("https://data.example.se/%d/%d", i, k),
			DownloadURL: fmt.Sprintf("https://data.example.se/%d/%d.%s", i, k, fmtExt[f]),
			Format:      fmtType[f],
			License:     "http://creativecommons.org/licenses/by/4.0/",
			ByteSize:    int64(1000 + i*7 + k),
		})
	}
	return d
}

// load creates the agencies and datasets through the store API, with a few
// writers so that encoding overlaps the (serialised) transactions.
func load(ctx context.Context, path string, n, agencies int) error {
	st, err := sqlite.Open(ctx, path)
	if err != nil {
		return err
	}
	defer st.Close()
	for p := range agencies {
		if err := st.CreateAgency(ctx, agency(p), []byte(fmt.Sprintf("token-hash-%d", p))); err != nil {
			return err
		}
	}
	var (
		next atomic.Int64
		wg   sync.WaitGroup
		once sync.Once
		ferr error
	)
	for range loadWorkers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				if err := st.CreateDataset(ctx, dataset(i, agencies)); err != nil {
					once.Do(func() { ferr = err })
					next.Store(int64(n)) // stop the others
					return
				}
			}
		}()
	}
	wg.Wait()
	return ferr
}

// ---- measurement (child process) ----

type sample struct {
	dur     time.Duration
	triples int
}

// report accumulates Markdown table rows.
type report struct{ rows [][]string }

func (r *report) add(cells ...string) { r.rows = append(r.rows, cells) }

func (r *report) print(head ...string) {
	fmt.Println("| " + strings.Join(head, " | ") + " |")
	fmt.Println(strings.Repeat("|---", len(head)) + "|")
	for _, row := range r.rows {
		fmt.Println("| " + strings.Join(row, " | ") + " |")
	}
	fmt.Println()
	r.rows = nil
}

func measure(ctx context.Context, c config) error {
	st, err := sqlite.Open(ctx, c.measureDB)
	if err != nil {
		return err
	}
	defer st.Close()
	m, err := dcat.NewMapper(baseURL)
	if err != nil {
		return err
	}
	b := publish.NewBuilder(st, m, publish.BuilderOptions{})
	big := orgNumber(0) // agency 0 has the most datasets (ceil(N/agencies))
	nBig, err := st.CountDatasets(ctx, big)
	if err != nil {
		return err
	}

	mem := newMemWatch()
	defer mem.stop()
	mem.phase() // the baseline: an open store, nothing read
	base := mem.phase()
	fmt.Printf("Measuring process after opening the store: RSS %s (RssAnon %s).\n\n", mb(base.hwm), mb(base.anon))

	// (a) streamed from the store to io.Discard.
	var rep report
	agencyDoc := publish.Doc{Org: big}
	national := publish.Doc{}
	type job struct {
		name string
		reps int
		fn   func() (int, error)
	}
	walk := func(org catalog.OrgNumber) func() (int, error) {
		return func() (int, error) {
			n := 0
			err := st.EachDataset(ctx, org, func(*catalog.Dataset) error { n++; return nil })
			return n, err
		}
	}
	mapOnly := func(doc publish.Doc) func() (int, error) {
		return func() (int, error) {
			cw := &countWriter{}
			var err error
			if doc.Org != "" {
				err = b.AgencyFeed(ctx, doc.Org, cw)
			} else {
				err = b.NationalFeed(ctx, cw)
			}
			return cw.n, err
		}
	}
	write := func(doc publish.Doc, f rdfio.Format) func() (int, error) {
		return func() (int, error) { return b.Write(ctx, doc, f, io.Discard) }
	}
	agencyReps := 10 * c.reps
	jobs := []job{
		{fmt.Sprintf("agency (%d datasets): store walk only (rows decoded, datasets)", nBig), agencyReps, walk(big)},
		{"agency: walk + mapping (triples to a counter)", agencyReps, mapOnly(agencyDoc)},
		{"agency: RDF/XML feed to io.Discard", agencyReps, write(agencyDoc, rdfio.RDFXML)},
		{fmt.Sprintf("national (%d datasets): store walk only (datasets)", c.datasets), c.reps, walk("")},
		{"national: walk + mapping (triples to a counter)", c.reps, mapOnly(national)},
	}
	for _, f := range c.formats {
		jobs = append(jobs, job{"national: " + string(f) + " feed to io.Discard", c.reps, write(national, f)})
	}
	if c.cpuProfile != "" {
		f, err := os.Create(c.cpuProfile)
		if err != nil {
			return err
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
	}
	for _, j := range jobs {
		runtime.GC()
		mem.phase()
		var ss []sample
		for range j.reps {
			t0 := time.Now()
			n, err := j.fn()
			if err != nil {
				return fmt.Errorf("%s: %w", j.name, err)
			}
			ss = append(ss, sample{time.Since(t0), n})
		}
		p := mem.phase()
		slices.SortFunc(ss, func(a, b sample) int { return cmp.Compare(a.dur, b.dur) })
		med := ss[len(ss)/2]
		unit := "triples"
		if strings.Contains(j.name, "walk only") {
			unit = "datasets"
		}
		rep.add(j.name, strconv.Itoa(j.reps), fmtDur(med.dur), fmtDur(ss[0].dur),
			fmt.Sprintf("%d %s", med.triples, unit), rate(med.triples, med.dur)+" "+unit+"/s",
			mb(p.hwm), mb(p.anon))
	}
	if c.cpuProfile != "" {
		pprof.StopCPUProfile()
	}
	fmt.Println("##### (a) Streamed from the store to io.Discard")
	fmt.Println()
	rep.print("what", "runs", "median", "best", "size", "rate (median)", "peak RSS (VmHWM)", "peak RssAnon")

	// (b) through the snapshot cache and the HTTP server.
	dir, err := os.MkdirTemp(c.dir, "snapshots-")
	if err != nil {
		return err
	}
	gen := publish.BuilderGenerator(b)
	svc, err := publish.NewCache(st, gen, publish.CacheOptions{Dir: dir, Salt: "bench", Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		return err
	}
	defer svc.Close()
	val, err := schema.New()
	if err != nil {
		return err
	}
	srv := server.New(server.Deps{Store: st, Validator: val, Feeds: svc, BaseURL: baseURL, AdminToken: "bench-admin-token"})
	ts := httptest.NewServer(srv)
	defer ts.Close()
	plain := &http.Client{Transport: &http.Transport{DisableCompression: true}}

	type target struct {
		name, path string
	}
	targets := []target{
		{fmt.Sprintf("agency feed (%d datasets)", nBig), "/agencies/" + string(big) + "/datasets/dcat.rdf"},
		{fmt.Sprintf("national feed (%d datasets)", c.datasets), "/catalog.rdf"},
	}
	for _, tg := range targets {
		for _, gz := range []bool{false, true} {
			if gz && (!c.gzip || !strings.HasPrefix(tg.name, "national")) {
				continue
			}
			label := tg.name
			cl := plain // DisableCompression: the gzip variant is asked for explicitly
			if gz {
				label += ", gzip (first GET compresses the built snapshot)"
			}
			runtime.GC()
			mem.phase()
			first, size, etag, err := get(cl, ts.URL+tg.path, gz, "")
			if err != nil {
				return err
			}
			p1 := mem.phase()
			var cached []time.Duration
			for range max(3, c.reps) {
				d, _, _, err := get(cl, ts.URL+tg.path, gz, "")
				if err != nil {
					return err
				}
				cached = append(cached, d)
			}
			p2 := mem.phase()
			slices.Sort(cached)
			// The conditional GET, timed in-process on the handler.
			const n304 = 1000
			var cond []time.Duration
			for range n304 {
				req := httptest.NewRequest("GET", tg.path, nil)
				req.Header.Set("If-None-Match", etag)
				if gz {
					req.Header.Set("Accept-Encoding", "gzip")
				}
				rec := httptest.NewRecorder()
				t0 := time.Now()
				srv.ServeHTTP(rec, req)
				cond = append(cond, time.Since(t0))
				if rec.Code != http.StatusNotModified {
					return fmt.Errorf("%s: conditional GET answered %d, want 304", tg.path, rec.Code)
				}
			}
			slices.Sort(cond)
			// And over loopback, round trip, for scale.
			var condRT []time.Duration
			for range 200 {
				d, _, code, err := getCond(cl, ts.URL+tg.path, gz, etag)
				if err != nil {
					return err
				}
				if code != http.StatusNotModified {
					return fmt.Errorf("%s: conditional GET over loopback answered %d", tg.path, code)
				}
				condRT = append(condRT, d)
			}
			slices.Sort(condRT)
			rep.add(label, fmt.Sprintf("%.1f MB", float64(size)/1e6), fmtDur(first), fmtDur(cached[len(cached)/2]),
				fmtMicro(cond[len(cond)/2]), fmtMicro(cond[len(cond)*99/100]), fmtMicro(condRT[len(condRT)/2]),
				mb(max(p1.hwm, p2.hwm)))
		}
	}
	fmt.Println("##### (b) Through internal/feeds and internal/server (httptest, loopback)")
	fmt.Println()
	rep.print("document", "body", "first GET (build)", "cached GET (median)", "304 server time (median of 1000)",
		"304 p99", "304 loopback round trip (median of 200)", "peak RSS (VmHWM)")

	total := readStatus()
	fmt.Printf("Measuring process overall: peak RSS (VmHWM since the last phase reset) %s; Go heap now %s; GC cycles %d.\n\n",
		mb(total["VmHWM"]), mb(heapInUse()), numGC())
	return nil
}

// get fetches url whole and returns the time to the last byte, the body
// size and the ETag.
func get(cl *http.Client, url string, gz bool, etag string) (time.Duration, int64, string, error) {
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		return 0, 0, "", err
	}
	if gz {
		req.Header.Set("Accept-Encoding", "gzip")
	}
	if etag != "" {
		req.Header.Set("If-None-Match", etag)
	}
	t0 := time.Now()
	res, err := cl.Do(req)
	if err != nil {
		return 0, 0, "", err
	}
	n, err := io.Copy(io.Discard, res.Body)
	res.Body.Close()
	d := time.Since(t0)
	if err != nil {
		return 0, 0, "", err
	}
	if res.StatusCode != http.StatusOK {
		return 0, 0, "", fmt.Errorf("GET %s: %s", url, res.Status)
	}
	if gz && res.Header.Get("Content-Encoding") != "gzip" {
		return 0, 0, "", fmt.Errorf("GET %s: no gzip", url)
	}
	return d, n, res.Header.Get("ETag"), nil
}

func getCond(cl *http.Client, url string, gz bool, etag string) (time.Duration, int64, int, error) {
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		return 0, 0, 0, err
	}
	if gz {
		req.Header.Set("Accept-Encoding", "gzip")
	}
	req.Header.Set("If-None-Match", etag)
	t0 := time.Now()
	res, err := cl.Do(req)
	if err != nil {
		return 0, 0, 0, err
	}
	n, _ := io.Copy(io.Discard, res.Body)
	res.Body.Close()
	return time.Since(t0), n, res.StatusCode, nil
}

type countWriter struct{ n int }

func (c *countWriter) Write(rdf.Triple) error { c.n++; return nil }
func (c *countWriter) Close() error           { return nil }

// ---- memory ----

// memWatch samples RssAnon every 2 ms; phase() reports the peaks since the
// previous phase() and resets them (VmHWM through /proc/self/clear_refs).
type memWatch struct {
	peakAnon atomic.Int64
	done     chan struct{}
	wg       sync.WaitGroup
}

type peaks struct{ hwm, anon int64 }

func newMemWatch() *memWatch {
	m := &memWatch{done: make(chan struct{})}
	m.wg.Add(1)
	go func() {
		defer m.wg.Done()
		t := time.NewTicker(2 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-m.done:
				return
			case <-t.C:
				m.sample()
			}
		}
	}()
	return m
}

func (m *memWatch) sample() {
	a := readStatus()["RssAnon"]
	for {
		old := m.peakAnon.Load()
		if a <= old || m.peakAnon.CompareAndSwap(old, a) {
			return
		}
	}
}

func (m *memWatch) phase() peaks {
	m.sample()
	s := readStatus()
	p := peaks{hwm: s["VmHWM"], anon: m.peakAnon.Load()}
	debug.FreeOSMemory()
	// "5" resets the peak RSS (VmHWM) to the current RSS (Linux ≥ 4.0).
	_ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
	m.peakAnon.Store(readStatus()["RssAnon"])
	return p
}

func (m *memWatch) stop() { close(m.done); m.wg.Wait() }

// readStatus returns the kB fields of /proc/self/status, in bytes.
func readStatus() map[string]int64 {
	out := map[string]int64{}
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return out
	}
	for _, line := range strings.Split(string(b), "\n") {
		k, v, ok := strings.Cut(line, ":")
		if !ok || !strings.HasSuffix(v, " kB") {
			continue
		}
		n, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(v, " kB")), 10, 64)
		if err == nil {
			out[k] = n << 10
		}
	}
	return out
}

func heapInUse() int64 {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return int64(ms.HeapInuse)
}

func numGC() uint32 {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.NumGC
}

// ---- formatting ----

func mb(b int64) string { return fmt.Sprintf("%.0f MB", float64(b)/(1<<20)) }

func fmtDur(d time.Duration) string {
	if d < time.Second {
		return fmt.Sprintf("%.1f ms", float64(d)/1e6)
	}
	return fmt.Sprintf("%.2f s", d.Seconds())
}

func fmtMicro(d time.Duration) string { return fmt.Sprintf("%.0f µs", float64(d)/1e3) }

func rate(n int, d time.Duration) string {
	r := float64(n) / d.Seconds()
	switch {
	case r >= 1e6:
		return fmt.Sprintf("%.2f M", r/1e6)
	case r >= 1e3:
		return fmt.Sprintf("%.0f k", r/1e3)
	}
	return fmt.Sprintf("%.0f", r)
}
