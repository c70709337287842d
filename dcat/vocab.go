package dcat

// Namespaces of the vocabularies DCAT-AP-SE 3.0.1 uses.
const (
	NSRDF     = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
	NSRDFS    = "http://www.w3.org/2000/01/rdf-schema#"
	NSXSD     = "http://www.w3.org/2001/XMLSchema#"
	NSDCAT    = "http://www.w3.org/ns/dcat#"
	NSDCTerms = "http://purl.org/dc/terms/"
	NSFOAF    = "http://xmlns.com/foaf/0.1/"
	NSVCard   = "http://www.w3.org/2006/vcard/ns#"
	NSADMS    = "http://www.w3.org/ns/adms#"
	// NSDCATAP is the DCAT-AP namespace (applicableLegislation, hvdCategory, availability).
	NSDCATAP = "http://data.europa.eu/r5r/"
	NSHydra  = "http://www.w3.org/ns/hydra/core#"
	NSSKOS   = "http://www.w3.org/2004/02/skos/core#"
	NSOWL    = "http://www.w3.org/2002/07/owl#"
	NSOrg    = "http://www.w3.org/ns/org#"
	NSSchema = "http://schema.org/"
	NSProv   = "http://www.w3.org/ns/prov#"
	NSLocn   = "http://www.w3.org/ns/locn#"
	NSODRS   = "http://schema.theodi.org/odrs#"
	NSSPDX   = "http://spdx.org/rdf/terms#"
)

// RDF and XSD terms.
const (
	RDFType       = NSRDF + "type"
	RDFLangString = NSRDF + "langString"
	RDFSLabel     = NSRDFS + "label"

	XSDString             = NSXSD + "string"
	XSDDate               = NSXSD + "date"
	XSDDateTime           = NSXSD + "dateTime"
	XSDGYear              = NSXSD + "gYear"
	XSDGYearMonth         = NSXSD + "gYearMonth"
	XSDInteger            = NSXSD + "integer"
	XSDNonNegativeInteger = NSXSD + "nonNegativeInteger"
)

// DCAT classes and properties.
const (
	DCATCatalog      = NSDCAT + "Catalog"
	DCATDataset      = NSDCAT + "Dataset"
	DCATDistribution = NSDCAT + "Distribution"
	DCATDataService  = NSDCAT + "DataService"

	// DCATDatasetProp is the property dcat:dataset (DCATDataset is the class).
	DCATDatasetProp   = NSDCAT + "dataset"
	DCATService       = NSDCAT + "service"
	DCATThemeTaxonomy = NSDCAT + "themeTaxonomy"
	// DCATDistributionProp is the property dcat:distribution.
	DCATDistributionProp     = NSDCAT + "distribution"
	DCATKeyword              = NSDCAT + "keyword"
	DCATTheme                = NSDCAT + "theme"
	DCATLandingPage          = NSDCAT + "landingPage"
	DCATContactPoint         = NSDCAT + "contactPoint"
	DCATAccessURL            = NSDCAT + "accessURL"
	DCATDownloadURL          = NSDCAT + "downloadURL"
	DCATByteSize             = NSDCAT + "byteSize"
	DCATAccessService        = NSDCAT + "accessService"
	DCATEndpointURL          = NSDCAT + "endpointURL"
	DCATEndpointDescription  = NSDCAT + "endpointDescription"
	DCATServesDataset        = NSDCAT + "servesDataset"
	DCATMediaType            = NSDCAT + "mediaType"
	DCATTemporalResolution   = NSDCAT + "temporalResolution"
	DCATSpatialResolutionInM = NSDCAT + "spatialResolutionInMeters"
)

// DCMI terms.
const (
	DCTermsTitle              = NSDCTerms + "title"
	DCTermsDescription        = NSDCTerms + "description"
	DCTermsPublisher          = NSDCTerms + "publisher"
	DCTermsLicense            = NSDCTerms + "license"
	DCTermsIssued             = NSDCTerms + "issued"
	DCTermsModified           = NSDCTerms + "modified"
	DCTermsLanguage           = NSDCTerms + "language"
	DCTermsIdentifier         = NSDCTerms + "identifier"
	DCTermsType               = NSDCTerms + "type"
	DCTermsAccessRights       = NSDCTerms + "accessRights"
	DCTermsAccrualPeriodicity = NSDCTerms + "accrualPeriodicity"
	DCTermsConformsTo         = NSDCTerms + "conformsTo"
	DCTermsSpatial            = NSDCTerms + "spatial"
	DCTermsTemporal           = NSDCTerms + "temporal"
	DCTermsFormat             = NSDCTerms + "format"
	DCTermsHasPart            = NSDCTerms + "hasPart"
	DCTermsIsPartOf           = NSDCTerms + "isPartOf"
	DCTermsRights             = NSDCTerms + "rights"
	DCTermsPeriodOfTime       = NSDCTerms + "PeriodOfTime"
	DCATStartDate             = NSDCAT + "startDate"
	DCATEndDate               = NSDCAT + "endDate"
	DCTermsSubject            = NSDCTerms + "subject"
)

// FOAF terms.
const (
	FOAFAgent        = NSFOAF + "Agent"
	FOAFOrganization = NSFOAF + "Organization"
	FOAFDocument     = NSFOAF + "Document"
	FOAFName         = NSFOAF + "name"
	FOAFHomepage     = NSFOAF + "homepage"
	FOAFMbox         = NSFOAF + "mbox"
	FOAFPage         = NSFOAF + "page"
)

// vCard terms.
const (
	VCardOrganization = NSVCard + "Organization"
	VCardIndividual   = NSVCard + "Individual"
	VCardKind         = NSVCard + "Kind"
	VCardVoice        = NSVCard + "Voice"
	VCardFn           = NSVCard + "fn"
	VCardHasEmail     = NSVCard + "hasEmail"
	VCardHasTelephone = NSVCard + "hasTelephone"
	VCardHasValue     = NSVCard + "hasValue"
	VCardHasURL       = NSVCard + "hasURL"
)

// ADMS and DCAT-AP terms.
const (
	ADMSStatus                  = NSADMS + "status"
	DCATAPApplicableLegislation = NSDCATAP + "applicableLegislation"
	DCATAPHVDCategory           = NSDCATAP + "hvdCategory"
	DCATAPAvailability          = NSDCATAP + "availability"
)

// Hydra paging terms: both the deprecated (nextPage, …) and the current
// (next, …) names, as harvesters follow one or the other.
const (
	HydraPagedCollection = NSHydra + "PagedCollection"
	HydraTotalItems      = NSHydra + "totalItems"
	HydraItemsPerPage    = NSHydra + "itemsPerPage"
	HydraFirstPage       = NSHydra + "firstPage"
	HydraFirst           = NSHydra + "first"
	HydraLastPage        = NSHydra + "lastPage"
	HydraLast            = NSHydra + "last"
	HydraNextPage        = NSHydra + "nextPage"
	HydraNext            = NSHydra + "next"
	HydraPreviousPage    = NSHydra + "previousPage"
	HydraPrevious        = NSHydra + "previous"
)

// Controlled values katalog emits itself.
const (
	// LanguageSWE and LanguageENG are the EU language-authority IRIs of
	// Swedish and English (every catalog's dcterms:language).
	LanguageSWE = "http://publications.europa.eu/resource/authority/language/SWE"
	LanguageENG = "http://publications.europa.eu/resource/authority/language/ENG"
	// PublisherTypeNationalAuthority is the default dcterms:type of an agent.
	PublisherTypeNationalAuthority = "http://purl.org/adms/publishertype/NationalAuthority"
	// DefaultServiceFormat is a data service's dcterms:format when none is given.
	DefaultServiceFormat = "application/json"
)
