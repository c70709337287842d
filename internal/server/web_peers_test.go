package server

import (
	"fmt"
	"strings"
	"testing"
)

// TestAgencyPagePeers: a scored agency's page ranks it among the scored
// agencies of its size class (here the two micro agencies of ten).
func TestAgencyPagePeers(t *testing.T) {
	s := newWebSite(t, 10)
	org := orgWithCheckDigit(fmt.Sprintf("202190%03d", 0)) // micro, like no. 5
	page := text(newBrowser(s.f).get("/agencies/" + org))
	if !strings.Contains(page, "av 2 myndigheter i samma storleksklass") {
		t.Errorf("the agency page does not rank the agency among its 2 peers:\n%s", page)
	}
}
