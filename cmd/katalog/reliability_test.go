package main

// Process-level fault tests: the real binary is killed or starved in the
// middle of its work, and the database is then checked to hold every
// committed write and no half-written catalog. docs/reliability.md records
// what they found.

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	_ "modernc.org/sqlite" // the integrity check reads the file itself

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/internal/store"
)

// faultOrg is the agency whose catalog the fault tests replace.
const faultOrg = "2021006883"

// feedOf returns a Turtle feed of n datasets whose Swedish titles start
// with tag, so a catalog read back tells which feed it came from.
func feedOf(n int, tag string) []byte {
	var b bytes.Buffer
	b.WriteString("@prefix dcat: <http://www.w3.org/ns/dcat#> .\n@prefix dcterms: <http://purl.org/dc/terms/> .\n")
	b.WriteString("<https://data.digg.se/catalog> a dcat:Catalog ;\n  dcterms:publisher <http://dataportal.se/organisation/SE2021006883> .\n")
	for i := range n {
		fmt.Fprintf(&b, "<https://data.digg.se/catalog> dcat:dataset <https://data.digg.se/ds/%d> .\n", i)
		fmt.Fprintf(&b, "<https://data.digg.se/ds/%d> a dcat:Dataset ; dcterms:title \"%s %d\"@sv ;\n"+
			"  dcterms:description \"Datamängd %d ur flödet %s, med en beskrivning av rimlig längd.\"@sv ;\n"+
			"  dcat:keyword \"test\"@sv, \"%s\"@sv ;\n"+
			"  dcat:distribution [ dcat:accessURL <https://data.digg.se/%s/%d.csv> ; dcterms:format \"text/csv\" ] .\n",
			i, tag, i, i, tag, tag, tag, i)
	}
	return b.Bytes()
}

// catalogState reads faultOrg's catalog from the database: how many
// datasets, and how many of them carry each feed's tag.
func catalogState(t *testing.T, driver, dsn string) (int, map[string]int) {
	t.Helper()
	st, err := store.Open(context.Background(), driver, dsn)
	if err != nil {
		t.Fatalf("open the store after the fault: %v", err)
	}
	defer st.Close()
	tags := map[string]int{}
	n := 0
	err = st.EachDataset(context.Background(), faultOrg, func(d *catalog.Dataset) error {
		n++
		tag, _, _ := strings.Cut(d.Title["sv"], " ")
		tags[tag]++
		return nil
	})
	if err != nil {
		t.Fatalf("read the catalog after the fault: %v", err)
	}
	return n, tags
}

// wantWhole fails t unless faultOrg's catalog is exactly one of the
// feeds: all of its datasets, from it alone. It returns the feed's tag.
func wantWhole(t *testing.T, driver, dsn string, feeds map[string]int) string {
	t.Helper()
	n, tags := catalogState(t, driver, dsn)
	for tag, size := range feeds {
		if n == size && tags[tag] == size {
			return tag
		}
	}
	t.Fatalf("half-written catalog: %d datasets, by feed %v; want one whole feed of %v", n, tags, feeds)
	return ""
}

// integrityCheck runs SQLite's own check of the file.
func integrityCheck(t *testing.T, path string) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var res string
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&res); err != nil || res != "ok" {
		t.Fatalf("integrity_check: %q, %v", res, err)
	}
}

// registerFaultOrg registers faultOrg in the SQLite database at path.
func registerFaultOrg(t *testing.T, dir, db string) {
	t.Helper()
	reg := filepath.Join(dir, "reg.csv")
	if err := os.WriteFile(reg, []byte("org_nr,name\n"+faultOrg+",Myndigheten för digital förvaltning\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := runCLI(t, nil, "agencies", "import", "--db", db, reg); code != 0 {
		t.Fatalf("register: %d %s", code, errOut)
	}
}

// oldCatalog makes a SQLite database in a new directory with faultOrg
// registered and the old feed imported; it returns the file and the --db
// value.
func oldCatalog(t *testing.T) (path, db string) {
	t.Helper()
	dir := t.TempDir()
	path = filepath.Join(dir, "k.db")
	db = "sqlite:" + path
	registerFaultOrg(t, dir, db)
	oldFeed := filepath.Join(dir, "old.ttl")
	os.WriteFile(oldFeed, feedOf(oldSize, "old"), 0o600)
	if code, _, errOut := runCLI(t, nil, "import", "--db", db, "--agency", faultOrg, oldFeed); code != 0 {
		t.Fatalf("import the old feed: %d %s", code, errOut)
	}
	return path, db
}

// reachableByNobody opens the binary's directories and base to everyone,
// for tests that run katalog as nobody (see asUnprivileged).
func reachableByNobody(bin, base string) {
	for _, d := range []string{filepath.Dir(bin), filepath.Dir(filepath.Dir(bin)), base} {
		os.Chmod(d, 0o755)
	}
}

// Sizes of the feeds: the old catalog, and the big new one whose import
// is killed.
const (
	oldSize = 50
	newSize = 5000
)

// killAfter starts cmd, SIGKILLs it after d unless it ended first, and
// reports whether it was killed.
func killAfter(t *testing.T, cmd *exec.Cmd, d time.Duration) bool {
	t.Helper()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
		return false
	case <-time.After(d):
		cmd.Process.Signal(syscall.SIGKILL)
		<-done
		return true
	}
}

func TestKillDuringImportKeepsCatalogWhole(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildBinary(t)
	path, db := oldCatalog(t)
	newFeed := filepath.Join(filepath.Dir(path), "new.ttl")
	os.WriteFile(newFeed, feedOf(newSize, "new"), 0o600)
	feeds := map[string]int{"old": oldSize, "new": newSize}

	// Kill at stepped points of the run: while parsing, while checking,
	// and (the later ones) while the transaction writes, until a run ends
	// by itself.
	killed := 0
	for d := 150 * time.Millisecond; d < 10*time.Second; d += 50 * time.Millisecond {
		cmd := exec.Command(bin, "import", "--db", db, "--agency", faultOrg, newFeed)
		if !killAfter(t, cmd, d) {
			t.Logf("import ended before %v", d)
			break
		}
		killed++
		got := wantWhole(t, "sqlite", path, feeds)
		integrityCheck(t, path)
		t.Logf("killed after %v: catalog is the %s one, whole", d, got)
		if got == "new" {
			break // committed: later kills would only test the no-op re-import
		}
	}
	if killed == 0 {
		t.Fatal("the import always ended before it could be killed: make the feed bigger")
	}
	// After the kills the database takes the import whole.
	cmd := exec.Command(bin, "import", "--db", db, "--agency", faultOrg, newFeed)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("import after the kills: %v\n%s", err, out)
	}
	if got := wantWhole(t, "sqlite", path, feeds); got != "new" {
		t.Fatalf("after a full import the catalog is the %s one", got)
	}
	integrityCheck(t, path)
}

func TestKillServeDuringAPIImport(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildBinary(t)
	path, db := oldCatalog(t)
	feeds := map[string]int{"old": oldSize, "new": newSize}
	body := feedOf(newSize, "new")

	killed := 0
	for d := 100 * time.Millisecond; d < 10*time.Second; d += 50 * time.Millisecond {
		p := start(t, bin, db, "--no-demo")
		answered := make(chan int, 1)
		go func() { answered <- postImport(p.addr, body) }()
		select {
		case code := <-answered:
			t.Logf("import answered %d before %v", code, d)
			d = 10 * time.Second
		case <-time.After(d):
			p.cmd.Process.Signal(syscall.SIGKILL)
			<-p.exited
			code := <-answered
			killed++
			got := wantWhole(t, "sqlite", path, feeds)
			integrityCheck(t, path)
			t.Logf("killed after %v (client saw %d): catalog is the %s one, whole", d, code, got)
			if got == "new" {
				d = 10 * time.Second
			}
		}
	}
	if killed == 0 {
		t.Fatal("the import always ended before it could be killed: make the feed bigger")
	}

	// The restarted service serves that catalog and takes the import.
	q := start(t, bin, db, "--no-demo")
	if code := postImport(q.addr, body); code != 200 {
		t.Fatalf("import after restart: %d", code)
	}
	if got := wantWhole(t, "sqlite", path, feeds); got != "new" {
		t.Fatalf("after a full import the catalog is the %s one", got)
	}
}

// postImport posts feed to faultOrg's import as the operator and returns
// the status, 0 when no answer came.
func postImport(addr string, feed []byte) int {
	code, _ := postFeed(addr, feed)
	return code
}

// postImportBody is postImport with the answer's body.
func postImportBody(t *testing.T, addr string, feed []byte) (int, string) {
	t.Helper()
	code, body := postFeed(addr, feed)
	if code == 0 {
		t.Fatalf("import: no answer: %s", body)
	}
	return code, body
}

// postFeed posts feed to faultOrg's import, which replaces the agency's
// catalog whole (allowRemovals): the status and body, or 0 and the error.
func postFeed(addr string, feed []byte) (int, string) {
	req, err := http.NewRequest("POST", "http://"+addr+"/api/v1/agencies/"+faultOrg+"/import?allowRemovals=true", bytes.NewReader(feed))
	if err != nil {
		return 0, err.Error()
	}
	req.Header.Set("Authorization", "Bearer "+procAdmin)
	req.Header.Set("Content-Type", "text/turtle")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err.Error()
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

// hangingEndpoint is a loopback harvest endpoint that reports each request
// and answers none until the test ends.
func hangingEndpoint(t *testing.T) (string, <-chan struct{}) {
	t.Helper()
	hits := make(chan struct{}, 10)
	release := make(chan struct{})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case hits <- struct{}{}:
		default:
		}
		select {
		case <-release:
		case <-r.Context().Done():
		}
	})}
	go srv.Serve(ln)
	t.Cleanup(func() { close(release); srv.Close() })
	return "http://" + ln.Addr().String() + "/dcat", hits
}

// startChecking starts katalog serve allowed to check loopback endpoints.
func startChecking(t *testing.T, bin, db string) *proc {
	t.Helper()
	t.Setenv("KATALOG_CHECK_ALLOW_CIDRS", "127.0.0.0/8")
	t.Setenv("KATALOG_CHECK_LEASE_TTL", "3s")
	t.Setenv("KATALOG_CHECK_MIN_INTERVAL", "1s") // checks every 2 s
	return start(t, bin, db, "--no-demo")
}

// waitHit waits for a request to the endpoint; false after limit.
func waitHit(hits <-chan struct{}, limit time.Duration) bool {
	select {
	case <-hits:
		return true
	case <-time.After(limit):
		return false
	}
}

func TestKillDuringScheduledCheckResumes(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildBinary(t)
	path := filepath.Join(t.TempDir(), "k.db")
	db := "sqlite:" + path
	endpoint, hits := hangingEndpoint(t)
	p := startChecking(t, bin, db)
	if code, body := p.do(t, "POST", "/api/v1/agencies", map[string]any{"orgNumber": faultOrg,
		"name": map[string]string{"sv": "Digg"}, "harvestUrl": endpoint, "checkSchedule": "@every 2s"}); code != 201 {
		t.Fatalf("register: %d %s", code, body)
	}
	// The scheduler picks up new agencies on its resync, or at start:
	// restart once so the check is registered.
	p.cmd.Process.Signal(syscall.SIGTERM)
	<-p.exited
	p = startChecking(t, bin, db)
	if !waitHit(hits, 20*time.Second) {
		t.Fatalf("no scheduled check reached the endpoint\n%s", p.stderr.String())
	}
	// A check is in flight: kill the instance.
	p.cmd.Process.Signal(syscall.SIGKILL)
	<-p.exited
	for len(hits) > 0 {
		<-hits
	}

	q := startChecking(t, bin, db)
	code, body := q.do(t, "GET", "/api/v1/agencies/"+faultOrg, nil)
	if code != 200 || !strings.Contains(string(body), endpoint) {
		t.Fatalf("agency after the kill: %d %s", code, body)
	}
	// The killed instance's lease lapses within its time (3 s here), then
	// the restarted instance takes the schedule over.
	if !waitHit(hits, 20*time.Second) {
		t.Fatalf("the restarted instance did not resume the schedule\n%s", q.stderr.String())
	}
}

// createDataset posts a small dataset to faultOrg and returns the status.
func createDataset(t *testing.T, p *proc, title string) int {
	t.Helper()
	code, _ := p.do(t, "POST", "/api/v1/agencies/"+faultOrg+"/datasets", map[string]any{
		"title": map[string]string{"sv": title}, "description": map[string]string{"sv": "Beskrivning"}})
	return code
}

// readyz returns the status of /readyz.
func readyz(t *testing.T, p *proc) int {
	t.Helper()
	code, _ := p.do(t, "GET", "/readyz", nil)
	return code
}

func TestSQLiteDirectoryRemoved(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildBinary(t)
	dir := filepath.Join(t.TempDir(), "data")
	os.Mkdir(dir, 0o755)
	db := "sqlite:" + filepath.Join(dir, "k.db")
	p := start(t, bin, db, "--no-demo")
	if code, body := p.do(t, "POST", "/api/v1/agencies", map[string]any{"orgNumber": faultOrg, "name": map[string]string{"sv": "Digg"}}); code != 201 {
		t.Fatalf("register: %d %s", code, body)
	}
	if code := createDataset(t, p, "Före"); code != 201 {
		t.Fatalf("write before the fault: %d", code)
	}
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	ready, write := readyz(t, p), createDataset(t, p, "Efter")
	t.Logf("directory removed: readyz %d, write %d", ready, write)
	// The store notices its file is gone: no write is acknowledged that a
	// restart would lose.
	if ready != 503 || write != 503 {
		t.Errorf("with the database file's directory removed: readyz %d and a write %d, want 503 and 503", ready, write)
	}
}

// asUnprivileged makes cmd run as nobody when the test runs as root, for
// whom file modes do not stop writes; otherwise the modes apply as they are.
func asUnprivileged(cmd *exec.Cmd) {
	if os.Geteuid() == 0 {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	}
}

func TestSQLiteReadOnly(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildBinary(t)
	base := t.TempDir()
	reachableByNobody(bin, base)
	tests := []struct {
		name string
		// prepare makes the database in dir read-only to the process.
		prepare func(dir, file string) error
	}{
		{"read-only file", func(_, file string) error { return os.Chmod(file, 0o444) }},
		{"read-only directory", func(dir, file string) error {
			if err := os.Chmod(file, 0o444); err != nil {
				return err
			}
			return os.Chmod(dir, 0o555)
		}},
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(base, fmt.Sprint(i))
			os.Mkdir(dir, 0o755)
			file := filepath.Join(dir, "k.db")
			db := "sqlite:" + file
			registerFaultOrg(t, dir, db)
			oldFeed := filepath.Join(dir, "old.ttl")
			os.WriteFile(oldFeed, feedOf(oldSize, "old"), 0o644)
			if code, _, errOut := runCLI(t, nil, "import", "--db", db, "--agency", faultOrg, oldFeed); code != 0 {
				t.Fatalf("import: %d %s", code, errOut)
			}
			if err := tc.prepare(dir, file); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { os.Chmod(dir, 0o755); os.Chmod(file, 0o644) })

			// At start: a clear error, or a service that refuses writes.
			addr := freeAddr(t)
			cmd := exec.Command(bin, "serve", "--db", db, "--addr", addr, "--no-demo")
			cmd.Env = append(os.Environ(), "KATALOG_ADMIN_TOKEN="+procAdmin)
			asUnprivileged(cmd)
			var stderr syncBuffer
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			t.Cleanup(func() { cmd.Process.Kill(); <-done })
			p := &proc{cmd: cmd, addr: addr, stderr: &stderr}
			var status int
			deadline := time.Now().Add(20 * time.Second)
		wait:
			for time.Now().Before(deadline) {
				select {
				case err := <-done:
					done <- err
					msg := stderr.String()
					t.Logf("serve refused to start: %v: %s", err, msg)
					if !strings.Contains(strings.ToLower(msg), "read") && !strings.Contains(strings.ToLower(msg), "permission") {
						t.Errorf("start error does not say the database is read-only: %s", msg)
					}
					break wait
				case <-time.After(50 * time.Millisecond):
				}
				if res, err := http.Get("http://" + addr + "/readyz"); err == nil {
					res.Body.Close()
					status = createDataset(t, p, "Skrivskyddad")
					t.Logf("serve started: readyz %d, write %d\n%s", res.StatusCode, status, stderr.String())
					if status < 500 {
						t.Fatalf("a write to a read-only database answered %d", status)
					}
					break wait
				}
			}
			cmd.Process.Kill()
			os.Chmod(dir, 0o755)
			os.Chmod(file, 0o644)
			if got := wantWhole(t, "sqlite", file, map[string]int{"old": oldSize}); got != "old" {
				t.Fatalf("catalog changed")
			}
			integrityCheck(t, file)
		})
	}
}
