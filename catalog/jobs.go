package catalog

import (
	"context"
	"encoding/json"
	"time"
)

// Triggers of a check: what started it.
const (
	// TriggerSchedule is a run the scheduler started at a cron activation.
	TriggerSchedule = "schedule"
	// TriggerManual is a run someone asked for through the API.
	TriggerManual = "manual"
	// TriggerMissed marks an activation that passed while no instance ran:
	// the record says so and nothing is caught up.
	TriggerMissed = "missed"
)

// Statuses of a check or a job run.
const (
	// StatusRunning is a run that has started and not yet finished (or
	// whose instance died before it could say so).
	StatusRunning = "running"
	// StatusOK is a run that finished; for a check, Ready says how it went.
	StatusOK = "ok"
	// StatusFailed is a run that could not complete (an error, a timeout).
	StatusFailed = "failed"
	// StatusMissed is an activation nobody ran.
	StatusMissed = "missed"
)

// ValidTrigger reports whether t is one of the Trigger constants.
func ValidTrigger(t string) bool {
	return t == TriggerSchedule || t == TriggerManual || t == TriggerMissed
}

// ValidStatus reports whether s is one of the Status constants.
func ValidStatus(s string) bool {
	return s == StatusRunning || s == StatusOK || s == StatusFailed || s == StatusMissed
}

// Leaser hands out leases on named jobs, so that of several instances
// sharing one database only one runs a job at a time. A lease is a row
// (job, holder, until); it needs no clean-up: an expired lease is free.
type Leaser interface {
	// TryLease takes or renews the lease on job for holder until the given
	// time. It is granted (true) when the job has no lease, the lease has
	// expired, or holder already holds it; otherwise it returns false and
	// changes nothing. The test and the write are one atomic statement.
	TryLease(ctx context.Context, job, holder string, until time.Time) (bool, error)
	// ReleaseLease gives up holder's lease on job. Releasing a lease that
	// holder does not hold (expired and taken by another, or never taken)
	// does nothing and is not an error.
	ReleaseLease(ctx context.Context, job, holder string) error
}

// CheckRecord is one harvest-readiness check of an agency's endpoint, as
// kept in its history.
type CheckRecord struct {
	// ID is assigned by InsertCheck; it grows with every record.
	ID     int64     `json:"id"`
	Agency OrgNumber `json:"agency"`
	// URL is the endpoint checked (the agency's HarvestURL at the time).
	URL string `json:"url"`
	// Trigger is TriggerSchedule, TriggerManual or TriggerMissed.
	Trigger string `json:"trigger"`
	// StartedAt is when the run started; for a missed record, the
	// activation that was missed.
	StartedAt time.Time `json:"startedAt"`
	// FinishedAt is when the run ended; zero while running.
	FinishedAt time.Time `json:"finishedAt,omitzero"`
	// Ready is the check's verdict; false unless Status is StatusOK.
	Ready bool `json:"ready"`
	// Status is StatusRunning, StatusOK, StatusFailed or StatusMissed.
	Status string `json:"status"`
	// Result is the check's report as JSON (or an error object); empty
	// when there is none.
	Result json.RawMessage `json:"result,omitempty"`
}

// CheckStore keeps the history of readiness checks.
type CheckStore interface {
	// InsertCheck adds r to its agency's history and sets r.ID. A zero
	// StartedAt is set to now; times are stored to the microsecond, and r's
	// are truncated so that they equal what reading returns. ErrNotFound if
	// the agency is absent; an error if Trigger, Status or Result is invalid.
	InsertCheck(ctx context.Context, r *CheckRecord) error
	// UpdateCheck stores r's Status, Ready, FinishedAt and Result (the rest
	// is fixed at insertion). ErrNotFound if the agency has no check r.ID.
	UpdateCheck(ctx context.Context, r *CheckRecord) error
	// Check returns one of org's checks. ErrNotFound if org has no check id.
	Check(ctx context.Context, org OrgNumber, id int64) (*CheckRecord, error)
	// Checks lists one page of org's checks, newest (by StartedAt, then ID)
	// first, with the count of all of org's checks. A Limit below 1 lists all.
	Checks(ctx context.Context, org OrgNumber, p Page) ([]CheckRecord, int, error)
	// LatestCheck returns org's newest check. ErrNotFound if it has none.
	LatestCheck(ctx context.Context, org OrgNumber) (*CheckRecord, error)
	// InterruptChecks marks every check still running that started before
	// cutoff as failed at now, with an error result saying it was
	// interrupted (its instance died), and returns how many it marked.
	InterruptChecks(ctx context.Context, cutoff, now time.Time) (int, error)
}

// JobRun is one activation of a scheduled job (a check of one agency, a
// report) in the run log. The log holds at most one run per job and
// activation, which is how instances sharing a database run each
// activation once, and how a missed activation is told from one that ran.
type JobRun struct {
	// ID is assigned by StartRun.
	ID int64 `json:"id"`
	// Job names the job, e.g. "check:2021006883" or "report".
	Job string `json:"job"`
	// Scheduled is the cron activation the run belongs to.
	Scheduled time.Time `json:"scheduled"`
	// Holder names the instance that ran it; empty for a missed run.
	Holder string `json:"holder,omitempty"`
	// Status is StatusRunning, StatusOK, StatusFailed or StatusMissed.
	Status string `json:"status"`
	// StartedAt and FinishedAt bound the run (FinishedAt zero while running).
	StartedAt  time.Time `json:"startedAt"`
	FinishedAt time.Time `json:"finishedAt,omitzero"`
	// Error is why a failed run failed.
	Error string `json:"error,omitempty"`
}

// JobLog is the run log of scheduled jobs.
type JobLog interface {
	// StartRun records r and sets r.ID. ErrConflict if the job already has
	// a run for r.Scheduled: another instance ran (or is running) that
	// activation, or it was recorded missed. A zero StartedAt is set to now;
	// times are truncated to the microsecond as stored.
	StartRun(ctx context.Context, r *JobRun) error
	// FinishRun stores r's Status, FinishedAt and Error. ErrNotFound if
	// there is no run r.ID.
	FinishRun(ctx context.Context, r *JobRun) error
	// LastRun returns job's run with the latest Scheduled time, whatever its
	// status. ErrNotFound if the job never ran.
	LastRun(ctx context.Context, job string) (*JobRun, error)
}

// JobStore is what the scheduler needs of a store besides agencies: leases,
// the run log and the check history.
type JobStore interface {
	Leaser
	JobLog
	CheckStore
}

// Pruned counts what one pruning of the history removed.
type Pruned struct {
	Checks int `json:"checks"`
	Scores int `json:"scores"`
	Runs   int `json:"runs"`
	// Deliveries (sent or failed), Notifications (told) and LinkCycles
	// (done or superseded) older than the cut-off.
	Deliveries    int `json:"deliveries"`
	Notifications int `json:"notifications"`
	LinkCycles    int `json:"linkCycles"`
}

// HistoryStore bounds the history katalog keeps, which grows with every
// check.
type HistoryStore interface {
	// PruneHistory removes each agency's check records and scores, and each
	// job's runs in the run log, that are beyond the newest keep or older
	// than before; the newest of each always stays (the score reads the
	// latest check, the scheduler the latest run). keep below 1 counts as 1.
	// It also removes what the notifications and the link queue are done
	// with and is older than before.
	PruneHistory(ctx context.Context, keep int, before time.Time) (Pruned, error)
}
