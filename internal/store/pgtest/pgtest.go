// Package pgtest gives tests a PostgreSQL schema of their own on the test
// database named by KATALOG_TEST_POSTGRES_DSN; without it they skip.
package pgtest

import (
	"context"
	"crypto/rand"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
)

// DSNEnv names the variable that points the tests at a PostgreSQL database
// they may create schemas in.
const DSNEnv = "KATALOG_TEST_POSTGRES_DSN"

// DSN returns the test database's DSN, or skips t.
func DSN(t testing.TB) string {
	t.Helper()
	dsn := os.Getenv(DSNEnv)
	if dsn == "" {
		t.Skipf("%s is not set: no PostgreSQL to test against", DSNEnv)
	}
	return dsn
}

// WithSearchPath returns dsn (a URL or key=value string) with its
// search_path set to schema.
func WithSearchPath(t testing.TB, dsn, schema string) string {
	t.Helper()
	if !strings.Contains(dsn, "://") {
		return dsn + " search_path=" + schema
	}
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatalf("%s: %v", DSNEnv, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// Schema creates a schema of its own for t, dropped when t ends, and
// returns a DSN whose connections use it. Call it before opening stores on
// it, so that the drop runs after they have closed.
func Schema(t testing.TB) string {
	t.Helper()
	dsn := DSN(t)
	schema := "katalog_test_" + strings.ToLower(rand.Text()[:12])
	exec := func(sql string) error {
		ctx := context.Background()
		conn, err := pgx.Connect(ctx, dsn)
		if err != nil {
			return err
		}
		defer conn.Close(ctx)
		_, err = conn.Exec(ctx, sql)
		return err
	}
	if err := exec("CREATE SCHEMA " + schema); err != nil {
		t.Fatalf("create schema on %s: %v", DSNEnv, err)
	}
	t.Cleanup(func() {
		if err := exec("DROP SCHEMA " + schema + " CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
	})
	return WithSearchPath(t, dsn, schema)
}
