package schedule

import (
	"fmt"
	"hash/fnv"
	"strings"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/katalog-se/katalog/catalog"
)

// Window of DefaultSpec: checks start between defaultHour:00 and
// defaultHour+defaultSlots/60 o'clock, a minute chosen per agency.
const (
	defaultHour  = 2
	defaultSlots = 120
)

// DefaultSpec returns the check schedule of an agency that has set none:
// daily at a minute between 02:00 and 03:59, chosen by a hash of the
// organisation number so that checks do not all start at once and an
// agency keeps its minute across restarts and instances.
func DefaultSpec(org catalog.OrgNumber) string {
	h := fnv.New32a()
	h.Write([]byte(org))
	slot := h.Sum32() % defaultSlots
	return fmt.Sprintf("%d %d * * *", slot%60, defaultHour+slot/60)
}

// DefaultMinInterval is the floor on agencies' check schedules
// (check.minInterval): a spec that runs more often is refused by the API
// and, stored already, replaced by DefaultSpec. Every check adds to the
// check and score history, and costs the agency's server a download.
const DefaultMinInterval = time.Hour

// TooFrequentError says that a check schedule runs more often than the
// floor allows.
type TooFrequentError struct {
	Spec string
	// Interval is the shortest time between two of its runs; Floor the
	// least allowed.
	Interval, Floor time.Duration
}

// Error implements error.
func (e *TooFrequentError) Error() string {
	return fmt.Sprintf("%q runs every %s; checks may run at most once every %s (check.minInterval)", e.Spec, FormatDuration(e.Interval), FormatDuration(e.Floor))
}

// FormatDuration writes d without trailing zero units ("1h", "90m", "1s").
func FormatDuration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

// specHelp explains the accepted forms in errors.
const specHelp = `want five fields "minute hour day-of-month month day-of-week" (e.g. "0 3 * * *") or a descriptor (@daily, @weekly, @every 6h …)`

// newParser returns a parser of five-field specs and descriptors, and also
// of six-field ones beginning with seconds if seconds is set.
func newParser(seconds bool) cron.Parser {
	fields := cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor
	if seconds {
		fields |= cron.SecondOptional
	}
	return cron.NewParser(fields)
}

// Validate checks a cron spec as the configuration may give it: five
// fields or a descriptor such as @daily or "@every 2h". The error says what
// is wrong and what is accepted, fit to show to a user.
func Validate(spec string) error {
	_, err := parse(newParser(false), spec, 0)
	return err
}

// ValidateCheck checks an agency's check schedule: a spec Validate accepts
// whose runs are at least floor apart (DefaultMinInterval when floor is
// 0); below it the error is a *TooFrequentError.
func ValidateCheck(spec string, floor time.Duration) error {
	_, err := parse(newParser(false), spec, orDefault(floor, DefaultMinInterval))
	return err
}

// ParseError is Validate's cause alone, without the help text: for callers
// that word their own message around it (the API's problem details).
func ParseError(spec string) error {
	_, err := safeParse(newParser(false), spec)
	return err
}

// FloorError is the *TooFrequentError of an agency's check schedule that
// parses but runs more often than floor (DefaultMinInterval when 0), nil
// otherwise (a spec that does not parse is ParseError's).
func FloorError(spec string, floor time.Duration) error {
	sched, err := safeParse(newParser(false), spec)
	if err != nil {
		return nil
	}
	return checkFloor(spec, sched, orDefault(floor, DefaultMinInterval))
}

// safeParse calls p.Parse, turning a panic into an error.
func safeParse(p cron.Parser, spec string) (sched cron.Schedule, err error) {
	defer func() {
		if r := recover(); r != nil {
			sched, err = nil, fmt.Errorf("unparsable (%v)", r)
		}
	}()
	return p.Parse(spec)
}

// parse reads spec with p, turning "@every" into an aligned schedule, and
// refuses one whose runs come closer together than floor (none when floor
// is 0) with a *TooFrequentError. It is the one place katalog reads cron
// specs: the API's agency schema, the configuration's report schedule and
// the scheduler all come here.
func parse(p cron.Parser, spec string, floor time.Duration) (cron.Schedule, error) {
	sched, err := safeParse(p, spec)
	if err != nil {
		return nil, fmt.Errorf("invalid cron spec %q: %w; %s", spec, err, specHelp)
	}
	if every, ok := sched.(cron.ConstantDelaySchedule); ok {
		sched = alignedEvery{every.Delay}
	}
	if err := checkFloor(spec, sched, floor); err != nil {
		return nil, err
	}
	return sched, nil
}

// floorProbe bounds the search for the shortest interval of a schedule:
// the runs of a year from a fixed start, at most this many.
const floorProbe = 20_000

// floorStart is where the search starts: fixed, so that a spec is judged
// the same whenever it is read.
var floorStart = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// checkFloor returns a *TooFrequentError when two runs of sched come
// closer together than floor (floor > 0).
func checkFloor(spec string, sched cron.Schedule, floor time.Duration) error {
	if floor <= 0 {
		return nil
	}
	if gap, ok := shortestInterval(sched, floor); ok && gap < floor {
		return &TooFrequentError{Spec: spec, Interval: gap, Floor: floor}
	}
	return nil
}

// shortestInterval is the shortest time between two consecutive runs of
// sched over a year (it stops at the first below floor); false when sched
// runs less than twice in that year.
func shortestInterval(sched cron.Schedule, floor time.Duration) (time.Duration, bool) {
	if a, ok := sched.(alignedEvery); ok {
		return a.d, true
	}
	end := floorStart.AddDate(1, 0, 0)
	prev := sched.Next(floorStart)
	shortest, found := time.Duration(0), false
	for range floorProbe {
		if prev.IsZero() || prev.After(end) {
			break
		}
		next := sched.Next(prev)
		if next.IsZero() {
			break
		}
		if gap := next.Sub(prev); !found || gap < shortest {
			shortest, found = gap, true
			if gap < floor {
				break
			}
		}
		prev = next
	}
	return shortest, found
}

// alignedEvery fires at the multiples of d (counted from the zero time, in
// UTC), unlike cron's "@every", which counts from when the job was added:
// instances started at different times agree on the ticks.
type alignedEvery struct{ d time.Duration }

// Next returns the first multiple of d after t.
func (a alignedEvery) Next(t time.Time) time.Time { return t.Truncate(a.d).Add(a.d) }

// maxLookback bounds the search for an activation: cron gives up on specs
// that do not fire within five years.
const maxLookback = 6 * 366 * 24 * time.Hour

// prevActivation returns the latest activation of sched at or before t,
// false if there is none within maxLookback.
func prevActivation(sched cron.Schedule, t time.Time) (time.Time, bool) {
	if a, ok := sched.(alignedEvery); ok {
		return t.Truncate(a.d), true
	}
	// Widen a window back from t until it holds an activation, then walk
	// forward to the last one: few steps, since the previous, half-as-wide
	// window held none.
	for w := time.Second; w <= maxLookback; w *= 2 {
		n := sched.Next(t.Add(-w))
		if n.IsZero() {
			return time.Time{}, false
		}
		if n.After(t) {
			continue
		}
		for range 1 << 20 {
			m := sched.Next(n)
			if m.IsZero() || m.After(t) {
				break
			}
			n = m
		}
		return n, true
	}
	return time.Time{}, false
}
