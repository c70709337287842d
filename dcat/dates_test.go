package dcat_test

import (
	"math/rand/v2"
	"testing"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/dcat"
	"github.com/katalog-se/katalog/dcat/validate"
	"github.com/katalog-se/katalog/internal/rdftest"
)

// TestDateFormsAreTheValidators: the mapper publishes a date under the
// datatype the validator gives its form, and refuses exactly the values
// the validator finds in no date form (both read dates with dcat/syntax/xsd:
// the mapper in one pass, xsd.DateDatatype, the validator form by form).
func TestDateFormsAreTheValidators(t *testing.T) {
	m := mapper(t)
	cases := []string{"2024", "-0044", "12024", "02024", "2024-05", "2024-13", "2024-00", "2024-02-29", "2023-02-29",
		"2024-05-31", "2024-05-31Z", "2024-05-31+02:00", "2024-05-31+15:00", "2024-05-31T10:00:00", "2024-05-31T10:00:00Z",
		"2024-05-31T10:00:00.250+01:00", "2024-05-31T24:00:00", "2024-05-31T24:00:01", "2024-05-31T10:00", "2024-05-31 10:00:00",
		"2024-05-31T10:00:00.", "2024Z", "2024-05Z", "20245", "24", "", "2024-1-1"}
	rng := rand.New(rand.NewPCG(1, 2))
	const alphabet = "0123456789-:TZ.+"
	for i := 0; i < 20000; i++ {
		seed := []byte(cases[rng.IntN(len(cases))])
		for k := rng.IntN(3); k > 0 && len(seed) > 0; k-- {
			seed[rng.IntN(len(seed))] = alphabet[rng.IntN(len(alphabet))]
		}
		cases = append(cases, string(seed))
	}
	for _, v := range cases {
		if v == "" {
			continue
		}
		want, ok := validate.DateDatatype(v)
		d := dcattestDataset()
		d.Issued = v
		g := &rdftest.Recorder{}
		err := m.Dataset(d, nil, g.Emit)
		if !ok {
			if err == nil {
				t.Errorf("%q: published, but the validator finds no date form", v)
			}
			continue
		}
		ds, _ := m.DatasetIRI(d.ID)
		if err != nil || !g.HasTyped(ds, dcat.DCTermsIssued, v, want) {
			t.Errorf("%q: %v, %v; want %q^^%s", v, err, g.Values(ds, dcat.DCTermsIssued), v, want)
		}
	}
}

func dcattestDataset() *catalog.Dataset {
	return &catalog.Dataset{ID: "3c2b1a09-8f7e-4d6c-b5a4-9e8d7c6b5a04", Agency: "2021006883",
		Title: catalog.LangString{"sv": "T"}, Description: catalog.LangString{"sv": "B"}}
}
