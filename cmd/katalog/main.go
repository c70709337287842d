// Command katalog is Sweden's open-data catalog service: it keeps agencies'
// datasets, emits DCAT-AP-SE feeds for dataportal.se and scores publication
// maturity. Run "katalog --help" for the commands.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// Set at build time with -ldflags "-X main.version=… -X main.commit=…".
var (
	version = "dev"
	commit  = ""
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.LookupEnv, os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// env looks up an environment variable; os.LookupEnv in production.
type env func(string) (string, bool)

// exitError carries a process exit code through cobra.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// Exit codes shared by every command.
const (
	exitOK       = 0
	exitRejected = 1
	exitUsage    = 2
)

func usageErr(format string, args ...any) error {
	return &exitError{code: exitUsage, err: fmt.Errorf(format, args...)}
}

func rejected(err error) error { return &exitError{code: exitRejected, err: err} }

// run is the whole program, testable without a process: arguments, environment
// and streams come in, an exit code goes out.
func run(ctx context.Context, args []string, lookup env, stdin io.Reader, stdout, stderr io.Writer) int {
	root := newRootCmd(ctx, lookup, stdin, stdout, stderr)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return exitOK
	}
	fmt.Fprintln(stderr, "katalog:", err)
	if ee, ok := err.(*exitError); ok {
		return ee.code
	}
	return exitUsage
}
