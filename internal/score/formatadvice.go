package score

import (
	"sort"
	"strings"
)

// FormatJudgement is how the MQA lists judge a distribution's format, as
// dataportal.se rates it: machine-readable (data.europa.eu's
// edp-machine-readable-format list), non-proprietary (its
// edp-non-proprietary-format list), open when on both; structured when it
// holds data (katalog's files channel); document when it is for people.
type FormatJudgement struct {
	// Code is the EU file-type code ("CSV", "GPKG"), "" when unknown.
	Code string `json:"code"`
	// Name is the format's common name ("GeoPackage"), the value given
	// when it is not known.
	Name            string `json:"name"`
	MachineReadable bool   `json:"machineReadable"`
	NonProprietary  bool   `json:"nonProprietary"`
	Open            bool   `json:"open"`
	Structured      bool   `json:"structured"`
	Document        bool   `json:"document"`
	// MediaType is true when the format was given as an IANA media type,
	// as DCAT-AP-SE asks; Known when it is on a controlled list.
	MediaType bool `json:"mediaType"`
	Known     bool `json:"known"`
}

// JudgeFormat judges a dct:format value (an IANA media type, an EU
// file-type IRI or a bare code) by the MQA lists.
func JudgeFormat(format string) FormatJudgement {
	f := classifyFormat(format)
	name := formatName(f.code)
	if name == "" {
		name = strings.TrimSpace(format)
	}
	return FormatJudgement{Code: f.code, Name: name, MachineReadable: f.machineReadable(), NonProprietary: f.nonProprietary(),
		Open: f.open(), Structured: f.structured(), Document: f.document(), MediaType: f.mediaType, Known: f.vocabulary}
}

// formatName is a format's common name by its EU file-type code.
func formatName(code string) string {
	switch code {
	case "":
		return ""
	case "GPKG":
		return "GeoPackage"
	case "SHP":
		return "Shapefile"
	case "GML":
		return "GML"
	case "XLS":
		return "Excel (XLS)"
	case "XLSX":
		return "Excel (XLSX)"
	case "ODS":
		return "OpenDocument (ODS)"
	case "DOC", "DOCX":
		return "Word (" + code + ")"
	case "GEOJSON":
		return "GeoJSON"
	case "JSON_LD":
		return "JSON-LD"
	case "RDF_XML":
		return "RDF/XML"
	case "RDF_TURTLE":
		return "Turtle"
	case "RDF_N_TRIPLES":
		return "N-Triples"
	case "NETCDF":
		return "NetCDF"
	case "WMS_SRVC":
		return "WMS"
	case "WFS_SRVC":
		return "WFS"
	case "JPEG2000":
		return "JPEG 2000"
	}
	return code
}

// formatFamily groups formats by what their data is, to name the open
// formats that carry the same: tables, geodata, documents, archives.
func formatFamily(code string) string {
	switch code {
	case "XLS", "XLSX", "TSV", "DBF":
		return "table"
	case "SHP", "GPKG", "GML", "WMS_SRVC", "WFS_SRVC", "TIFF", "JPEG2000":
		return "geo"
	case "PDF", "DOC", "DOCX", "ODT", "RTF", "HTML", "TXT":
		return "document"
	case "ZIP", "GZIP", "TAR":
		return "archive"
	case "":
		return "unknown"
	}
	return "other"
}

// formatSet is a set of format codes seen failing a test ("" for formats
// not known), for advice that names them.
type formatSet map[string]bool

func (s *formatSet) add(code string) {
	if *s == nil {
		*s = formatSet{}
	}
	(*s)[code] = true
}

// names lists the known formats' names, sorted, and whether unknown ones
// were seen.
func (s formatSet) names() ([]string, bool) {
	var out []string
	unknown := false
	for code := range s {
		if code == "" {
			unknown = true
			continue
		}
		out = append(out, formatName(code))
	}
	sort.Strings(out)
	return out, unknown
}

// alternatives names the open formats (on both MQA lists) that carry what
// the formats of s carry: CSV or ODS for tables, GeoJSON or KML for
// geodata, CSV or JSON for what documents hold.
func (s formatSet) alternatives() Text {
	fam := map[string]bool{}
	for code := range s {
		fam[formatFamily(code)] = true
	}
	var sv, en []string
	if fam["geo"] {
		sv = append(sv, "GeoJSON (application/geo+json) eller KML för geodata")
		en = append(en, "GeoJSON (application/geo+json) or KML for geodata")
	}
	if fam["table"] || fam["document"] || fam["other"] || fam["archive"] || fam["unknown"] || len(sv) == 0 {
		sv = append(sv, "CSV (text/csv), ODS eller JSON för tabeller och andra data")
		en = append(en, "CSV (text/csv), ODS or JSON for tables and other data")
	}
	return Text{SV: strings.Join(sv, "; "), EN: strings.Join(en, "; ")}
}

// list joins names: "A", "A och B", "A, B och C".
func list(names []string, and string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " " + and + " " + names[len(names)-1]
}

// openAdvice is the advice of the open machine-readable channel for an
// agency whose PUBLIC files are in the formats s (none: it has no files).
func openAdvice(s formatSet) Text {
	names, unknown := s.names()
	alt := s.alternatives()
	if len(names) == 0 && !unknown {
		return Text{
			SV: "Publicera data som nedladdningsbar fil (dcat:downloadURL) i ett öppet maskinläsbart format: " + alt.SV + ".",
			EN: "Publish data as a downloadable file (dcat:downloadURL) in an open machine-readable format: " + alt.EN + "."}
	}
	t := Text{}
	if len(names) > 0 {
		t.SV = "Era filer i " + list(names, "och") + " räknas inte som öppna maskinläsbara: formaten står inte på båda MQA-listorna (maskinläsbara och icke-proprietära format) som dataportal.se bedömer efter. "
		t.EN = "Your files in " + list(names, "and") + " do not count as open machine-readable: the formats are not on both MQA lists (machine-readable and non-proprietary formats) that dataportal.se judges by. "
	}
	if unknown {
		t.SV += "Ange formatet som IANA-medietyp (t.ex. text/csv) där det saknas eller inte känns igen. "
		t.EN += "Give the format as an IANA media type (e.g. text/csv) where it is missing or not recognised. "
	}
	t.SV += "Erbjud samma data även som " + alt.SV + "."
	t.EN += "Offer the same data as " + alt.EN + " too."
	return t
}

// filesAdvice is the advice of the files channel for an agency whose PUBLIC
// distributions are in the formats s, none of them structured.
func filesAdvice(s formatSet) Text {
	names, _ := s.names()
	alt := s.alternatives()
	if len(names) == 0 {
		return Text{
			SV: "Publicera själva datan som nedladdningsbar fil (dcat:downloadURL), inte bara en webbsida: " + alt.SV + ".",
			EN: "Publish the data itself as a downloadable file (dcat:downloadURL), not only a web page: " + alt.EN + "."}
	}
	return Text{
		SV: "Era distributioner är dokument (" + list(names, "och") + "): publicera själva datan som nedladdningsbar fil (dcat:downloadURL) i ett strukturerat format: " + alt.SV + ".",
		EN: "Your distributions are documents (" + list(names, "and") + "): publish the data itself as a downloadable file (dcat:downloadURL) in a structured format: " + alt.EN + "."}
}

// listAdvice is the advice of an MQA format indicator (machine-readable or
// non-proprietary, named by which) for distributions in the formats s.
func listAdvice(s formatSet, which Text) Text {
	names, unknown := s.names()
	alt := s.alternatives()
	t := Text{}
	if len(names) > 0 {
		t.SV = list(names, "och") + " står inte på MQA:s lista över " + which.SV + " format. "
		verb := " is"
		if len(names) > 1 {
			verb = " are"
		}
		t.EN = list(names, "and") + verb + " not on the MQA list of " + which.EN + " formats. "
	}
	if unknown {
		t.SV += "Ange formatet (dct:format) som IANA-medietyp, t.ex. text/csv, där det saknas eller inte känns igen. "
		t.EN += "Give the format (dct:format) as an IANA media type, e.g. text/csv, where it is missing or not recognised. "
	}
	t.SV += "Erbjud data även som " + alt.SV + "."
	t.EN += "Offer the data as " + alt.EN + " too."
	return t
}
