package readiness

// Rule ids. Their texts are in rules; tests check every id is there.
const (
	RuleUnreachable        = "unreachable"
	RuleAddressBlocked     = "address-blocked"
	RuleTimeout            = "timeout"
	RuleRedirectLoop       = "redirect-loop"
	RuleTooManyRedirects   = "too-many-redirects"
	RuleRedirectStatus     = "redirect-status"
	RuleHTTPStatus         = "http-status"
	RuleHTTPSMissing       = "https-missing"
	RuleTLSInvalid         = "tls-invalid"
	RuleTLSExpiring        = "tls-expiring"
	RuleContentTypeHTML    = "content-type-html"
	RuleContentTypeOther   = "content-type-other-rdf"
	RuleContentTypeGeneric = "content-type-generic"
	RuleContentTypeMissing = "content-type-missing"
	RuleContentTypeUnknown = "content-type-unknown"
	RuleBodyTooLarge       = "body-too-large"
	RuleSlowResponse       = "slow-response"
	RuleRDFXMLSyntax       = "rdfxml-syntax"
	RuleNoCatalog          = "no-catalog"
	RuleNoDatasets         = "no-datasets"
	RuleCatalogRecord      = "catalog-record"
	RuleNotValidated       = "not-validated"
	RuleValidationFailed   = "validation-failed"
	RuleValidationErrors   = "validation-errors"
	RuleValidationWarnings = "validation-warnings"
	RuleSubCatalogFailed   = "subcatalog-failed"
	RuleSubCatalogUntyped  = "subcatalog-untyped"
	RuleSubCatalogNested   = "subcatalog-nested"
	RuleCachingMissing     = "caching-missing"
	RuleCachingNo304       = "caching-not-revalidated"
	RuleOffers             = "offers"
	RuleBrokenLinks        = "broken-links"
	RuleOpenAPICORS        = "openapi-cors"
	// RuleAPIDescriptionNotSpec: an API description is not an OpenAPI or
	// Swagger document (a web page, other JSON, a 404 …).
	RuleAPIDescriptionNotSpec = "api-description-not-openapi"
	// RuleAPIDescriptionVerified: API descriptions the portal can show.
	RuleAPIDescriptionVerified = "api-description-verified"
	// RuleCheckDeadline: the check reached its time limit.
	RuleCheckDeadline = "check-deadline"
)

// rules is the read-only table of every finding a check reports.
var rules = func() map[string]Rule {
	m := map[string]Rule{}
	add := func(id string, sev Severity, msgSV, msgEN, advSV, advEN string) {
		m[id] = Rule{ID: id, Severity: sev, Message: Text{SV: msgSV, EN: msgEN}, Advice: Text{SV: advSV, EN: advEN}}
	}
	add(RuleUnreachable, SeverityError,
		"Källan kunde inte nås.", "The source could not be reached.",
		"Kontrollera adressen, DNS och att servern är publikt åtkomlig utan inloggning.",
		"Check the address, DNS and that the server is publicly reachable without login.")
	add(RuleAddressBlocked, SeverityError,
		"Adressen pekar på ett privat eller reserverat nät och hämtas inte.",
		"The address points into a private or reserved network and is not fetched.",
		"Dataportalen hämtar bara från publika adresser; publicera katalogen på en publik adress.",
		"dataportal.se only harvests public addresses; publish the catalog on a public address.")
	add(RuleTimeout, SeverityError,
		"Servern svarade inte i tid.", "The server did not answer in time.",
		"Se till att katalogen kan levereras snabbt, t.ex. genom att förgenerera filen.",
		"Make sure the catalog is delivered quickly, e.g. by pre-generating the file.")
	add(RuleRedirectLoop, SeverityError,
		"Omdirigeringarna går i en slinga.", "The redirects form a loop.",
		"Rätta omdirigeringen så att den slutar på katalogens adress.",
		"Fix the redirect so that it ends at the catalog's address.")
	add(RuleTooManyRedirects, SeverityError,
		"För många omdirigeringar (högst 5 följs).", "Too many redirects (at most 5 are followed).",
		"Peka skördningsadressen direkt på katalogen eller via en enda omdirigering.",
		"Point the harvest URL directly at the catalog, or through a single redirect.")
	add(RuleRedirectStatus, SeverityWarning,
		"Omdirigering med en statuskod som dataportalen inte nämner (den tillåter 301, 303, 307 och 308).",
		"A redirect uses a status dataportal.se does not list (it allows 301, 303, 307 and 308).",
		"Använd 301 eller 308 för permanenta och 303 eller 307 för tillfälliga omdirigeringar.",
		"Use 301 or 308 for permanent and 303 or 307 for temporary redirects.")
	add(RuleHTTPStatus, SeverityError,
		"Servern svarade inte med 200 OK.", "The server did not answer 200 OK.",
		"Katalogen måste levereras med status 200 på skördningsadressen.",
		"The catalog must be served with status 200 at the harvest URL.")
	add(RuleHTTPSMissing, SeverityWarning,
		"Katalogen levereras utan HTTPS.", "The catalog is served without HTTPS.",
		"HTTPS krävs inte av dataportalen men skyddar mot manipulation; erbjud katalogen över HTTPS.",
		"dataportal.se does not require HTTPS, but it protects against tampering; serve the catalog over HTTPS.")
	add(RuleTLSInvalid, SeverityError,
		"Serverns TLS-certifikat godtas inte.", "The server's TLS certificate is not accepted.",
		"Förnya certifikatet och leverera hela certifikatkedjan.",
		"Renew the certificate and serve the full certificate chain.")
	add(RuleTLSExpiring, SeverityWarning,
		"TLS-certifikatet löper ut inom 30 dagar.", "The TLS certificate expires within 30 days.",
		"Förnya certifikatet i tid, gärna automatiskt.", "Renew the certificate in time, preferably automatically.")
	add(RuleContentTypeHTML, SeverityError,
		"Adressen levererar en webbsida (text/html), inte RDF.", "The address serves a web page (text/html), not RDF.",
		"Skördningsadressen ska leverera själva RDF/XML-filen med Content-Type application/rdf+xml.",
		"The harvest URL must serve the RDF/XML file itself, with Content-Type application/rdf+xml.")
	add(RuleContentTypeOther, SeverityError,
		"Katalogen levereras i en annan RDF-syntax än RDF/XML.", "The catalog is served in an RDF syntax other than RDF/XML.",
		"Dataportalen skördar RDF/XML; leverera application/rdf+xml på skördningsadressen.",
		"dataportal.se harvests RDF/XML; serve application/rdf+xml at the harvest URL.")
	add(RuleContentTypeGeneric, SeverityWarning,
		"Content-Type är allmän och anger inte RDF/XML.", "The Content-Type is generic and does not say RDF/XML.",
		"Ange Content-Type: application/rdf+xml.", "Send Content-Type: application/rdf+xml.")
	add(RuleContentTypeMissing, SeverityWarning,
		"Svaret saknar Content-Type.", "The response has no Content-Type.",
		"Ange Content-Type: application/rdf+xml.", "Send Content-Type: application/rdf+xml.")
	add(RuleContentTypeUnknown, SeverityWarning,
		"Content-Type är inte en RDF-typ.", "The Content-Type is not an RDF media type.",
		"Ange Content-Type: application/rdf+xml.", "Send Content-Type: application/rdf+xml.")
	add(RuleBodyTooLarge, SeverityError,
		"Katalogen är större än katalogs gräns och kunde inte kontrolleras.",
		"The catalog is larger than katalog's limit and could not be checked.",
		"Kontrollera att adressen levererar katalogen och inte något annat; höj annars gränsen.",
		"Check that the address serves the catalog and nothing else; otherwise raise the limit.")
	add(RuleSlowResponse, SeverityWarning,
		"Katalogen tog mer än 30 sekunder att hämta.", "The catalog took more than 30 seconds to fetch.",
		"Förgenerera och cacha katalogfilen.", "Pre-generate and cache the catalog file.")
	add(RuleRDFXMLSyntax, SeverityError,
		"Katalogen går inte att läsa som RDF/XML.", "The catalog cannot be read as RDF/XML.",
		"Rätta syntaxfelet på angiven rad och kolumn; kontrollera med W3C:s RDF-validator.",
		"Fix the syntax error at the given line and column; check with the W3C RDF validator.")
	add(RuleNoCatalog, SeverityError,
		"Dokumentet innehåller ingen dcat:Catalog.", "The document contains no dcat:Catalog.",
		"Beskriv katalogen som en resurs av typen dcat:Catalog.", "Describe the catalog as a resource typed dcat:Catalog.")
	add(RuleNoDatasets, SeverityWarning,
		"Katalogen innehåller inga datamängder.", "The catalog contains no datasets.",
		"Lägg till datamängder (dcat:Dataset) med dcat:dataset från katalogen.",
		"Add datasets (dcat:Dataset) linked with dcat:dataset from the catalog.")
	add(RuleCatalogRecord, SeverityWarning,
		"Katalogen använder dcat:CatalogRecord, som dataportalen inte tillåter.",
		"The catalog uses dcat:CatalogRecord, which dataportal.se does not allow.",
		"Ta bort dcat:CatalogRecord ur katalogen.", "Remove dcat:CatalogRecord from the catalog.")
	add(RuleNotValidated, SeverityInfo,
		"Katalogen validerades inte mot DCAT-AP-SE.", "The catalog was not validated against DCAT-AP-SE.",
		"Validera katalogen mot DCAT-AP-SE (i katalog: Validera) och rätta det som hittas.",
		"Validate the catalog against DCAT-AP-SE (in katalog: Validate) and fix what is found.")
	add(RuleValidationFailed, SeverityWarning,
		"Valideringen mot DCAT-AP-SE kunde inte slutföras.", "Validation against DCAT-AP-SE could not be completed.",
		"", "")
	add(RuleValidationErrors, SeverityError,
		"Katalogen bryter mot obligatoriska regler i DCAT-AP-SE.", "The catalog breaks mandatory rules of DCAT-AP-SE.",
		"Rätta felen som valideringen mot DCAT-AP-SE visar, datamängd för datamängd; dataportalen visar dem som röda fel.",
		"Fix the errors the DCAT-AP-SE validation shows, dataset by dataset; dataportal.se shows them as red errors.")
	add(RuleValidationWarnings, SeverityWarning,
		"Katalogen saknar rekommenderade uppgifter enligt DCAT-AP-SE.", "The catalog lacks recommended properties of DCAT-AP-SE.",
		"Komplettera de uppgifter som valideringen mot DCAT-AP-SE visar som varningar.",
		"Add the properties the DCAT-AP-SE validation shows as warnings.")
	add(RuleSubCatalogFailed, SeverityError,
		"En delkatalog (dcterms:hasPart) kunde inte hämtas; dataportalen avbryter då hela skördningen.",
		"A sub-catalog (dcterms:hasPart) could not be loaded; dataportal.se then aborts the whole harvest.",
		"Se till att varje delkatalogs adress levererar RDF/XML.", "Make sure every sub-catalog's address serves RDF/XML.")
	add(RuleSubCatalogUntyped, SeverityError,
		"En delkatalog (dcterms:hasPart) har inte typen dcat:Catalog.", "A sub-catalog (dcterms:hasPart) is not typed dcat:Catalog.",
		"Ge varje delkatalog rdf:type dcat:Catalog.", "Give every sub-catalog rdf:type dcat:Catalog.")
	add(RuleSubCatalogNested, SeverityWarning,
		"En delkatalog har egna delkataloger; dataportalen följer bara en nivå.",
		"A sub-catalog has sub-catalogs of its own; dataportal.se follows only one level.",
		"Länka alla delkataloger direkt från huvudkatalogen.", "Link every sub-catalog directly from the main catalog.")
	add(RuleCachingMissing, SeverityInfo,
		"Svaret saknar ETag och Last-Modified.", "The response has neither ETag nor Last-Modified.",
		"Skicka ETag eller Last-Modified så att skördare kan fråga villkorligt.",
		"Send ETag or Last-Modified so that harvesters can make conditional requests.")
	add(RuleCachingNo304, SeverityInfo,
		"En villkorlig förfrågan gav inte 304 Not Modified.", "A conditional request did not give 304 Not Modified.",
		"Svara 304 när If-None-Match eller If-Modified-Since stämmer.",
		"Answer 304 when If-None-Match or If-Modified-Since matches.")
	add(RuleOffers, SeverityInfo,
		"Andra RDF-syntaxer som adressen erbjuder via Accept.", "Other RDF syntaxes the address offers through Accept.",
		"", "")
	add(RuleBrokenLinks, SeverityWarning,
		"Några länkar (accessURL, downloadURL, landingPage, endpointURL, endpointDescription, conformsTo, foaf:page) fungerar inte.",
		"Some links (accessURL, downloadURL, landingPage, endpointURL, endpointDescription, conformsTo, foaf:page) do not work.",
		"Rätta eller ta bort de trasiga länkarna; de sänker kvalitetspoängen.",
		"Fix or remove the broken links; they lower the quality score.")
	add(RuleOpenAPICORS, SeverityWarning,
		"En OpenAPI-beskrivning levereras utan CORS för dataportal.se, så dataportalen kan inte visa den.",
		"An OpenAPI description is served without CORS for dataportal.se, so the portal cannot show it.",
		"Skicka Access-Control-Allow-Origin (t.ex. *) med OpenAPI-filen.",
		"Send Access-Control-Allow-Origin (e.g. *) with the OpenAPI file.")
	add(RuleAPIDescriptionNotSpec, SeverityWarning,
		"En API-beskrivning (endpointDescription eller conformsTo) är ingen OpenAPI- eller Swagger-fil, så dataportalen visar inget API.",
		"An API description (endpointDescription or conformsTo) is not an OpenAPI or Swagger file, so dataportal.se shows no API.",
		"Peka endpointDescription på själva OpenAPI-filen (JSON eller YAML), inte på en webbsida som Swagger UI, och skicka den med CORS.",
		"Point endpointDescription at the OpenAPI file itself (JSON or YAML), not at a web page such as Swagger UI, and serve it with CORS.")
	add(RuleAPIDescriptionVerified, SeverityInfo,
		"API-beskrivningar som är OpenAPI- eller Swagger-filer med CORS för dataportal.se.",
		"API descriptions that are OpenAPI or Swagger files with CORS for dataportal.se.",
		"", "")
	add(RuleCheckDeadline, SeverityWarning,
		"Kontrollen nådde sin tidsgräns innan den var klar; det som inte hanns med redovisas inte här.",
		"The check reached its time limit before it was done; what it did not get to is not reported here.",
		"Se till att katalogen och länkarna svarar snabbare; länkar som inte hanns med kontrolleras och förs in i länktabellen efteråt.",
		"Make the catalog and its links answer faster; links not reached are checked and entered in the link table afterwards.")
	return m
}()
