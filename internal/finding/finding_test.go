package finding

import (
	"encoding/json"
	"testing"
)

func TestSeverityJSON(t *testing.T) {
	for _, s := range []Severity{Error, Warning, Info} {
		b, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		var back Severity = -1
		if err := json.Unmarshal(b, &back); err != nil || back != s {
			t.Errorf("%v → %s → %v, %v", s, b, back, err)
		}
	}
	var s Severity
	for _, bad := range []string{`"fatal"`, `2`, `null`} {
		if err := json.Unmarshal([]byte(bad), &s); err == nil && bad != `null` {
			t.Errorf("%s read as %v", bad, s)
		}
	}
	if got := Severity(7).String(); got != "Severity(7)" {
		t.Errorf("unknown severity prints %q", got)
	}
	var zero Severity
	if zero != Error {
		t.Error("the zero value must be Error")
	}
}
