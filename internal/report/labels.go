package report

// label is an indicator's name in Swedish and English.
type label struct{ SV, EN string }

func labelOf(id string) label {
	switch id {
	case Publishes:
		return label{"Publicerar data för vidareutnyttjande", "Publish data for reuse"}
	case DocumentsOnly:
		return label{"Endast dokument/text", "Documents/text only"}
	case Files:
		return label{"Filer för nedladdning", "Files for download"}
	case OpenMachineReadable:
		return label{"Öppna maskinläsbara filer", "Open machine-readable files"}
	case API:
		return label{"API:er", "APIs"}
	case Portal:
		return label{"Listade på Sveriges dataportal", "Listed on Sveriges dataportal"}
	case ReadinessPass:
		return label{"Godkänd beredskapskontroll", "Readiness check passed"}
	case BrokenLinks:
		return label{"Har trasiga länkar", "Have broken links"}
	case LinksBroken:
		return label{"Andel trasiga länkar", "Broken links (of links)"}
	case HVDCompliant:
		return label{"Uppfyller HVD-kraven", "HVD compliant"}
	case MQAMean:
		return label{"MQA-poäng, medel (av 405)", "MQA points, mean (of 405)"}
	}
	return label{id, id}
}

// definitionOf says how an indicator is counted, in Swedish and English.
func definitionOf(id string) Text {
	switch id {
	case Publishes:
		return Text{
			SV: "Andel myndigheter med minst en datamängd vars åtkomsträttighet (dct:accessRights) är PUBLIC, publicerad i katalog eller i myndighetens egen katalog där den publicerar den.",
			EN: "Share of agencies with at least one dataset whose access rights (dct:accessRights) are PUBLIC, hosted in katalog or in the agency's own catalog where it publishes it."}
	case DocumentsOnly:
		return Text{
			SV: "Andel myndigheter som publicerar, men bara som dokument eller text: landningssidor och dokumentformat (PDF, Word, HTML, text), inga filer i strukturerade format och inga API:er.",
			EN: "Share of agencies that publish, but only as documents or text: landing pages and document formats (PDF, Word, HTML, text), no files in structured formats and no APIs."}
	case Files:
		return Text{
			SV: "Andel myndigheter med minst en nedladdningsbar fil i strukturerat format (MQA:s maskinläsbara lista, Excel inräknat, samt TSV, DBF, GML och GeoPackage) i en PUBLIC datamängd.",
			EN: "Share of agencies with at least one downloadable file in a structured format (the MQA machine-readable list, Excel included, plus TSV, DBF, GML and GeoPackage) in a PUBLIC dataset."}
	case OpenMachineReadable:
		return Text{
			SV: "Andel myndigheter med minst en nedladdningsbar fil i ett format som är både maskinläsbart och icke-proprietärt enligt MQA:s listor (CSV, JSON, XML, RDF, GeoJSON, ODS …) i en PUBLIC datamängd.",
			EN: "Share of agencies with at least one downloadable file in a format both machine-readable and non-proprietary on the MQA lists (CSV, JSON, XML, RDF, GeoJSON, ODS …) in a PUBLIC dataset."}
	case API:
		return Text{
			SV: "Andel myndigheter med minst en datatjänst (dcat:DataService) eller en distribution med dcat:accessService i en PUBLIC datamängd.",
			EN: "Share of agencies with at least one data service (dcat:DataService) or a distribution with dcat:accessService in a PUBLIC dataset."}
	case Portal:
		return Text{
			SV: "Andel myndigheter som Sveriges dataportal listar (minst en datamängd under myndighetens utgivar-IRI vid den senaste synkningen), av dem vars status är känd; myndigheter som ännu inte synkats räknas för sig som okända.",
			EN: "Share of agencies Sveriges dataportal lists (at least one dataset under the agency's publisher IRI at the latest sync), of those whose status is known; agencies not yet synced are counted apart as unknown."}
	case ReadinessPass:
		return Text{
			SV: "Andel kontrollerade myndigheter vars DCAT-källa klarade den senaste beredskapskontrollen, gjord så som dataportal.se skördar.",
			EN: "Share of checked agencies whose DCAT source passed the latest readiness check, made the way dataportal.se harvests."}
	case BrokenLinks:
		return Text{
			SV: "Andel kontrollerade myndigheter med minst en länk (åtkomst-, nedladdnings- eller landningssida) som inte svarar med HTTP 200–399.",
			EN: "Share of checked agencies with at least one link (access, download or landing page) that does not answer HTTP 200–399."}
	case LinksBroken:
		return Text{
			SV: "Andel trasiga länkar av alla länkar som kontrollerats hos myndigheterna.",
			EN: "Share of broken links among all links checked at the agencies."}
	case HVDCompliant:
		return Text{
			SV: "Andel myndigheter med värdefulla datamängder (HVD) där alla uppfyller det förordning (EU) 2023/138 kräver och metadata kan visa: kategori, API, bulknedladdning, licens, kontaktpunkt, API-dokumentation.",
			EN: "Share of agencies with high-value datasets (HVD) all of which meet what regulation (EU) 2023/138 requires and metadata can show: category, API, bulk download, licence, contact point, API documentation."}
	case MQAMean:
		return Text{
			SV: "Medelvärdet av MQA-poängen (skala 405, varav 375 kan nås i dataportal.se:s variant) över myndigheter som publicerar.",
			EN: "Mean of the MQA points (405-point scale, of which 375 can be earned in dataportal.se's variant) over the agencies that publish."}
	}
	return Text{}
}

// questionOf is the question an indicator answers: Digg's survey's where
// it asks it, else katalog's own, said as such.
func questionOf(id string) Text {
	const survey, own = "Diggs enkät: ", "katalogs egen fråga (inte i Diggs enkät): "
	const surveyEN, ownEN = "Digg's survey: ", "katalog's own question (not in Digg's survey): "
	switch id {
	case Publishes:
		return Text{SV: survey + "Tillgängliggör myndigheten information för vidareutnyttjande?",
			EN: surveyEN + "Does the agency make information available for reuse?"}
	case DocumentsOnly:
		return Text{SV: survey + "Hur tillgängliggörs informationen? Endast som dokument/text på webbplats.",
			EN: surveyEN + "How is the information made available? Only as documents/text on a web page."}
	case Files:
		return Text{SV: survey + "Hur tillgängliggörs informationen? Som filer för nedladdning.",
			EN: surveyEN + "How is the information made available? As files for download."}
	case OpenMachineReadable:
		return Text{SV: survey + "Hur tillgängliggörs informationen? Som filer för nedladdning – i öppna maskinläsbara format (katalogs förfining av svaret).",
			EN: surveyEN + "How is the information made available? As files for download – in open machine-readable formats (katalog's refinement of the answer)."}
	case API:
		return Text{SV: survey + "Hur tillgängliggörs informationen? Via API:er.",
			EN: surveyEN + "How is the information made available? Through APIs."}
	case Portal:
		return Text{SV: survey + "Hur tillgängliggörs informationen? Sökbar på Sveriges dataportal.",
			EN: surveyEN + "How is the information made available? Findable on Sveriges dataportal."}
	case ReadinessPass:
		return Text{SV: own + "Kan dataportal.se skörda myndighetens katalog?", EN: ownEN + "Can dataportal.se harvest the agency's catalog?"}
	case BrokenLinks:
		return Text{SV: own + "Fungerar länkarna i myndighetens katalog?", EN: ownEN + "Do the links in the agency's catalog work?"}
	case LinksBroken:
		return Text{SV: own + "Hur stor del av länkarna är trasiga?", EN: ownEN + "How many of the links are broken?"}
	case HVDCompliant:
		return Text{SV: own + "Uppfyller de värdefulla datamängderna förordning (EU) 2023/138?", EN: ownEN + "Do the high-value datasets meet regulation (EU) 2023/138?"}
	case MQAMean:
		return Text{SV: own + "Hur god är metadatakvaliteten, så som dataportal.se mäter den?", EN: ownEN + "How good is the metadata, as dataportal.se measures it?"}
	}
	return Text{}
}

// describe puts each indicator's label, definition and question beside it.
func describe(ind []Indicator) []Indicator {
	for i := range ind {
		id := ind[i].ID
		l, d, q := labelOf(id), definitionOf(id), questionOf(id)
		ind[i].Label = &Text{SV: l.SV, EN: l.EN}
		ind[i].Definition, ind[i].Question = &d, &q
	}
	return ind
}

func dimensionLabel(dim string) label {
	switch dim {
	case DimSizeClass:
		return label{"Storlek (årsarbetskrafter)", "Size (staff)"}
	case DimDepartment:
		return label{"Departement", "Department"}
	case DimGroup:
		return label{"Myndighetstyp", "Agency type"}
	}
	return label{dim, dim}
}
