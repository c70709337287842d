package score

// Rule identifiers outside the MQA (whose rules are "mqa.<indicator>").
const (
	RulePublishes           = "publication.publishes"
	RuleFiles               = "publication.files"
	RuleOpenMachineReadable = "publication.openMachineReadable"
	RuleAPI                 = "publication.api"
	RuleAPIDescription      = "publication.apiDescription"
	RulePortal              = "publication.portal"
	RuleHarvestable         = "readiness.harvestable"
	RuleValidation          = "readiness.validation"
	RuleLinks               = "readiness.links"
	RuleOpenLicence         = "openness.licence"
	RulePublicAccess        = "openness.publicAccess"
	RuleHVDCategory         = "hvd.category"
	RuleHVDAPI              = "hvd.api"
	RuleHVDBulk             = "hvd.bulkDownload"
	RuleHVDLicence          = "hvd.licence"
	RuleHVDContact          = "hvd.contactPoint"
	RuleHVDAPIDocs          = "hvd.apiDocumentation"
	RuleHVDNotApplicable    = "hvd.notApplicable"
)

// advice returns the next step for a rule that has not passed in full.
func advice(rule string) Text {
	switch rule {
	case RulePublishes:
		return Text{
			SV: "Publicera minst en datamängd med dct:accessRights PUBLIC, i katalog eller i er egen katalog, så att informationen kan hittas och vidareutnyttjas.",
			EN: "Publish at least one dataset with dct:accessRights PUBLIC, in katalog or in your own catalog, so that the information can be found and reused."}
	case RuleFiles:
		return Text{
			SV: "Publicera tabellen som nedladdningsbar fil (dcat:downloadURL), t.ex. CSV, i stället för enbart PDF eller en webbsida.",
			EN: "Publish the table as a downloadable file (dcat:downloadURL), e.g. CSV, rather than only a PDF or a web page."}
	case RuleOpenMachineReadable:
		return Text{
			SV: "Publicera tabellen som CSV (text/csv) eller JSON, öppna maskinläsbara format, vid sidan av Excel eller PDF.",
			EN: "Publish the table as CSV (text/csv) or JSON, open machine-readable formats, alongside Excel or PDF."}
	case RuleAPI:
		return Text{
			SV: "Erbjud data via ett API: beskriv det som datatjänst (dcat:DataService) med dcat:endpointURL.",
			EN: "Offer the data through an API: describe it as a data service (dcat:DataService) with dcat:endpointURL."}
	case RuleAPIDescription:
		return Text{
			SV: "Länka API:ets OpenAPI-beskrivning med dcat:endpointDescription, t.ex. https://…/openapi.json, med CORS för dataportal.se.",
			EN: "Link the API's OpenAPI description with dcat:endpointDescription, e.g. https://…/openapi.json, with CORS for dataportal.se."}
	case RulePortal:
		return Text{
			SV: "Se till att Sveriges dataportal listar era datamängder: registrera skördningskällan (er /datasets/dcat eller katalogs flöde) på admin.dataportal.se och rätta felen tills beredskapskontrollen går igenom.",
			EN: "Make sure Sveriges dataportal lists your datasets: register the harvest source (your /datasets/dcat or katalog's feed) at admin.dataportal.se and fix the errors until the readiness check passes."}
	case RuleHarvestable:
		return Text{
			SV: "Rätta varje fel som beredskapskontrollen av ert DCAT-flöde rapporterar och kör den igen, tills flödet är redo för skördning.",
			EN: "Fix every error the readiness check of your DCAT feed reports and run it again, until the feed is ready for harvesting."}
	case RuleValidation:
		return Text{
			SV: "Rätta felen som valideringen mot DCAT-AP-SE hittar i era datamängder i katalog, så att flödet följer profilen.",
			EN: "Fix the errors the DCAT-AP-SE validation finds in your datasets in katalog, so that the feed conforms to the profile."}
	case RuleLinks:
		return Text{
			SV: "Rätta eller ta bort de trasiga länkarna som kontrollen hittade (åtkomst- och nedladdningsadresser).",
			EN: "Fix or remove the broken links the check found (access and download URLs)."}
	case RuleOpenLicence:
		return Text{
			SV: "Ange en öppen licens, CC0 1.0 eller CC BY 4.0, på alla distributioner och datatjänster.",
			EN: "Give every distribution and data service an open licence, CC0 1.0 or CC BY 4.0."}
	case RulePublicAccess:
		return Text{
			SV: "Erbjud data avgiftsfritt och utan registrering och ange dct:accessRights PUBLIC.",
			EN: "Offer the data free of charge and without registration, and set dct:accessRights to PUBLIC."}
	case RuleHVDCategory:
		return Text{
			SV: "Ange en giltig HVD-kategori (dcatap:hvdCategory) från EU:s lista på varje värdefull datamängd.",
			EN: "Give every high-value dataset a valid HVD category (dcatap:hvdCategory) from the EU list."}
	case RuleHVDAPI:
		return Text{
			SV: "Erbjud varje värdefull datamängd via ett API (dcat:DataService), som förordning (EU) 2023/138 kräver.",
			EN: "Offer every high-value dataset through an API (dcat:DataService), as regulation (EU) 2023/138 requires."}
	case RuleHVDBulk:
		return Text{
			SV: "Erbjud varje värdefull datamängd som bulknedladdning (dcat:downloadURL), t.ex. en zippad CSV.",
			EN: "Offer every high-value dataset as a bulk download (dcat:downloadURL), e.g. a zipped CSV."}
	case RuleHVDLicence:
		return Text{
			SV: "Licensiera värdefulla datamängder med CC BY 4.0 eller CC0 1.0 på alla distributioner.",
			EN: "License high-value datasets under CC BY 4.0 or CC0 1.0 on every distribution."}
	case RuleHVDContact:
		return Text{
			SV: "Ange en kontaktpunkt för API:et (dcat:contactPoint med e-postadress) på varje värdefull datamängd.",
			EN: "Give every high-value dataset a contact point for its API (dcat:contactPoint with an e-mail address)."}
	case RuleHVDAPIDocs:
		return Text{
			SV: "Publicera API-dokumentation med användarvillkor och tjänstenivå (prestanda, kapacitet, tillgänglighet) och länka den med dcat:endpointDescription.",
			EN: "Publish API documentation with terms of use and quality of service (performance, capacity, availability) and link it with dcat:endpointDescription."}
	}
	return Text{}
}

// RuleLabel names a rule in Swedish and English, for people: "Filer för
// nedladdning" for publication.files, "Nyckelord" for mqa.keyword. An
// unknown id is returned as it is.
func RuleLabel(id string) Text {
	if l, ok := ruleLabels[id]; ok {
		return l
	}
	return Text{SV: id, EN: id}
}

var ruleLabels = map[string]Text{
	RulePublishes:                {SV: "Publicerar data för vidareutnyttjande", EN: "Publishes data for reuse"},
	RuleFiles:                    {SV: "Filer för nedladdning", EN: "Files for download"},
	RuleOpenMachineReadable:      {SV: "Öppna maskinläsbara format", EN: "Open machine-readable formats"},
	RuleAPI:                      {SV: "API", EN: "API"},
	RuleAPIDescription:           {SV: "API-beskrivning (OpenAPI)", EN: "API description (OpenAPI)"},
	RulePortal:                   {SV: "Listad på Sveriges dataportal", EN: "Listed on Sveriges dataportal"},
	RuleHarvestable:              {SV: "Redo för skördning", EN: "Ready for harvesting"},
	RuleValidation:               {SV: "Följer DCAT-AP-SE", EN: "Conforms to DCAT-AP-SE"},
	RuleLinks:                    {SV: "Fungerande länkar", EN: "Working links"},
	RuleOpenLicence:              {SV: "Öppen licens", EN: "Open licence"},
	RulePublicAccess:             {SV: "Öppen åtkomst (PUBLIC)", EN: "Public access (PUBLIC)"},
	RuleHVDCategory:              {SV: "HVD-kategori", EN: "HVD category"},
	RuleHVDAPI:                   {SV: "HVD via API", EN: "HVD through an API"},
	RuleHVDBulk:                  {SV: "HVD som bulknedladdning", EN: "HVD as bulk download"},
	RuleHVDLicence:               {SV: "HVD-licens (CC BY 4.0 eller öppnare)", EN: "HVD licence (CC BY 4.0 or more open)"},
	RuleHVDContact:               {SV: "HVD-kontaktpunkt", EN: "HVD contact point"},
	RuleHVDAPIDocs:               {SV: "HVD-API-dokumentation", EN: "HVD API documentation"},
	RuleHVDNotApplicable:         {SV: "Inga värdefulla datamängder", EN: "No high-value datasets"},
	"mqa.keyword":                {SV: "Nyckelord", EN: "Keywords"},
	"mqa.theme":                  {SV: "Tema", EN: "Theme"},
	"mqa.spatial":                {SV: "Geografisk täckning", EN: "Spatial coverage"},
	"mqa.temporal":               {SV: "Tidsperiod", EN: "Temporal coverage"},
	"mqa.accessUrlStatus":        {SV: "Åtkomstadressen svarar", EN: "Access URL answers"},
	"mqa.downloadUrl":            {SV: "Nedladdningsadress", EN: "Download URL"},
	"mqa.downloadUrlStatus":      {SV: "Nedladdningsadressen svarar", EN: "Download URL answers"},
	"mqa.format":                 {SV: "Format angivet", EN: "Format given"},
	"mqa.mediaType":              {SV: "Format som medietyp", EN: "Format as media type"},
	"mqa.formatVocabulary":       {SV: "Format från kontrollerad lista", EN: "Format from a controlled list"},
	"mqa.nonProprietary":         {SV: "Icke-proprietärt format", EN: "Non-proprietary format"},
	"mqa.machineReadable":        {SV: "Maskinläsbart format", EN: "Machine-readable format"},
	"mqa.dcatApSeCompliance":     {SV: "Följer DCAT-AP-SE (utan poäng)", EN: "DCAT-AP-SE compliance (no points)"},
	"mqa.licence":                {SV: "Licens angiven", EN: "Licence given"},
	"mqa.knownLicence":           {SV: "Känd licens", EN: "Known licence"},
	"mqa.accessRights":           {SV: "Åtkomsträttigheter", EN: "Access rights"},
	"mqa.accessRightsVocabulary": {SV: "Åtkomsträttigheter från kontrollerad lista", EN: "Access rights from a controlled list"},
	"mqa.contactPoint":           {SV: "Kontaktpunkt", EN: "Contact point"},
	"mqa.publisher":              {SV: "Utgivare", EN: "Publisher"},
	"mqa.rights":                 {SV: "Rättigheter", EN: "Rights"},
	"mqa.byteSize":               {SV: "Filstorlek", EN: "File size"},
	"mqa.issued":                 {SV: "Utgivningsdatum", EN: "Date issued"},
	"mqa.modified":               {SV: "Ändringsdatum", EN: "Date modified"},
}
