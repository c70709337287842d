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

// evaluator folds streamed datasets into per-agency aggregates.
type evaluator struct {
	in  *Inputs
	ind *[numIndicators]indicator

	datasets      int
	distributions int
	mqa           [numIndicators]tally
	mqaSum        int

	documents, files, open, api, apiDescribed witness
	// apiUnverified is the first endpointDescription that is not a
	// verified OpenAPI description (#16, apidesc.go).
	apiUnverified witness

	openLicence, publicAccess tally
	hvd                       [numHVD]tally

	results []DatasetResult
}

func newEvaluator(in *Inputs) *evaluator {
	return &evaluator{in: in, ind: indicators()}
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
func (e *evaluator) compliance(d *catalog.Dataset, iri string) (bool, string) {
	v := e.in.Validation
	if v == nil {
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

// add folds one dataset into the aggregates.
func (e *evaluator) add(d *catalog.Dataset) {
	iri := e.datasetIRI(d)
	ds := subject{dataset: iri}
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

	best := 0
	hvdLicences := len(d.Distributions) > 0
	hvdLicenceValue := ""
	bulk := false
	for i := range d.Distributions {
		dist := &d.Distributions[i]
		p, dch := e.distribution(iri, dist)
		best = max(best, p)
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
		subj := subject{dataset: iri, part: s.ID, service: true}
		ch.API = true
		e.api.see(subj, "dcat:endpointURL", s.EndpointURL)
		if s.EndpointDescription != "" && e.verifiedAPI(subj, s.EndpointDescription) {
			described = true
			e.apiDescribed.see(subj, "dcat:endpointDescription", s.EndpointDescription)
		}
		e.openLicence.add(openLicence(s.License), subj, s.License)
		if s.License != "" && !hvdLicence(s.License) && hvdLicences {
			hvdLicences, hvdLicenceValue = false, s.License
		}
	}
	if d.LandingPage != "" {
		ch.Documents = true
		e.documents.see(ds, "dcat:landingPage", d.LandingPage)
	}
	e.publicAccess.add(d.AccessRights == accessRightPublic, ds, d.AccessRights)

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
	e.results = append(e.results, DatasetResult{ID: d.ID, IRI: iri, Channels: ch, MQA: score})
}

// distribution scores one distribution's MQA indicators and finds its
// channels.
func (e *evaluator) distribution(datasetIRI string, dist *catalog.Distribution) (int, Channels) {
	e.distributions++
	diri := subject{dataset: datasetIRI, part: dist.ID}
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
	check(iLicence, dist.License != "", "")
	_, known := canonicalLicence(dist.License)
	check(iKnownLicence, known, dist.License)
	check(iRights, strings.TrimSpace(dist.Rights) != "", dist.Rights)
	check(iByteSize, dist.ByteSize > 0, "")

	e.openLicence.add(openLicence(dist.License), diri, dist.License)

	var ch Channels
	isAPI := dist.AccessService != ""
	file := !isAPI || dist.DownloadURL != ""
	if f.document() {
		ch.Documents = true
		e.documents.see(diri, "dct:format", dist.Format)
	}
	if file && f.structured() {
		ch.Files = true
		e.files.see(diri, "dct:format", dist.Format)
	}
	if file && f.open() {
		ch.OpenMachineReadable = true
		e.open.see(diri, "dct:format", dist.Format)
	}
	if isAPI {
		ch.API = true
		e.api.see(diri, "dcat:accessService", dist.AccessService)
	}
	return points, ch
}
