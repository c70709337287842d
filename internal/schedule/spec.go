package schedule

import (
	"fmt"
	"hash/fnv"
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

// Validate checks a cron spec as agencies and the configuration may give
// it: five fields or a descriptor such as @daily or "@every 2h". The error
// says what is wrong and what is accepted, fit to show to a user.
func Validate(spec string) error {
	_, err := parse(newParser(false), spec)
	return err
}

// ParseError is Validate's cause alone, without the help text: for callers
// that word their own message around it (the API's problem details).
func ParseError(spec string) error {
	_, err := safeParse(newParser(false), spec)
	return err
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

// parse reads spec with p, turning "@every" into an aligned schedule. It
// is the one place katalog reads cron specs: the API's agency schema, the
// configuration's report schedule and the scheduler all come here.
func parse(p cron.Parser, spec string) (cron.Schedule, error) {
	sched, err := safeParse(p, spec)
	if err != nil {
		return nil, fmt.Errorf("invalid cron spec %q: %w; %s", spec, err, specHelp)
	}
	if every, ok := sched.(cron.ConstantDelaySchedule); ok {
		return alignedEvery{every.Delay}, nil
	}
	return sched, nil
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
