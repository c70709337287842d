package importer_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/knakk/rdf"

	"github.com/katalog-se/katalog/dcat/syntax/rdfparse"
	"github.com/katalog-se/katalog/dcat/syntax/turtle"
	"github.com/katalog-se/katalog/internal/importer"
	"github.com/katalog-se/katalog/internal/rdftest"
)

// These tests use only what the importer had before #14 (Import, Source
// without options, the publish Builder), so that they run, and fail, on
// the importer they replace.

// lossy is a feed with everything the importer used to drop or change
// (#14): properties outside the domain model, rights statements and
// checksums as nodes, a stand-alone data service, a dataset series, a
// second HVD category, a mailto: contact point, IRI hosts in capitals, a
// dct:identifier that is no UUID, untagged and German text, EU file-type
// IRIs, dates as CKAN writes them, a deprecated vocabulary IRI.
const lossy = `@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> . @prefix prov: <http://www.w3.org/ns/prov#> .
@prefix adms: <http://www.w3.org/ns/adms#> . @prefix spdx: <http://spdx.org/rdf/terms#> .
@prefix dcatap: <http://data.europa.eu/r5r/> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix vcard: <http://www.w3.org/2006/vcard/ns#> . @prefix odrs: <http://schema.theodi.org/odrs#> .
@prefix ex: <https://vocab.example.se/> .
<https://Data.Example.SE/catalog> a dcat:Catalog ; dct:title "Katalog"@sv ;
  dct:publisher <http://dataportal.se/organisation/SE2021006883> ;
  dcat:dataset <https://Data.Example.SE/ds/1>, <https://Data.Example.SE/series/1> ;
  dcat:service <https://Api.Example.SE/alone> .
<https://Data.Example.SE/ds/1> a dcat:Dataset ;
  dct:title "Befolkning"@sv, "Bevölkerung"@de, "Untagged title" ;
  dct:description "Folkmängd per kommun."@sv ;
  dct:identifier "befolkning-2024" ;
  dct:publisher <http://dataportal.se/organisation/SE2021006883> ;
  dct:issued "2024-05-31T10:00:00"^^xsd:dateTime ; dct:modified "2024"^^xsd:gYear ;
  foaf:page <https://Data.Example.SE/om> ; dct:source <https://Other.Example.se/ds/9> ;
  dct:creator <https://Data.Example.SE/org#enheten> ;
  prov:qualifiedAttribution [ a prov:Attribution ; prov:agent <https://Data.Example.SE/org#enheten> ; dcat:hadRole <http://registry.it.csiro.au/def/isotc211/CI_RoleCode/owner> ] ;
  adms:versionNotes "Andra utgåvan"@sv ; dcat:version "2.0" ;
  adms:identifier [ a adms:Identifier ; <http://www.w3.org/2004/02/skos/core#notation> "SE-BEF-1" ] ;
  dcat:temporalResolution "P1Y"^^xsd:duration ; dcat:spatialResolutionInMeters "100.0"^^xsd:decimal ;
  dct:relation <https://Other.Example.se/related> ; dct:isReferencedBy <https://doi.org/10.1000/xyz> ;
  dcat:qualifiedRelation [ a dcat:Relationship ; dct:relation <https://Other.Example.se/ds/8> ; dcat:hadRole <http://www.iana.org/assignments/relation/related> ] ;
  dct:provenance [ a dct:ProvenanceStatement ; dct:description "Sammanställd ur registret."@sv ] ;
  dcat:hasVersion <https://Data.Example.SE/ds/1/v1> ;
  dct:subject <https://www.dataportal.se/terminology/grunddata/person> ;
  dcatap:applicableLegislation <http://data.europa.eu/eli/reg_impl/2023/138/oj> ;
  dcatap:hvdCategory <http://data.europa.eu/bna/c_dd313021>, <http://data.europa.eu/bna/c_e1da4e07> ;
  dcat:contactPoint <mailto:data@example.se> ;
  dcat:inSeries <https://Data.Example.SE/series/1> ;
  ex:unknownProperty "kept"@sv, [ ex:deeper "also kept" ] ;
  dcat:distribution <https://Data.Example.SE/ds/1/csv> .
<https://Data.Example.SE/org#enheten> a foaf:Organization ; foaf:name "Statistikenheten"@sv .
<https://Data.Example.SE/ds/1/csv> a dcat:Distribution ;
  dcat:accessURL <https://Data.Example.SE/ds/1/csv> ; dcat:downloadURL <https://Data.Example.SE/files/bef.csv> ;
  dct:format <http://publications.europa.eu/resource/authority/file-type/CSV> ;
  dcat:mediaType <http://www.iana.org/assignments/media-types/text/csv> ;
  dct:rights [ a odrs:RightsStatement ; odrs:attributionText "© Exempel"@sv ] ;
  spdx:checksum [ a spdx:Checksum ; spdx:algorithm spdx:checksumAlgorithm_sha1 ; spdx:checksumValue "0a1b2c"^^xsd:hexBinary ] ;
  dcatap:availability <http://data.europa.eu/r5r/availability/experimental> ;
  dcat:accessService <https://Api.Example.SE/bef> .
<https://Api.Example.SE/bef> a dcat:DataService ; dct:title "Befolknings-API"@sv ;
  dcat:endpointURL <https://Api.Example.SE/bef/v1> ; dcat:servesDataset <https://Data.Example.SE/ds/1> .
<https://Api.Example.SE/alone> a dcat:DataService ; dct:title "Fristående API"@sv ;
  dcat:endpointURL <https://Api.Example.SE/alone/v1> ; dct:license <http://creativecommons.org/publicdomain/zero/1.0/> .
<https://Data.Example.SE/series/1> a dcat:DatasetSeries ; dct:title "Befolkning, serie"@sv ;
  dct:description "Årliga utgåvor."@sv ; dct:publisher <http://dataportal.se/organisation/SE2021006883> .
`

// TestNothingDropped (#14): an imported feed comes out of the agency's
// feed with every triple of its datasets, distributions, data services
// and dataset series as published: the properties outside the model, the
// nodes under them, the stand-alone data service and the series included,
// IRIs in their case, identifiers, language tags, untagged text and format
// IRIs as written.
func TestNothingDropped(t *testing.T) {
	e := newEnv(t)
	rep, err := e.run(t, []byte(lossy), "lossy.ttl")
	if err != nil {
		t.Fatalf("import refused: %v", err)
	}
	src, err := rdftest.ReadAll(turtle.NewReader(strings.NewReader(lossy), ""))
	must(t, err)
	exported := exportFeed(t, e, e.agency.OrgNumber)
	have := map[string]bool{}
	for _, tr := range exported {
		have[ntLine(tr)] = true
	}
	roots := map[string]bool{"https://Data.Example.SE/ds/1": true, "https://Data.Example.SE/ds/1/csv": true,
		"https://Api.Example.SE/bef": true, "https://Api.Example.SE/alone": true, "https://Data.Example.SE/series/1": true,
		"https://Data.Example.SE/org#enheten": true}
	for _, tr := range src {
		if tr.Subj.Type() == rdf.TermIRI && roots[tr.Subj.String()] && tr.Obj.Type() != rdf.TermBlank && !have[ntLine(tr)] {
			t.Errorf("dropped or changed: %s", ntLine(tr))
		}
	}
	// The nodes under blank nodes: each dataset's description, compared
	// as a graph.
	for _, ds := range []string{"https://Data.Example.SE/ds/1"} {
		want := closure(src, rdfparse.CheckedIRI(ds))
		got := closure(exported, rdfparse.CheckedIRI(ds))
		if ok, why := rdftest.Isomorphic(want, got); !ok {
			t.Errorf("%s: the description differs from the published one:\n%s", ds, why)
		}
	}
	if rep.Datasets != 3 {
		t.Errorf("imported %d resources, want 3: the dataset, the series and the stand-alone data service", rep.Datasets)
	}
}

// TestDiggExamplesImport (#14): Digg's own DCAT-AP-SE examples import;
// rekommenderat.rdf's DCAT-AP 2 availability IRI (a full IRI, refused
// before with "use the full IRI") is kept as published.
func TestDiggExamplesImport(t *testing.T) {
	dir := filepath.Join(rdftest.SharedDir(t), "data", "dcat-ap-se", "examples")
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	if len(files) == 0 {
		t.Skip("no examples")
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			e := newEnv(t)
			body, err := os.ReadFile(path)
			must(t, err)
			if _, err := e.im.Import(context.Background(), e.agency.OrgNumber, importer.Source{Body: bytes.NewReader(body), Name: path}); err != nil {
				t.Fatalf("import refused: %v", err)
			}
			if strings.HasPrefix(filepath.Base(path), "rekommenderat") {
				found := false
				for _, tr := range exportFeed(t, e, e.agency.OrgNumber) {
					found = found || tr.Obj.String() == "http://data.europa.eu/r5r/availability/experimental"
				}
				if !found {
					t.Error("the deprecated availability IRI is not published as it was")
				}
			}
		})
	}
}
