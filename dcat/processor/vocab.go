package processor

import (
	"strings"

	"github.com/katalog-se/katalog/catalog"
)

// vocab resolves the value of a controlled property: one of the Processor's
// short names (its supportive_files tables) or a full IRI, to the canonical
// IRI. open vocabularies take any http(s) IRI they do not know, as the
// Processor does for values containing "http://".
type vocab struct {
	name    string // the Processor's table, for messages
	list    *catalog.Vocabulary
	aliases func(string) string // Processor short name → code or IRI the list knows; "" if none
	open    bool
}

// resolve returns the IRI for s, or false when s is not a known short name
// and (for closed vocabularies) not a known IRI.
func (v vocab) resolve(s string) (string, bool) {
	if v.aliases != nil {
		if a := v.aliases(s); a != "" {
			if v.list == nil {
				return a, true
			}
			s = a
		}
	}
	if v.list != nil {
		if iri, ok := v.list.Canonical(s); ok {
			return iri, true
		}
	}
	if v.open && isHTTPish(s) {
		return fixIRI(s)
	}
	return "", false
}

func isHTTPish(s string) bool {
	l := strings.ToLower(s)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")
}

// vocabs are the controlled properties of the Processor's input.
type vocabs struct {
	theme, accessRights, frequency, licence, publisherType, availability,
	status, serviceType, contactType, role, relationRole, hvd vocab
}

func newVocabs() vocabs {
	return vocabs{
		theme:         vocab{name: "theme", list: catalog.Themes, aliases: themeAlias},
		accessRights:  vocab{name: "accessRights", list: catalog.AccessRights},
		frequency:     vocab{name: "accrualPeriodicity", list: catalog.Frequencies, aliases: frequencyAlias},
		licence:       vocab{name: "license", list: catalog.Licences, open: true},
		publisherType: vocab{name: "type", list: catalog.PublisherTypes, aliases: publisherTypeAlias},
		availability:  vocab{name: "availability", list: catalog.Availabilities, aliases: availabilityAlias},
		status:        vocab{name: "status", list: catalog.DistributionStatuses, aliases: statusAlias},
		serviceType:   vocab{name: "type", list: catalog.ServiceTypes},
		contactType:   vocab{name: "type", aliases: contactTypeAlias},
		role:          vocab{name: "role", aliases: roleAlias},
		relationRole:  vocab{name: "role", aliases: roleAlias, open: true},
		hvd:           vocab{name: "hvdCategory", list: catalog.HVDCategories},
	}
}

func themeAlias(s string) string {
	if strings.EqualFold(strings.TrimSpace(s), "education") {
		return "EDUC"
	}
	return ""
}

func frequencyAlias(s string) string {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "semiannual":
		return "ANNUAL_2"
	case "continuous":
		return "CONT"
	case "continuously":
		return "UPDATE_CONT"
	case "irregular":
		return "IRREG"
	case "three times a month":
		return "MONTHLY_3"
	case "three times a week":
		return "WEEKLY_3"
	case "three times a year":
		return "ANNUAL_3"
	case "semiweekly":
		return "WEEKLY_2"
	case "twice a day":
		return "DAILY_2"
	case "semimonthly":
		return "MONTHLY_2"
	}
	return ""
}

func publisherTypeAlias(s string) string {
	if strings.EqualFold(strings.TrimSpace(s), "Private") {
		return "PrivateIndividual(s)"
	}
	return ""
}

// availabilityAlias maps the DCAT-AP 2 availability IRIs the Processor
// emits (http://data.europa.eu/r5r/availability/stable) to the 3.0.1 codes.
func availabilityAlias(s string) string {
	const old = "http://data.europa.eu/r5r/availability/"
	if rest, ok := strings.CutPrefix(strings.TrimSpace(s), old); ok {
		return strings.ToUpper(rest)
	}
	return ""
}

func statusAlias(s string) string {
	if strings.EqualFold(strings.TrimSpace(s), "UnderDevelopment") {
		return "DEVELOP"
	}
	return ""
}

func contactTypeAlias(s string) string {
	const vcardNS = "http://www.w3.org/2006/vcard/ns#"
	switch strings.TrimSpace(s) {
	case "Individual", vcardNS + "Individual":
		return vcardNS + "Individual"
	case "Organization", vcardNS + "Organization":
		return vcardNS + "Organization"
	}
	return ""
}

// roleAlias maps the INSPIRE responsible-party roles of the Processor's
// userRole table (dcat:hadRole of a prov:Attribution).
func roleAlias(s string) string {
	const ns = "http://inspire.ec.europa.eu/metadata-codelist/ResponsiblePartyRole/"
	s = strings.TrimSpace(s)
	name := strings.TrimPrefix(s, ns)
	switch name {
	case "user", "distributor", "custodian", "resourceProvider", "principalInvestigator", "author", "processor", "owner":
		return ns + name
	}
	return ""
}

// formatAlias maps the Processor's media.json and geographicmedia.json short
// names to media types.
func formatAlias(s string) string {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "csv":
		return "text/csv"
	case "csv zip":
		return "text/csv+zip"
	case "html":
		return "text/html"
	case "json":
		return "application/json"
	case "json zip":
		return "application/json+zip"
	case "excel":
		return "application/vnd.ms-excel"
	case "xlsx":
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	case "opendocument":
		return "application/vnd.oasis.opendocument.spreadsheet"
	case "pdf":
		return "application/pdf"
	case "n3":
		return "application/n-triples"
	case "turtle":
		return "text/turtle"
	case "sparql":
		return "application/sparql-query"
	case "rdf/xml":
		return "application/rdf+xml"
	case "text":
		return "text/plain"
	case "xml":
		return "application/xml"
	case "xml zip":
		return "application/xml+zip"
	case "zip":
		return "application/zip"
	case "wcs":
		return "application/vnd.ogc.wcs_xml"
	case "wfs":
		return "application/vnd.ogc.wfs_xml"
	case "wms":
		return "application/vnd.ogc.wms_xml"
	case "wmts":
		return "application/vnd.ogc.wmts_xml"
	case "geopackage+sqlite3", "gml+xml", "vnd.google-earth.kml+xml", "vnd.google-earth.kmz", "vnd.sqlite3",
		"x-ascii-grid", "x-ecw", "x-gmz", "x-las", "x-laz", "x-oracledump", "x-shapefile", "x-tab", "x-tab-raster", "x-worldfile":
		return "application/" + strings.ToLower(strings.TrimSpace(s))
	case "xfilegdb":
		return "application/x-filegdb"
	case "jp2":
		return "image/jp2"
	case "tiff":
		return "image/tiff"
	}
	return ""
}
