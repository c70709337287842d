package score

import "strings"

// fileTypePrefix is the namespace of the EU Publications Office file-type list.
const fileTypePrefix = "http://publications.europa.eu/resource/authority/file-type/"

// formatInfo classifies a distribution's format.
type formatInfo struct {
	// code is the EU file-type code ("CSV"), "" when unknown.
	code string
	// mediaType reports that the format was given as an IANA media type.
	mediaType bool
	// vocabulary reports that the format is from a controlled list: a
	// known IANA media type or an EU file-type IRI.
	vocabulary bool
}

// machineReadable reports whether the format is on the MQA machine-readable
// list (data.europa.eu edp-machine-readable-format, 20 types).
func (f formatInfo) machineReadable() bool {
	switch f.code {
	case "CSV", "GEOJSON", "ICS", "JSON", "JSON_LD", "KML", "KMZ", "NETCDF", "ODS", "RDFA",
		"RDF_N_QUADS", "RDF_N_TRIPLES", "RDF_TRIG", "RDF_TURTLE", "RDF_XML", "RSS", "SHP", "XLS", "XLSX", "XML":
		return true
	}
	return false
}

// nonProprietary reports whether the format is on the MQA non-proprietary
// list (data.europa.eu edp-non-proprietary-format, 29 types).
func (f formatInfo) nonProprietary() bool {
	switch f.code {
	case "BMP", "CSV", "DBF", "GEOJSON", "GZIP", "HTML", "ICS", "JPEG2000", "JSON", "JSON_LD", "KML", "KMZ",
		"NETCDF", "ODS", "PNG", "RDF_N_QUADS", "RDF_N_TRIPLES", "RDF_TRIG", "RDF_TURTLE", "RDF_XML", "RSS",
		"RTF", "TAR", "TIFF", "TSV", "TXT", "WMS_SRVC", "XML", "ZIP":
		return true
	}
	return false
}

// linkedData reports an RDF serialisation: the fourth star of the 5-star
// model as dataportal.se rates it.
func (f formatInfo) linkedData() bool {
	switch f.code {
	case "RDF_XML", "RDF_TURTLE", "RDF_N_TRIPLES", "RDF_N_QUADS", "RDF_TRIG", "JSON_LD", "N3":
		return true
	}
	return false
}

// open reports an open, machine-readable format: on both MQA lists.
func (f formatInfo) open() bool { return f.machineReadable() && f.nonProprietary() }

// structured reports a format that holds data rather than text: the
// machine-readable list plus structured formats the list misses.
func (f formatInfo) structured() bool {
	switch f.code {
	case "TSV", "DBF", "GML", "GPKG":
		return true
	}
	return f.machineReadable()
}

// document reports a format for people rather than programs.
func (f formatInfo) document() bool {
	switch f.code {
	case "PDF", "DOC", "DOCX", "ODT", "RTF", "HTML", "TXT":
		return true
	}
	return false
}

// classifyFormat classifies a dct:format value: an IANA media type (the
// Swedish profile's choice), an EU file-type IRI or a bare file-type code.
func classifyFormat(s string) formatInfo {
	s = strings.TrimSpace(s)
	if s == "" {
		return formatInfo{}
	}
	if code, ok := strings.CutPrefix(s, fileTypePrefix); ok {
		return formatInfo{code: strings.ToUpper(code), vocabulary: code != ""}
	}
	if strings.Contains(s, "://") {
		return formatInfo{}
	}
	if !strings.Contains(s, "/") {
		return formatInfo{code: strings.ToUpper(s)}
	}
	mt := strings.ToLower(s)
	if i := strings.IndexByte(mt, ';'); i >= 0 {
		mt = strings.TrimSpace(mt[:i])
	}
	// The Swedish list's "+zip" types are zipped files of the inner type.
	mt = strings.TrimSuffix(mt, "+zip")
	code := mediaTypeCode(mt)
	return formatInfo{code: code, mediaType: true, vocabulary: code != ""}
}

// mediaTypeCode maps an IANA media type to its EU file-type code.
func mediaTypeCode(mt string) string {
	switch mt {
	case "text/csv":
		return "CSV"
	case "text/tab-separated-values":
		return "TSV"
	case "application/json":
		return "JSON"
	case "application/ld+json":
		return "JSON_LD"
	case "application/geo+json", "application/vnd.geo+json":
		return "GEOJSON"
	case "application/xml", "text/xml":
		return "XML"
	case "application/rdf+xml":
		return "RDF_XML"
	case "text/turtle":
		return "RDF_TURTLE"
	case "application/n-triples":
		return "RDF_N_TRIPLES"
	case "application/n-quads":
		return "RDF_N_QUADS"
	case "application/trig":
		return "RDF_TRIG"
	case "text/n3":
		return "N3"
	case "application/rss+xml":
		return "RSS"
	case "text/calendar":
		return "ICS"
	case "application/vnd.google-earth.kml+xml":
		return "KML"
	case "application/vnd.google-earth.kmz":
		return "KMZ"
	case "application/netcdf", "application/x-netcdf":
		return "NETCDF"
	case "application/vnd.oasis.opendocument.spreadsheet":
		return "ODS"
	case "application/vnd.ms-excel":
		return "XLS"
	case "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":
		return "XLSX"
	case "application/x-shapefile":
		return "SHP"
	case "application/gml+xml":
		return "GML"
	case "application/geopackage+sqlite3":
		return "GPKG"
	case "application/zip":
		return "ZIP"
	case "application/gzip":
		return "GZIP"
	case "application/x-tar":
		return "TAR"
	case "text/html":
		return "HTML"
	case "text/plain":
		return "TXT"
	case "application/pdf":
		return "PDF"
	case "application/msword":
		return "DOC"
	case "application/vnd.openxmlformats-officedocument.wordprocessingml.document":
		return "DOCX"
	case "application/vnd.oasis.opendocument.text":
		return "ODT"
	case "application/rtf", "text/rtf":
		return "RTF"
	case "image/png":
		return "PNG"
	case "image/tiff":
		return "TIFF"
	case "image/jp2":
		return "JPEG2000"
	case "image/bmp":
		return "BMP"
	case "application/vnd.ogc.wms_xml":
		return "WMS_SRVC"
	case "application/vnd.ogc.wfs_xml":
		return "WFS_SRVC"
	case "application/sparql-query":
		return "SPARQL_QUERY"
	}
	return ""
}
