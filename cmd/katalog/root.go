package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/katalog-se/katalog/config"
	"github.com/katalog-se/katalog/internal/store"
	"github.com/katalog-se/katalog/internal/store/sqlstore"
)

// app is what every command shares: streams, environment and the global flags.
type app struct {
	ctx            context.Context
	lookup         env
	stdin          io.Reader
	stdout, stderr io.Writer

	configFile string
	db         string
	addr       string
	baseURL    string
	flags      *pflag.FlagSet
}

func newRootCmd(ctx context.Context, lookup env, stdin io.Reader, stdout, stderr io.Writer) *cobra.Command {
	a := &app{ctx: ctx, lookup: lookup, stdin: stdin, stdout: stdout, stderr: stderr}
	root := &cobra.Command{
		Use:   "katalog",
		Short: "Open-data catalog service for Swedish agencies (DCAT-AP-SE 3.0.1)",
		Long: `katalog keeps Swedish agencies' datasets, publishes them as DCAT-AP-SE 3.0.1
feeds that Sveriges dataportal harvests (RDF/XML, Turtle, N-Triples, JSON-LD),
and measures publication maturity.

Settings come from flags, then KATALOG_* environment variables, then the
config file (--config or KATALOG_CONFIG, YAML), then defaults:
` + envHelp(),
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetIn(stdin)
	pf := root.PersistentFlags()
	pf.StringVar(&a.configFile, "config", "", "YAML config file (env KATALOG_CONFIG)")
	pf.StringVar(&a.db, "db", "", "database: sqlite:PATH or postgres://… (env KATALOG_DB; default sqlite:./katalog.db)")
	pf.StringVar(&a.addr, "addr", "", "listen address (env KATALOG_ADDR; default 127.0.0.1:8080)")
	pf.StringVar(&a.baseURL, "base-url", "", "absolute URL under which IRIs and links are minted (env KATALOG_BASE_URL; default http://<addr>)")
	a.flags = pf
	root.AddCommand(
		a.versionCmd(),
		a.serveCmd(),
		a.agenciesCmd(),
		a.exportCmd(),
		a.convertCmd(),
		a.importCmd(),
		a.checkCmd(),
		a.validateCmd(),
		a.feedCmd(),
		a.scoreCmd(),
		a.reportCmd(),
		a.portalCmd(),
	)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error { return usageErr("%v", err) })
	return root
}

func envHelp() string {
	var b strings.Builder
	for _, e := range config.EnvVars() {
		fmt.Fprintf(&b, "  %-26s %s\n", e.Name, e.Usage)
	}
	fmt.Fprintf(&b, "  %-26s %s\n", "KATALOG_CONFIG", "YAML config file")
	return b.String()
}

// config resolves the configuration: defaults < file < environment < flags.
func (a *app) config() (config.Config, error) {
	c := config.Default()
	file := a.configFile
	if file == "" {
		file, _ = a.lookup("KATALOG_CONFIG")
	}
	if file != "" {
		if err := c.LoadFile(file); err != nil {
			return c, usageErr("%v", err)
		}
	}
	if err := c.ApplyEnv(a.lookup); err != nil {
		return c, usageErr("%v", err)
	}
	if a.flags.Changed("db") {
		c.DB = a.db
	}
	if a.flags.Changed("addr") {
		c.Addr = a.addr
	}
	if a.flags.Changed("base-url") {
		c.BaseURL = a.baseURL
	}
	if err := c.Validate(); err != nil {
		return c, usageErr("invalid settings:\n%v", err)
	}
	return c, nil
}

// openStore opens the configured store.
func (a *app) openStore(c config.Config) (*sqlstore.Store, error) {
	driver, dsn, err := c.Database()
	if err != nil {
		return nil, usageErr("db: %v", err)
	}
	s, err := store.Open(a.ctx, driver, dsn)
	if err != nil {
		return nil, err
	}
	return s, nil
}

// configStore reads the configuration and opens its store; the caller
// closes the store.
func (a *app) configStore() (config.Config, *sqlstore.Store, error) {
	c, err := a.config()
	if err != nil {
		return c, nil, err
	}
	st, err := a.openStore(c)
	return c, st, err
}

func (a *app) logger(c config.Config) *slog.Logger {
	var level slog.Level
	_ = level.UnmarshalText([]byte(c.Log.Level))
	opts := &slog.HandlerOptions{Level: level}
	if c.Log.Format == "json" {
		return slog.New(slog.NewJSONHandler(a.stderr, opts))
	}
	return slog.New(slog.NewTextHandler(a.stderr, opts))
}

func (a *app) versionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print katalog's version",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			v := version
			if commit != "" {
				v += " (" + commit + ")"
			}
			fmt.Fprintln(a.stdout, "katalog", v)
			return nil
		},
	}
}
