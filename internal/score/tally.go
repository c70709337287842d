package score

import (
	"fmt"
	"strings"

	"github.com/katalog-se/katalog/dcat"
)

// notChecked is the evidence value of an input that has not been produced.
const notChecked = "not yet checked"

// subject names what a test looked at without building its IRI: a
// dataset, or a distribution or data service inside one, and whether it
// was read from the agency's own catalog (own) rather than katalog. The
// IRI is built only for the one subject that ends up in evidence.
type subject struct {
	dataset string
	part    string
	service bool
	own     bool
}

// where says, after a subject's IRI in evidence, that it came from the
// agency's own catalog ("" for a hosted one).
func (s subject) where() string {
	if s.own {
		return " (in the agency's own catalog)"
	}
	return ""
}

func (s subject) less(o subject) bool {
	if s.dataset != o.dataset {
		return s.dataset < o.dataset
	}
	if s.service != o.service {
		return !s.service
	}
	return s.part < o.part
}

// IRI is the subject's IRI as katalog's mapper mints it.
func (s subject) IRI() string {
	switch {
	case s.part == "":
		return s.dataset
	case s.service:
		return dcat.DataServiceIRI(s.dataset, s.part)
	}
	return dcat.DistributionIRI(s.dataset, s.part)
}

// tally counts how many of a population pass a test and keeps, as an
// example, the failing subject with the smallest IRI, so that evidence does
// not depend on the order datasets are streamed in.
type tally struct {
	pass, pop int
	unchecked int
	seen      bool
	subject   subject
	value     string
}

// add counts one subject; value is what was found on a failing subject.
func (t *tally) add(ok bool, subj subject, value string) {
	t.pop++
	if ok {
		t.pass++
		return
	}
	if value == notChecked {
		t.unchecked++
	}
	if !t.seen || subj.less(t.subject) {
		t.seen, t.subject, t.value = true, subj, value
	}
}

// ratio is the passing share, 0 for an empty population.
func (t *tally) ratio() float64 {
	if t.pop == 0 {
		return 0
	}
	return float64(t.pass) / float64(t.pop)
}

// full reports that a non-empty population passes entirely.
func (t *tally) full() bool { return t.pop > 0 && t.pass == t.pop }

// evidence describes the count and the example, e.g. "7/10 distributions
// pass dct:license; e.g. <…#d1> dct:license (none)".
func (t *tally) evidence(noun, property string) string {
	var b strings.Builder
	if t.pop == 0 {
		fmt.Fprintf(&b, "no %s to assess %s", noun, property)
		return b.String()
	}
	fmt.Fprintf(&b, "%d/%d %s pass %s", t.pass, t.pop, noun, property)
	if t.unchecked > 0 {
		fmt.Fprintf(&b, " (%d %s)", t.unchecked, notChecked)
	}
	if t.seen {
		v := t.value
		if v == "" {
			v = "(none)"
		}
		fmt.Fprintf(&b, "; e.g. <%s>%s %s %s", t.subject.IRI(), t.subject.where(), property, v)
	}
	return b.String()
}

// witness remembers whether something was seen and, as evidence, the
// occurrence with the smallest subject IRI.
type witness struct {
	ok       bool
	subject  subject
	property string
	value    string
}

func (w *witness) see(subj subject, property, value string) {
	if !w.ok || subj.less(w.subject) {
		w.ok, w.subject, w.property, w.value = true, subj, property, value
	}
}

func (w *witness) evidence(none string) string {
	if !w.ok {
		return none
	}
	return fmt.Sprintf("<%s> %s %s", w.subject.IRI(), w.property, w.value)
}
