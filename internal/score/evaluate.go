package score

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/katalog-se/katalog/catalog"
)

// accessRightPublic is the EU access right of public data.
const accessRightPublic = "http://publications.europa.eu/resource/authority/access-right/PUBLIC"

// Indices of the HVD checks.
const (
	hvdTagged = iota
	hvdService
	hvdBulk
	hvdLicensed
	hvdContact
	hvdServiceDocs
	numHVD
)

// evaluator folds streamed datasets into per-agency aggregates. The
// hosted datasets come first, then the own catalog's; src is the source
// being streamed.
type evaluator struct {
	in  *Inputs
	ind *[numIndicators]indicator

	src    int
	counts [numSources]sourceCounts
	// iris and ids map the hosted datasets' IRIs and identifiers to their
	// results while the own catalog is to be read too, so that a dataset
	// both list counts once (nil otherwise).
	iris, ids map[string]int

	datasets      int
	distributions int
	mqa           [numIndicators]tally
	mqaSum        int
	stars         [6]int

	// The channels' witnesses, per source, among PUBLIC datasets.
	documents, files, open, api, apiDescribed [numSources]witness
	// apiUnverified is, per source, the first endpointDescription of a
	// PUBLIC dataset that is not a verified OpenAPI description (#16,
	// apidesc.go).
	apiUnverified [numSources]witness

	openLicence, publicAccess tally
	hvd                       [numHVD]tally

	// The formats that failed a format test, for advice that names them:
	// closedFiles are PUBLIC files not in an open machine-readable format,
	// unstructured PUBLIC distributions not holding data (documents),
	// notMR and notNP every distribution off the MQA machine-readable and
	// non-proprietary lists.
	closedFiles, unstructured, notMR, notNP formatSet

	results []DatasetResult
}

func newEvaluator(in *Inputs) *evaluator {
	e := &evaluator{in: in, ind: indicators()}
	if in.Own != nil && in.Own.Found && in.Own.Datasets != nil {
		e.iris, e.ids = map[string]int{}, map[string]int{}
	}
	return e
}

// datasetIRI names a dataset in evidence: its own IRI, else the IRI
// katalog mints for it.
func (e *evaluator) datasetIRI(d *catalog.Dataset) string {
	if d.IRI != "" {
		return d.IRI
	}
	if e.in.BaseURL != "" {
		return strings.TrimSuffix(e.in.BaseURL, "/") + "/datasets/" + url.PathEscape(d.ID)
	}
	return "urn:uuid:" + d.ID
}

// link looks a URL up in the latest link check.
func (e *evaluator) link(u string) (ok bool, value string) {
	if u == "" {
		return false, ""
	}
	c := e.in.Check
	if c == nil || c.Link == nil {
		return false, notChecked
	}
	ok, checked := c.Link(u)
	switch {
	case !checked:
		return false, notChecked
	case !ok:
		return false, "broken " + u
	}
	return true, u
}

// compliance reports whether the dataset passed DCAT-AP-SE validation.
// Validation covers the hosted feed: a dataset of the own catalog is not
// yet checked (the indicator carries no points in dataportal.se's MQA).
func (e *evaluator) compliance(d *catalog.Dataset, iri string) (bool, string) {
	v := e.in.Validation
	if v == nil || e.src != srcKatalog {
		return false, notChecked
	}
	n := v.Errors
	if v.DatasetErrors != nil {
		n = v.DatasetErrors[iri]
		if d.ID != iri {
			n += v.DatasetErrors[d.ID]
		}
	}
	if n > 0 {
		return false, strconv.Itoa(n) + " validation errors"
	}
	return true, ""
}

func hasKeyword(k catalog.LangStrings) bool {
	for _, ws := range k {
		for _, w := range ws {
			if strings.TrimSpace(w) != "" {
				return true
			}
		}
	}
	return false
}

func hasContact(c *catalog.ContactPoint) bool {
	return c != nil && (c.Email != "" || c.URL != "")
}

// duplicate reports whether d, read from the own catalog, is one the
// hosted datasets hold (same IRI or identifier), and marks that one.
func (e *evaluator) duplicate(d *catalog.Dataset, iri string) bool {
	if e.src != srcOwn || e.iris == nil {
		return false
	}
	i, ok := e.iris[iri]
	if !ok && d.ID != "" {
		i, ok = e.ids[d.ID]
	}
	if ok {
		e.results[i].AlsoInOwnCatalog = true
		e.counts[srcOwn].duplicates++
	}
	return ok
}

// add folds one dataset of the current source into the aggregates.
func (e *evaluator) add(d *catalog.Dataset) {
	iri := e.datasetIRI(d)
	if e.duplicate(d, iri) {
		return
	}
	if e.iris != nil && e.src == srcKatalog {
		e.iris[iri] = len(e.results)
		if d.ID != "" {
			e.ids[d.ID] = len(e.results)
		}
	}
	public := d.AccessRights == accessRightPublic
	c := &e.counts[e.src]
	c.datasets++
	if public {
		c.public++
	}
	if e.src == srcKatalog && d.UpdatedAt.After(c.latest) {
		c.latest = d.UpdatedAt
	}
	ds := subject{dataset: iri, own: e.src == srcOwn}
	e.datasets++
	var ch Channels
	points := 0
	check := func(i int, ok bool, value string) {
		e.mqa[i].add(ok, ds, value)
		if ok {
			points += e.ind[i].weight
		}
	}
	check(iKeyword, hasKeyword(d.Keywords), "")
	check(iTheme, len(d.Themes) > 0, "")
	check(iSpatial, len(d.Spatial) > 0, "")
	check(iTemporal, d.Temporal != nil && (d.Temporal.Start != "" || d.Temporal.End != ""), "")
	ok, v := e.compliance(d, iri)
	check(iCompliance, ok, v)
	check(iAccessRights, d.AccessRights != "", "")
	_, known := catalog.AccessRights.Lookup(d.AccessRights)
	check(iAccessRightsVocabulary, d.AccessRights != "" && known, d.AccessRights)
	check(iContactPoint, hasContact(d.ContactPoint), "")
	check(iPublisher, e.in.Agency.OrgNumber != "", "")
	check(iIssued, d.Issued != "", "")
	check(iModified, d.Modified != "", "")

	best, stars := 0, 0
	hvdLicences := len(d.Distributions) > 0
	hvdLicenceValue := ""
	bulk := false
	for i := range d.Distributions {
		dist := &d.Distributions[i]
		p, st, dch := e.distribution(iri, dist, public)
		best, stars = max(best, p), max(stars, st)
		ch.Documents = ch.Documents || dch.Documents
		ch.Files = ch.Files || dch.Files
		ch.OpenMachineReadable = ch.OpenMachineReadable || dch.OpenMachineReadable
		ch.API = ch.API || dch.API
		bulk = bulk || dist.DownloadURL != ""
		if !hvdLicence(dist.License) && hvdLicences {
			hvdLicences, hvdLicenceValue = false, dist.License
		}
	}
	described := false
	for i := range d.DataServices {
		s := &d.DataServices[i]
		subj := subject{dataset: iri, part: s.ID, service: true, own: e.src == srcOwn}
		ch.API = true
		if public {
			e.api[e.src].see(subj, "dcat:endpointURL", s.EndpointURL)
		}
		if s.EndpointDescription != "" && e.verifiedAPI(subj, s.EndpointDescription, public) {
			described = true
			if public {
				e.apiDescribed[e.src].see(subj, "dcat:endpointDescription", s.EndpointDescription)
			}
		}
		e.openLicence.add(openLicence(s.License), subj, s.License)
		if s.License != "" && !hvdLicence(s.License) && hvdLicences {
			hvdLicences, hvdLicenceValue = false, s.License
		}
	}
	if d.LandingPage != "" {
		ch.Documents = true
		if public {
			e.documents[e.src].see(ds, "dcat:landingPage", d.LandingPage)
		}
	}
	e.publicAccess.add(public, ds, d.AccessRights)

	if d.HVDCategory != "" {
		_, known := catalog.HVDCategories.Lookup(d.HVDCategory)
		e.hvd[hvdTagged].add(known, ds, d.HVDCategory)
		e.hvd[hvdService].add(ch.API, ds, "")
		e.hvd[hvdBulk].add(bulk, ds, "")
		e.hvd[hvdLicensed].add(hvdLicences, ds, hvdLicenceValue)
		e.hvd[hvdContact].add(hasContact(d.ContactPoint), ds, "")
		e.hvd[hvdServiceDocs].add(described, ds, "")
	}

	score := points + best
	e.mqaSum += score
	e.results = append(e.results, DatasetResult{ID: d.ID, IRI: iri, Source: sourceIDs[e.src], Public: public,
		Channels: ch, MQA: score, Stars: stars})
}

// distribution scores one distribution's MQA indicators and stars and
// finds its channels; those of a PUBLIC dataset are the agency's.
func (e *evaluator) distribution(datasetIRI string, dist *catalog.Distribution, public bool) (int, int, Channels) {
	e.distributions++
	diri := subject{dataset: datasetIRI, part: dist.ID, own: e.src == srcOwn}
	points := 0
	check := func(i int, ok bool, value string) {
		e.mqa[i].add(ok, diri, value)
		if ok {
			points += e.ind[i].weight
		}
	}
	access := dist.AccessURL
	if access == "" {
		access = dist.DownloadURL
	}
	ok, v := e.link(access)
	check(iAccessURLStatus, ok, v)
	check(iDownloadURL, dist.DownloadURL != "", "")
	if dist.DownloadURL == "" {
		check(iDownloadURLStatus, false, "")
	} else {
		ok, v = e.link(dist.DownloadURL)
		check(iDownloadURLStatus, ok, v)
	}
	f := classifyFormat(dist.Format)
	check(iFormat, strings.TrimSpace(dist.Format) != "", "")
	check(iMediaType, f.mediaType, dist.Format)
	check(iVocabulary, f.vocabulary, dist.Format)
	check(iNonProprietary, f.nonProprietary(), dist.Format)
	check(iMachineReadable, f.machineReadable(), dist.Format)
	if !f.nonProprietary() {
		e.notNP.add(f.code)
	}
	if !f.machineReadable() {
		e.notMR.add(f.code)
	}
	check(iLicence, dist.License != "", "")
	_, known := canonicalLicence(dist.License)
	check(iKnownLicence, known, dist.License)
	check(iRights, strings.TrimSpace(dist.Rights) != "", dist.Rights)
	check(iByteSize, dist.ByteSize > 0, "")

	open := openLicence(dist.License)
	e.openLicence.add(open, diri, dist.License)
	st := distributionStars(dist, f, open)
	e.stars[st]++

	var ch Channels
	isAPI := dist.AccessService != ""
	file := !isAPI || dist.DownloadURL != ""
	src := e.src
	if f.document() {
		ch.Documents = true
		if public {
			e.documents[src].see(diri, "dct:format", dist.Format)
		}
	}
	if file && f.structured() {
		ch.Files = true
		if public {
			e.files[src].see(diri, "dct:format", dist.Format)
		}
	}
	if file && f.open() {
		ch.OpenMachineReadable = true
		if public {
			e.open[src].see(diri, "dct:format", dist.Format)
		}
	} else if file && public {
		e.closedFiles.add(f.code)
	}
	if public && !f.structured() {
		e.unstructured.add(f.code)
	}
	if isAPI {
		ch.API = true
		if public {
			e.api[src].see(diri, "dcat:accessService", dist.AccessService)
		}
	}
	return points, st, ch
}

// distributionStars rates a distribution on the 5-star model as
// dataportal.se does, cumulatively: 1 on the web with a format and an
// open licence (openLicensed), 2 in a machine-readable format, 3 in a non-proprietary
// one, 4 as RDF; the fifth (links to other data) cannot be assessed from
// metadata.
func distributionStars(dist *catalog.Distribution, f formatInfo, openLicensed bool) int {
	onWeb := dist.AccessURL != "" || dist.DownloadURL != ""
	switch {
	case !onWeb || strings.TrimSpace(dist.Format) == "" || !openLicensed:
		return 0
	case !f.machineReadable():
		return 1
	case !f.nonProprietary():
		return 2
	case !f.linkedData():
		return 3
	}
	return 4
}
