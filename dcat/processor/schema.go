package processor

import "github.com/katalog-se/katalog/dcat"

// Namespaces the Processor's output uses beyond package dcat's constants.
const (
	nsADMS   = dcat.NSADMS
	nsSKOS   = dcat.NSSKOS
	nsSchema = dcat.NSSchema
	nsProv   = dcat.NSProv
	nsLocn   = dcat.NSLocn
	nsODRS   = dcat.NSODRS
	nsSPDX   = dcat.NSSPDX
	nsDCT    = dcat.NSDCTerms
	nsDCAT   = dcat.NSDCAT
	nsFOAF   = dcat.NSFOAF
	nsVCard  = dcat.NSVCard

	geoWKT       = "http://www.opengis.net/ont/geosparql#wktLiteral"
	xsdDecimal   = dcat.NSXSD + "decimal"
	xsdDuration  = dcat.NSXSD + "duration"
	spdxSHA1     = nsSPDX + "checksumAlgorithm_sha1"
	dataThemeIRI = "http://publications.europa.eu/resource/authority/data-theme"
	languageNS   = "http://publications.europa.eu/resource/authority/language/"
)

// valueKind is how one input value becomes an RDF object.
type valueKind int

const (
	vText        valueKind = iota // literal, language-tagged by a "-xx" key suffix; ';' separates values
	vProse                        // like vText, but one value: ';' is kept
	vLiteral                      // plain literal; ';' separates values
	vIRI                          // IRI; a bare "www.…" gets "https://"
	vVocab                        // short name or IRI of a controlled vocabulary
	vDate                         // xsd:date, xsd:dateTime or xsd:gYear
	vYear                         // xsd:gYear when four digits, else a plain literal
	vDuration                     // xsd:duration
	vDecimal                      // xsd:decimal
	vCount                        // xsd:nonNegativeInteger
	vWKT                          // geo:wktLiteral
	vFormat                       // media-type literal (short names expanded)
	vEmail                        // mailto: IRI
	vPhone                        // vcard:hasTelephone [a vcard:Voice; vcard:hasValue <tel:…>]
	vAddress                      // vcard:hasAddress [a vcard:Address; …], "street; code; locality; country"
	vADMSID                       // adms:identifier [a adms:Identifier; skos:notation "…"]
	vObject                       // a nested object of class cls
	vAttrib                       // "other agent": prov:qualifiedAttribution [prov:agent <agent>; dcat:hadRole …]
	vProvenance                   // dcterms:provenance [a dcterms:ProvenanceStatement; dcterms:description …]
	vContactType                  // rdf:type of a contact point
	vPublisher                    // publisher of a dataset or series (falls back to the catalog's)
	vIgnored                      // accepted and dropped, as by the Processor
)

// field is one input key of a class.
type field struct {
	key      string
	pred     string
	kind     valueKind
	vocab    *vocab // vVocab
	cls      *class // vObject, vAttrib, vPublisher
	required bool
}

// aboutRule says whether a class's "about" is mandatory.
type aboutRule int

const (
	aboutRequired aboutRule = iota // the Processor's mandatory.json lists it
	aboutOptional                  // a blank node without it
	aboutNone                      // always a blank node; "about" is not a key
)

// class is one kind of object in the input.
type class struct {
	name   string // English name, for messages
	typ    string // rdf:type
	about  aboutRule
	fields []field
	// languages: record dcterms:language for each language suffix used (the
	// Processor does so on Catalog, Dataset and Distribution).
	languages bool
	// extra triples with constant objects (dcat:themeTaxonomy, spdx:algorithm).
	extra [][2]string
}

func (c *class) field(key string) *field {
	for i := range c.fields {
		if c.fields[i].key == key {
			return &c.fields[i]
		}
	}
	return nil
}

// schema is the Processor's input format: the key → property map of its
// to_catalog and to_dcat convertmapToDcat.json with mandatory.json's
// required keys.
type schema struct {
	catalog, dataset, series, service *class
}

func newSchema() *schema {
	v := newVocabs()
	titles := func() []field {
		return []field{
			{key: "title", pred: nsDCT + "title", kind: vText},
			{key: "description", pred: nsDCT + "description", kind: vProse},
		}
	}
	agent := &class{name: "agent", typ: nsFOAF + "Agent", fields: []field{
		{key: "name", pred: nsFOAF + "name", kind: vText, required: true},
		{key: "type", pred: nsDCT + "type", kind: vVocab, vocab: &v.publisherType, required: true},
		{key: "homepage", pred: nsFOAF + "homepage", kind: vIRI},
		{key: "mbox", pred: nsFOAF + "mbox", kind: vEmail},
		{key: "description", pred: nsDCT + "description", kind: vProse},
		{key: "identifier", pred: nsDCT + "identifier", kind: vLiteral},
		{key: "sameAs", pred: dcat.NSOWL + "sameAs", kind: vIRI},
		{key: "classification", pred: dcat.NSOrg + "classification", kind: vIRI},
	}}
	attribution := &class{name: "attribution", typ: nsProv + "Attribution", about: aboutNone, fields: append([]field{
		{key: "role", pred: nsDCAT + "hadRole", kind: vVocab, vocab: &v.role, required: true},
	}, agent.fields...)}
	doc := func(name, typ string) *class {
		return &class{name: name, typ: typ, fields: titles()}
	}
	standard := doc("standard", nsDCT+"Standard")
	page := doc("document", nsFOAF+"Document")
	licenceDoc := doc("licence document", nsDCT+"LicenseDocument")
	contact := &class{name: "contact point", typ: "", fields: []field{
		{key: "type", pred: dcat.RDFType, kind: vContactType, vocab: &v.contactType, required: true},
		{key: "name", pred: nsVCard + "fn", kind: vText, required: true},
		{key: "email", pred: nsVCard + "hasEmail", kind: vEmail, required: true},
		{key: "phone", pred: nsVCard + "hasTelephone", kind: vPhone},
		{key: "address", pred: nsVCard + "hasAddress", kind: vAddress},
		{key: "url", pred: nsVCard + "hasURL", kind: vIRI},
	}}
	location := &class{name: "location", typ: nsDCT + "Location", about: aboutOptional, fields: []field{
		{key: "centroid", pred: nsDCAT + "centroid", kind: vWKT},
		{key: "bbox", pred: nsDCAT + "bbox", kind: vWKT},
		{key: "geometry", pred: nsLocn + "geometry", kind: vWKT},
	}}
	temporal := &class{name: "period of time", typ: nsDCT + "PeriodOfTime", about: aboutNone, fields: []field{
		{key: "startDate", pred: nsDCAT + "startDate", kind: vDate},
		{key: "endDate", pred: nsDCAT + "endDate", kind: vDate},
	}}
	offer := &class{name: "offer", typ: nsSchema + "Offer", about: aboutNone, fields: []field{
		{key: "description", pred: nsSchema + "description", kind: vProse},
		{key: "page", pred: nsSchema + "mainEntityOfPage", kind: vIRI},
	}}
	rights := &class{name: "rights statement", typ: nsDCT + "RightsStatement", about: aboutNone, fields: []field{
		{key: "attributionText", pred: nsODRS + "attributionText", kind: vProse},
		{key: "attributionURL", pred: nsODRS + "attributionURL", kind: vIRI},
		{key: "copyrightNotice", pred: nsODRS + "copyrightNotice", kind: vProse},
		{key: "copyrightStatement", pred: nsODRS + "copyrightStatement", kind: vObject, cls: licenceDoc},
		{key: "copyrightYear", pred: nsODRS + "copyrightYear", kind: vYear},
		{key: "copyrightHolder", pred: nsODRS + "copyrightHolder", kind: vObject, cls: agent},
		{key: "jurisdiction", pred: nsODRS + "jurisdiction", kind: vIRI},
		{key: "reuserGuidelines", pred: nsODRS + "reuserGuidelines", kind: vIRI},
	}}
	checksum := &class{name: "checksum", typ: nsSPDX + "Checksum", about: aboutNone,
		fields: []field{{key: "value", pred: nsSPDX + "checksumValue", kind: vLiteral, required: true}},
		extra:  [][2]string{{nsSPDX + "algorithm", spdxSHA1}}}
	relation := &class{name: "relationship", typ: nsDCAT + "Relationship", about: aboutNone, fields: []field{
		{key: "role", pred: nsDCAT + "hadRole", kind: vVocab, vocab: &v.relationRole, required: true},
		{key: "relation", pred: nsDCT + "relation", kind: vIRI, required: true},
	}}
	licences := func() []field {
		return []field{
			{key: "licensedoc", pred: nsDCT + "license", kind: vObject, cls: licenceDoc},
			{key: "licenseurl", pred: nsDCT + "license", kind: vVocab, vocab: &v.licence},
			{key: "license", pred: nsDCT + "license", kind: vVocab, vocab: &v.licence},
		}
	}
	common := func() []field { // keys every primary class shares
		return []field{
			{key: "keyword", pred: nsDCAT + "keyword", kind: vText},
			{key: "theme", pred: nsDCAT + "theme", kind: vVocab, vocab: &v.theme},
			{key: "landingPage", pred: nsDCAT + "landingPage", kind: vIRI},
			{key: "conformsTo", pred: nsDCT + "conformsTo", kind: vObject, cls: standard},
			{key: "page", pred: nsFOAF + "page", kind: vObject, cls: page},
			{key: "contactPoint", pred: nsDCAT + "contactPoint", kind: vObject, cls: contact},
			{key: "subject", pred: nsDCT + "subject", kind: vIRI},
			{key: "applicableLegislation", pred: dcat.DCATAPApplicableLegislation, kind: vIRI},
			{key: "hvdCategory", pred: dcat.DCATAPHVDCategory, kind: vVocab, vocab: &v.hvd},
		}
	}
	distribution := &class{name: "distribution", typ: nsDCAT + "Distribution", languages: true, fields: append(append(titles(),
		field{key: "accessURL", pred: nsDCAT + "accessURL", kind: vIRI, required: true},
		field{key: "downloadURL", pred: nsDCAT + "downloadURL", kind: vIRI},
		field{key: "formatMedia", pred: nsDCT + "format", kind: vFormat},
		field{key: "formatGeo", pred: nsDCT + "format", kind: vFormat},
		field{key: "formatText", pred: nsDCT + "format", kind: vFormat},
		field{key: "format", pred: nsDCT + "format", kind: vFormat},
		field{key: "accessService", pred: nsDCAT + "accessService", kind: vIRI},
		field{key: "temporalResolution", pred: nsDCAT + "temporalResolution", kind: vDuration},
		field{key: "spatialResolutionInMeters", pred: nsDCAT + "spatialResolutionInMeters", kind: vDecimal},
		field{key: "byteSize", pred: nsDCAT + "byteSize", kind: vCount},
		field{key: "issued", pred: nsDCT + "issued", kind: vDate},
		field{key: "modified", pred: nsDCT + "modified", kind: vDate},
		field{key: "status", pred: nsADMS + "status", kind: vVocab, vocab: &v.status},
		field{key: "availability", pred: dcat.DCATAPAvailability, kind: vVocab, vocab: &v.availability},
		field{key: "rights", pred: nsDCT + "rights", kind: vObject, cls: rights},
		field{key: "checksum", pred: nsSPDX + "checksum", kind: vObject, cls: checksum},
		field{key: "page", pred: nsFOAF + "page", kind: vObject, cls: page},
		field{key: "conformsTo", pred: nsDCT + "conformsTo", kind: vObject, cls: standard},
		field{key: "applicableLegislation", pred: dcat.DCATAPApplicableLegislation, kind: vIRI},
	), licences()...)}
	publisher := field{key: "publisher", pred: nsDCT + "publisher", kind: vPublisher, cls: agent}
	dataset := &class{name: "dataset", typ: nsDCAT + "Dataset", languages: true, fields: append(append(titles(),
		publisher,
		field{key: "creator", pred: nsDCT + "creator", kind: vObject, cls: agent},
		field{key: "other agent", pred: nsProv + "qualifiedAttribution", kind: vAttrib, cls: attribution},
		field{key: "identifier", pred: nsDCT + "identifier", kind: vLiteral},
		field{key: "adms", pred: nsADMS + "identifier", kind: vADMSID},
		field{key: "issued", pred: nsDCT + "issued", kind: vDate},
		field{key: "modified", pred: nsDCT + "modified", kind: vDate},
		field{key: "location", pred: nsDCT + "spatial", kind: vObject, cls: location},
		field{key: "spatialUrl", pred: nsDCT + "spatial", kind: vIRI},
		field{key: "temporal", pred: nsDCT + "temporal", kind: vObject, cls: temporal},
		field{key: "temporalResolution", pred: nsDCAT + "temporalResolution", kind: vDuration},
		field{key: "spatialResolutionInMeters", pred: nsDCAT + "spatialResolutionInMeters", kind: vDecimal},
		field{key: "accrualPeriodicity", pred: nsDCT + "accrualPeriodicity", kind: vVocab, vocab: &v.frequency},
		field{key: "versionNotes", pred: nsADMS + "versionNotes", kind: vText},
		field{key: "source", pred: nsDCT + "source", kind: vIRI},
		field{key: "accessRights", pred: nsDCT + "accessRights", kind: vVocab, vocab: &v.accessRights},
		field{key: "offers", pred: nsSchema + "offers", kind: vObject, cls: offer},
		field{key: "hasVersion", pred: nsDCAT + "hasVersion", kind: vIRI},
		field{key: "isReferencedBy", pred: nsDCT + "isReferencedBy", kind: vIRI},
		field{key: "relation", pred: nsDCT + "relation", kind: vIRI},
		field{key: "qualifiedRelation", pred: nsDCAT + "qualifiedRelation", kind: vObject, cls: relation},
		field{key: "provenance", pred: nsDCT + "provenance", kind: vProvenance},
		field{key: "inSeries", pred: nsDCAT + "inSeries", kind: vIRI},
		field{key: "version", pred: nsDCAT + "version", kind: vLiteral},
		field{key: "versionInfo", pred: nsDCAT + "version", kind: vLiteral},
		field{key: "distribution", pred: nsDCAT + "distribution", kind: vObject, cls: distribution},
		// The Processor maps no licence on datasets (DCAT-AP has none) and
		// drops these keys; they are accepted so that its inputs convert.
		field{key: "licenseurl", kind: vIgnored},
		field{key: "license", kind: vIgnored},
	), common()...)}
	series := &class{name: "dataset series", typ: nsDCAT + "DatasetSeries", fields: append(append(titles(),
		publisher,
		field{key: "issued", pred: nsDCT + "issued", kind: vDate},
		field{key: "modified", pred: nsDCT + "modified", kind: vDate},
		field{key: "location", pred: nsDCT + "spatial", kind: vObject, cls: location},
		field{key: "spatialUrl", pred: nsDCT + "spatial", kind: vIRI},
		field{key: "temporal", pred: nsDCT + "temporal", kind: vObject, cls: temporal},
		field{key: "accrualPeriodicity", pred: nsDCT + "accrualPeriodicity", kind: vVocab, vocab: &v.frequency},
		field{key: "relation", pred: nsDCT + "relation", kind: vIRI},
		field{key: "qualifiedRelation", pred: nsDCAT + "qualifiedRelation", kind: vObject, cls: relation},
	), common()...)}
	service := &class{name: "data service", typ: nsDCAT + "DataService", fields: append(append(append(titles(),
		field{key: "endpointURL", pred: nsDCAT + "endpointURL", kind: vIRI, required: true},
		field{key: "endpointDescription", pred: nsDCAT + "endpointDescription", kind: vIRI},
		field{key: "publisher", pred: nsDCT + "publisher", kind: vObject, cls: agent, required: true},
		field{key: "type", pred: nsDCT + "type", kind: vVocab, vocab: &v.serviceType},
		field{key: "servesDataset", pred: nsDCAT + "servesDataset", kind: vIRI},
		field{key: "accessRights", pred: nsDCT + "accessRights", kind: vVocab, vocab: &v.accessRights},
		field{key: "format", pred: nsDCT + "format", kind: vFormat},
	), licences()...), common()...)}
	catalogCls := &class{name: "catalog", typ: nsDCAT + "Catalog", languages: true,
		extra: [][2]string{{nsDCAT + "themeTaxonomy", dataThemeIRI}},
		fields: append(titles(),
			field{key: "publisher", pred: nsDCT + "publisher", kind: vObject, cls: agent, required: true},
			field{key: "license", pred: nsDCT + "license", kind: vVocab, vocab: &v.licence, required: true},
			field{key: "issued", pred: nsDCT + "issued", kind: vDate},
			field{key: "modified", pred: nsDCT + "modified", kind: vDate},
			field{key: "homepage", pred: nsFOAF + "homepage", kind: vIRI},
			field{key: "location", pred: nsDCT + "spatial", kind: vObject, cls: location},
			field{key: "rights", pred: nsDCT + "rights", kind: vObject, cls: rights},
			field{key: "hasPart", pred: nsDCT + "hasPart", kind: vIRI},
			field{key: "isPartOf", pred: nsDCT + "isPartOf", kind: vIRI},
			field{key: "catalog", pred: nsDCAT + "catalog", kind: vIRI},
		)}
	for _, c := range []*class{catalogCls, dataset, series, service} {
		c.field("title").required = true
	}
	dataset.field("description").required = true
	series.field("description").required = true
	catalogCls.field("description").required = true
	return &schema{catalog: catalogCls, dataset: dataset, series: series, service: service}
}
