package catalog

import (
	"slices"
	"testing"
)

func TestConventionURLs(t *testing.T) {
	for home, want := range map[string][]string{
		"https://www.digg.se":                {"https://www.digg.se/datasets/dcat", "http://www.digg.se/datasets/dcat"},
		"http://www.scb.se/sv/om-scb/?x=1#a": {"https://www.scb.se/datasets/dcat", "http://www.scb.se/datasets/dcat"},
		"https://user:pw@lm.se:8443/":        {"https://lm.se:8443/datasets/dcat", "http://lm.se:8443/datasets/dcat"},
		"https://127.0.0.1:41234":            {"https://127.0.0.1:41234/datasets/dcat", "http://127.0.0.1:41234/datasets/dcat"},
		"":                                   nil,
		"www.digg.se":                        nil,
		"ftp://www.digg.se/":                 nil,
		"https://:80/":                       nil,
		"mailto:info@digg.se":                nil,
	} {
		if got := ConventionURLs(home); !slices.Equal(got, want) {
			t.Errorf("ConventionURLs(%q) = %q, want %q", home, got, want)
		}
	}
}
