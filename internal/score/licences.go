package score

import "github.com/katalog-se/katalog/catalog"

// Licence IRIs the openness and HVD rules compare with.
const (
	licenceCC0     = "http://creativecommons.org/publicdomain/zero/1.0/"
	licenceCCBY    = "http://creativecommons.org/licenses/by/4.0/"
	licenceCCBYSA  = "http://creativecommons.org/licenses/by-sa/4.0/"
	licencePDMark  = "http://creativecommons.org/publicdomain/mark/1.0/"
	publisherIRIAt = "http://dataportal.se/organisation/SE"
)

// canonicalLicence resolves a licence to its canonical IRI when katalog's
// licence list knows it, else returns it trimmed.
func canonicalLicence(s string) (iri string, known bool) {
	if t, ok := catalog.Licences.Lookup(s); ok {
		return t.IRI, true
	}
	return s, false
}

// openLicence reports a licence that conforms to the Open Definition:
// public domain, attribution, or attribution-share-alike.
func openLicence(s string) bool {
	iri, _ := canonicalLicence(s)
	switch iri {
	case licenceCC0, licenceCCBY, licenceCCBYSA, licencePDMark:
		return true
	}
	return false
}

// hvdLicence reports a licence that satisfies regulation (EU) 2023/138
// Art. 4(3): CC BY 4.0 or something at least as open.
func hvdLicence(s string) bool {
	iri, _ := canonicalLicence(s)
	switch iri {
	case licenceCC0, licenceCCBY, licencePDMark:
		return true
	}
	return false
}
