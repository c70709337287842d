package validate

import (
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
)

// Digg's examples are DCAT-AP-SE 2.x era: under 3.0.1 the publisher lacks
// dcterms:type (mandatory since 3.0.1) and a language on foaf:name, and
// obligatoriskt's distribution lacks dcterms:format.
func TestDiggExamples(t *testing.T) {
	dir := sharedExamples(t)
	const (
		cat = " https://example.com/catalog1"
		ds  = " https://example.com/dataset1"
		d1  = " https://example.com/distribution1"
		d2  = " https://example.com/distribution2"
		svc = " https://example.com/dataservice1"
		pub = " https://example.com/publisher1"
		cp  = " https://example.com/contactpoint1"
	)
	common := []string{
		"error agent.name.lang" + pub,
		"warning catalog.title.en" + cat, "warning catalog.description.en" + cat, "warning catalog.spatial.recommended" + cat,
		"warning dataservice.format.recommended" + svc, "warning dataservice.title.en" + svc,
		"warning dataset.conformsTo.recommended" + ds, "warning dataset.description.en" + ds,
		"warning agent.classification.recommended" + pub, "warning agent.description.recommended" + pub,
		"warning agent.identifier.recommended" + pub, "warning publisher.iri" + pub,
	}
	obligatoriskt := append([]string{
		"error distribution.format.min" + d1, "error agent.type.min" + pub,
		"warning catalog.homepage.recommended" + cat, "warning catalog.issued.recommended" + cat,
		"warning catalog.language.recommended" + cat, "warning catalog.modified.recommended" + cat,
		"warning catalog.themeTaxonomy.recommended" + cat,
		"warning contact.hasAddress.recommended" + cp, "warning contact.hasTelephone.recommended" + cp,
		"warning dataservice.accessRights.recommended" + svc, "warning dataservice.contactPoint.recommended" + svc,
		"warning dataservice.endpointDescription.recommended" + svc, "warning dataservice.keyword.recommended" + svc,
		"warning dataservice.license.recommended" + svc,
		"warning dataset.accessRights.recommended" + ds, "warning dataset.issued.recommended" + ds,
		"warning dataset.keyword.recommended" + ds, "warning dataset.spatial.recommended" + ds,
		"warning dataset.temporal.recommended" + ds, "warning dataset.theme.recommended" + ds, "warning dataset.title.en" + ds,
		"warning distribution.availability.recommended" + d1, "warning distribution.description.recommended" + d1,
		"warning distribution.license.recommended" + d1,
	}, common...)
	rekommenderat := append([]string{
		"warning distribution.availability.deprecated" + d1, "warning distribution.availability.deprecated" + d2,
		"warning distribution.description.en" + d1, "warning distribution.description.en" + d2,
	}, common...)
	for _, tc := range []struct {
		file string
		want []string
	}{
		{"obligatoriskt.ttl", obligatoriskt}, {"obligatoriskt.rdf", obligatoriskt},
		{"rekommenderat.ttl", rekommenderat}, {"rekommenderat.rdf", rekommenderat},
	} {
		t.Run(tc.file, func(t *testing.T) {
			rep := validateFile(t, filepath.Join(dir, tc.file))
			got := pairs(rep)
			want := append([]string(nil), tc.want...)
			sort.Strings(got)
			sort.Strings(want)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("findings differ\n got: %s\nwant: %s", strings.Join(got, "\n      "), strings.Join(want, "\n      "))
			}
			if rep.Conforms {
				t.Error("a 2.x example conforms to 3.0.1")
			}
			// rekommenderat's availability is a full IRI of DCAT-AP 2's list:
			// the warning names the 3.0.1 IRI to write instead.
			for _, r := range rep.Results {
				if r.Rule == "distribution.availability.deprecated" &&
					!strings.Contains(r.Message.EN, "write http://publications.europa.eu/resource/authority/planned-availability/EXPERIMENTAL") {
					t.Errorf("%s: %s", r.Rule, r.Message.EN)
				}
			}
		})
	}
}
