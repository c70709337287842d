package validate

import (
	"strings"
	"testing"
)

// The fixtures: one triple per line, so that a case can drop lines and add
// its own. base is a small catalog with every class and every mandatory
// and recommended property, in Swedish and English: it has no finding.
const prefixes = `@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix vcard: <http://www.w3.org/2006/vcard/ns#> .
@prefix adms: <http://www.w3.org/ns/adms#> .
@prefix dcatap: <http://data.europa.eu/r5r/> .
@prefix org: <https://www.w3.org/ns/org#> .
@prefix ex: <https://example.se/> .
@prefix eu: <http://publications.europa.eu/resource/authority/> .
`

const pub = "<http://dataportal.se/organisation/SE2021005448>"

var baseLines = strings.Split(strings.ReplaceAll(`ex:cat rdf:type dcat:Catalog .
ex:cat dcterms:title "Katalog"@sv .
ex:cat dcterms:title "Catalog"@en .
ex:cat dcterms:description "En katalog"@sv .
ex:cat dcterms:description "A catalog"@en .
ex:cat dcterms:publisher @PUB@ .
ex:cat dcterms:license <http://creativecommons.org/publicdomain/zero/1.0/> .
ex:cat dcterms:issued "2024-01-01"^^xsd:date .
ex:cat dcterms:modified "2024-06-01T10:00:00Z"^^xsd:dateTime .
ex:cat dcterms:language <http://publications.europa.eu/resource/authority/language/SWE> .
ex:cat foaf:homepage <https://example.se/> .
ex:cat dcterms:spatial <http://sws.geonames.org/2661886> .
ex:cat dcat:themeTaxonomy <http://publications.europa.eu/resource/authority/data-theme> .
ex:cat dcat:dataset ex:ds .
ex:cat dcat:service ex:svc .
@PUB@ rdf:type foaf:Agent .
@PUB@ foaf:name "Skatteverket"@sv .
@PUB@ dcterms:description "Myndighet"@sv .
@PUB@ dcterms:type <http://purl.org/adms/publishertype/NationalAuthority> .
@PUB@ org:classification <https://dataportal.se/concepts/orgAspects/feeFinanzing> .
@PUB@ dcterms:identifier "2021005448" .
ex:ds rdf:type dcat:Dataset .
ex:ds dcterms:title "Data"@sv .
ex:ds dcterms:title "Data"@en .
ex:ds dcterms:description "Beskrivning"@sv .
ex:ds dcterms:description "Description"@en .
ex:ds dcterms:publisher @PUB@ .
ex:ds dcat:contactPoint ex:cp .
ex:ds dcat:keyword "befolkning"@sv .
ex:ds dcat:keyword "population"@en .
ex:ds dcat:theme <http://publications.europa.eu/resource/authority/data-theme/SOCI> .
ex:ds dcterms:issued "2020"^^xsd:gYear .
ex:ds dcterms:conformsTo <https://example.se/schema> .
ex:ds dcterms:spatial <http://sws.geonames.org/2661886> .
ex:ds dcterms:temporal ex:period .
ex:ds dcterms:accessRights <http://publications.europa.eu/resource/authority/access-right/PUBLIC> .
ex:ds dcterms:accrualPeriodicity <http://publications.europa.eu/resource/authority/frequency/ANNUAL> .
ex:ds dcat:distribution ex:dist .
ex:ds dcat:inSeries ex:series .
ex:dist rdf:type dcat:Distribution .
ex:dist dcterms:description "Fil"@sv .
ex:dist dcterms:description "File"@en .
ex:dist dcat:accessURL <https://example.se/data> .
ex:dist dcat:downloadURL <https://example.se/data.csv> .
ex:dist dcterms:format "text/csv" .
ex:dist dcterms:license <http://creativecommons.org/licenses/by/4.0/> .
ex:dist dcatap:availability <http://publications.europa.eu/resource/authority/planned-availability/STABLE> .
ex:dist dcat:byteSize "1234"^^xsd:nonNegativeInteger .
ex:dist adms:status <http://publications.europa.eu/resource/authority/distribution-status/COMPLETED> .
ex:dist dcat:accessService ex:svc .
ex:cp rdf:type vcard:Organization .
ex:cp vcard:fn "Kundtjänst" .
ex:cp vcard:hasEmail <mailto:info@example.se> .
ex:cp vcard:hasTelephone ex:phone .
ex:cp vcard:hasAddress ex:address .
ex:svc rdf:type dcat:DataService .
ex:svc dcterms:title "API"@sv .
ex:svc dcterms:title "API"@en .
ex:svc dcat:endpointURL <https://example.se/api> .
ex:svc dcat:endpointDescription <https://example.se/api/openapi.json> .
ex:svc dcat:contactPoint ex:cp .
ex:svc dcat:keyword "api"@sv .
ex:svc dcat:keyword "api"@en .
ex:svc dcterms:format "application/json" .
ex:svc dcterms:license <http://creativecommons.org/publicdomain/zero/1.0/> .
ex:svc dcterms:accessRights <http://publications.europa.eu/resource/authority/access-right/PUBLIC> .
ex:svc dcat:servesDataset ex:ds .
ex:series rdf:type dcat:DatasetSeries .
ex:series dcterms:title "Serie"@sv .
ex:series dcterms:title "Series"@en .
ex:series dcterms:description "En serie"@sv .
ex:series dcterms:description "A series"@en .
ex:series dcterms:publisher @PUB@ .
ex:series dcat:contactPoint ex:cp .
ex:series dcat:keyword "serie"@sv .
ex:series dcat:keyword "series"@en .
ex:series dcat:theme <http://publications.europa.eu/resource/authority/data-theme/SOCI> .
ex:series dcterms:conformsTo <https://example.se/schema> .
ex:series dcterms:issued "2020-01-01"^^xsd:date .
ex:series dcterms:spatial <http://sws.geonames.org/2661886> .
ex:series dcterms:temporal ex:period .`, "@PUB@", pub), "\n")

// doc builds a Turtle document: base without the lines containing any of
// drop, plus add.
func doc(drop []string, add string) string {
	var b strings.Builder
	b.WriteString(prefixes)
	for _, l := range baseLines {
		keep := true
		for _, d := range drop {
			if strings.Contains(l, d) {
				keep = false
				break
			}
		}
		if keep {
			b.WriteString(l)
			b.WriteByte('\n')
		}
	}
	b.WriteString(add)
	b.WriteByte('\n')
	return b.String()
}

func validateTurtle(t testing.TB, d string) *Report {
	t.Helper()
	return New(DCATAPSE301()).ValidateTriples(parseTurtle(t, d))
}

func hasRule(r *Report, rule, focus string) bool {
	for _, res := range r.Results {
		if res.Rule == rule && (focus == "" || res.Focus == focus) {
			return true
		}
	}
	return false
}

func TestBaseHasNoFinding(t *testing.T) {
	r := validateTurtle(t, doc(nil, ""))
	if len(r.Results) != 0 || !r.Conforms {
		for _, res := range r.Results {
			t.Errorf("%s %s %s %q: %s", res.Severity, res.Rule, res.Focus, res.Value, res.Message.EN)
		}
	}
}
