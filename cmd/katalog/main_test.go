package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

func runCLI(t *testing.T, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	lookup := func(k string) (string, bool) { v, ok := env[k]; return v, ok }
	code := run(context.Background(), args, lookup, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

func TestVersionAndHelp(t *testing.T) {
	code, out, _ := runCLI(t, nil, "version")
	if code != 0 || !strings.HasPrefix(out, "katalog ") {
		t.Fatalf("version: %d %q", code, out)
	}
	code, out, _ = runCLI(t, nil, "--help")
	if code != 0 || !strings.Contains(out, "serve") || !strings.Contains(out, "KATALOG_DB") {
		t.Fatalf("help: %d %q", code, out)
	}
	for _, sub := range []string{"serve", "agencies import"} {
		code, out, _ = runCLI(t, nil, append(strings.Fields(sub), "--help")...)
		if code != 0 || !strings.Contains(out, "Usage:") {
			t.Errorf("%s --help: %d %q", sub, code, out)
		}
	}
}

func TestUsageErrorsExit2(t *testing.T) {
	cases := [][]string{
		{"serve", "--no-such-flag"},
		{"agencies", "import"},
		{"serve", "--db", "mysql://x"},
	}
	for _, args := range cases {
		code, _, errOut := runCLI(t, nil, args...)
		if code != 2 {
			t.Errorf("%v: exit %d, want 2 (%s)", args, code, errOut)
		}
	}
	code, _, errOut := runCLI(t, map[string]string{"KATALOG_ADDR": "nonsense"}, "serve")
	if code != 2 || !strings.Contains(errOut, "addr") {
		t.Errorf("bad KATALOG_ADDR: %d %q", code, errOut)
	}
}

func TestAgenciesImport(t *testing.T) {
	dir := t.TempDir()
	db := "sqlite:" + filepath.Join(dir, "k.db")
	good := filepath.Join(dir, "good.csv")
	os.WriteFile(good, []byte("org_nr,name,name_en,size_class_by_fte\n2021006883,Myndigheten för digital förvaltning,Agency for Digital Government,medium(50-249)\n202100-0837,Statistiska centralbyrån,Statistics Sweden,large(250-999)\n"), 0o600)
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("org_nr,name\n2021005489,Bolagsverket\n2021006884,Fel kontrollsiffra\n"), 0o600)

	code, out, errOut := runCLI(t, nil, "agencies", "import", "--db", db, good)
	if code != 0 || !strings.Contains(out, "2 created") {
		t.Fatalf("import: %d %q %q", code, out, errOut)
	}
	code, out, _ = runCLI(t, nil, "agencies", "import", "--db", db, good)
	if code != 0 || !strings.Contains(out, "0 created, 0 updated, 2 unchanged") {
		t.Fatalf("re-import: %d %q", code, out)
	}
	code, _, errOut = runCLI(t, nil, "agencies", "import", "--db", db, bad)
	if code != 1 || !strings.Contains(errOut, "line 3") {
		t.Fatalf("bad file: %d %q", code, errOut)
	}
	code, out, _ = runCLI(t, nil, "agencies", "import", "--db", db, "--skip-invalid", bad)
	if code != 0 || !strings.Contains(out, "1 created") || !strings.Contains(out, "1 row left out") {
		t.Fatalf("skip-invalid: %d %q", code, out)
	}
	// The register's active flag: a dissolved agency is loaded as inactive.
	flagged := filepath.Join(dir, "flagged.csv")
	os.WriteFile(flagged, []byte("org_nr,name,active_in_2025_list\n2021006883,Myndigheten för digital förvaltning,yes\n2021000837,Statistiska centralbyrån,no\n"), 0o600)
	code, out, errOut = runCLI(t, nil, "agencies", "import", "--db", db, flagged)
	if code != 0 || !strings.Contains(out, "2 agencies (1 inactive)") || !strings.Contains(out, "2 updated") {
		t.Fatalf("active flag: %d %q %q", code, out, errOut)
	}
	code, _, _ = runCLI(t, nil, "agencies", "import", "--db", db, filepath.Join(dir, "missing.csv"))
	if code != 2 {
		t.Fatalf("missing file: exit %d", code)
	}
}

// --- process-level tests: the real binary, real signals ---

func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "katalog")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("build: %v", err)
	}
	return bin
}

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

type proc struct {
	cmd    *exec.Cmd
	addr   string
	stderr *syncBuffer
	// exited is closed when the process has ended; err is its Wait result.
	exited chan struct{}
	err    error
}

// syncBuffer is a bytes.Buffer safe for the process's writer and the test's reader.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

const procAdmin = "process-test-operator-token-000"

func start(t *testing.T, bin, db string, extra ...string) *proc {
	t.Helper()
	return startVia(t, nil, bin, db, extra...)
}

// startVia is start with the command run through wrapper (nil: directly),
// e.g. a shell that sets a resource limit and execs the rest.
func startVia(t *testing.T, wrapper []string, bin, db string, extra ...string) *proc {
	t.Helper()
	return startCmd(t, wrapper, nil, bin, db, extra...)
}

// startWith is start with prepare applied to the command before it runs
// (e.g. to run it as another user).
func startWith(t *testing.T, prepare func(*exec.Cmd), bin, db string, extra ...string) *proc {
	t.Helper()
	return startCmd(t, nil, prepare, bin, db, extra...)
}

func startCmd(t *testing.T, wrapper []string, prepare func(*exec.Cmd), bin, db string, extra ...string) *proc {
	t.Helper()
	addr := freeAddr(t)
	args := append(append(append([]string{}, wrapper...), bin, "serve", "--db", db, "--addr", addr), extra...)
	cmd := exec.Command(args[0], args[1:]...)
	if prepare != nil {
		prepare(cmd)
	}
	cmd.Env = append(os.Environ(), "KATALOG_ADMIN_TOKEN="+procAdmin)
	stderr := &syncBuffer{}
	cmd.Stderr = stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &proc{cmd: cmd, addr: addr, stderr: stderr, exited: make(chan struct{})}
	go func() { p.err = cmd.Wait(); close(p.exited) }()
	t.Cleanup(func() { cmd.Process.Kill(); <-p.exited })
	deadline := time.Now().Add(30 * time.Second)
	for {
		res, err := http.Get("http://" + addr + "/readyz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				return p
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("katalog did not become ready: %v\n%s", err, stderr.String())
		}
		select {
		case <-p.exited:
			t.Fatalf("katalog exited: %v\n%s", p.err, stderr.String())
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// logged waits until the process's log holds s, and reports whether it
// did within 10 s: the log reaches the test through a pipe and a copying
// goroutine, so a line written before an answer may arrive after it.
func (p *proc) logged(s string) bool {
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if strings.Contains(p.stderr.String(), s) {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
	}
}

func (p *proc) do(t *testing.T, method, path string, body any) (int, []byte) {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, "http://"+p.addr+path, rd)
	req.Header.Set("Authorization", "Bearer "+procAdmin)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, b
}

func TestServeDemoOnFirstRun(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildBinary(t)
	db := "sqlite:" + filepath.Join(t.TempDir(), "k.db")
	p := start(t, bin, db)
	code, body := p.do(t, "GET", "/api/v1/agencies", nil)
	var list struct {
		Total int `json:"total"`
	}
	json.Unmarshal(body, &list)
	if code != 200 || list.Total < 5 {
		t.Fatalf("demo agencies: %d %s", code, body)
	}
	code, body = p.do(t, "GET", "/", nil)
	if code != 200 || !strings.Contains(string(body), "Statistiska centralbyrån") {
		t.Fatalf("home page: %d", code)
	}
	// --no-demo on a fresh database leaves it empty.
	q := start(t, bin, "sqlite:"+filepath.Join(t.TempDir(), "empty.db"), "--no-demo")
	_, body = q.do(t, "GET", "/api/v1/agencies", nil)
	json.Unmarshal(body, &list)
	if list.Total != 0 {
		t.Fatalf("--no-demo loaded %d agencies", list.Total)
	}
}

func TestDataSurvivesKillAndRestart(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildBinary(t)
	db := "sqlite:" + filepath.Join(t.TempDir(), "k.db")
	p := start(t, bin, db, "--no-demo")
	if code, body := p.do(t, "POST", "/api/v1/agencies", map[string]any{"orgNumber": "2021006883", "name": map[string]string{"sv": "Digg"}}); code != 201 {
		t.Fatalf("register: %d %s", code, body)
	}
	var ids []string
	for i := 0; i < 20; i++ {
		code, body := p.do(t, "POST", "/api/v1/agencies/2021006883/datasets", map[string]any{
			"title": map[string]string{"sv": fmt.Sprintf("Datamängd %d", i)}, "description": map[string]string{"sv": "Beskrivning"},
		})
		if code != 201 {
			t.Fatalf("create %d: %d %s", i, code, body)
		}
		var d struct{ ID string }
		json.Unmarshal(body, &d)
		ids = append(ids, d.ID)
	}
	// SIGKILL: no shutdown code runs. Every answered write must be on disk.
	p.cmd.Process.Signal(syscall.SIGKILL)
	<-p.exited
	q := start(t, bin, db, "--no-demo")
	for _, id := range ids {
		if code, body := q.do(t, "GET", "/api/v1/agencies/2021006883/datasets/"+id, nil); code != 200 {
			t.Fatalf("dataset %s lost after SIGKILL: %d %s", id, code, body)
		}
	}
}

func TestGracefulShutdownFinishesRequestsInFlight(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildBinary(t)
	p := start(t, bin, "sqlite:"+filepath.Join(t.TempDir(), "k.db"), "--no-demo")
	// A request in flight: headers and half the body sent, the rest after SIGTERM.
	body := `{"orgNumber":"2021006883","name":{"sv":"Digg"}}`
	conn, err := net.Dial("tcp", p.addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST /api/v1/agencies HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", procAdmin, len(body), body[:10])
	time.Sleep(200 * time.Millisecond) // let the server start reading the request
	p.cmd.Process.Signal(syscall.SIGTERM)
	time.Sleep(200 * time.Millisecond) // shutdown has begun and is waiting for us
	if _, err := io.WriteString(conn, body[10:]); err != nil {
		t.Fatal(err)
	}
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("no answer to the request in flight: %v\n%s", err, p.stderr.String())
	}
	res.Body.Close()
	if res.StatusCode != 201 {
		t.Fatalf("request in flight answered %d", res.StatusCode)
	}
	select {
	case <-p.exited:
		if p.err != nil {
			t.Fatalf("exit after SIGTERM: %v\n%s", p.err, p.stderr.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("no exit 30 s after SIGTERM")
	}
	if !strings.Contains(p.stderr.String(), "stopped cleanly") {
		t.Errorf("log: %s", p.stderr.String())
	}
}
