package score

// MQA dimension identifiers.
const (
	DimFindability      = "findability"
	DimAccessibility    = "accessibility"
	DimInteroperability = "interoperability"
	DimReusability      = "reusability"
	DimContextuality    = "contextuality"
)

// MQAMax is the scale of MQA points (data.europa.eu's 405), on which the
// rating bands are defined.
const MQAMax = 405

// MQAAchievable is the most points dataportal.se's variant awards: the
// DCAT-AP compliance indicator (30 points in the EU method) gives none.
const MQAAchievable = MQAMax - 30

// Indices of the 23 MQA indicators.
const (
	iKeyword = iota
	iTheme
	iSpatial
	iTemporal
	iAccessURLStatus
	iDownloadURL
	iDownloadURLStatus
	iFormat
	iMediaType
	iVocabulary
	iNonProprietary
	iMachineReadable
	iCompliance
	iLicence
	iKnownLicence
	iAccessRights
	iAccessRightsVocabulary
	iContactPoint
	iPublisher
	iRights
	iByteSize
	iIssued
	iModified
	numIndicators
)

// indicator is one MQA metric with its data.europa.eu weight.
type indicator struct {
	id           string
	dimension    string
	weight       int
	distribution bool // population: distributions, else datasets
	property     string
	advice       Text
}

// indicators returns the MQA table in [ModelVersion]: the 405-point
// data.europa.eu weights with dataportal.se's Swedish variant, in which the
// DCAT-AP compliance indicator is shown but weighs nothing.
func indicators() *[numIndicators]indicator {
	return &[numIndicators]indicator{
		iKeyword: {"mqa.keyword", DimFindability, 30, false, "dcat:keyword", Text{
			SV: "Lägg till minst ett nyckelord (dcat:keyword) på svenska och engelska på varje datamängd.",
			EN: "Add at least one keyword (dcat:keyword), in Swedish and English, to every dataset."}},
		iTheme: {"mqa.theme", DimFindability, 30, false, "dcat:theme", Text{
			SV: "Ange minst ett tema (dcat:theme) från EU:s temalista, t.ex. GOVE, på varje datamängd.",
			EN: "Give every dataset at least one theme (dcat:theme) from the EU data-theme list, e.g. GOVE."}},
		iSpatial: {"mqa.spatial", DimFindability, 20, false, "dct:spatial", Text{
			SV: "Ange geografisk täckning (dct:spatial), t.ex. Sverige eller en kommun, på varje datamängd.",
			EN: "State the geographic coverage (dct:spatial), e.g. Sweden or a municipality, on every dataset."}},
		iTemporal: {"mqa.temporal", DimFindability, 20, false, "dct:temporal", Text{
			SV: "Ange vilken tidsperiod datamängden täcker (dct:temporal) i ert DCAT-flöde.",
			EN: "State the time period a dataset covers (dct:temporal) in your DCAT feed."}},
		iAccessURLStatus: {"mqa.accessUrlStatus", DimAccessibility, 50, true, "dcat:accessURL", Text{
			SV: "Rätta eller ersätt åtkomstadresser (dcat:accessURL) som inte svarar med HTTP 200–399.",
			EN: "Fix or replace access URLs (dcat:accessURL) that do not answer HTTP 200–399."}},
		iDownloadURL: {"mqa.downloadUrl", DimAccessibility, 20, true, "dcat:downloadURL", Text{
			SV: "Lägg till en direktlänk till filen (dcat:downloadURL) på varje distribution.",
			EN: "Add a direct link to the file (dcat:downloadURL) to every distribution."}},
		iDownloadURLStatus: {"mqa.downloadUrlStatus", DimAccessibility, 30, true, "dcat:downloadURL", Text{
			SV: "Se till att varje nedladdningslänk (dcat:downloadURL) finns och svarar med HTTP 200–399.",
			EN: "Make sure every distribution has a download URL (dcat:downloadURL) that answers HTTP 200–399."}},
		iFormat: {"mqa.format", DimInteroperability, 20, true, "dct:format", Text{
			SV: "Ange format (dct:format) som IANA-medietyp, t.ex. text/csv, på varje distribution.",
			EN: "Give every distribution a format (dct:format) as an IANA media type, e.g. text/csv."}},
		iMediaType: {"mqa.mediaType", DimInteroperability, 10, true, "dcat:mediaType", Text{
			SV: "Ange formatet som IANA-medietyp (t.ex. text/csv) i stället för fritext som \"CSV\".",
			EN: "Give the format as an IANA media type (e.g. text/csv) rather than free text such as \"CSV\"."}},
		iVocabulary: {"mqa.formatVocabulary", DimInteroperability, 10, true, "dct:format", Text{
			SV: "Använd en medietyp från IANA-listan som dataportal.se känner igen, t.ex. text/csv eller application/json.",
			EN: "Use an IANA media type that dataportal.se recognises, e.g. text/csv or application/json."}},
		iNonProprietary: {"mqa.nonProprietary", DimInteroperability, 20, true, "dct:format", Text{
			SV: "Publicera tabellen som CSV (text/csv) eller JSON i stället för Excel eller PDF: ett öppet, icke-proprietärt format.",
			EN: "Publish the table as CSV (text/csv) or JSON instead of Excel or PDF: an open, non-proprietary format."}},
		iMachineReadable: {"mqa.machineReadable", DimInteroperability, 20, true, "dct:format", Text{
			SV: "Publicera data i ett maskinläsbart format som CSV, JSON eller XML i stället för PDF eller HTML.",
			EN: "Publish data in a machine-readable format such as CSV, JSON or XML instead of PDF or HTML."}},
		iCompliance: {"mqa.dcatApSeCompliance", DimInteroperability, 0, false, "DCAT-AP-SE", Text{
			SV: "Rätta felen som valideringen mot DCAT-AP-SE hittar, så att varje datamängd följer profilen.",
			EN: "Fix the errors the DCAT-AP-SE validation finds, so that every dataset conforms to the profile."}},
		iLicence: {"mqa.licence", DimReusability, 20, true, "dct:license", Text{
			SV: "Ange licens (dct:license) på varje distribution, helst CC0 1.0 eller CC BY 4.0.",
			EN: "Give every distribution a licence (dct:license), preferably CC0 1.0 or CC BY 4.0."}},
		iKnownLicence: {"mqa.knownLicence", DimReusability, 10, true, "dct:license", Text{
			SV: "Använd en licens-IRI från den kontrollerade listan, t.ex. http://creativecommons.org/publicdomain/zero/1.0/.",
			EN: "Use a licence IRI from the controlled list, e.g. http://creativecommons.org/publicdomain/zero/1.0/."}},
		iAccessRights: {"mqa.accessRights", DimReusability, 10, false, "dct:accessRights", Text{
			SV: "Ange åtkomsträttigheter (dct:accessRights), t.ex. PUBLIC, på varje datamängd.",
			EN: "Give every dataset its access rights (dct:accessRights), e.g. PUBLIC."}},
		iAccessRightsVocabulary: {"mqa.accessRightsVocabulary", DimReusability, 5, false, "dct:accessRights", Text{
			SV: "Använd EU:s lista för dct:accessRights: PUBLIC, RESTRICTED eller NON_PUBLIC.",
			EN: "Use the EU access-right list for dct:accessRights: PUBLIC, RESTRICTED or NON_PUBLIC."}},
		iContactPoint: {"mqa.contactPoint", DimReusability, 20, false, "dcat:contactPoint", Text{
			SV: "Ange en kontaktpunkt (dcat:contactPoint) med namn och e-postadress på varje datamängd.",
			EN: "Give every dataset a contact point (dcat:contactPoint) with a name and an e-mail address."}},
		iPublisher: {"mqa.publisher", DimReusability, 10, false, "dct:publisher", Text{
			SV: "Ange myndigheten som utgivare (dct:publisher) på varje datamängd.",
			EN: "Give the agency as publisher (dct:publisher) of every dataset."}},
		iRights: {"mqa.rights", DimContextuality, 5, true, "dct:rights", Text{
			SV: "Beskriv rättigheterna (dct:rights) på distributionerna, t.ex. med en länk till användarvillkoren.",
			EN: "Describe the rights (dct:rights) on distributions, e.g. with a link to the terms of use."}},
		iByteSize: {"mqa.byteSize", DimContextuality, 5, true, "dcat:byteSize", Text{
			SV: "Ange filstorleken i byte (dcat:byteSize) på varje nedladdningsbar fil.",
			EN: "Give the file size in bytes (dcat:byteSize) of every downloadable file."}},
		iIssued: {"mqa.issued", DimContextuality, 5, false, "dct:issued", Text{
			SV: "Ange när datamängden först publicerades (dct:issued).",
			EN: "State when each dataset was first published (dct:issued)."}},
		iModified: {"mqa.modified", DimContextuality, 5, false, "dct:modified", Text{
			SV: "Ange senaste ändringsdatum (dct:modified) och håll det aktuellt när data uppdateras.",
			EN: "State the last modification date (dct:modified) and keep it current when the data changes."}},
	}
}

// mqaRating is the data.europa.eu band of a score in points; 120 is Bad,
// as in the published methodology.
func mqaRating(points int) string {
	switch {
	case points >= 351:
		return "excellent"
	case points >= 221:
		return "good"
	case points >= 121:
		return "sufficient"
	}
	return "bad"
}

// dimensions lists the MQA dimensions in order with the points their
// indicators can award (interoperability 80 of the EU method's 110, as
// DCAT-AP compliance gives none).
func dimensions() [5]MQADimension {
	return [5]MQADimension{
		{ID: DimFindability, Max: 100},
		{ID: DimAccessibility, Max: 100},
		{ID: DimInteroperability, Max: 80},
		{ID: DimReusability, Max: 75},
		{ID: DimContextuality, Max: 20},
	}
}
