package dcat

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"sync"

	"github.com/knakk/rdf"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/dcat/syntax/iri"
	"github.com/katalog-se/katalog/dcat/syntax/xmltext"
)

// Mapper maps the domain to DCAT-AP-SE 3.0.1 triples and mints IRIs under
// one base URL. It holds no mutable state: one Mapper serves any number of
// goroutines. A Mapper must not be copied.
type Mapper struct {
	base  string // absolute http(s), no trailing slash
	terms terms  // constant IRIs as terms, read-only
	// pool recycles the per-resource graphs (safe for concurrent use).
	pool sync.Pool
}

// NewMapper returns a Mapper minting IRIs under baseURL, an absolute http or
// https URL without query or fragment ("https://katalog.example.se"; a
// trailing slash is dropped).
func NewMapper(baseURL string) (*Mapper, error) {
	b := strings.TrimRight(strings.TrimSpace(baseURL), "/")
	u, err := url.Parse(b)
	if err != nil {
		return nil, fmt.Errorf("dcat: base URL %q: %w", baseURL, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return nil, fmt.Errorf("dcat: base URL %q: want an absolute http(s) URL", baseURL)
	}
	if u.RawQuery != "" || u.Fragment != "" || strings.ContainsAny(b, "?#") {
		return nil, fmt.Errorf("dcat: base URL %q: a query or fragment is not allowed", baseURL)
	}
	if err := iri.Check(b); err != nil {
		return nil, fmt.Errorf("dcat: base URL %q: %w", baseURL, err)
	}
	ts, err := newTerms()
	if err != nil {
		return nil, err
	}
	return &Mapper{base: b, terms: ts}, nil
}

// BaseURL returns the base every IRI is minted under, without a trailing slash.
func (m *Mapper) BaseURL() string { return m.base }

// NationalCatalogIRI is {base}/catalog, the catalog of all agencies.
func (m *Mapper) NationalCatalogIRI() string { return m.base + "/catalog" }

// OperatorIRI is {base}/#operator, the default publisher of the national
// catalog when no operating agency is configured.
func (m *Mapper) OperatorIRI() string { return m.base + "/#operator" }

// AgencyCatalogIRI is {base}/agencies/{org}/datasets/dcat: an agency's
// catalog, which is also the URL of its feed.
func (m *Mapper) AgencyCatalogIRI(org catalog.OrgNumber) (string, error) {
	o, err := catalog.ParseOrgNumber(string(org))
	if err != nil {
		return "", fmt.Errorf("dcat: agency catalog IRI: %w", err)
	}
	return m.base + "/agencies/" + string(o) + "/datasets/dcat", nil
}

// AgencyPageIRI is {base}/agencies/{org}, the agency's HTML page: its
// catalog's foaf:homepage.
func (m *Mapper) AgencyPageIRI(org catalog.OrgNumber) string {
	return m.base + "/agencies/" + url.PathEscape(string(org))
}

// DatasetIRI is {base}/datasets/{id}; the id is percent-encoded as a path segment.
func (m *Mapper) DatasetIRI(id string) (string, error) {
	if strings.TrimSpace(id) == "" {
		return "", fmt.Errorf("dcat: dataset IRI: %w", &FieldError{Resource: "dataset", Field: "id", Err: ErrMissing})
	}
	s := m.base + "/datasets/" + url.PathEscape(id)
	if err := iri.Check(s); err != nil {
		return "", fmt.Errorf("dcat: dataset IRI: %w", err)
	}
	return s, nil
}

// datasetIRI is DatasetIRI without the check: the base is checked and the
// id percent-encoded, so the IRI is valid.
func (m *Mapper) datasetIRI(id string) (string, error) {
	if strings.TrimSpace(id) == "" {
		return "", fmt.Errorf("dcat: dataset IRI: %w", &FieldError{Resource: "dataset", Field: "id", Err: ErrMissing})
	}
	return m.base + "/datasets/" + url.PathEscape(id), nil
}

// datasetIRIOf is d's own IRI when it has one, else the IRI katalog mints.
func (m *Mapper) datasetIRIOf(d *catalog.Dataset) (string, error) {
	if d.IRI != "" {
		return d.IRI, nil
	}
	return m.datasetIRI(d.ID)
}

// inside is the prefix of the IRIs minted inside a dataset's IRI: the IRI
// and "#", or the IRI and "-" when it already has a fragment (an imported
// dataset's IRI may).
func inside(datasetIRI string) string {
	if strings.IndexByte(datasetIRI, '#') >= 0 {
		return datasetIRI + "-"
	}
	return datasetIRI + "#"
}

// DistributionIRI is {dataset}#distribution-{id}.
func DistributionIRI(datasetIRI, id string) string {
	return inside(datasetIRI) + "distribution-" + url.PathEscape(id)
}

// DataServiceIRI is {dataset}#service-{id}.
func DataServiceIRI(datasetIRI, id string) string {
	return inside(datasetIRI) + "service-" + url.PathEscape(id)
}

// ContactIRI is {dataset}#contact: the dataset's vCard contact, never the
// publisher's IRI.
func ContactIRI(datasetIRI string) string { return inside(datasetIRI) + "contact" }

// contactPhoneIRI is {dataset}#contact-telephone, the contact's vcard:Voice.
func contactPhoneIRI(datasetIRI string) string { return inside(datasetIRI) + "contact-telephone" }

// canonical returns the canonical IRI of s in v when v knows s (as a code or
// an IRI variant), else s trimmed.
func canonical(v *catalog.Vocabulary, s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if c, ok := v.Canonical(s); ok {
		return c
	}
	return s
}

// publisherType is the agency's ADMS publisher type, NationalAuthority when unset.
func publisherType(a *catalog.Agency) string {
	if t := canonical(catalog.PublisherTypes, a.PublisherType); t != "" {
		return t
	}
	return PublisherTypeNationalAuthority
}

// Agent emits the agency as the publisher: rdf:type foaf:Agent and
// foaf:Organization, foaf:name per language, dcterms:type (the ADMS
// publisher type, NationalAuthority when unset), dcterms:identifier (the
// organisation number), and foaf:homepage and foaf:mbox when known. Its IRI
// is http://dataportal.se/organisation/SE{orgnr}.
func (m *Mapper) Agent(a *catalog.Agency, emit Emit) error {
	if a == nil {
		return fmt.Errorf("dcat: agent: no agency")
	}
	g := m.graph("agency ", string(a.OrgNumber), 16)
	defer m.release(g)
	org, err := catalog.ParseOrgNumber(string(a.OrgNumber))
	if err != nil {
		g.fail("orgNumber", string(a.OrgNumber), fmt.Errorf("%w: %w", ErrInvalid, err))
		return g.err
	}
	s, ok := g.node("orgNumber", org.PublisherIRI())
	if !ok {
		return g.err
	}
	g.typ(s, FOAFAgent)
	g.typ(s, FOAFOrganization)
	if g.langs(s, FOAFName, "name", a.Name, a.Name.Langs()) == 0 {
		g.fail("name", "", ErrMissing)
	}
	g.link(s, DCTermsType, "publisherType", publisherType(a))
	g.plain(s, DCTermsIdentifier, "orgNumber", string(org))
	g.link(s, FOAFHomepage, "homepage", strings.TrimSpace(a.Homepage))
	if e := strings.TrimSpace(a.Email); e != "" {
		if mb, err := mailto(e); err != nil {
			g.fail("email", e, err)
		} else {
			g.link(s, FOAFMbox, "email", mb)
		}
	}
	return g.flush(emit)
}

// OperatorAgent emits the default publisher of the national catalog,
// {base}/#operator: a foaf:Agent and foaf:Organization named "katalog", of
// type NationalAuthority.
func (m *Mapper) OperatorAgent(emit Emit) error {
	g := m.graph("operator", "", 16)
	defer m.release(g)
	s, ok := g.node("operator", m.OperatorIRI())
	if !ok {
		return g.err
	}
	g.typ(s, FOAFAgent)
	g.typ(s, FOAFOrganization)
	g.lang(s, FOAFName, "name/sv", "katalog", "sv")
	g.lang(s, FOAFName, "name/en", "katalog", "en")
	g.link(s, DCTermsType, "type", PublisherTypeNationalAuthority)
	return g.flush(emit)
}

// agencyNames returns the agency's name for Swedish and English text.
func agencyNames(a *catalog.Agency) (sv, en string) {
	return strings.TrimSpace(a.Name.Get("sv", "en")), strings.TrimSpace(a.Name.Get("en", "sv"))
}

// CatalogHeader emits an agency's dcat:Catalog without its datasets:
// dcterms:title and dcterms:description in Swedish and English generated
// from the agency's name, dcterms:publisher, dcterms:license CC0,
// dcterms:issued (the agency's CreatedAt) and dcterms:modified (rev) as
// xsd:dateTime, dcterms:language SWE and ENG, foaf:homepage (the agency's
// page on katalog) and dcat:themeTaxonomy. CatalogLinks adds dcat:dataset
// and dcat:service per dataset.
func (m *Mapper) CatalogHeader(a *catalog.Agency, rev catalog.Revision, emit Emit) error {
	if a == nil {
		return fmt.Errorf("dcat: catalog: no agency")
	}
	g := m.graph("catalog of agency ", string(a.OrgNumber), 16)
	defer m.release(g)
	cat, err := m.AgencyCatalogIRI(a.OrgNumber)
	if err != nil {
		g.fail("orgNumber", string(a.OrgNumber), fmt.Errorf("%w: %w", ErrInvalid, err))
		return g.err
	}
	s, ok := g.node("orgNumber", cat)
	if !ok {
		return g.err
	}
	sv, en := agencyNames(a)
	if sv == "" {
		g.fail("name", "", ErrMissing)
		return g.err
	}
	org, _ := catalog.ParseOrgNumber(string(a.OrgNumber)) // valid: AgencyCatalogIRI checked it
	hyph := org.Hyphenated()
	g.typ(s, DCATCatalog)
	g.lang(s, DCTermsTitle, "name/sv", "Datakatalog för "+sv, "sv")
	g.lang(s, DCTermsTitle, "name/en", "Data catalog of "+en, "en")
	g.lang(s, DCTermsDescription, "name/sv",
		fmt.Sprintf("Datamängder som %s (organisationsnummer %s) publicerar, beskrivna enligt DCAT-AP-SE 3.0.1.", sv, hyph), "sv")
	g.lang(s, DCTermsDescription, "name/en",
		fmt.Sprintf("Datasets published by %s (organisation number %s), described according to DCAT-AP-SE 3.0.1.", en, hyph), "en")
	g.link(s, DCTermsPublisher, "orgNumber", org.PublisherIRI())
	g.link(s, DCTermsLicense, "license", catalog.CatalogLicence)
	if !a.CreatedAt.IsZero() {
		g.typed(s, DCTermsIssued, "createdAt", dateTime(a.CreatedAt), XSDDateTime)
	}
	if !rev.Modified.IsZero() {
		g.typed(s, DCTermsModified, "revision", dateTime(rev.Modified), XSDDateTime)
	}
	g.link(s, DCTermsLanguage, "language", LanguageSWE)
	g.link(s, DCTermsLanguage, "language", LanguageENG)
	g.link(s, FOAFHomepage, "homepage", m.AgencyPageIRI(org))
	g.link(s, DCATThemeTaxonomy, "themeTaxonomy", catalog.ThemeTaxonomy)
	return g.flush(emit)
}

// NationalCatalogHeader emits the national catalog {base}/catalog without
// its parts: titles and descriptions in Swedish and English, the publisher
// (an agency's publisher IRI or OperatorIRI), CC0, dcterms:modified (rev),
// languages, foaf:homepage {base}/ and the theme taxonomy. HasPart links
// the agency catalogs.
func (m *Mapper) NationalCatalogHeader(publisherIRI string, rev catalog.Revision, emit Emit) error {
	g := m.graph("national catalog", "", 16)
	defer m.release(g)
	s, ok := g.node("catalog", m.NationalCatalogIRI())
	if !ok {
		return g.err
	}
	g.typ(s, DCATCatalog)
	g.lang(s, DCTermsTitle, "title/sv", "Katalogs nationella katalog", "sv")
	g.lang(s, DCTermsTitle, "title/en", "The national catalog of katalog", "en")
	g.lang(s, DCTermsDescription, "description/sv",
		"Alla myndigheters datakataloger i katalog, var och en som delkatalog (dcterms:hasPart) med sina datamängder, beskrivna enligt DCAT-AP-SE 3.0.1.", "sv")
	g.lang(s, DCTermsDescription, "description/en",
		"Every agency's data catalog in katalog, each as a sub-catalog (dcterms:hasPart) with its datasets, described according to DCAT-AP-SE 3.0.1.", "en")
	if publisherIRI == "" {
		g.fail("publisher", "", ErrMissing)
	}
	g.link(s, DCTermsPublisher, "publisher", publisherIRI)
	g.link(s, DCTermsLicense, "license", catalog.CatalogLicence)
	if !rev.Modified.IsZero() {
		g.typed(s, DCTermsModified, "revision", dateTime(rev.Modified), XSDDateTime)
	}
	g.link(s, DCTermsLanguage, "language", LanguageSWE)
	g.link(s, DCTermsLanguage, "language", LanguageENG)
	g.link(s, FOAFHomepage, "homepage", m.base+"/")
	g.link(s, DCATThemeTaxonomy, "themeTaxonomy", catalog.ThemeTaxonomy)
	return g.flush(emit)
}

// HasPart emits parent dcterms:hasPart child and child dcterms:isPartOf parent.
func (m *Mapper) HasPart(parentIRI, childIRI string, emit Emit) error {
	g := m.graph("catalog ", parentIRI, 16)
	defer m.release(g)
	p, ok1 := g.node("catalog", parentIRI)
	c, ok2 := g.node("hasPart", childIRI)
	if ok1 && ok2 {
		g.add(p, DCTermsHasPart, c)
		g.add(c, DCTermsIsPartOf, p)
	}
	return g.flush(emit)
}

// linkGraph starts the links of d in catalogIRI with catalogIRI
// dcat:dataset <ds>, the dataset's IRI; ok is false when nothing more can
// be linked (a bad IRI or id, recorded in g: flush it).
func (m *Mapper) linkGraph(catalogIRI string, d *catalog.Dataset) (g *graph, c rdf.IRI, ds string, ok bool) {
	g = m.graph("dataset ", d.ID, 16)
	c, ok = g.node("catalog", catalogIRI)
	ds, err := m.datasetIRIOf(d)
	if err != nil {
		g.fail("id", d.ID, err)
	}
	if !ok || g.err != nil {
		return g, c, ds, false
	}
	g.mintedLink(c, DCATDatasetProp, "id", ds)
	return g, c, ds, true
}

// CatalogLinks emits catalogIRI dcat:dataset <dataset> and catalogIRI
// dcat:service <service> for each of the dataset's data services.
//
// For an imported dataset (d.Published set) the services are those its
// published description has, by their own IRIs.
func (m *Mapper) CatalogLinks(catalogIRI string, d *catalog.Dataset, emit Emit) error {
	if d.Published != nil {
		return m.publishedLinks(catalogIRI, d, emit)
	}
	g, c, ds, ok := m.linkGraph(catalogIRI, d)
	defer m.release(g)
	if !ok {
		return g.flush(emit)
	}
	// Two services with one id (Dataset refuses them): link it once.
	g.dedup = len(d.DataServices) > 1
	for i := range d.DataServices {
		if d.DataServices[i].ID == "" {
			g.fail(fmt.Sprintf("dataServices/%d/id", i), "", ErrMissing)
			break
		}
		g.mintedLink(c, DCATService, "dataServices/id", DataServiceIRI(ds, d.DataServices[i].ID))
	}
	return g.flush(emit)
}

// Dataset emits a dataset whole: the dcat:Dataset, its contact point, its
// distributions and its data services. agency is the publisher (d.Agency's
// agency); it may be nil, and then only d.Agency is used (for the
// publisher IRI; a missing contact point is not derived from the agency).
//
// Nothing is emitted if any value is invalid or a mandatory one is missing;
// the *FieldError names the dataset and the field.
//
// An imported dataset (d.Published set) is emitted as its agency published
// it: its description, triple for triple (see Published), with nothing
// added (no dcterms:identifier, publisher or contact point of katalog's);
// its model fields are not used. A dataset replaced through the API has no
// description and is mapped from its fields again.
func (m *Mapper) Dataset(d *catalog.Dataset, agency *catalog.Agency, emit Emit) error {
	if d == nil {
		return fmt.Errorf("dcat: dataset: nil")
	}
	if d.Published != nil {
		return m.publishedDataset(d, emit)
	}
	g := m.graph("dataset ", d.ID, 64)
	defer m.release(g)
	m.dataset(g, d, agency)
	return g.flush(emit)
}

func (m *Mapper) dataset(g *graph, d *catalog.Dataset, agency *catalog.Agency) {
	dsIRI, err := m.datasetIRIOf(d)
	if err != nil {
		g.fail("id", d.ID, err)
		return
	}
	s, ok := g.minted("id", dsIRI)
	if !ok {
		return
	}
	org := d.Agency
	if agency != nil {
		if org != "" && org != agency.OrgNumber {
			g.fail("agency", string(org), fmt.Errorf("%w: the dataset belongs to %s, not to %s", ErrInvalid, org, agency.OrgNumber))
			return
		}
		org = agency.OrgNumber
	}
	parsed, err := catalog.ParseOrgNumber(string(org))
	if err != nil {
		g.fail("agency", string(org), fmt.Errorf("%w: %w", ErrInvalid, err))
		return
	}
	org = parsed
	pub := org.PublisherIRI()

	g.typ(s, DCATDataset)
	if g.langs(s, DCTermsTitle, "title", d.Title, d.Title.Langs()) == 0 {
		g.fail("title", "", ErrMissing)
	}
	if g.langs(s, DCTermsDescription, "description", d.Description, d.Description.Langs()) == 0 {
		g.fail("description", "", ErrMissing)
	}
	g.keywords(s, "keywords", d.Keywords)
	g.links(s, DCATTheme, "themes", canonicals(catalog.Themes, d.Themes))
	g.link(s, DCTermsAccessRights, "accessRights", canonical(catalog.AccessRights, d.AccessRights))
	g.link(s, DCTermsAccrualPeriodicity, "accrualPeriodicity", canonical(catalog.Frequencies, d.AccrualPeriodicity))
	g.date(s, DCTermsIssued, "issued", d.Issued)
	g.date(s, DCTermsModified, "modified", d.Modified)
	g.link(s, DCATLandingPage, "landingPage", strings.TrimSpace(d.LandingPage))
	g.links(s, DCTermsLanguage, "languages", canonicals(catalog.Languages, d.Languages))
	g.links(s, DCTermsConformsTo, "conformsTo", d.ConformsTo)
	g.links(s, DCTermsSpatial, "spatial", d.Spatial)
	if t := d.Temporal; t != nil && (strings.TrimSpace(t.Start) != "" || strings.TrimSpace(t.End) != "") {
		// {dataset}#temporal: the period is a resource of its own, not a
		// blank node, like everything else the mapping mints.
		if p, ok := g.minted("temporal", inside(dsIRI)+"temporal"); ok {
			g.add(s, DCTermsTemporal, p)
			g.typ(p, DCTermsPeriodOfTime)
			g.date(p, DCATStartDate, "temporal/start", t.Start)
			g.date(p, DCATEndDate, "temporal/end", t.End)
		}
	}
	g.mintedLink(s, DCTermsPublisher, "agency", pub)
	g.plain(s, DCTermsIdentifier, "id", d.ID)

	hvd := canonical(catalog.HVDCategories, d.HVDCategory)
	if hvd != "" {
		g.link(s, DCATAPApplicableLegislation, "hvdCategory", catalog.HVDLegislation)
		g.link(s, DCATAPHVDCategory, "hvdCategory", hvd)
	}

	contact := m.contact(g, dsIRI, d.ContactPoint, agency)

	services := make(map[string]bool, len(d.DataServices))
	for i := range d.DataServices {
		id := d.DataServices[i].ID
		field := "dataServices/" + strconv.Itoa(i) + "/id"
		switch {
		case id == "":
			g.fail(field, "", ErrMissing)
		case services[id]:
			g.fail(field, id, fmt.Errorf("%w: two data services have this id", ErrInvalid))
		}
		services[id] = true
	}
	seen := make(map[string]bool, len(d.Distributions))
	for i := range d.Distributions {
		dist := &d.Distributions[i]
		field := "distributions/" + strconv.Itoa(i)
		switch {
		case dist.ID == "":
			g.fail(field+"/id", "", ErrMissing)
		case seen[dist.ID]:
			g.fail(field+"/id", dist.ID, fmt.Errorf("%w: two distributions have this id", ErrInvalid))
		}
		seen[dist.ID] = true
		if g.err != nil {
			return
		}
		di, ok := g.minted(field+"/id", DistributionIRI(dsIRI, dist.ID))
		if !ok {
			return
		}
		g.add(s, DCATDistributionProp, di)
		m.distribution(g, field, di, dsIRI, dist, services, hvd != "")
	}
	for i := range d.DataServices {
		m.dataService(g, "dataServices/"+strconv.Itoa(i), s, dsIRI, &d.DataServices[i], pub, contact, hvd)
	}
}

func canonicals(v *catalog.Vocabulary, ss []string) []string {
	if len(ss) == 0 {
		return nil
	}
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = canonical(v, s)
	}
	return out
}

// contact emits the dataset's vcard:Organization at {dataset}#contact and
// links it; without a contact point of its own the dataset gets the
// agency's name and e-mail, when the agency has an e-mail. It returns the
// contact's IRI term, or nil when there is none.
func (m *Mapper) contact(g *graph, dsIRI string, cp *catalog.ContactPoint, agency *catalog.Agency) *rdf.IRI {
	var name, email, url, phone string
	field := "contactPoint"
	switch {
	case cp != nil:
		name, email, url, phone = strings.TrimSpace(cp.Name), strings.TrimSpace(cp.Email), strings.TrimSpace(cp.URL), strings.TrimSpace(cp.Phone)
		if name == "" && agency != nil {
			name, _ = agencyNames(agency)
		}
	case agency != nil && strings.TrimSpace(agency.Email) != "":
		name, _ = agencyNames(agency)
		email = strings.TrimSpace(agency.Email)
		field = "agency"
	default:
		return nil
	}
	if name == "" {
		g.fail(field+"/name", "", ErrMissing)
		return nil
	}
	if email == "" {
		g.fail(field+"/email", "", ErrMissing)
		return nil
	}
	mb, err := mailto(email)
	if err != nil {
		g.fail(field+"/email", email, err)
		return nil
	}
	c, ok := g.minted(field, ContactIRI(dsIRI))
	if !ok {
		return nil
	}
	ds := g.term(dsIRI)
	g.add(ds, DCATContactPoint, c)
	g.typ(c, VCardOrganization)
	g.plain(c, VCardFn, field+"/name", name)
	g.link(c, VCardHasEmail, field+"/email", mb)
	g.link(c, VCardHasURL, field+"/url", url)
	if phone != "" {
		tel, err := telIRI(phone)
		if err != nil {
			g.fail(field+"/phone", phone, err)
			return nil
		}
		if v, ok := g.minted(field+"/phone", contactPhoneIRI(dsIRI)); ok {
			g.add(c, VCardHasTelephone, v)
			g.typ(v, VCardVoice)
			g.link(v, VCardHasValue, field+"/phone", tel)
		}
	}
	return &c
}

func (m *Mapper) distribution(g *graph, field string, s rdf.IRI, dsIRI string, d *catalog.Distribution, services map[string]bool, hvd bool) {
	g.typ(s, DCATDistribution)
	g.langs(s, DCTermsTitle, field+"/title", d.Title, d.Title.Langs())
	g.langs(s, DCTermsDescription, field+"/description", d.Description, d.Description.Langs())
	access := strings.TrimSpace(d.AccessURL)
	download := strings.TrimSpace(d.DownloadURL)
	accessField := field + "/accessURL"
	if access == "" {
		// DCAT: where only a download URL is known, it is also the access URL.
		access, accessField = download, field+"/downloadURL"
	}
	if access == "" {
		g.fail(field+"/accessURL", "", ErrMissing)
		return
	}
	g.link(s, DCATAccessURL, accessField, access)
	g.link(s, DCATDownloadURL, field+"/downloadURL", download)
	format := strings.TrimSpace(d.Format)
	if format == "" {
		g.fail(field+"/format", "", ErrMissing)
		return
	}
	g.plain(s, DCTermsFormat, field+"/format", format)
	g.link(s, DCTermsLicense, field+"/license", canonical(catalog.Licences, d.License))
	switch {
	case d.ByteSize < 0:
		g.fail(field+"/byteSize", fmt.Sprint(d.ByteSize), fmt.Errorf("%w: a size cannot be negative", ErrInvalid))
	case d.ByteSize > 0:
		g.typed(s, DCATByteSize, field+"/byteSize", strconv.FormatInt(d.ByteSize, 10), XSDNonNegativeInteger)
	}
	g.link(s, DCATAPAvailability, field+"/availability", canonical(catalog.Availabilities, d.Availability))
	g.link(s, ADMSStatus, field+"/status", canonical(catalog.DistributionStatuses, d.Status))
	g.links(s, DCTermsLanguage, field+"/languages", canonicals(catalog.Languages, d.Languages))
	g.links(s, DCTermsConformsTo, field+"/conformsTo", d.ConformsTo)
	g.date(s, DCTermsIssued, field+"/issued", d.Issued)
	g.date(s, DCTermsModified, field+"/modified", d.Modified)
	g.link(s, DCTermsRights, field+"/rights", strings.TrimSpace(d.Rights))
	if svc := strings.TrimSpace(d.AccessService); svc != "" {
		if !services[svc] {
			g.fail(field+"/accessService", svc, fmt.Errorf("%w: the dataset has no data service with this id", ErrInvalid))
			return
		}
		g.mintedLink(s, DCATAccessService, field+"/accessService", DataServiceIRI(dsIRI, svc))
	}
	if hvd {
		// Recommendation 14: the distribution carries the legislation, not the category.
		g.link(s, DCATAPApplicableLegislation, "hvdCategory", catalog.HVDLegislation)
	}
}

func (m *Mapper) dataService(g *graph, field string, ds rdf.IRI, dsIRI string, d *catalog.DataService, pub string, contact *rdf.IRI, hvd string) {
	if g.err != nil {
		return
	}
	s, ok := g.minted(field+"/id", DataServiceIRI(dsIRI, d.ID))
	if !ok {
		return
	}
	g.typ(s, DCATDataService)
	if g.langs(s, DCTermsTitle, field+"/title", d.Title, d.Title.Langs()) == 0 {
		g.fail(field+"/title", "", ErrMissing)
	}
	g.langs(s, DCTermsDescription, field+"/description", d.Description, d.Description.Langs())
	endpoint := strings.TrimSpace(d.EndpointURL)
	if endpoint == "" {
		g.fail(field+"/endpointURL", "", ErrMissing)
		return
	}
	g.link(s, DCATEndpointURL, field+"/endpointURL", endpoint)
	g.link(s, DCATEndpointDescription, field+"/endpointDescription", strings.TrimSpace(d.EndpointDescription))
	format := strings.TrimSpace(d.Format)
	if format == "" {
		format = DefaultServiceFormat
	}
	g.plain(s, DCTermsFormat, field+"/format", format)
	g.link(s, DCTermsLicense, field+"/license", canonical(catalog.Licences, d.License))
	g.link(s, DCTermsAccessRights, field+"/accessRights", canonical(catalog.AccessRights, d.AccessRights))
	g.link(s, DCTermsType, field+"/type", canonical(catalog.ServiceTypes, d.Type))
	g.keywords(s, field+"/keywords", d.Keywords)
	g.link(s, FOAFPage, field+"/page", strings.TrimSpace(d.Page))
	g.add(s, DCATServesDataset, ds)
	g.mintedLink(s, DCTermsPublisher, "agency", pub)
	if contact != nil {
		g.add(s, DCATContactPoint, *contact)
	}
	if hvd != "" {
		g.link(s, DCATAPApplicableLegislation, "hvdCategory", catalog.HVDLegislation)
		g.link(s, DCATAPHVDCategory, "hvdCategory", hvd)
	}
}

// PageInfo describes one page of a paged feed as a hydra:PagedCollection.
// Empty Next, Previous (and First, Last) are left out.
type PageInfo struct {
	// Self is the page's own IRI, e.g. {feed}?page=2&limit=100.
	Self                        string
	First, Last, Next, Previous string
	// TotalItems counts the datasets of the whole feed; ItemsPerPage is the limit.
	TotalItems, ItemsPerPage int
}

// HydraPage emits the page node: rdf:type hydra:PagedCollection,
// hydra:totalItems and hydra:itemsPerPage (xsd:integer), and the links as
// IRIs under both the deprecated and the current names (firstPage and
// first, lastPage and last, nextPage and next, previousPage and previous).
func (m *Mapper) HydraPage(p PageInfo, emit Emit) error {
	g := m.graph("page ", p.Self, 16)
	defer m.release(g)
	s, ok := g.node("self", p.Self)
	if !ok {
		return g.err
	}
	if p.TotalItems < 0 || p.ItemsPerPage < 1 {
		g.fail("paging", fmt.Sprintf("total %d, per page %d", p.TotalItems, p.ItemsPerPage), ErrInvalid)
		return g.err
	}
	g.typ(s, HydraPagedCollection)
	g.typed(s, HydraTotalItems, "totalItems", fmt.Sprint(p.TotalItems), XSDInteger)
	g.typed(s, HydraItemsPerPage, "itemsPerPage", fmt.Sprint(p.ItemsPerPage), XSDInteger)
	for _, l := range []struct{ old, cur, v string }{
		{HydraFirstPage, HydraFirst, p.First},
		{HydraLastPage, HydraLast, p.Last},
		{HydraNextPage, HydraNext, p.Next},
		{HydraPreviousPage, HydraPrevious, p.Previous},
	} {
		g.link(s, l.old, "link", l.v)
		g.link(s, l.cur, "link", l.v)
	}
	return g.flush(emit)
}

// keywords adds s dcat:keyword for every keyword, by language, skipping a
// keyword repeated in its language. field names them in errors.
func (g *graph) keywords(s rdf.IRI, field string, kw catalog.LangStrings) {
	for _, tag := range kw.Langs() {
		kws := kw[tag]
		for i, k := range kws {
			if k = strings.TrimSpace(k); repeated(kws[:i], k) {
				continue // the same keyword twice
			}
			if k != "" && (xmltext.Check(k) != nil || !simpleTag(tag)) {
				// Name the keyword in the error; the common case needs no name.
				g.lang(s, DCATKeyword, fmt.Sprintf("%s/%s/%d", field, tag, i), k, tag)
				continue
			}
			g.lang(s, DCATKeyword, field, k, tag)
		}
	}
}
