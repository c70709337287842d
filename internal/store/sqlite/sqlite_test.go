package sqlite

import (
	"bufio"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/internal/store/sqlstore"
	"github.com/katalog-se/katalog/internal/store/storetest"
	"github.com/pressly/goose/v3"
)

// openTemp opens a store in a new file under t's temporary directory.
func openTemp(t testing.TB) (*Store, string) {
	t.Helper()
	s, _, path := openHandles(t)
	return s, path
}

// openHandles is openTemp, also returning the store's database handles.
func openHandles(t testing.TB) (*Store, handles, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "katalog.db")
	s, h, err := open(context.Background(), path)
	return storetest.Opened(t, s, err), h, path
}

func TestStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T) catalog.Store {
		s, _ := openTemp(t)
		return s
	})
}

func TestStoreInMemory(t *testing.T) {
	storetest.Run(t, func(t *testing.T) catalog.Store {
		s, err := Open(context.Background(), ":memory:")
		return storetest.Opened(t, s, err)
	})
}

func TestJobStore(t *testing.T) {
	storetest.RunJobs(t, func(t *testing.T) func() storetest.JobStore {
		path := filepath.Join(t.TempDir(), "katalog.db")
		return func() storetest.JobStore {
			s, err := Open(t.Context(), path)
			return storetest.Opened(t, s, err)
		}
	})
}

func TestReopenKeepsData(t *testing.T) {
	ctx := context.Background()
	s, path := openTemp(t)
	a := storetest.NewAgency(storetest.OrgDigg)
	if err := s.CreateAgency(ctx, a, []byte("hash")); err != nil {
		t.Fatal(err)
	}
	d := storetest.NewDataset(storetest.OrgDigg, "ds-1", 1)
	if err := s.CreateDataset(ctx, d); err != nil {
		t.Fatal(err)
	}
	rev, err := s.Revision(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if err := s.Ping(ctx); err == nil {
		t.Error("Ping on a closed store succeeded")
	}

	// Opening again applies no migration twice and finds everything.
	s, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got, err := s.Dataset(ctx, storetest.OrgDigg, "ds-1")
	if err != nil {
		t.Fatal(err)
	}
	if got.Title["sv"] != d.Title["sv"] || !got.CreatedAt.Equal(d.CreatedAt) {
		t.Errorf("after reopen: %+v", got)
	}
	if r, err := s.Revision(ctx, ""); err != nil || r != rev {
		t.Errorf("revision after reopen %+v, %v; want %+v", r, err, rev)
	}
	if tok, err := s.TokenByHash(ctx, []byte("hash"), time.Now()); err != nil || tok.Agency != storetest.OrgDigg {
		t.Errorf("token after reopen %+v, %v", tok, err)
	}
}

func TestPragmas(t *testing.T) {
	_, h, _ := openHandles(t)
	ctx := context.Background()
	for _, c := range []struct {
		db   string
		q    string
		want string
	}{
		{"writer", "PRAGMA journal_mode", "wal"},
		{"writer", "PRAGMA foreign_keys", "1"},
		{"writer", "PRAGMA synchronous", "2"}, // FULL
		{"writer", "PRAGMA busy_timeout", strconv.Itoa(busyTimeoutMS)},
		{"reader", "PRAGMA journal_mode", "wal"},
		{"reader", "PRAGMA query_only", "1"},
		{"reader", "PRAGMA busy_timeout", strconv.Itoa(busyTimeoutMS)},
	} {
		db := h.w
		if c.db == "reader" {
			db = h.r
		}
		var got string
		if err := db.QueryRowContext(ctx, c.q).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != c.want {
			t.Errorf("%s: %s = %s, want %s", c.db, c.q, got, c.want)
		}
	}
	if h.w.Stats().MaxOpenConnections != 1 {
		t.Errorf("writer pool allows %d connections", h.w.Stats().MaxOpenConnections)
	}
	// Readers cannot write.
	if _, err := h.r.ExecContext(ctx, "DELETE FROM agencies"); err == nil {
		t.Error("a reader connection wrote")
	}
}

func TestOpenRefusesBadPath(t *testing.T) {
	if _, err := Open(context.Background(), ""); err == nil {
		t.Error("Open(\"\") succeeded")
	}
	if _, err := Open(context.Background(), filepath.Join(t.TempDir(), "no", "such", "dir", "k.db")); err == nil {
		t.Error("Open in a missing directory succeeded")
	}
}

func TestDatasetHash(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	if err := s.CreateAgency(ctx, storetest.NewAgency(storetest.OrgDigg), nil); err != nil {
		t.Fatal(err)
	}
	d := storetest.NewDataset(storetest.OrgDigg, "a", 1)
	if err := s.CreateDataset(ctx, d); err != nil {
		t.Fatal(err)
	}
	h1, err := s.DatasetHash(ctx, storetest.OrgDigg, "a")
	if err != nil || len(h1) != 64 {
		t.Fatalf("DatasetHash = %q, %v", h1, err)
	}
	if err := s.ReplaceDataset(ctx, storetest.NewDataset(storetest.OrgDigg, "a", 1)); err != nil {
		t.Fatal(err)
	}
	if h, _ := s.DatasetHash(ctx, storetest.OrgDigg, "a"); h != h1 {
		t.Error("same content, new hash")
	}
	if err := s.ReplaceDataset(ctx, storetest.NewDataset(storetest.OrgDigg, "a", 2)); err != nil {
		t.Fatal(err)
	}
	if h, _ := s.DatasetHash(ctx, storetest.OrgDigg, "a"); h == h1 {
		t.Error("new content, same hash")
	}
	if _, err := s.DatasetHash(ctx, storetest.OrgSCB, "a"); !errors.Is(err, catalog.ErrNotFound) {
		t.Errorf("hash under another agency: %v", err)
	}
}

// crashChildEnv names the database a re-executed test binary writes to until
// it is killed.
const crashChildEnv = "KATALOG_SQLITE_CRASH_CHILD_DB"

// TestCrashChild is the child of TestSurvivesKill; it does nothing in a
// normal run.
func TestCrashChild(t *testing.T) {
	path := os.Getenv(crashChildEnv)
	if path == "" {
		t.Skip("runs only as the child of TestSurvivesKill")
	}
	ctx := context.Background()
	s, err := Open(ctx, path)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	if err := s.CreateAgency(ctx, storetest.NewAgency(storetest.OrgDigg), nil); err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	for i := 0; ; i++ {
		if err := s.CreateDataset(ctx, storetest.NewDataset(storetest.OrgDigg, fmt.Sprintf("ds-%06d", i), i)); err != nil {
			fmt.Println("error", err)
			os.Exit(1)
		}
		fmt.Println("committed", i) // the parent kills us at some point
	}
}

// TestSurvivesKill kills a process that writes in a loop and checks that
// every write it reported committed is in the database afterwards.
func TestSurvivesKill(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a child process")
	}
	path := filepath.Join(t.TempDir(), "crash.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.v=false")
	cmd.Env = append(os.Environ(), crashChildEnv+"="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	committed := -1
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "error") {
			t.Fatalf("child: %s", line)
		}
		if n, ok := strings.CutPrefix(line, "committed "); ok {
			committed, _ = strconv.Atoi(n)
			if committed == 50 {
				if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
					t.Fatal(err)
				}
				break
			}
		}
	}
	cmd.Wait()
	if committed < 50 {
		t.Fatalf("child stopped after %d writes", committed)
	}

	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	n, err := s.CountDatasets(context.Background(), storetest.OrgDigg)
	if err != nil {
		t.Fatal(err)
	}
	if n < committed+1 {
		t.Errorf("%d datasets after the kill, but %d were committed", n, committed+1)
	}
	for i := 0; i <= committed; i++ {
		if _, err := s.Dataset(context.Background(), storetest.OrgDigg, fmt.Sprintf("ds-%06d", i)); err != nil {
			t.Errorf("committed dataset %d: %v", i, err)
		}
	}
}

// benchStore returns a store with three agencies and n datasets.
func benchStore(b *testing.B, n int) *Store {
	b.Helper()
	s, _ := openTemp(b)
	ctx := context.Background()
	orgs := []catalog.OrgNumber{storetest.OrgDigg, storetest.OrgSCB, storetest.OrgLM}
	byOrg := make(map[catalog.OrgNumber][]*catalog.Dataset)
	for i := 0; i < n; i++ {
		org := orgs[i%len(orgs)]
		byOrg[org] = append(byOrg[org], storetest.NewDataset(org, fmt.Sprintf("%08d-0000-4000-8000-000000000000", i), i))
	}
	// One transaction an agency: the benchmark measures reading.
	for _, org := range orgs {
		if err := s.CreateAgency(ctx, storetest.NewAgency(org), nil); err != nil {
			b.Fatal(err)
		}
		if _, err := s.SyncDatasets(ctx, org, byOrg[org]); err != nil {
			b.Fatal(err)
		}
	}
	return s
}

// BenchmarkEachDataset walks 10,000 datasets as a feed does.
func BenchmarkEachDataset(b *testing.B) {
	const n = 10000
	s := benchStore(b, n)
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		count := 0
		err := s.EachDataset(ctx, "", func(d *catalog.Dataset) error {
			count += len(d.Distributions)
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
		if count != 2*n {
			b.Fatalf("%d distributions", count)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/dataset")
}

// BenchmarkCreateDataset creates datasets one transaction each, with FULL
// synchronous commits.
func BenchmarkCreateDataset(b *testing.B) {
	s, _ := openTemp(b)
	ctx := context.Background()
	if err := s.CreateAgency(ctx, storetest.NewAgency(storetest.OrgDigg), nil); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		d := storetest.NewDataset(storetest.OrgDigg, fmt.Sprintf("ds-%09d", i), i)
		if err := s.CreateDataset(ctx, d); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

func TestScoreStore(t *testing.T) {
	storetest.RunScores(t, func(t *testing.T) storetest.ScoreStore {
		s, _ := openTemp(t)
		return s
	})
}

func TestReportStore(t *testing.T) {
	storetest.RunReports(t, func(t *testing.T) storetest.ReportStore {
		s, _ := openTemp(t)
		return s
	})
	t.Run("TriggersRefuseChanges", func(t *testing.T) {
		s, h, _ := openHandles(t)
		r := &catalog.ReportRecord{ID: "r1", ModelVersion: "2026.1", Indicators: []byte(`[]`), Body: []byte(`{}`)}
		if err := s.InsertReport(t.Context(), r); err != nil {
			t.Fatal(err)
		}
		for _, q := range []string{"UPDATE reports SET body = '{\"x\":1}'", "DELETE FROM reports"} {
			if _, err := h.w.ExecContext(t.Context(), q); err == nil || !strings.Contains(err.Error(), "immutable") {
				t.Errorf("%s: %v, want refused as immutable", q, err)
			}
		}
	})
}

func TestLinks(t *testing.T) {
	storetest.RunLinks(t, func(t *testing.T) storetest.LinkStore {
		s, _ := openTemp(t)
		return s
	})
}

func TestGoneFileIsUnavailable(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "katalog.db")
	s, err := Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Ping(t.Context()); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{path, path + "-wal", path + "-shm"} {
		os.Remove(f)
	}
	if err := s.Ping(t.Context()); !errors.Is(err, catalog.ErrUnavailable) {
		t.Errorf("Ping with the file gone: %v, want ErrUnavailable", err)
	}
	err = s.CreateAgency(t.Context(), storetest.NewAgency(storetest.OrgDigg), nil)
	if !errors.Is(err, catalog.ErrUnavailable) {
		t.Errorf("a write with the file gone: %v, want ErrUnavailable", err)
	}
}

func TestObserved(t *testing.T) {
	storetest.RunObserved(t, func(t *testing.T) catalog.Store {
		s, _ := openTemp(t)
		return s
	})
}

func TestTokens(t *testing.T) {
	storetest.RunTokens(t, func(t *testing.T) catalog.Store {
		s, _ := openTemp(t)
		return s
	})
}

// TestTokenMigration: an agency's one token, kept in agencies.token_hash
// before several tokens were possible, is its token named "initial" after
// the upgrade.
func TestTokenMigration(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	p, err := sqlstore.Migrations(db, goose.DialectSQLite3, migrations, "migrations")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.UpTo(ctx, 8); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`INSERT INTO agencies (org_number, name, token_hash, revision, modified, created, updated)
		VALUES ('2021006883', '{"sv":"Digg"}', X'68617368', 1, '2026-01-01T00:00:00.000000Z', '2026-01-01T00:00:00.000000Z', '2026-01-01T00:00:00.000000Z')`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	tok, err := s.TokenByHash(ctx, []byte("hash"), time.Now())
	if err != nil || tok.Agency != storetest.OrgDigg || tok.Name != "initial" {
		t.Fatalf("the old token after the upgrade: %+v %v", tok, err)
	}
}

func TestChanges(t *testing.T) {
	storetest.RunChanges(t, func(t *testing.T) catalog.Store {
		s, _ := openTemp(t)
		return s
	})
}

// TestHistoryBackfill: a database written before the history existed gets
// one, from the agencies and datasets it holds.
func TestHistoryBackfill(t *testing.T) {
	ctx := context.Background()
	s, path := openTemp(t)
	storetest.SeedBackfill(t, s)
	s.Close()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	p, err := sqlstore.Migrations(db, goose.DialectSQLite3, migrations, "migrations")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.DownTo(ctx, 14); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("DELETE FROM changes"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	s, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	storetest.CheckBackfill(t, s)
}

func TestHistory(t *testing.T) {
	storetest.RunHistory(t, func(t *testing.T) storetest.HistoryStore {
		s, _ := openTemp(t)
		return s
	})
}

func TestLinkQueue(t *testing.T) {
	storetest.RunLinkQueue(t, func(t *testing.T) func() storetest.LinkQueueStore {
		path := filepath.Join(t.TempDir(), "katalog.db")
		return func() storetest.LinkQueueStore {
			s, err := Open(t.Context(), path)
			return storetest.Opened(t, s, err)
		}
	})
}

func TestNotify(t *testing.T) {
	storetest.RunNotify(t, func(t *testing.T) func() storetest.NotifyStore {
		path := filepath.Join(t.TempDir(), "katalog.db")
		return func() storetest.NotifyStore {
			s, err := Open(t.Context(), path)
			return storetest.Opened(t, s, err)
		}
	})
}
