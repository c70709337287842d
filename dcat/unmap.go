package dcat

import (
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/google/uuid"
	"github.com/knakk/rdf"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/dcat/syntax/langtag"
)

// Imported is what a DCAT feed says, read back into the domain by
// Mapper.Unmap.
type Imported struct {
	// Catalogs names the dcat:Catalog nodes (IRIs, or _:labels).
	Catalogs []string
	// Publishers lists the distinct dcterms:publisher IRIs of the catalogs
	// and datasets, sorted.
	Publishers []string
	// Datasets are the dcat:Dataset nodes, ordered by IRI. Their values are
	// as the feed gives them; schema.Validator.Dataset normalises and checks
	// them. Agency and timestamps are left empty.
	Datasets []catalog.Dataset
	// Notes say where Unmap read a value with an assumption or left one out.
	Notes []Note
}

// Note is one remark of Unmap: the node and property it concerns, the value,
// and a message in Swedish and English.
type Note struct {
	Focus   string             `json:"focus"`
	Path    string             `json:"path"`
	Value   string             `json:"value,omitempty"`
	Message catalog.LangString `json:"message"`
}

// Unmap reads the datasets of g back into the domain, the inverse of the
// mapping the writers use: every dcat:Dataset (whether or not a catalog
// lists it) with its contact point, distributions and data services (those
// that dcat:servesDataset it or that a distribution names as
// dcat:accessService).
//
// Identity: a dataset keeps its IRI (Dataset.IRI) unless it is the IRI this
// Mapper would mint anyway. Its ID is its dcterms:identifier when that is a
// UUID, else the name-based UUID (version 5, URL namespace) of its IRI, so
// importing the same feed again finds the same datasets; a blank-node
// dataset gets the name-based UUID of its content. Distributions and data
// services get local IDs from their IRIs ({dataset}#distribution-{id} as
// katalog writes them, else the IRI's last segment) or, for blank nodes,
// numbers in a stable order.
//
// Values are read leniently: text without a language tag is taken as
// Swedish, a dcterms:format given as an IANA or EU file-type IRI becomes its
// media type, and what cannot be read is left out with a Note. Whether the
// result is acceptable is for schema.Validator.Dataset and the DCAT-AP-SE
// validator to say.
func (m *Mapper) Unmap(g *Graph) *Imported {
	u := &unmapper{m: m, g: g, out: &Imported{}}
	return u.run()
}

// UnmapResource reads one catalogued resource of g, the node root, into
// the domain: a dataset or a dataset series (DCAT 3 makes a series a
// dataset) as Unmap reads a dataset, or a data service that serves no
// dataset of the document as a dataset whose one data service it is (its
// title, description and keywords are the dataset's too). g is the
// resource's own description (the importer's per-dataset graph). The
// dataset's ID and IRI are left for the caller, who knows the document:
// ID "" and IRI root's IRI ("" for a blank node).
func (m *Mapper) UnmapResource(g *Graph, root rdf.Subject) (catalog.Dataset, []Note) {
	u := &unmapper{m: m, g: g, out: &Imported{}, servedBy: map[string][]*Node{}}
	n := g.Node(root)
	if n == nil {
		return catalog.Dataset{IRI: iriOf(root)}, nil
	}
	for _, s := range g.Subjects(DCATDataService) {
		for _, o := range s.Objects(DCATServesDataset) {
			if ds := g.Node(o); ds != nil {
				u.servedBy[ds.Name()] = append(u.servedBy[ds.Name()], s)
			}
		}
	}
	if n.Has(RDFType, DCATDataService) && !n.Has(RDFType, DCATDataset) && !n.Has(RDFType, dcatDatasetSeries) {
		d := catalog.Dataset{IRI: n.IRI(), Title: u.text(n, DCTermsTitle), Description: u.text(n, DCTermsDescription), Keywords: u.texts(n, DCATKeyword)}
		svc := u.dataService(n, "1")
		if id := lastSegment(n.IRI()); localIDRE.MatchString(id) {
			svc.ID = id
		}
		d.DataServices = []catalog.DataService{svc}
		return d, u.out.Notes
	}
	d := u.dataset(n)
	d.ID, d.IRI = "", n.IRI()
	if hvd := n.IRIs(DCATAPHVDCategory); len(hvd) > 1 {
		sort.Strings(hvd)
		d.HVDCategory = hvd[0]
	}
	return d, u.out.Notes
}

func iriOf(t rdf.Term) string {
	if t.Type() == rdf.TermIRI {
		return t.String()
	}
	return ""
}

// dcatDatasetSeries is the class of dataset series, which the domain does
// not model.
const dcatDatasetSeries = NSDCAT + "DatasetSeries"

type unmapper struct {
	m   *Mapper
	g   *Graph
	out *Imported
	// servedBy lists the data services serving each dataset, by its name.
	servedBy map[string][]*Node
}

func (u *unmapper) note(n *Node, path, value, en, sv string) {
	u.out.Notes = append(u.out.Notes, Note{Focus: n.Name(), Path: path, Value: value, Message: catalog.LangString{"sv": sv, "en": en}})
}

func (u *unmapper) run() *Imported {
	publishers := map[string]bool{}
	datasets := map[string]*Node{}
	for _, c := range sortedNodes(u.g.Subjects(DCATCatalog)) {
		u.out.Catalogs = append(u.out.Catalogs, c.Name())
		for _, p := range c.IRIs(DCTermsPublisher) {
			publishers[p] = true
		}
		for _, o := range c.Objects(DCATDatasetProp) {
			if n := u.g.Node(o); n != nil {
				datasets[n.Name()] = n
			}
		}
	}
	for _, n := range u.g.Subjects(DCATDataset) {
		datasets[n.Name()] = n
	}
	u.servedBy = map[string][]*Node{}
	for _, s := range u.g.Subjects(DCATDataService) {
		for _, o := range s.Objects(DCATServesDataset) {
			if ds := u.g.Node(o); ds != nil {
				u.servedBy[ds.Name()] = append(u.servedBy[ds.Name()], s)
			}
		}
	}
	nodes := make([]*Node, 0, len(datasets))
	for _, n := range datasets {
		nodes = append(nodes, n)
	}
	for _, n := range sortedNodes(nodes) {
		if n.Has(RDFType, dcatDatasetSeries) {
			u.note(n, RDFType, dcatDatasetSeries, "a dataset series: katalog keeps datasets only, so the series is left out (its member datasets are imported)",
				"en dataserie: katalog lagrar bara datamängder, så serien utelämnas (dess datamängder importeras)")
			continue
		}
		for _, p := range n.IRIs(DCTermsPublisher) {
			publishers[p] = true
		}
		u.out.Datasets = append(u.out.Datasets, u.dataset(n))
	}
	for p := range publishers {
		u.out.Publishers = append(u.out.Publishers, p)
	}
	sort.Strings(u.out.Publishers)
	return u.out
}

func (u *unmapper) dataset(n *Node) catalog.Dataset {
	d := catalog.Dataset{
		IRI:                n.IRI(),
		Title:              u.text(n, DCTermsTitle),
		Description:        u.text(n, DCTermsDescription),
		Keywords:           u.texts(n, DCATKeyword),
		Themes:             sorted(n.IRIs(DCATTheme)),
		AccessRights:       u.iri(n, DCTermsAccessRights),
		AccrualPeriodicity: u.iri(n, DCTermsAccrualPeriodicity),
		Issued:             u.literal(n, DCTermsIssued),
		Modified:           u.literal(n, DCTermsModified),
		LandingPage:        u.iri(n, DCATLandingPage),
		Languages:          sorted(n.IRIs(DCTermsLanguage)),
		ConformsTo:         sorted(n.IRIs(DCTermsConformsTo)),
		Spatial:            sorted(n.IRIs(DCTermsSpatial)),
		HVDCategory:        u.iri(n, DCATAPHVDCategory),
	}
	if o := first(n.Objects(DCATContactPoint)); o != nil {
		if cp := u.g.Node(o); cp != nil {
			d.ContactPoint = u.contact(cp)
		} else if mb, ok := strings.CutPrefix(o.String(), "mailto:"); ok && o.Type() == rdf.TermIRI {
			// A contact point given as a mailto: IRI alone.
			if un, err := url.PathUnescape(mb); err == nil {
				mb = un
			}
			d.ContactPoint = &catalog.ContactPoint{Email: mb}
		}
	}
	if p := u.g.Node(first(n.Objects(DCTermsTemporal))); p != nil {
		t := &catalog.Period{Start: u.literal(p, DCATStartDate), End: u.literal(p, DCATEndDate)}
		if t.Start != "" || t.End != "" {
			d.Temporal = t
		}
	}
	d.ID = u.datasetID(n, &d)
	dsIRI := d.IRI
	if dsIRI == "" {
		dsIRI, _ = u.m.datasetIRI(d.ID)
	} else if minted, _ := u.m.datasetIRI(d.ID); minted == dsIRI {
		d.IRI = "" // katalog's own IRI: minted again on the way out
	}
	services := u.services(n, dsIRI, &d)
	u.distributions(n, dsIRI, &d, services)
	return d
}

// datasetID picks the dataset's ID; see Unmap.
func (u *unmapper) datasetID(n *Node, d *catalog.Dataset) string {
	for _, o := range n.Objects(DCTermsIdentifier) {
		if id, err := uuid.Parse(strings.TrimSpace(o.String())); err == nil && o.Type() == rdf.TermLiteral {
			return id.String()
		}
	}
	if iri := n.IRI(); iri != "" {
		prefix := u.m.base + "/datasets/"
		if rest, ok := strings.CutPrefix(iri, prefix); ok {
			if id, err := url.PathUnescape(rest); err == nil {
				if parsed, err := uuid.Parse(id); err == nil {
					return parsed.String()
				}
			}
		}
		return uuid.NewSHA1(uuid.NameSpaceURL, []byte(iri)).String()
	}
	hash, err := d.ContentHash()
	if err != nil {
		hash = n.Name()
	}
	return uuid.NewSHA1(uuid.NameSpaceURL, []byte("urn:sha256:"+hash)).String()
}

// langKey is the key of a literal's language in a language map: the tag in
// canonical case (the language-tag policy of dcat/syntax/langtag, as the
// JSON API stores tags), so that tags that differ only in case ("SV",
// "sv") name one language. A malformed tag, which katalog's readers do not
// give, is lower-cased; the API's validation refuses it.
func langKey(tag string) string {
	if c, err := langtag.Normalize(tag); err == nil {
		return c
	}
	return strings.ToLower(tag)
}

// Untagged is the language key under which text without a language tag
// is read: "und", BCP 47's undetermined language. (Text in German without
// a tag is not Swedish; the published description keeps it untagged.)
const Untagged = "und"

// text reads the literals of p as a language map; untagged ones count as
// language Untagged, and extra texts in one language are left out.
func (u *unmapper) text(n *Node, p string) catalog.LangString {
	var out catalog.LangString
	var untagged []string
	for _, o := range n.Objects(p) {
		l, ok := o.(rdf.Literal)
		if !ok {
			u.note(n, p, o.String(), "not a literal: left out", "inte en literal: utelämnad")
			continue
		}
		tag := langKey(l.Lang())
		if tag == "" {
			untagged = append(untagged, l.String())
			continue
		}
		if out == nil {
			out = catalog.LangString{}
		}
		if _, dup := out[tag]; dup {
			u.note(n, p, l.String(), "a second text in language "+tag+": left out", "en andra text på språket "+tag+": utelämnad")
			continue
		}
		out[tag] = l.String()
	}
	for _, s := range untagged {
		if _, ok := out[Untagged]; ok {
			u.note(n, p, s, "a second text without a language tag: left out", "en andra text utan språkkod: utelämnad")
			continue
		}
		if out == nil {
			out = catalog.LangString{}
		}
		out[Untagged] = s
		u.note(n, p, s, "text without a language tag: read as language und (undetermined)", "text utan språkkod: läst som språket und (obestämt)")
	}
	return out
}

// texts reads the literals of p as lists by language; untagged ones count
// as language Untagged.
func (u *unmapper) texts(n *Node, p string) catalog.LangStrings {
	var out catalog.LangStrings
	for _, o := range n.Objects(p) {
		l, ok := o.(rdf.Literal)
		if !ok {
			u.note(n, p, o.String(), "not a literal: left out", "inte en literal: utelämnad")
			continue
		}
		tag := langKey(l.Lang())
		if tag == "" {
			tag = Untagged
			u.note(n, p, l.String(), "text without a language tag: read as language und (undetermined)", "text utan språkkod: läst som språket und (obestämt)")
		}
		if out == nil {
			out = catalog.LangStrings{}
		}
		out[tag] = append(out[tag], l.String())
	}
	for _, list := range out {
		sort.Strings(list)
	}
	return out
}

// sorted sorts list in place and returns it: RDF gives a property's values
// no order, so Unmap gives them one.
func sorted(list []string) []string {
	sort.Strings(list)
	return list
}

// iri reads the one IRI of p; a literal or blank node, or a second IRI, is
// left out with a note.
func (u *unmapper) iri(n *Node, p string) string {
	var v string
	for _, o := range n.Objects(p) {
		switch {
		case o.Type() != rdf.TermIRI:
			u.note(n, p, o.String(), "not an IRI: left out", "inte en IRI: utelämnad")
		case v != "":
			u.note(n, p, o.String(), "a second value where one is allowed: left out", "ett andra värde där ett är tillåtet: utelämnat")
		default:
			v = o.String()
		}
	}
	return v
}

// literal reads the lexical form of the one literal of p.
func (u *unmapper) literal(n *Node, p string) string {
	var v string
	for _, o := range n.Objects(p) {
		switch {
		case o.Type() != rdf.TermLiteral:
			u.note(n, p, o.String(), "not a literal: left out", "inte en literal: utelämnad")
		case v != "":
			u.note(n, p, o.String(), "a second value where one is allowed: left out", "ett andra värde där ett är tillåtet: utelämnat")
		default:
			v = strings.TrimSpace(o.String())
		}
	}
	return v
}

func first(os []rdf.Object) rdf.Object {
	if len(os) == 0 {
		return nil
	}
	return os[0]
}

// contact reads a vCard contact point.
func (u *unmapper) contact(n *Node) *catalog.ContactPoint {
	cp := &catalog.ContactPoint{Name: u.literal(n, VCardFn)}
	if cp.Name == "" {
		cp.Name = u.literal(n, NSVCard+"organization-name")
	}
	if o := first(n.Objects(VCardHasEmail)); o != nil {
		cp.Email = strings.TrimPrefix(strings.TrimSpace(o.String()), "mailto:")
		if o.Type() == rdf.TermIRI {
			if un, err := url.PathUnescape(cp.Email); err == nil {
				cp.Email = un
			}
		}
	}
	cp.URL = u.iri(n, VCardHasURL)
	if o := first(n.Objects(VCardHasTelephone)); o != nil {
		tel := o.String()
		if t := first(u.g.Node(o).Objects(VCardHasValue)); t != nil {
			tel = t.String()
		}
		cp.Phone = strings.TrimPrefix(tel, "tel:")
	}
	if cp.Name == "" && cp.Email == "" && cp.URL == "" && cp.Phone == "" {
		return nil
	}
	return cp
}

// localIDRE is the form of a distribution's or data service's local ID.
var localIDRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._~-]{0,63}$`)

// localIDs gives nodes local IDs unique in one dataset: the part after
// prefix when the IRI is katalog's own, else the IRI's last segment, else
// (blank nodes, collisions) the smallest free number.
func localIDs(nodes []*Node, prefix string, taken map[string]bool) []string {
	ids := make([]string, len(nodes))
	for i, n := range nodes {
		iri := n.IRI()
		if iri == "" {
			continue
		}
		id, ok := strings.CutPrefix(iri, prefix)
		if ok {
			id, _ = url.PathUnescape(id)
		} else {
			id = lastSegment(iri)
		}
		if localIDRE.MatchString(id) && !taken[id] {
			ids[i], taken[id] = id, true
		}
	}
	next := 1
	for i := range ids {
		if ids[i] != "" {
			continue
		}
		for taken[strconv.Itoa(next)] {
			next++
		}
		ids[i] = strconv.Itoa(next)
		taken[ids[i]] = true
	}
	return ids
}

// lastSegment is the fragment of iri, or its last non-empty path segment.
func lastSegment(iri string) string {
	if i := strings.LastIndexByte(iri, '#'); i >= 0 && i+1 < len(iri) {
		return iri[i+1:]
	}
	s := strings.TrimRight(iri, "/")
	if i := strings.LastIndexByte(s, '/'); i >= 0 {
		s = s[i+1:]
	}
	if un, err := url.PathUnescape(s); err == nil {
		return un
	}
	return s
}

// nodeKey orders a dataset's distributions or services: IRI nodes by IRI,
// blank ones by what they point at, so the order (and blank-node IDs) do not
// depend on the order of the input.
func nodeKey(n *Node, props ...string) string {
	if iri := n.IRI(); iri != "" {
		return "0" + iri
	}
	var b strings.Builder
	b.WriteString("1")
	for _, p := range props {
		for _, o := range n.Objects(p) {
			b.WriteString(o.String())
			b.WriteByte('\x00')
		}
	}
	return b.String()
}

func sortByKey(nodes []*Node, props ...string) []*Node {
	sort.SliceStable(nodes, func(i, j int) bool { return nodeKey(nodes[i], props...) < nodeKey(nodes[j], props...) })
	return nodes
}

// services reads the data services serving n or named by its
// distributions, and returns their local IDs by node name.
func (u *unmapper) services(n *Node, dsIRI string, d *catalog.Dataset) map[string]string {
	found := map[string]*Node{}
	for _, s := range u.servedBy[n.Name()] {
		found[s.Name()] = s
	}
	for _, o := range n.Objects(DCATDistributionProp) {
		for _, svc := range u.g.Node(o).Objects(DCATAccessService) {
			if s := u.g.Node(svc); s != nil {
				found[s.Name()] = s
			}
		}
	}
	if len(found) == 0 {
		return nil
	}
	nodes := make([]*Node, 0, len(found))
	for _, s := range found {
		nodes = append(nodes, s)
	}
	nodes = sortByKey(nodes, DCATEndpointURL, DCTermsTitle)
	ids := localIDs(nodes, inside(dsIRI)+"service-", map[string]bool{})
	byName := make(map[string]string, len(nodes))
	for i, s := range nodes {
		byName[s.Name()] = ids[i]
		d.DataServices = append(d.DataServices, u.dataService(s, ids[i]))
	}
	return byName
}

// dataService reads one data service.
func (u *unmapper) dataService(s *Node, id string) catalog.DataService {
	return catalog.DataService{
		ID:                  id,
		Title:               u.text(s, DCTermsTitle),
		Description:         u.text(s, DCTermsDescription),
		EndpointURL:         u.iri(s, DCATEndpointURL),
		EndpointDescription: u.iri(s, DCATEndpointDescription),
		Format:              u.format(s),
		License:             u.iri(s, DCTermsLicense),
		AccessRights:        u.iri(s, DCTermsAccessRights),
		Type:                u.iri(s, DCTermsType),
		Keywords:            u.texts(s, DCATKeyword),
		Page:                u.iri(s, FOAFPage),
	}
}

// distributions reads n's distributions.
func (u *unmapper) distributions(n *Node, dsIRI string, d *catalog.Dataset, services map[string]string) {
	var nodes []*Node
	for _, o := range n.Objects(DCATDistributionProp) {
		if x := u.g.Node(o); x != nil {
			nodes = append(nodes, x)
		} else {
			u.note(n, DCATDistributionProp, o.String(), "the distribution is not described in the feed: left out", "distributionen beskrivs inte i flödet: utelämnad")
		}
	}
	nodes = sortByKey(nodes, DCATAccessURL, DCATDownloadURL, DCTermsFormat, DCTermsTitle)
	taken := map[string]bool{}
	for _, s := range d.DataServices {
		taken[s.ID] = true
	}
	ids := localIDs(nodes, inside(dsIRI)+"distribution-", taken)
	for i, x := range nodes {
		dist := catalog.Distribution{
			ID:           ids[i],
			Title:        u.text(x, DCTermsTitle),
			Description:  u.text(x, DCTermsDescription),
			AccessURL:    u.iri(x, DCATAccessURL),
			DownloadURL:  u.iri(x, DCATDownloadURL),
			Format:       u.format(x),
			License:      u.iri(x, DCTermsLicense),
			Availability: u.iri(x, DCATAPAvailability),
			Status:       u.iri(x, ADMSStatus),
			Languages:    sorted(x.IRIs(DCTermsLanguage)),
			ConformsTo:   sorted(x.IRIs(DCTermsConformsTo)),
			Issued:       u.literal(x, DCTermsIssued),
			Modified:     u.literal(x, DCTermsModified),
			Rights:       u.iri(x, DCTermsRights),
		}
		if size := u.literal(x, DCATByteSize); size != "" {
			f, err := strconv.ParseFloat(size, 64)
			if err != nil || f < 0 {
				u.note(x, DCATByteSize, size, "not a size in bytes: left out", "inte en storlek i byte: utelämnad")
			} else {
				dist.ByteSize = int64(f)
			}
		}
		if svc := u.g.Node(first(x.Objects(DCATAccessService))); svc != nil {
			dist.AccessService = services[svc.Name()]
		}
		d.Distributions = append(d.Distributions, dist)
	}
}

// ianaPrefixes start the IRIs of IANA media types.
var ianaPrefixes = []string{"http://www.iana.org/assignments/media-types/", "https://www.iana.org/assignments/media-types/"}

// fileTypes maps EU file-type authority codes to media types, for feeds
// that follow DCAT-AP (dcterms:format as a file-type IRI) rather than
// DCAT-AP-SE (a media-type literal).
var fileTypes = map[string]string{
	"CSV": "text/csv", "JSON": "application/json", "XML": "application/xml", "PDF": "application/pdf",
	"HTML": "text/html", "TXT": "text/plain", "ZIP": "application/zip", "XLS": "application/vnd.ms-excel",
	"XLSX": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	"ODS":  "application/vnd.oasis.opendocument.spreadsheet", "RDF_XML": "application/rdf+xml",
	"RDF_TURTLE": "text/turtle", "RDF_N_TRIPLES": "application/n-triples", "JSON_LD": "application/ld+json",
	"GEOJSON": "application/geo+json", "SHP": "application/x-shapefile", "GML": "application/gml+xml",
	"KML": "application/vnd.google-earth.kml+xml", "KMZ": "application/vnd.google-earth.kmz",
	"GPKG": "application/geopackage+sqlite3", "TIFF": "image/tiff", "SPARQLQ": "application/sparql-query",
}

// fileTypePrefix starts the EU file-type authority's IRIs.
const fileTypePrefix = "http://publications.europa.eu/resource/authority/file-type/"

// format reads dcterms:format (else dcat:mediaType) as a media type.
func (u *unmapper) format(n *Node) string {
	for _, p := range []string{DCTermsFormat, DCATMediaType} {
		for _, o := range n.Objects(p) {
			v := strings.TrimSpace(o.String())
			if o.Type() == rdf.TermLiteral {
				return v
			}
			if o.Type() != rdf.TermIRI {
				continue
			}
			for _, prefix := range ianaPrefixes {
				if mt, ok := strings.CutPrefix(v, prefix); ok {
					return mt
				}
			}
			if code, ok := strings.CutPrefix(v, fileTypePrefix); ok {
				if mt, ok := fileTypes[code]; ok {
					return mt
				}
			}
			u.note(n, p, v, "a format IRI katalog cannot turn into a media type: left out", "en format-IRI som katalog inte kan göra till en mediatyp: utelämnad")
		}
	}
	return ""
}
