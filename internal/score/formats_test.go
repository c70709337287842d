package score

import "testing"

func TestClassifyFormat(t *testing.T) {
	tests := []struct {
		in                                      string
		code                                    string
		mediaType, vocab, mr, nonProp, open, st bool
		document                                bool
	}{
		{"text/csv", "CSV", true, true, true, true, true, true, false},
		{"text/csv; charset=utf-8", "CSV", true, true, true, true, true, true, false},
		{"text/csv+zip", "CSV", true, true, true, true, true, true, false},
		{"application/vnd.ms-excel", "XLS", true, true, true, false, false, true, false},
		{"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX", true, true, true, false, false, true, false},
		{"application/pdf", "PDF", true, true, false, false, false, false, true},
		{"text/html", "HTML", true, true, false, true, false, false, true},
		{"text/tab-separated-values", "TSV", true, true, false, true, false, true, false},
		{"application/x-shapefile", "SHP", true, true, true, false, false, true, false},
		{"http://publications.europa.eu/resource/authority/file-type/JSON", "JSON", false, true, true, true, true, true, false},
		{"CSV", "CSV", false, false, true, true, true, true, false},
		{"application/x-unknown", "", true, false, false, false, false, false, false},
		{"https://example.org/format", "", false, false, false, false, false, false, false},
		{"", "", false, false, false, false, false, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			f := classifyFormat(tt.in)
			got := []bool{f.mediaType, f.vocabulary, f.machineReadable(), f.nonProprietary(), f.open(), f.structured(), f.document()}
			want := []bool{tt.mediaType, tt.vocab, tt.mr, tt.nonProp, tt.open, tt.st, tt.document}
			if f.code != tt.code {
				t.Errorf("code = %q, want %q", f.code, tt.code)
			}
			names := []string{"mediaType", "vocabulary", "machineReadable", "nonProprietary", "open", "structured", "document"}
			for i := range got {
				if got[i] != want[i] {
					t.Errorf("%s = %v, want %v", names[i], got[i], want[i])
				}
			}
		})
	}
}

// TestFormatListsMatchEDP checks the encoded lists against the counts of
// data.europa.eu's lists: 20 machine-readable, 29 non-proprietary, 16 both.
func TestFormatListsMatchEDP(t *testing.T) {
	codes := []string{"BMP", "CSV", "DBF", "GEOJSON", "GZIP", "HTML", "ICS", "JPEG2000", "JSON", "JSON_LD", "KML", "KMZ",
		"NETCDF", "ODS", "PNG", "RDFA", "RDF_N_QUADS", "RDF_N_TRIPLES", "RDF_TRIG", "RDF_TURTLE", "RDF_XML", "RSS", "RTF",
		"SHP", "TAR", "TIFF", "TSV", "TXT", "WMS_SRVC", "XLS", "XLSX", "XML", "ZIP", "PDF", "DOCX"}
	mr, np, both := 0, 0, 0
	for _, c := range codes {
		f := formatInfo{code: c}
		if f.machineReadable() {
			mr++
		}
		if f.nonProprietary() {
			np++
		}
		if f.open() {
			both++
		}
	}
	if mr != 20 || np != 29 || both != 16 {
		t.Errorf("machine-readable %d, non-proprietary %d, both %d; want 20, 29, 16", mr, np, both)
	}
}

func TestLicences(t *testing.T) {
	tests := []struct {
		in        string
		open, hvd bool
	}{
		{licenceCC0, true, true},
		{"CC BY 4.0", true, true},
		{"https://creativecommons.org/licenses/by/4.0", true, true},
		{licenceCCBYSA, true, false},
		{ccBYNC, false, false},
		{"", false, false},
		{"https://example.se/villkor", false, false},
	}
	for _, tt := range tests {
		if got := openLicence(tt.in); got != tt.open {
			t.Errorf("openLicence(%q) = %v", tt.in, got)
		}
		if got := hvdLicence(tt.in); got != tt.hvd {
			t.Errorf("hvdLicence(%q) = %v", tt.in, got)
		}
	}
}
