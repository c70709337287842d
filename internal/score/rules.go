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
			SV: "Kör beredskapskontrollen (katalog check) på ert DCAT-flöde och rätta varje fel den rapporterar.",
			EN: "Run the readiness check (katalog check) on your DCAT feed and fix every error it reports."}
	case RuleValidation:
		return Text{
			SV: "Validera katalogen mot DCAT-AP-SE (katalog validate) och rätta alla fel.",
			EN: "Validate the catalog against DCAT-AP-SE (katalog validate) and fix every error."}
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
