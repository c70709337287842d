// Package schedule runs katalog's recurring work: a harvest-readiness check
// of every agency that has a harvest URL, and a discovery check (its
// catalog looked for at the portal's conventional address) of every agency
// with only a homepage, on the agency's own cron spec
// (catalog.Agency.CheckSchedule, DefaultSpec when empty), and global jobs
// such as trend reports, by name and spec.
//
// It wraps github.com/robfig/cron/v3 with the policy katalog needs when
// several instances share one database:
//
//   - Specs are read in one time zone (Europe/Stockholm by default).
//     "@every d" ticks are aligned to multiples of d, so every instance
//     agrees on when a tick is due.
//   - A job never overlaps itself in one process (cron's SkipIfStillRunning
//     and an in-process guard that survives re-registration), and each tick
//     first takes the store lease on the job ("check:<org>" for checks),
//     valid for MaxRun, which is also the run's timeout.
//   - Each tick is logged in the store's run log under its activation time;
//     the log holds one run per job and activation, so of several instances
//     exactly one runs a given tick, even when their clocks differ a little.
//   - A check writes a catalog.CheckRecord: "running" at the start, then
//     "ok" (with the runner's verdict) or "failed". A discovery check writes
//     its record at the end, and only when it found a catalog (or a ready
//     verdict would otherwise outlive its endpoint): an agency with no
//     catalog at the conventional address has no check history, not a
//     broken one.
//   - Missed activations are not caught up. When a job is registered (on
//     Start, or when Sync finds a new one) and the schedule's latest
//     activation, older than MissedGrace, is later than the job's last run,
//     that activation is recorded as missed (a check record with trigger and
//     status "missed"). Older missed activations are not listed one by one.
//
// The check itself is a Runner passed in (internal/check's work), so this
// package depends on catalog alone.
package schedule
