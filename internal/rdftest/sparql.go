package rdftest

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// sparqlStartTimeout bounds the JVM's start and the loading of the files.
const sparqlStartTimeout = 2 * time.Minute

// SPARQLServer is one real SPARQL 1.1 Protocol endpoint for a test package:
// the referee's `sparql-serve` (Apache Jena ARQ) over fixed files, on
// 127.0.0.1. The JVM is slow to start, so it starts once, on the first URL
// call, and the package's TestMain closes it:
//
//	var portal = rdftest.NewSPARQLServer("testdata/portal.ttl")
//
//	func TestMain(m *testing.M) {
//		code := m.Run()
//		portal.Close()
//		os.Exit(code)
//	}
//
// Tests skip cleanly without ../shared, java or Jena, and in -short mode.
type SPARQLServer struct {
	files []string

	once sync.Once
	url  string
	skip string
	fail string

	mu  sync.Mutex
	cmd *exec.Cmd
}

// NewSPARQLServer returns a server over files (syntax by extension),
// not yet started.
func NewSPARQLServer(files ...string) *SPARQLServer {
	return &SPARQLServer{files: files}
}

// URL returns the endpoint's URL (http://127.0.0.1:PORT/sparql), starting
// the server on the first call; it skips t when the server cannot run here.
func (s *SPARQLServer) URL(t testing.TB) string {
	t.Helper()
	if testing.Short() {
		t.Skip("the SPARQL endpoint (a JVM) does not start in -short mode")
	}
	shared := SharedDir(t)
	s.once.Do(func() { s.start(shared) })
	switch {
	case s.skip != "":
		t.Skip(s.skip)
	case s.fail != "":
		t.Fatal(s.fail)
	}
	return s.url
}

func (s *SPARQLServer) start(shared string) {
	script := filepath.Join(shared, "tools", "referee", "referee.sh")
	if _, err := os.Stat(script); err != nil {
		s.skip = fmt.Sprintf("no referee: %v", err)
		return
	}
	if _, err := exec.LookPath("java"); err != nil {
		s.skip = "no java"
		return
	}
	files := make([]string, len(s.files))
	for i, f := range s.files {
		abs, err := filepath.Abs(f)
		if err != nil {
			s.fail = err.Error()
			return
		}
		files[i] = abs
	}
	// The port is free when asked; should another process take it before
	// the JVM binds, the next try has another.
	for try := 0; try < 3; try++ {
		addr, err := freeLoopback()
		if err != nil {
			s.fail = err.Error()
			return
		}
		url, stderr, err := s.run(script, addr, files)
		if err == nil {
			s.url, s.fail = url, ""
			return
		}
		var exit *exec.ExitError
		if errors.As(err, &exit) && exit.ExitCode() == 2 && !strings.Contains(stderr, "BindException") {
			s.skip = "the referee cannot run: " + stderr
			return
		}
		s.fail = fmt.Sprintf("sparql-serve on %s: %v\n%s", addr, err, stderr)
	}
}

// run starts sparql-serve on addr and waits for its "listening" line.
func (s *SPARQLServer) run(script, addr string, files []string) (string, string, error) {
	cmd := exec.Command("bash", append([]string{script, "sparql-serve", addr}, files...)...)
	cmd.SysProcAttr = serverProcAttr()
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return "", "", err
	}
	stderr := &headBuffer{max: 8 << 10}
	cmd.Stderr = stderr // one line per query: kept only at the start
	if err := cmd.Start(); err != nil {
		return "", "", err
	}
	ready := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if line := sc.Text(); strings.HasPrefix(line, "listening ") {
				ready <- strings.Fields(line)[1]
				break
			}
		}
		_, _ = io.Copy(io.Discard, stdout)
		close(ready)
	}()
	select {
	case url, ok := <-ready:
		if ok {
			s.mu.Lock()
			s.cmd = cmd
			s.mu.Unlock()
			return url, "", nil
		}
		err := cmd.Wait()
		if err == nil {
			err = errors.New("exited before listening")
		}
		return "", stderr.String(), err
	case <-time.After(sparqlStartTimeout):
		kill(cmd)
		return "", stderr.String(), fmt.Errorf("not listening after %s", sparqlStartTimeout)
	}
}

// Close stops the server, if it was started.
func (s *SPARQLServer) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cmd != nil {
		kill(s.cmd)
		s.cmd = nil
	}
}

// kill ends cmd's process group (the script execs java; a first run also
// compiles the helper) and reaps it.
func kill(cmd *exec.Cmd) {
	if cmd.Process == nil {
		return
	}
	_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	_ = cmd.Wait()
}

// freeLoopback returns a 127.0.0.1 address no one listens on now.
func freeLoopback() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

// headBuffer keeps the first max bytes written to it.
type headBuffer struct {
	mu  sync.Mutex
	max int
	b   []byte
}

func (h *headBuffer) Write(p []byte) (int, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if room := h.max - len(h.b); room > 0 {
		h.b = append(h.b, p[:min(room, len(p))]...)
	}
	return len(p), nil
}

func (h *headBuffer) String() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return string(h.b)
}
