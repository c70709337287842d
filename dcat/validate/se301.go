package validate

import (
	"regexp"

	"github.com/katalog-se/katalog/catalog"
)

// Namespaces of the profile tables.
const (
	nsDCAT    = "http://www.w3.org/ns/dcat#"
	nsDCT     = "http://purl.org/dc/terms/"
	nsFOAF    = "http://xmlns.com/foaf/0.1/"
	nsVCard   = "http://www.w3.org/2006/vcard/ns#"
	nsADMS    = "http://www.w3.org/ns/adms#"
	nsDCATAP  = "http://data.europa.eu/r5r/"
	nsXSD     = "http://www.w3.org/2001/XMLSchema#"
	nsOWL     = "http://www.w3.org/2002/07/owl#"
	nsEU      = "http://publications.europa.eu/resource/authority/"
	nsProv    = "http://www.w3.org/ns/prov#"
	nsSchema  = "http://schema.org/"
	nsSPDX    = "http://spdx.org/rdf/terms#"
	nsOrgSE   = "https://www.w3.org/ns/org#" // as DCAT-AP-SE writes it (§2.6 #6)
	nsOrgW3C  = "http://www.w3.org/ns/org#"
	hvdEli    = catalog.HVDLegislation
	cc0       = catalog.CatalogLicence
	maxSeries = 50
)

// ProfileSE301 is the name of the DCAT-AP-SE 3.0.1 profile.
const ProfileSE301 = "dcat-ap-se-3.0.1"

// DCATAPSE301 returns the DCAT-AP-SE 3.0.1 profile: the class tables of
// Digg's 3.0.1 RDForms bundle (written from the extracted property table,
// see the package doc for each decision on its inconsistencies) and the
// Swedish harvesting rules.
func DCATAPSE301() Profile {
	var (
		dates     = DateDatatypes()
		httpURL   = regexp.MustCompile(`^https?://.+`)
		downURL   = regexp.MustCompile(`^(http|https|ftp|ftps)://.*`)
		mailto    = regexp.MustCompile(`^mailto:.+`)
		grunddata = regexp.MustCompile(`^https://www\.dataportal\.se/terminology/grunddata/.+`)
		mediaRE   = regexp.MustCompile(`^\w+/[-.\w]+(?:\+[-.\w]+)?(\s*;\s*\w+=\w+)?$`)
		ianaIRI   = regexp.MustCompile(`^https?://www\.iana\.org/assignments/media-types/\w+/[-.\w]+(?:\+[-.\w]+)?$`)

		formats = NewUnion("IANA media types",
			catalog.MediaTypes, catalog.GeoMediaTypes, NewPattern("IANA media type", mediaRE),
			NewPrefixes("EU file types", nsEU+"file-type/"))
		mediaTypes = NewUnion("IANA media types", NewPattern("IANA media type IRI", ianaIRI),
			NewPattern("IANA media type", mediaRE))
		licences = NewUnion("Licences", catalog.Licences,
			NewPrefixes("EU licences", nsEU+"licence/"))
		legislation = NewSet("HVD legislation", hvdEli)
		taxonomy    = NewSet("theme taxonomy", catalog.ThemeTaxonomy)
		oldFreq     = NewPrefixes("cld frequencies", oldFrequencyNS)
		oldAvail    = NewPrefixes("DCAT-AP 2 availability", oldAvailabilityNS)
		oldStatus   = NewPrefixes("ADMS status", oldStatusNS)
		feeFinance  = NewSet("organisation aspects", "https://dataportal.se/concepts/orgAspects/feeFinanzing")
	)
	lang := func(id, iri string, l Level, min int, translate bool) Property {
		return Property{ID: id, IRI: iri, Level: l, Min: min, Kind: LangLiteral, Translate: translate}
	}
	date := func(id, iri string, l Level) Property {
		return Property{ID: id, IRI: iri, Level: l, Max: 1, Kind: Typed, Datatypes: dates}
	}
	link := func(id, iri string, l Level, max int, target string) Property {
		return Property{ID: id, IRI: iri, Level: l, Max: max, Kind: Resource, Target: target}
	}
	vocab := func(id, iri string, l Level, max int, vs ValueSet) Property {
		return Property{ID: id, IRI: iri, Level: l, Max: max, Kind: IRI, Vocab: vs}
	}
	page := func(id, iri string, l Level) Property {
		return Property{ID: id, IRI: iri, Level: l, Kind: IRI, Pattern: httpURL}
	}
	publisher := Property{ID: "publisher", IRI: nsDCT + "publisher", Level: Mandatory, Min: 1, Max: 1, Kind: Resource, Target: "agent"}
	contact := link("contactPoint", nsDCAT+"contactPoint", Recommended, 0, "contact")
	keyword := lang("keyword", nsDCAT+"keyword", Recommended, 0, true)
	theme := vocab("theme", nsDCAT+"theme", Recommended, 0, catalog.Themes)
	hvdCat := vocab("hvdCategory", nsDCATAP+"hvdCategory", Optional, 0, catalog.HVDCategories)
	appLeg := vocab("applicableLegislation", nsDCATAP+"applicableLegislation", Optional, 1, legislation)
	subject := Property{ID: "subject", IRI: nsDCT + "subject", Kind: IRI, Pattern: grunddata}
	language := vocab("language", nsDCT+"language", Optional, 0, catalog.Languages)
	accessRights := vocab("accessRights", nsDCT+"accessRights", Recommended, 1, catalog.AccessRights)
	spatial := link("spatial", nsDCT+"spatial", Recommended, 0, "")
	temporal := link("temporal", nsDCT+"temporal", Recommended, 0, "")
	conformsTo := Property{ID: "conformsTo", IRI: nsDCT + "conformsTo", Level: Recommended, Kind: IRI}
	freq := Property{ID: "accrualPeriodicity", IRI: nsDCT + "accrualPeriodicity", Max: 1, Kind: IRI,
		Vocab: catalog.Frequencies, Deprecated: oldFreq}
	format := Property{ID: "format", IRI: nsDCT + "format", Level: Mandatory, Min: 1, Max: 1,
		Kind: LiteralOrIRI, Vocab: formats}
	license := Property{ID: "license", IRI: nsDCT + "license", Level: Recommended, Max: 1, Kind: IRI,
		Vocab: licences, VocabSeverity: Info}
	qualifiedRelation := link("qualifiedRelation", nsDCAT+"qualifiedRelation", Optional, 0, "")

	return Profile{
		Name: ProfileSE301,
		Classes: []Class{
			{
				ID: "catalog", Name: catalog.LangString{"sv": "Katalogen", "en": "The catalog"},
				Types: []string{nsDCAT + "Catalog"}, NoBlank: true, Undescribed: Info,
				LinkOnly: []string{rdfType, nsDCT + "isPartOf"},
				Properties: []Property{
					lang("title", nsDCT+"title", Mandatory, 1, true),
					lang("description", nsDCT+"description", Mandatory, 1, true),
					publisher,
					date("issued", nsDCT+"issued", Recommended),
					{ID: "language", IRI: nsDCT + "language", Level: Recommended, Kind: IRI, Vocab: catalog.Languages},
					date("modified", nsDCT+"modified", Recommended),
					{ID: "homepage", IRI: nsFOAF + "homepage", Level: Recommended, Max: 1, Kind: IRI},
					{ID: "spatial", IRI: nsDCT + "spatial", Level: Recommended, Kind: IRI},
					// The CC0 value is the graph rule catalog.license.cc0.
					{ID: "license", IRI: nsDCT + "license", Level: Mandatory, Min: 1, Max: 1, Kind: IRI},
					link("rights", nsDCT+"rights", Optional, 1, ""),
					link("hasPart", nsDCT+"hasPart", Optional, 0, "catalog"),
					link("isPartOf", nsDCT+"isPartOf", Optional, 1, "catalog"),
					link("catalog", nsDCAT+"catalog", Optional, 0, "catalog"),
					vocab("themeTaxonomy", nsDCAT+"themeTaxonomy", Recommended, 0, taxonomy),
					// Mandatory in the template; judged by the graph rule
					// catalog.dataset.min (§2.6 #3).
					link("dataset", nsDCAT+"dataset", Optional, 0, "dataset"),
					link("service", nsDCAT+"service", Optional, 0, "dataservice"),
				},
			},
			{
				ID: "dataset", Name: catalog.LangString{"sv": "Datasetet", "en": "The dataset"},
				Types: []string{nsDCAT + "Dataset"}, NoBlank: true,
				Properties: []Property{
					lang("title", nsDCT+"title", Mandatory, 1, true),
					lang("description", nsDCT+"description", Mandatory, 1, true),
					publisher,
					link("creator", nsDCT+"creator", Optional, 1, "agent"),
					link("qualifiedAttribution", nsProv+"qualifiedAttribution", Optional, 0, ""),
					contact,
					keyword,
					theme,
					appLeg,
					hvdCat,
					subject,
					{ID: "identifier", IRI: nsDCT + "identifier", Kind: PlainLiteral},
					{ID: "otherIdentifier", IRI: nsADMS + "identifier", Kind: Resource},
					date("issued", nsDCT+"issued", Recommended),
					date("modified", nsDCT+"modified", Optional),
					language,
					page("landingPage", nsDCAT+"landingPage", Optional),
					conformsTo,
					spatial,
					temporal,
					{ID: "temporalResolution", IRI: nsDCAT + "temporalResolution", Max: 1, Kind: Typed, Datatypes: []string{nsXSD + "duration"}},
					{ID: "spatialResolutionInMeters", IRI: nsDCAT + "spatialResolutionInMeters", Max: 1, Kind: Typed, Datatypes: []string{nsXSD + "decimal"}},
					freq,
					{ID: "versionInfo", IRI: nsOWL + "versionInfo", Max: 1, Kind: Literal},
					{ID: "version", IRI: nsDCAT + "version", Max: 1, Kind: Literal},
					lang("versionNotes", nsADMS+"versionNotes", Optional, 0, false),
					link("source", nsDCT+"source", Optional, 0, ""),
					accessRights,
					link("offers", nsSchema+"offers", Optional, 0, ""),
					link("hasVersion", nsDCAT+"hasVersion", Optional, 0, ""),
					page("isReferencedBy", nsDCT+"isReferencedBy", Optional),
					page("relation", nsDCT+"relation", Optional),
					qualifiedRelation,
					page("page", nsFOAF+"page", Optional),
					link("provenance", nsDCT+"provenance", Optional, 0, ""),
					// Optional in the template (§2.6 #2); HVD needs one.
					link("distribution", nsDCAT+"distribution", Optional, 0, "distribution"),
					{ID: "inSeries", IRI: nsDCAT + "inSeries", Kind: IRI, Target: "series"},
				},
			},
			{
				ID: "distribution", Name: catalog.LangString{"sv": "Distributionen", "en": "The distribution"},
				Types: []string{nsDCAT + "Distribution"}, NoBlank: true,
				Properties: []Property{
					lang("title", nsDCT+"title", Optional, 0, true),
					lang("description", nsDCT+"description", Recommended, 0, true),
					{ID: "accessURL", IRI: nsDCAT + "accessURL", Level: Mandatory, Min: 1, Max: 1, Kind: IRI, Pattern: httpURL},
					{ID: "downloadURL", IRI: nsDCAT + "downloadURL", Kind: IRI, Pattern: downURL},
					format,
					{ID: "mediaType", IRI: nsDCAT + "mediaType", Max: 1, Kind: LiteralOrIRI, Vocab: mediaTypes},
					{ID: "accessService", IRI: nsDCAT + "accessService", Kind: IRI, Target: "dataservice"},
					{ID: "temporalResolution", IRI: nsDCAT + "temporalResolution", Max: 1, Kind: Typed, Datatypes: []string{nsXSD + "duration"}},
					{ID: "spatialResolutionInMeters", IRI: nsDCAT + "spatialResolutionInMeters", Max: 1, Kind: Typed, Datatypes: []string{nsXSD + "decimal"}},
					{ID: "byteSize", IRI: nsDCAT + "byteSize", Max: 1, Kind: Typed, Datatypes: []string{nsXSD + "nonNegativeInteger"}},
					language,
					date("issued", nsDCT+"issued", Optional),
					date("modified", nsDCT+"modified", Optional),
					{ID: "status", IRI: nsADMS + "status", Max: 1, Kind: IRI, Vocab: catalog.DistributionStatuses, Deprecated: oldStatus},
					{ID: "availability", IRI: nsDCATAP + "availability", Level: Recommended, Max: 1, Kind: IRI, Vocab: catalog.Availabilities, Deprecated: oldAvail},
					appLeg,
					license,
					link("rights", nsDCT+"rights", Optional, 1, ""),
					link("checksum", nsSPDX+"checksum", Optional, 1, ""),
					page("page", nsFOAF+"page", Optional),
					{ID: "conformsTo", IRI: nsDCT + "conformsTo", Kind: IRI, Pattern: httpURL},
				},
			},
			{
				ID: "dataservice", Name: catalog.LangString{"sv": "Datatjänsten", "en": "The data service"},
				Types: []string{nsDCAT + "DataService"},
				Properties: []Property{
					lang("title", nsDCT+"title", Mandatory, 1, true),
					lang("description", nsDCT+"description", Optional, 0, true),
					{ID: "endpointURL", IRI: nsDCAT + "endpointURL", Level: Mandatory, Min: 1, Kind: IRI},
					{ID: "endpointDescription", IRI: nsDCAT + "endpointDescription", Level: Recommended, Kind: IRI},
					{ID: "publisher", IRI: nsDCT + "publisher", Kind: Resource, Target: "agent"},
					contact,
					vocab("type", nsDCT+"type", Optional, 0, catalog.ServiceTypes),
					keyword,
					{ID: "theme", IRI: nsDCAT + "theme", Kind: IRI, Vocab: catalog.Themes},
					appLeg,
					hvdCat,
					subject,
					// M 1..1 in the template, but see §2.6 #1: recommended.
					{ID: "format", IRI: nsDCT + "format", Level: Recommended, Max: 1, Kind: LiteralOrIRI, Vocab: formats},
					{ID: "conformsTo", IRI: nsDCT + "conformsTo", Kind: IRI},
					{ID: "servesDataset", IRI: nsDCAT + "servesDataset", Kind: IRI},
					license,
					accessRights,
					page("landingPage", nsDCAT+"landingPage", Optional),
					page("page", nsFOAF+"page", Optional),
				},
			},
			{
				ID: "series", Name: catalog.LangString{"sv": "Datasetserien", "en": "The dataset series"},
				Types: []string{nsDCAT + "DatasetSeries"},
				Properties: []Property{
					lang("title", nsDCT+"title", Mandatory, 1, true),
					lang("description", nsDCT+"description", Mandatory, 1, true),
					publisher,
					contact,
					keyword,
					theme,
					appLeg,
					hvdCat,
					subject,
					conformsTo,
					date("issued", nsDCT+"issued", Recommended),
					date("modified", nsDCT+"modified", Optional),
					page("landingPage", nsDCAT+"landingPage", Optional),
					spatial,
					temporal,
					freq,
					page("relation", nsDCT+"relation", Optional),
					qualifiedRelation,
					page("page", nsFOAF+"page", Optional),
				},
			},
			{
				ID: "agent", Name: catalog.LangString{"sv": "Aktören (utgivaren)", "en": "The agent (publisher)"},
				Types: []string{nsFOAF + "Agent", nsFOAF + "Person", nsFOAF + "Organization"}, NoBlank: true,
				Properties: []Property{
					lang("name", nsFOAF+"name", Mandatory, 1, false),
					lang("description", nsDCT+"description", Recommended, 0, false),
					{ID: "type", IRI: nsDCT + "type", Level: Mandatory, Min: 1, Max: 1, Kind: IRI, Vocab: catalog.PublisherTypes},
					{ID: "homepage", IRI: nsFOAF + "homepage", Kind: IRI, Pattern: httpURL},
					{ID: "mbox", IRI: nsFOAF + "mbox", Kind: IRI, Pattern: mailto},
					{ID: "classification", IRI: nsOrgSE + "classification", Aliases: []string{nsOrgW3C + "classification"},
						Level: Recommended, Max: 1, Kind: IRI, Vocab: feeFinance, VocabSeverity: Warning},
					{ID: "identifier", IRI: nsDCT + "identifier", Level: Recommended, Kind: PlainLiteral},
					page("sameAs", nsOWL+"sameAs", Optional),
				},
			},
			{
				ID: "contact", Name: catalog.LangString{"sv": "Kontaktpunkten", "en": "The contact point"},
				Types: []string{nsVCard + "Organization", nsVCard + "Individual", nsVCard + "Kind"}, NoBlank: true,
				Properties: []Property{
					{ID: "fn", IRI: nsVCard + "fn", Level: Mandatory, Min: 1, Kind: Literal},
					{ID: "hasEmail", IRI: nsVCard + "hasEmail", Level: Mandatory, Min: 1, Kind: IRI, Pattern: mailto},
					link("hasTelephone", nsVCard+"hasTelephone", Recommended, 0, ""),
					link("hasAddress", nsVCard+"hasAddress", Recommended, 0, ""),
					page("hasURL", nsVCard+"hasURL", Optional),
				},
			},
		},
		Rules: seRules(),
	}
}
