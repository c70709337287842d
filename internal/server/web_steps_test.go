package server

import (
	"strings"
	"testing"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/internal/readiness"
)

// TestNextStepsFitTheState: an agency with nothing is told to publish and
// where its own catalog would be looked for (with a link to check that
// address), one whose check failed to fix it, one with broken links to
// fix them; the steps link and name no command.
func TestNextStepsFitTheState(t *testing.T) {
	empty := &agencyData{A: &catalog.Agency{OrgNumber: orgDigg}, Convention: "https://www.digg.se/datasets/dcat",
		Observed: &observedBody{Status: observedNoOwn}}
	steps := nextSteps(empty)
	if len(steps) != 2 || !strings.Contains(steps[0].Text.SV, "Publicera er första datamängd") ||
		steps[1].Href != "/check?url=https%3A%2F%2Fwww.digg.se%2Fdatasets%2Fdcat" {
		t.Fatalf("steps of an agency with nothing: %+v", steps)
	}
	failed := &agencyData{A: &catalog.Agency{OrgNumber: orgDigg, HarvestURL: "https://x.se/dcat"}, Total: 3, CanCheck: true,
		Observed: &observedBody{Status: observedUnreadable}, Steward: &stewardView{},
		Latest: &checkView{Errors: []readiness.Finding{{Message: readiness.Text{SV: "fel", EN: "error"}}, {}}},
		Links:  linksView{Checked: 5, Broken: 2}}
	steps = nextSteps(failed)
	if len(steps) != 2 || !strings.Contains(steps[0].Text.SV, "rätta de 2 felen") || !steps[0].RunCheck || steps[0].Href != "#latest-check" ||
		!strings.Contains(steps[1].Text.SV, "2 trasiga länkar") || !strings.Contains(steps[1].Text.EN, "2 broken links") {
		t.Fatalf("steps of a failing agency: %+v", steps)
	}
	for _, st := range append(nextSteps(empty), steps...) {
		if strings.Contains(st.Text.SV+st.Text.EN, "katalog check") || st.Href == "" {
			t.Errorf("step %+v names a command or links nowhere", st)
		}
	}
}
