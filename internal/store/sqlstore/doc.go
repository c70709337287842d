// Package sqlstore is katalog's one SQL store: every store interface of
// package catalog (Store, JobStore, ScoreStore, ReportStore,
// ImportStateStore) implemented once over database/sql, with the queries,
// the row scanning and the stored dataset document shared by the databases
// it runs on. What a database does its own way is its Dialect, supplied by a
// thin package that also opens the connections and holds the migrations:
// internal/store/sqlite (the embedded database) and internal/store/postgres
// (several instances sharing one database).
//
// The semantics both dialects give:
//
//   - Every catalog write is one transaction that first bumps the single
//     catalog_revision row (Dialect.BumpRevision), which also serialises
//     catalog writes: SQLite has one writer connection whose transactions
//     begin IMMEDIATE, PostgreSQL locks the row. A write that changes
//     nothing (a sync of unchanged content, a register load of known facts)
//     rolls back and leaves the revision alone.
//   - The job tables (leases, the run log, checks), scores, reports and
//     import states are written one statement at a time and move no
//     revision, so feeds keep their ETags.
//   - Times are stored to the microsecond and read in UTC.
//   - Every error a method returns has been through Dialect.Classify, so a
//     database that is away answers catalog.ErrUnavailable and a full disk
//     catalog.ErrStorageFull, reads and writes alike.
//
// Queries are written once with ? placeholders; Dialect.Rebind spells them
// for the database.
package sqlstore
