package catalog

import "testing"

func TestVocabularyCanonical(t *testing.T) {
	cases := []struct {
		v        *Vocabulary
		in, want string
	}{
		{Themes, "GOVE", "http://publications.europa.eu/resource/authority/data-theme/GOVE"},
		{Themes, "gove", "http://publications.europa.eu/resource/authority/data-theme/GOVE"},
		{Themes, "http://publications.europa.eu/resource/authority/data-theme/TRAN", "http://publications.europa.eu/resource/authority/data-theme/TRAN"},
		{AccessRights, "PUBLIC", "http://publications.europa.eu/resource/authority/access-right/PUBLIC"},
		{AccessRights, "non-public", "http://publications.europa.eu/resource/authority/access-right/NON_PUBLIC"},
		{Frequencies, "ANNUAL", "http://publications.europa.eu/resource/authority/frequency/ANNUAL"},
		{Licences, "CC BY 4.0", "http://creativecommons.org/licenses/by/4.0/"},
		{Licences, "cc-by-4.0", "http://creativecommons.org/licenses/by/4.0/"},
		{Licences, "CC0 1.0", "http://creativecommons.org/publicdomain/zero/1.0/"},
		// Frequent mistakes with licence IRIs resolve to the canonical form.
		{Licences, "https://creativecommons.org/licenses/by/4.0/", "http://creativecommons.org/licenses/by/4.0/"},
		{Licences, "http://creativecommons.org/publicdomain/zero/1.0", "http://creativecommons.org/publicdomain/zero/1.0/"},
		{PublisherTypes, "NationalAuthority", "http://purl.org/adms/publishertype/NationalAuthority"},
		{Languages, "SWE", "http://publications.europa.eu/resource/authority/language/SWE"},
		{HVDCategories, "c_e1da4e07", "http://data.europa.eu/bna/c_e1da4e07"},
		{ServiceTypes, "REST", "http://www.wikidata.org/entity/Q749568"},
		{MediaTypes, "text/csv", "text/csv"},
	}
	for _, tc := range cases {
		got, ok := tc.v.Canonical(tc.in)
		if !ok || got != tc.want {
			t.Errorf("%s.Canonical(%q) = %q, %v; want %q", tc.v.Name(), tc.in, got, ok, tc.want)
		}
	}
	for _, bad := range []string{"NOPE", "", "http://example.org/GOVE", "https://creativecommons.org/licenses/by/3.0/"} {
		if _, ok := Themes.Canonical(bad); ok {
			t.Errorf("Themes accepted %q", bad)
		}
	}
}

func TestVocabularySizes(t *testing.T) {
	want := map[*Vocabulary]int{Themes: 13, AccessRights: 3, Frequencies: 22, Licences: 7, PublisherTypes: 11, HVDCategories: 96, Languages: 95}
	for v, n := range want {
		if len(v.Terms()) != n {
			t.Errorf("%s has %d terms, want %d", v.Name(), len(v.Terms()), n)
		}
		for _, term := range v.Terms() {
			if term.Label["sv"] == "" || term.Label["en"] == "" {
				t.Errorf("%s %s lacks a label", v.Name(), term.IRI)
			}
		}
	}
}

func TestLangStringOrder(t *testing.T) {
	l := LangString{"fi": "a", "en": "b", "sv": "c", "de": "d"}
	got := l.Langs()
	want := []string{"sv", "en", "de", "fi"}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("Langs() = %v, want %v", got, want)
		}
	}
	if l.Get("en") != "b" || (LangString{"fi": "x"}).Get("sv") != "x" || (LangString{}).Get("sv") != "" {
		t.Error("Get")
	}
}
