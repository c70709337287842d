// Package storetest is the test suite every catalog.Store implementation
// passes. A backend's tests call Run with a function that opens a new, empty
// store:
//
//	func TestStore(t *testing.T) {
//		storetest.Run(t, func(t *testing.T) catalog.Store {
//			s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "k.db"))
//			if err != nil {
//				t.Fatal(err)
//			}
//			t.Cleanup(func() { s.Close() })
//			return s
//		})
//	}
//
// Besides the interface's documentation, the suite pins down what callers
// rely on and both backends must agree on:
//
//   - Writes set CreatedAt and UpdatedAt (UTC) on the value they are given,
//     and reads return exactly those times; ReplaceDataset keeps CreatedAt,
//     UpdateAgency keeps CreatedAt and the token.
//   - Dataset IDs are unique in the whole catalog: creating an ID another
//     agency has is ErrConflict, while reading, replacing or deleting it
//     under the wrong agency is ErrNotFound.
//   - Token hashes are unique: CreateAgency with another agency's hash is
//     ErrConflict. An agency without a token (from a register load) has no
//     hash: AgencyTokenHash is ErrNotFound, and an empty hash finds nobody.
//   - Stores refuse organisation numbers that catalog.ParseOrgNumber does
//     not return unchanged.
//   - Listing, counting or walking the datasets of an unknown agency gives
//     none, not an error. A Page Limit below 1 lists everything. Listing
//     with org "" pages through all agencies' datasets, ordered by agency
//     then ID, and counts them all.
//   - Every successful write raises the global revision, and sets the
//     revision of the agency it touched to the global one; reads and
//     rejected writes change no revision. UpsertAgencies that changes
//     nothing writes nothing.
//   - UpsertAgencies replaces register facts (name, publisher type, short
//     name, department, size class, staff, group, the active flag; homepage
//     and email only when given) and keeps token, harvest URL and check
//     schedule; updated counts the agencies that changed. One bad agency
//     fails the whole call.
//   - CreateAgency registers an active agency; UpdateAgency keeps the
//     stored active flag (only a register load changes it).
//   - EachDataset's reused Dataset carries nothing over from the previous
//     one and shares no map or slice with it, so a shallow copy keeps it;
//     an error from fn or the end of the context stops the walk.
package storetest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/katalog-se/katalog/catalog"
)

// Real organisation numbers.
const (
	// OrgDigg is Myndigheten för digital förvaltning.
	OrgDigg catalog.OrgNumber = "2021006883"
	// OrgSCB is Statistiska centralbyrån.
	OrgSCB catalog.OrgNumber = "2021000837"
	// OrgLM is Lantmäteriet.
	OrgLM catalog.OrgNumber = "2021005489"
)

// Org returns the organisation number whose first nine digits are nine,
// with the Luhn check digit appended. It panics unless nine is nine digits.
func Org(nine string) catalog.OrgNumber {
	if len(nine) != 9 {
		panic("storetest.Org: want nine digits, got " + nine)
	}
	sum := 0
	for i := 0; i < 9; i++ {
		c := nine[i]
		if c < '0' || c > '9' {
			panic("storetest.Org: want nine digits, got " + nine)
		}
		d := int(c - '0')
		if i%2 == 0 { // doubled: the check digit will be tenth, undoubled
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return catalog.OrgNumber(fmt.Sprintf("%s%d", nine, (10-sum%10)%10))
}

// testOrg returns the i-th made-up organisation number (0 ≤ i < 1000).
func testOrg(i int) catalog.OrgNumber { return Org(fmt.Sprintf("202199%03d", i)) }

// datasetID returns the i-th dataset ID, a UUID; IDs sort as i does.
func datasetID(i int) string { return fmt.Sprintf("00000000-0000-4000-8000-%012d", i) }

// NewAgency returns an agency with every field but the timestamps set.
func NewAgency(org catalog.OrgNumber) *catalog.Agency {
	return &catalog.Agency{
		OrgNumber:     org,
		Name:          catalog.LangString{"sv": "Myndighet " + string(org), "en": "Agency " + string(org)},
		PublisherType: "http://purl.org/adms/publishertype/NationalAuthority",
		Homepage:      "https://www.example.se/" + string(org),
		Email:         "registrator@example.se",
		HarvestURL:    "https://www.example.se/" + string(org) + "/dcat.rdf",
		CheckSchedule: "0 3 * * *",
		ShortName:     "M" + string(org),
		Department:    "Finansdepartementet",
		SizeClass:     "medium",
		Staff:         321,
		Group:         "förvaltningsmyndighet",
		Active:        true,
	}
}

// NewDataset returns a dataset of org with every field but the timestamps
// set, variant i making its values differ from other variants'.
func NewDataset(org catalog.OrgNumber, id string, i int) *catalog.Dataset {
	n := fmt.Sprint(i)
	return &catalog.Dataset{
		ID:                 id,
		Agency:             org,
		IRI:                "https://data.example.se/dataset/" + n,
		Title:              catalog.LangString{"sv": "Datamängd " + n, "en": "Dataset " + n},
		Description:        catalog.LangString{"sv": "En beskrivning med å, ä och ö <&> " + n, "en": "A description " + n},
		Keywords:           catalog.LangStrings{"sv": {"vatten", "miljö" + n}, "en": {"water"}},
		Themes:             []string{"http://publications.europa.eu/resource/authority/data-theme/ENVI"},
		AccessRights:       "http://publications.europa.eu/resource/authority/access-right/PUBLIC",
		AccrualPeriodicity: "http://publications.europa.eu/resource/authority/frequency/ANNUAL",
		Issued:             "2024-01-0" + fmt.Sprint(1+i%9),
		Modified:           "2025-06-30T12:00:00Z",
		LandingPage:        "https://www.example.se/data/" + n,
		Languages:          []string{"http://publications.europa.eu/resource/authority/language/SWE"},
		ConformsTo:         []string{"https://www.example.se/spec/" + n},
		Spatial:            []string{"http://publications.europa.eu/resource/authority/country/SWE"},
		Temporal:           &catalog.Period{Start: "2020-01-01", End: "2024-12-31"},
		ContactPoint:       &catalog.ContactPoint{Name: "Dataenheten", Email: "data@example.se", URL: "https://www.example.se/kontakt", Phone: "+46 8 123 45 " + n},
		HVDCategory:        "http://data.europa.eu/bna/c_4ba9548e",
		Distributions: []catalog.Distribution{{
			ID:            "csv",
			Title:         catalog.LangString{"sv": "CSV-fil"},
			Description:   catalog.LangString{"sv": "Hela mängden", "en": "Everything"},
			AccessURL:     "https://www.example.se/data/" + n,
			DownloadURL:   "https://www.example.se/data/" + n + ".csv",
			Format:        "text/csv",
			License:       "http://creativecommons.org/publicdomain/zero/1.0/",
			ByteSize:      int64(1000 + i),
			Availability:  "http://publications.europa.eu/resource/authority/planned-availability/STABLE",
			Status:        "http://publications.europa.eu/resource/authority/distribution-status/COMPLETED",
			Languages:     []string{"http://publications.europa.eu/resource/authority/language/SWE"},
			ConformsTo:    []string{"https://www.rfc-editor.org/rfc/rfc4180"},
			Issued:        "2024-01-01",
			Modified:      "2025-06-30",
			Rights:        "https://www.example.se/villkor",
			AccessService: "api",
		}, {
			ID:        "json",
			AccessURL: "https://www.example.se/data/" + n + ".json",
			Format:    "application/json",
		}},
		DataServices: []catalog.DataService{{
			ID:                  "api",
			Title:               catalog.LangString{"sv": "API"},
			Description:         catalog.LangString{"en": "The API"},
			EndpointURL:         "https://api.example.se/" + n,
			EndpointDescription: "https://api.example.se/openapi.json",
			Format:              "application/json",
			License:             "http://creativecommons.org/publicdomain/zero/1.0/",
			AccessRights:        "http://publications.europa.eu/resource/authority/access-right/PUBLIC",
			Type:                "http://www.wikidata.org/entity/Q749568",
			Keywords:            catalog.LangStrings{"sv": {"api", "tjänst" + n}},
			Page:                "https://api.example.se/villkor",
		}},
	}
}

// minimalDataset returns a dataset with only ID, agency and title.
func minimalDataset(org catalog.OrgNumber, id string) *catalog.Dataset {
	return &catalog.Dataset{ID: id, Agency: org, Title: catalog.LangString{"sv": "Liten " + id}}
}

// Run runs the suite. newStore returns a new, empty store for the (sub)test
// t and arranges with t.Cleanup for it to be closed.
func Run(t *testing.T, newStore func(t *testing.T) catalog.Store) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s catalog.Store)
	}{
		{"FixturesFillEveryField", testFixtures},
		{"AgencyCreateAndGet", testAgencyCreateAndGet},
		{"AgencyCreateConflict", testAgencyCreateConflict},
		{"AgencyNotFound", testAgencyNotFound},
		{"AgencyTokens", testAgencyTokens},
		{"AgencyUpdate", testAgencyUpdate},
		{"AgencyList", testAgencyList},
		{"UpsertAgencies", testUpsertAgencies},
		{"UpsertAgenciesAllOrNothing", testUpsertAllOrNothing},
		{"DatasetCreateAndGet", testDatasetCreateAndGet},
		{"DatasetConflictAndNotFound", testDatasetConflictAndNotFound},
		{"DatasetReplace", testDatasetReplace},
		{"DatasetDelete", testDatasetDelete},
		{"DatasetList", testDatasetList},
		{"DatasetListAllAgencies", testDatasetListAll},
		{"Revision", testRevision},
		{"RevisionPerAgency", testRevisionPerAgency},
		{"EachDataset", testEachDataset},
		{"SyncDatasets", testSyncDatasets},
		{"SyncDatasetsAllOrNothing", testSyncAllOrNothing},
		{"SyncDatasetStream", testSyncStream},
		{"PublishedRoundTrip", testPublishedRoundTrip},
		{"ImportState", testImportState},
		{"EachDatasetStops", testEachDatasetStops},
		{"RejectedWritesChangeNothing", testRejectedWrites},
		{"ConcurrentWrites", testConcurrentWrites},
		{"Ping", testPing},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.fn(t, newStore(t))
		})
	}
}

// Opened returns s, which opening gave with err, for a backend's tests: it
// fails t if err is not nil, and closes s when t ends.
func Opened[S io.Closer](t testing.TB, s S, err error) S {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// ctx is the context of a test's store calls.
func ctx(t *testing.T) context.Context { return t.Context() }

// must fails t on err.
func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// wantErr fails t unless err wraps target.
func wantErr(t *testing.T, what string, err, target error) {
	t.Helper()
	if !errors.Is(err, target) {
		t.Errorf("%s: error %v, want %v", what, err, target)
	}
}

// createAgency creates NewAgency(org) with a token hash derived from org.
func createAgency(t *testing.T, s catalog.Store, org catalog.OrgNumber) *catalog.Agency {
	t.Helper()
	a := NewAgency(org)
	must(t, s.CreateAgency(ctx(t), a, tokenHash(org)))
	return a
}

// tokenHash is a made-up 32-byte token hash for org.
func tokenHash(org catalog.OrgNumber) []byte {
	return bytes.Repeat([]byte("h"+string(org)), 3)[:32]
}

// createDataset creates NewDataset(org, id, i).
func createDataset(t *testing.T, s catalog.Store, org catalog.OrgNumber, id string, i int) *catalog.Dataset {
	t.Helper()
	d := NewDataset(org, id, i)
	must(t, s.CreateDataset(ctx(t), d))
	return d
}

// checkStamped fails t unless created and updated are set, in UTC, and
// updated is not before created.
func checkStamped(t *testing.T, what string, created, updated time.Time) {
	t.Helper()
	if created.IsZero() || updated.IsZero() {
		t.Errorf("%s: timestamps not set: created %v, updated %v", what, created, updated)
	}
	if created.Location() != time.UTC || updated.Location() != time.UTC {
		t.Errorf("%s: timestamps not in UTC: created %v, updated %v", what, created, updated)
	}
	if updated.Before(created) {
		t.Errorf("%s: updated %v before created %v", what, updated, created)
	}
}

// sameAgency fails t unless got and want agree on every field, times included.
func sameAgency(t *testing.T, what string, got, want *catalog.Agency) {
	t.Helper()
	if !got.CreatedAt.Equal(want.CreatedAt) || !got.UpdatedAt.Equal(want.UpdatedAt) {
		t.Errorf("%s: times %v, %v; want %v, %v", what, got.CreatedAt, got.UpdatedAt, want.CreatedAt, want.UpdatedAt)
	}
	g, w := *got, *want
	g.CreatedAt, g.UpdatedAt, w.CreatedAt, w.UpdatedAt = time.Time{}, time.Time{}, time.Time{}, time.Time{}
	if !reflect.DeepEqual(g, w) {
		t.Errorf("%s:\n got %s\nwant %s", what, jsonOf(g), jsonOf(w))
	}
}

// sameDataset fails t unless got and want agree on every field, times included.
func sameDataset(t *testing.T, what string, got, want *catalog.Dataset) {
	t.Helper()
	if !got.CreatedAt.Equal(want.CreatedAt) || !got.UpdatedAt.Equal(want.UpdatedAt) {
		t.Errorf("%s: times %v, %v; want %v, %v", what, got.CreatedAt, got.UpdatedAt, want.CreatedAt, want.UpdatedAt)
	}
	sameContent(t, what, got, want)
}

// sameContent fails t unless got and want agree on every field but times.
func sameContent(t *testing.T, what string, got, want *catalog.Dataset) {
	t.Helper()
	g, w := *got, *want
	g.CreatedAt, g.UpdatedAt, w.CreatedAt, w.UpdatedAt = time.Time{}, time.Time{}, time.Time{}, time.Time{}
	if !reflect.DeepEqual(g, w) {
		t.Errorf("%s:\n got %s\nwant %s", what, jsonOf(g), jsonOf(w))
	}
}

func jsonOf(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprintf("%#v", v)
	}
	return string(b)
}

// testFixtures makes sure the fixtures set every field, so that round trips
// cover a field added to the domain later.
func testFixtures(t *testing.T, _ catalog.Store) {
	d := NewDataset(OrgDigg, datasetID(1), 1)
	nonZero(t, "Dataset", reflect.ValueOf(*d), "CreatedAt", "UpdatedAt", "Published")
	nonZero(t, "imported Dataset", reflect.ValueOf(*Imported(OrgDigg, datasetID(1), 1)), "CreatedAt", "UpdatedAt")
	nonZero(t, "ContactPoint", reflect.ValueOf(*d.ContactPoint))
	nonZero(t, "Distribution", reflect.ValueOf(d.Distributions[0]))
	nonZero(t, "DataService", reflect.ValueOf(d.DataServices[0]))
	nonZero(t, "Agency", reflect.ValueOf(*NewAgency(OrgDigg)), "CreatedAt", "UpdatedAt")
	for _, o := range []catalog.OrgNumber{OrgDigg, OrgSCB, OrgLM, testOrg(0), testOrg(999)} {
		if got, err := catalog.ParseOrgNumber(string(o)); err != nil || got != o {
			t.Errorf("fixture org number %s: %v", o, err)
		}
	}
}

// nonZero fails t for every zero field of the struct v but those skipped.
func nonZero(t *testing.T, what string, v reflect.Value, skip ...string) {
	t.Helper()
	for i := 0; i < v.NumField(); i++ {
		name := v.Type().Field(i).Name
		if v.Field(i).IsZero() && !slices.Contains(skip, name) {
			t.Errorf("fixture %s leaves %s empty: set it so round trips test it", what, name)
		}
	}
}

func testAgencyCreateAndGet(t *testing.T, s catalog.Store) {
	a := createAgency(t, s, OrgDigg)
	checkStamped(t, "CreateAgency", a.CreatedAt, a.UpdatedAt)
	got, err := s.Agency(ctx(t), OrgDigg)
	must(t, err)
	sameAgency(t, "Agency", got, a)

	// An agency with only the required fields round-trips too.
	b := &catalog.Agency{OrgNumber: OrgSCB, Name: catalog.LangString{"sv": "SCB"}}
	must(t, s.CreateAgency(ctx(t), b, nil))
	got, err = s.Agency(ctx(t), OrgSCB)
	must(t, err)
	sameAgency(t, "minimal Agency", got, b)
}

func testAgencyCreateConflict(t *testing.T, s catalog.Store) {
	createAgency(t, s, OrgDigg)
	wantErr(t, "same org number", s.CreateAgency(ctx(t), NewAgency(OrgDigg), tokenHash(OrgSCB)), catalog.ErrConflict)
	wantErr(t, "same token hash", s.CreateAgency(ctx(t), NewAgency(OrgSCB), tokenHash(OrgDigg)), catalog.ErrConflict)
	for _, bad := range []catalog.OrgNumber{"", "2021006884", "202100-6883", "abc"} {
		err := s.CreateAgency(ctx(t), NewAgency(bad), nil)
		if err == nil || errors.Is(err, catalog.ErrConflict) || errors.Is(err, catalog.ErrNotFound) {
			t.Errorf("CreateAgency(%q): error %v, want a validation error", bad, err)
		}
	}
	_, n, err := s.Agencies(ctx(t), catalog.Page{Number: 1, Limit: 10})
	must(t, err)
	if n != 1 {
		t.Errorf("%d agencies after conflicts, want 1", n)
	}
}

func testAgencyNotFound(t *testing.T, s catalog.Store) {
	createAgency(t, s, OrgDigg)
	_, err := s.Agency(ctx(t), OrgSCB)
	wantErr(t, "Agency", err, catalog.ErrNotFound)
	_, err = s.Revision(ctx(t), OrgSCB)
	wantErr(t, "Revision", err, catalog.ErrNotFound)
	wantErr(t, "UpdateAgency", s.UpdateAgency(ctx(t), NewAgency(OrgSCB)), catalog.ErrNotFound)
}

func testAgencyTokens(t *testing.T, s catalog.Store) {
	createAgency(t, s, OrgDigg)
	createAgency(t, s, OrgSCB)
	must(t, s.CreateAgency(ctx(t), NewAgency(OrgLM), nil)) // no token

	for _, org := range []catalog.OrgNumber{OrgDigg, OrgSCB} {
		keepsToken(t, s, "CreateAgency", org)
	}
	if list, err := s.Tokens(ctx(t), OrgLM); err != nil || len(list) != 0 {
		t.Errorf("tokens of an agency made without one: %v %v", list, err)
	}
	_, err := s.TokenByHash(ctx(t), tokenHash(OrgLM), time.Now())
	wantErr(t, "TokenByHash of an unknown hash", err, catalog.ErrNotFound)
	_, err = s.TokenByHash(ctx(t), nil, time.Now())
	wantErr(t, "TokenByHash(nil)", err, catalog.ErrNotFound)
	err = s.CreateAgency(ctx(t), NewAgency(Org("202100000")), tokenHash(OrgDigg))
	wantErr(t, "CreateAgency with another agency's token hash", err, catalog.ErrConflict)
}

// keepsToken checks that org's token (tokenHash(org)), the one it was
// created with, still opens org's writes after what.
func keepsToken(t *testing.T, s catalog.Store, what string, org catalog.OrgNumber) {
	t.Helper()
	tok, err := s.TokenByHash(ctx(t), tokenHash(org), time.Now())
	if err != nil || tok.Agency != org || tok.Name != "initial" {
		t.Errorf("after %s, %s's token: %+v %v", what, org, tok, err)
	}
}

func testAgencyUpdate(t *testing.T, s catalog.Store) {
	a := createAgency(t, s, OrgDigg)
	b := &catalog.Agency{
		OrgNumber:     OrgDigg,
		Name:          catalog.LangString{"sv": "Digg", "en": "Agency for Digital Government", "fi": "Digg"},
		PublisherType: "http://purl.org/adms/publishertype/Company",
		HarvestURL:    "https://www.digg.se/dcat.rdf",
		Staff:         200,
	}
	must(t, s.UpdateAgency(ctx(t), b))
	if !b.CreatedAt.Equal(a.CreatedAt) {
		t.Errorf("UpdateAgency set CreatedAt %v, want the creation time %v", b.CreatedAt, a.CreatedAt)
	}
	checkStamped(t, "UpdateAgency", b.CreatedAt, b.UpdatedAt)
	got, err := s.Agency(ctx(t), OrgDigg)
	must(t, err)
	sameAgency(t, "Agency after update", got, b)
	keepsToken(t, s, "UpdateAgency", OrgDigg)
}

func testAgencyList(t *testing.T, s catalog.Store) {
	orgs := make([]catalog.OrgNumber, 7)
	for i := range orgs {
		orgs[i] = testOrg(i * 37)
	}
	for _, i := range rand.Perm(len(orgs)) {
		createAgency(t, s, orgs[i])
	}
	slices.Sort(orgs)
	var listed []catalog.OrgNumber
	for page, size := range []int{3, 3, 1, 0} {
		items, total, err := s.Agencies(ctx(t), catalog.Page{Number: page + 1, Limit: 3})
		must(t, err)
		if total != len(orgs) || len(items) != size {
			t.Errorf("page %d: %d items of %d, want %d of %d", page+1, len(items), total, size, len(orgs))
		}
		for _, a := range items {
			listed = append(listed, a.OrgNumber)
			checkStamped(t, "listed agency", a.CreatedAt, a.UpdatedAt)
		}
	}
	if !slices.Equal(listed, orgs) {
		t.Errorf("paged through %v, want %v", listed, orgs)
	}
	all, total, err := s.Agencies(ctx(t), catalog.Page{})
	must(t, err)
	if total != len(orgs) || len(all) != len(orgs) {
		t.Errorf("Page{} lists %d of %d agencies, want all %d", len(all), total, len(orgs))
	}
	one, err := s.Agency(ctx(t), orgs[3])
	must(t, err)
	sameAgency(t, "listed agency", &all[3], one)
}

func testUpsertAgencies(t *testing.T, s catalog.Store) {
	old := createAgency(t, s, OrgDigg) // has a token, harvest URL and check schedule
	revBefore := revision(t, s, "")

	fromRegister := func(org catalog.OrgNumber, name string) catalog.Agency {
		return catalog.Agency{
			OrgNumber:     org,
			Name:          catalog.LangString{"sv": name},
			PublisherType: "http://purl.org/adms/publishertype/NationalAuthority",
			ShortName:     "K" + string(org),
			Department:    "Infrastrukturdepartementet",
			SizeClass:     "large",
			Staff:         1000,
			Group:         "myndighet",
			Active:        true,
		}
	}
	in := []catalog.Agency{
		fromRegister(OrgDigg, "Myndigheten för digital förvaltning"),
		fromRegister(OrgSCB, "Statistiska centralbyrån"),
		fromRegister(OrgLM, "Lantmäteriet"),
	}
	in[2].Email = "lantmateriet@example.se"
	in[2].HarvestURL = "https://www.lantmateriet.se/dcat.rdf"
	inCopy := slices.Clone(in)
	created, updated, err := s.UpsertAgencies(ctx(t), in)
	must(t, err)
	if created != 2 || updated != 1 {
		t.Errorf("UpsertAgencies: %d created, %d updated; want 2, 1", created, updated)
	}
	if !reflect.DeepEqual(in, inCopy) {
		t.Error("UpsertAgencies modified its argument")
	}
	rev := revision(t, s, "")
	if rev.Seq <= revBefore.Seq {
		t.Errorf("UpsertAgencies left the revision at %d", rev.Seq)
	}

	// The existing agency has the register's facts and keeps its own settings.
	got, err := s.Agency(ctx(t), OrgDigg)
	must(t, err)
	want := *old
	want.Name, want.ShortName, want.Department = in[0].Name, in[0].ShortName, in[0].Department
	want.SizeClass, want.Staff, want.Group = in[0].SizeClass, in[0].Staff, in[0].Group
	want.UpdatedAt = got.UpdatedAt
	sameAgency(t, "updated agency", got, &want)
	if got.UpdatedAt.Before(old.UpdatedAt) {
		t.Errorf("UpdatedAt went back from %v to %v", old.UpdatedAt, got.UpdatedAt)
	}
	keepsToken(t, s, "UpsertAgencies", OrgDigg)
	if r := revision(t, s, OrgDigg); r.Seq != rev.Seq {
		t.Errorf("updated agency at revision %d, catalog at %d", r.Seq, rev.Seq)
	}

	// New agencies are created whole, without a token.
	for _, a := range in[1:] {
		got, err := s.Agency(ctx(t), a.OrgNumber)
		must(t, err)
		checkStamped(t, "created agency", got.CreatedAt, got.UpdatedAt)
		want := a
		want.CreatedAt, want.UpdatedAt = got.CreatedAt, got.UpdatedAt
		sameAgency(t, "created agency", got, &want)
		if list, err := s.Tokens(ctx(t), a.OrgNumber); err != nil || len(list) != 0 {
			t.Errorf("tokens of an upserted agency: %v %v", list, err)
		}
		if r := revision(t, s, a.OrgNumber); r.Seq != rev.Seq {
			t.Errorf("created agency at revision %d, catalog at %d", r.Seq, rev.Seq)
		}
	}

	// Loading the same register again changes nothing.
	created, updated, err = s.UpsertAgencies(ctx(t), in)
	must(t, err)
	if created != 0 || updated != 0 {
		t.Errorf("same register again: %d created, %d updated; want 0, 0", created, updated)
	}
	if r := revision(t, s, ""); r != rev {
		t.Errorf("same register again moved the revision from %+v to %+v", rev, r)
	}

	// A register without homepage or email keeps the stored ones.
	again := slices.Clone(in)
	again[2].Email = ""
	again[2].Staff = 2000
	created, updated, err = s.UpsertAgencies(ctx(t), again)
	must(t, err)
	if created != 0 || updated != 1 {
		t.Errorf("one change: %d created, %d updated; want 0, 1", created, updated)
	}
	got, err = s.Agency(ctx(t), OrgLM)
	must(t, err)
	if got.Email != "lantmateriet@example.se" || got.Staff != 2000 || got.HarvestURL != in[2].HarvestURL {
		t.Errorf("after a register without email: %+v", got)
	}

	// A register that lists an agency as no longer active makes it
	// inactive, and keeps it; a later register can make it active again.
	gone := slices.Clone(again)
	gone[1].Active = false
	created, updated, err = s.UpsertAgencies(ctx(t), gone)
	must(t, err)
	if created != 0 || updated != 1 {
		t.Errorf("one agency dissolved: %d created, %d updated; want 0, 1", created, updated)
	}
	if got, err = s.Agency(ctx(t), OrgSCB); err != nil || got.Active {
		t.Errorf("dissolved agency: %+v, %v; want kept and inactive", got, err)
	}
	newGone := fromRegister(Org("202199999"), "Upplöst myndighet") // a new agency the register lists as inactive
	newGone.Active = false
	if _, _, err = s.UpsertAgencies(ctx(t), []catalog.Agency{newGone}); err != nil {
		t.Fatal(err)
	}
	if got, err = s.Agency(ctx(t), newGone.OrgNumber); err != nil || got.Active {
		t.Errorf("new inactive agency: %+v, %v", got, err)
	}
	created, updated, err = s.UpsertAgencies(ctx(t), again)
	must(t, err)
	if got, err = s.Agency(ctx(t), OrgSCB); err != nil || !got.Active || created != 0 || updated != 1 {
		t.Errorf("re-activated agency: %+v, %v (%d created, %d updated)", got, err, created, updated)
	}

	// Nothing at all is fine.
	created, updated, err = s.UpsertAgencies(ctx(t), nil)
	must(t, err)
	if created != 0 || updated != 0 {
		t.Errorf("empty register: %d created, %d updated", created, updated)
	}
}

func testUpsertAllOrNothing(t *testing.T, s catalog.Store) {
	createAgency(t, s, OrgDigg)
	before := snapshot(t, s)
	changed := *NewAgency(OrgDigg)
	changed.Name = catalog.LangString{"sv": "Nytt namn"}
	in := []catalog.Agency{changed, *NewAgency(OrgSCB), *NewAgency("2021006884")} // bad check digit
	if _, _, err := s.UpsertAgencies(ctx(t), in); err == nil {
		t.Fatal("UpsertAgencies accepted an invalid organisation number")
	}
	before.check(t, s, "failed UpsertAgencies")
	got, err := s.Agency(ctx(t), OrgDigg)
	must(t, err)
	if got.Name["sv"] == "Nytt namn" {
		t.Error("failed UpsertAgencies changed an agency")
	}
}

func testDatasetCreateAndGet(t *testing.T, s catalog.Store) {
	createAgency(t, s, OrgDigg)
	d := createDataset(t, s, OrgDigg, datasetID(1), 1)
	checkStamped(t, "CreateDataset", d.CreatedAt, d.UpdatedAt)
	if !d.CreatedAt.Equal(d.UpdatedAt) {
		t.Errorf("new dataset: created %v, updated %v", d.CreatedAt, d.UpdatedAt)
	}
	got, err := s.Dataset(ctx(t), OrgDigg, d.ID)
	must(t, err)
	sameDataset(t, "Dataset", got, d)
	got, err = s.DatasetByID(ctx(t), d.ID)
	must(t, err)
	sameDataset(t, "DatasetByID", got, d)

	m := minimalDataset(OrgDigg, datasetID(2))
	must(t, s.CreateDataset(ctx(t), m))
	got, err = s.Dataset(ctx(t), OrgDigg, m.ID)
	must(t, err)
	sameDataset(t, "minimal Dataset", got, m)

	// The store keeps its own copy.
	d.Title["sv"] = "Ändrad utan att sparas"
	d.Distributions[0].Format = "text/plain"
	got, err = s.Dataset(ctx(t), OrgDigg, d.ID)
	must(t, err)
	sameContent(t, "Dataset after the caller changed its value", got, NewDataset(OrgDigg, d.ID, 1))
}

func testDatasetConflictAndNotFound(t *testing.T, s catalog.Store) {
	createAgency(t, s, OrgDigg)
	createAgency(t, s, OrgSCB)
	d := createDataset(t, s, OrgDigg, datasetID(1), 1)

	wantErr(t, "same ID, same agency", s.CreateDataset(ctx(t), NewDataset(OrgDigg, d.ID, 2)), catalog.ErrConflict)
	wantErr(t, "same ID, other agency", s.CreateDataset(ctx(t), NewDataset(OrgSCB, d.ID, 2)), catalog.ErrConflict)
	wantErr(t, "unknown agency", s.CreateDataset(ctx(t), NewDataset(OrgLM, datasetID(2), 2)), catalog.ErrNotFound)

	_, err := s.Dataset(ctx(t), OrgSCB, d.ID)
	wantErr(t, "Dataset under another agency", err, catalog.ErrNotFound)
	_, err = s.Dataset(ctx(t), OrgDigg, datasetID(2))
	wantErr(t, "Dataset unknown", err, catalog.ErrNotFound)
	_, err = s.DatasetByID(ctx(t), datasetID(2))
	wantErr(t, "DatasetByID unknown", err, catalog.ErrNotFound)
	wantErr(t, "ReplaceDataset under another agency", s.ReplaceDataset(ctx(t), NewDataset(OrgSCB, d.ID, 3)), catalog.ErrNotFound)
	wantErr(t, "ReplaceDataset unknown", s.ReplaceDataset(ctx(t), NewDataset(OrgDigg, datasetID(2), 3)), catalog.ErrNotFound)
	wantErr(t, "DeleteDataset under another agency", s.DeleteDataset(ctx(t), OrgSCB, d.ID), catalog.ErrNotFound)
	wantErr(t, "DeleteDataset unknown", s.DeleteDataset(ctx(t), OrgDigg, datasetID(2)), catalog.ErrNotFound)

	// None of that touched the dataset.
	got, err := s.Dataset(ctx(t), OrgDigg, d.ID)
	must(t, err)
	sameDataset(t, "Dataset after rejected writes", got, d)
}

func testDatasetReplace(t *testing.T, s catalog.Store) {
	createAgency(t, s, OrgDigg)
	d := createDataset(t, s, OrgDigg, datasetID(1), 1)

	r := NewDataset(OrgDigg, d.ID, 2)
	r.CreatedAt = time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC) // ignored
	must(t, s.ReplaceDataset(ctx(t), r))
	if !r.CreatedAt.Equal(d.CreatedAt) {
		t.Errorf("ReplaceDataset set CreatedAt %v, want the creation time %v", r.CreatedAt, d.CreatedAt)
	}
	checkStamped(t, "ReplaceDataset", r.CreatedAt, r.UpdatedAt)
	if r.UpdatedAt.Before(d.UpdatedAt) {
		t.Errorf("UpdatedAt went back from %v to %v", d.UpdatedAt, r.UpdatedAt)
	}
	got, err := s.Dataset(ctx(t), OrgDigg, d.ID)
	must(t, err)
	sameDataset(t, "replaced Dataset", got, r)

	// Replacing is whole: fields the new version lacks are gone.
	m := minimalDataset(OrgDigg, d.ID)
	must(t, s.ReplaceDataset(ctx(t), m))
	got, err = s.DatasetByID(ctx(t), d.ID)
	must(t, err)
	sameDataset(t, "Dataset replaced by a minimal one", got, m)
	if n, err := s.CountDatasets(ctx(t), OrgDigg); err != nil || n != 1 {
		t.Errorf("CountDatasets after replace = %d, %v; want 1", n, err)
	}
	if ov, ok := s.(overviewStore); ok {
		createAgency(t, s, OrgSCB)
		createDataset(t, s, OrgSCB, datasetID(7), 7)
		createDataset(t, s, OrgSCB, datasetID(8), 8)
		counts, err := ov.DatasetCounts(ctx(t))
		must(t, err)
		if len(counts) != 2 || counts[OrgDigg] != 1 || counts[OrgSCB] != 2 {
			t.Errorf("DatasetCounts = %v, want Digg 1 and SCB 2", counts)
		}
	}
}

func testDatasetDelete(t *testing.T, s catalog.Store) {
	createAgency(t, s, OrgDigg)
	d := createDataset(t, s, OrgDigg, datasetID(1), 1)
	createDataset(t, s, OrgDigg, datasetID(2), 2)
	must(t, s.DeleteDataset(ctx(t), OrgDigg, d.ID))
	_, err := s.Dataset(ctx(t), OrgDigg, d.ID)
	wantErr(t, "deleted Dataset", err, catalog.ErrNotFound)
	_, err = s.DatasetByID(ctx(t), d.ID)
	wantErr(t, "deleted DatasetByID", err, catalog.ErrNotFound)
	wantErr(t, "deleting again", s.DeleteDataset(ctx(t), OrgDigg, d.ID), catalog.ErrNotFound)
	if n, err := s.CountDatasets(ctx(t), OrgDigg); err != nil || n != 1 {
		t.Errorf("CountDatasets after delete = %d, %v; want 1", n, err)
	}
	// The ID is free again.
	again := createDataset(t, s, OrgDigg, d.ID, 3)
	got, err := s.Dataset(ctx(t), OrgDigg, d.ID)
	must(t, err)
	sameDataset(t, "re-created Dataset", got, again)
}

func testDatasetList(t *testing.T, s catalog.Store) {
	createAgency(t, s, OrgDigg)
	createAgency(t, s, OrgSCB)
	const n = 25
	for _, i := range rand.Perm(n) {
		createDataset(t, s, OrgDigg, datasetID(i), i)
	}
	for i := n; i < n+3; i++ {
		createDataset(t, s, OrgSCB, datasetID(i), i)
	}

	var ids []string
	for page, size := range []int{10, 10, 5, 0} {
		items, total, err := s.Datasets(ctx(t), OrgDigg, catalog.Page{Number: page + 1, Limit: 10})
		must(t, err)
		if total != n || len(items) != size {
			t.Errorf("page %d: %d items of %d, want %d of %d", page+1, len(items), total, size, n)
		}
		for i := range items {
			ids = append(ids, items[i].ID)
			want := NewDataset(OrgDigg, datasetID(len(ids)-1), len(ids)-1)
			sameContent(t, "listed dataset", &items[i], want)
			checkStamped(t, "listed dataset", items[i].CreatedAt, items[i].UpdatedAt)
		}
	}
	for i, id := range ids {
		if id != datasetID(i) {
			t.Fatalf("paged through IDs %v, want %s… in order", ids, datasetID(0))
		}
	}
	if len(ids) != n {
		t.Errorf("paged through %d datasets, want %d", len(ids), n)
	}

	all, total, err := s.Datasets(ctx(t), OrgSCB, catalog.Page{})
	must(t, err)
	if total != 3 || len(all) != 3 {
		t.Errorf("Page{} lists %d of %d datasets, want 3 of 3", len(all), total)
	}
	none, total, err := s.Datasets(ctx(t), OrgLM, catalog.Page{Number: 1, Limit: 10})
	if err != nil || total != 0 || len(none) != 0 {
		t.Errorf("datasets of an unknown agency: %d of %d, %v; want none", len(none), total, err)
	}

	for org, want := range map[catalog.OrgNumber]int{OrgDigg: n, OrgSCB: 3, OrgLM: 0, "": n + 3} {
		got, err := s.CountDatasets(ctx(t), org)
		if err != nil || got != want {
			t.Errorf("CountDatasets(%q) = %d, %v; want %d", org, got, err, want)
		}
	}
}

// testDatasetListAll pages through Datasets(ctx, "", …): every agency's
// datasets, ordered by agency then ID, with the count of all of them.
func testDatasetListAll(t *testing.T, s catalog.Store) {
	orgs := []catalog.OrgNumber{OrgSCB, OrgDigg, OrgLM}
	for _, org := range orgs {
		createAgency(t, s, org)
	}
	createAgency(t, s, testOrg(1)) // an agency without datasets
	const n = 23
	var want []*catalog.Dataset
	for _, i := range rand.Perm(n) {
		d := createDataset(t, s, orgs[i%len(orgs)], datasetID(i), i)
		want = append(want, d)
	}
	slices.SortFunc(want, func(a, b *catalog.Dataset) int {
		if c := strings.Compare(string(a.Agency), string(b.Agency)); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})

	var got []catalog.Dataset
	for page, size := range []int{10, 10, 3, 0} {
		items, total, err := s.Datasets(ctx(t), "", catalog.Page{Number: page + 1, Limit: 10})
		must(t, err)
		if total != n || len(items) != size {
			t.Errorf("all agencies, page %d: %d items of %d, want %d of %d", page+1, len(items), total, size, n)
		}
		got = append(got, items...)
	}
	if len(got) != n {
		t.Fatalf("paged through %d datasets of all agencies, want %d", len(got), n)
	}
	for i := range got {
		if got[i].Agency != want[i].Agency || got[i].ID != want[i].ID {
			t.Fatalf("dataset %d of all agencies is %s/%s, want %s/%s (ordered by agency, then ID)",
				i, got[i].Agency, got[i].ID, want[i].Agency, want[i].ID)
		}
		sameDataset(t, "dataset listed across agencies", &got[i], want[i])
	}

	all, total, err := s.Datasets(ctx(t), "", catalog.Page{})
	must(t, err)
	if total != n || len(all) != n {
		t.Errorf("all agencies, Page{}: %d of %d datasets, want %d of %d", len(all), total, n, n)
	}
	// The page of the national catalog agrees with the walk over it.
	i := 0
	must(t, s.EachDataset(ctx(t), "", func(d *catalog.Dataset) error {
		if i < len(all) && (all[i].Agency != d.Agency || all[i].ID != d.ID) {
			t.Errorf("Datasets(\"\") item %d is %s/%s, EachDataset(\"\") gives %s/%s", i, all[i].Agency, all[i].ID, d.Agency, d.ID)
		}
		i++
		return nil
	}))
}

// revision returns s's revision of org.
func revision(t *testing.T, s catalog.Store, org catalog.OrgNumber) catalog.Revision {
	t.Helper()
	r, err := s.Revision(ctx(t), org)
	must(t, err)
	return r
}

func testRevision(t *testing.T, s catalog.Store) {
	first := revision(t, s, "")
	prev := first
	// wrote checks that the write what raised the revision and stamped org's.
	wrote := func(what string, org catalog.OrgNumber) {
		t.Helper()
		r := revision(t, s, "")
		if r.Seq <= prev.Seq {
			t.Errorf("%s: revision %d after %d, want higher", what, r.Seq, prev.Seq)
		}
		if r.Modified.Before(prev.Modified) {
			t.Errorf("%s: modified %v went back from %v", what, r.Modified, prev.Modified)
		}
		if a := revision(t, s, org); a != r {
			t.Errorf("%s: agency %s at revision %+v, catalog at %+v", what, org, a, r)
		}
		prev = r
	}

	createAgency(t, s, OrgDigg)
	wrote("CreateAgency", OrgDigg)
	must(t, s.UpdateAgency(ctx(t), NewAgency(OrgDigg)))
	wrote("UpdateAgency", OrgDigg)
	_, _, err := s.UpsertAgencies(ctx(t), []catalog.Agency{{OrgNumber: OrgDigg, Name: catalog.LangString{"sv": "Digg"}}})
	must(t, err)
	wrote("UpsertAgencies", OrgDigg)
	d := createDataset(t, s, OrgDigg, datasetID(1), 1)
	wrote("CreateDataset", OrgDigg)
	must(t, s.ReplaceDataset(ctx(t), NewDataset(OrgDigg, d.ID, 2)))
	wrote("ReplaceDataset", OrgDigg)
	must(t, s.DeleteDataset(ctx(t), OrgDigg, d.ID))
	wrote("DeleteDataset", OrgDigg)
	createDataset(t, s, OrgDigg, datasetID(2), 2)
	wrote("CreateDataset", OrgDigg)

	// Reads change nothing.
	agency := revision(t, s, OrgDigg)
	c := ctx(t)
	_, _ = s.Agency(c, OrgDigg)
	_, _ = s.Tokens(c, OrgDigg)
	_, _ = s.TokenByHash(c, tokenHash(OrgDigg), time.Now())
	_, _, _ = s.Agencies(c, catalog.Page{Number: 1, Limit: 10})
	_, _ = s.Dataset(c, OrgDigg, datasetID(2))
	_, _ = s.DatasetByID(c, datasetID(2))
	_, _, _ = s.Datasets(c, OrgDigg, catalog.Page{Number: 1, Limit: 10})
	_ = s.EachDataset(c, "", func(*catalog.Dataset) error { return nil })
	_, _ = s.CountDatasets(c, "")
	_ = s.Ping(c)
	if r := revision(t, s, ""); r != prev {
		t.Errorf("reads moved the revision from %+v to %+v", prev, r)
	}
	if r := revision(t, s, OrgDigg); r != agency {
		t.Errorf("reads moved the agency's revision from %+v to %+v", agency, r)
	}
}

func testRevisionPerAgency(t *testing.T, s catalog.Store) {
	createAgency(t, s, OrgDigg)
	createAgency(t, s, OrgSCB)
	scb := revision(t, s, OrgSCB)
	digg := revision(t, s, OrgDigg)
	if digg.Seq >= scb.Seq {
		t.Errorf("agency created first at revision %d, second at %d", digg.Seq, scb.Seq)
	}

	d := createDataset(t, s, OrgDigg, datasetID(1), 1)
	must(t, s.ReplaceDataset(ctx(t), NewDataset(OrgDigg, d.ID, 2)))
	must(t, s.UpdateAgency(ctx(t), NewAgency(OrgDigg)))
	must(t, s.DeleteDataset(ctx(t), OrgDigg, d.ID))
	if r := revision(t, s, OrgSCB); r != scb {
		t.Errorf("writes to %s moved %s's revision from %+v to %+v", OrgDigg, OrgSCB, scb, r)
	}
	if r := revision(t, s, OrgDigg); r.Seq <= digg.Seq {
		t.Errorf("writes to %s left its revision at %d", OrgDigg, r.Seq)
	}
	// Writes to the other agency do not move this one's revision.
	digg = revision(t, s, OrgDigg)
	createDataset(t, s, OrgSCB, datasetID(2), 2)
	if r := revision(t, s, OrgDigg); r != digg {
		t.Errorf("a write to %s moved %s's revision from %+v to %+v", OrgSCB, OrgDigg, digg, r)
	}
	if r := revision(t, s, OrgSCB); r != revision(t, s, "") {
		t.Errorf("%s at revision %+v after its write, catalog at %+v", OrgSCB, r, revision(t, s, ""))
	}
	// What changed since a revision: the agencies written after it.
	for _, c := range []struct {
		since int64
		want  []catalog.OrgNumber
	}{{0, []catalog.OrgNumber{OrgSCB, OrgDigg}}, {digg.Seq, []catalog.OrgNumber{OrgSCB}}, {revision(t, s, "").Seq, nil}} {
		got, err := s.ChangedAgencies(ctx(t), c.since)
		must(t, err)
		if !slices.Equal(got, c.want) {
			t.Errorf("ChangedAgencies(%d) = %v, want %v", c.since, got, c.want)
		}
	}
}

func testEachDataset(t *testing.T, s catalog.Store) {
	orgs := []catalog.OrgNumber{OrgSCB, OrgDigg, OrgLM}
	for _, org := range orgs {
		createAgency(t, s, org)
	}
	// Agencies and IDs in shuffled order; full and minimal datasets mixed,
	// so that a field carried over from the previous dataset shows.
	want := map[string]*catalog.Dataset{}
	for _, i := range rand.Perm(30) {
		org := orgs[i%3]
		var d *catalog.Dataset
		if i%2 == 0 {
			d = NewDataset(org, datasetID(i), i)
		} else {
			d = minimalDataset(org, datasetID(i))
		}
		must(t, s.CreateDataset(ctx(t), d))
		want[d.ID] = d
	}

	for _, org := range []catalog.OrgNumber{"", OrgDigg, OrgSCB, OrgLM} {
		var seen []*catalog.Dataset
		var last *catalog.Dataset
		err := s.EachDataset(ctx(t), org, func(d *catalog.Dataset) error {
			if last != nil && d != last {
				t.Errorf("EachDataset(%q) gave a new *Dataset; the interface reuses one", org)
			}
			last = d
			w, ok := want[d.ID]
			if !ok {
				t.Fatalf("EachDataset(%q) gave unknown dataset %s", org, d.ID)
			}
			sameDataset(t, "EachDataset", d, w)
			seen = append(seen, w)
			return nil
		})
		must(t, err)
		n := 0
		for _, d := range want {
			if org == "" || d.Agency == org {
				n++
			}
		}
		if len(seen) != n {
			t.Errorf("EachDataset(%q) called fn %d times, want %d", org, len(seen), n)
		}
		ordered := slices.IsSortedFunc(seen, func(a, b *catalog.Dataset) int {
			if a.Agency != b.Agency {
				if a.Agency < b.Agency {
					return -1
				}
				return 1
			}
			if a.ID < b.ID {
				return -1
			}
			if a.ID > b.ID {
				return 1
			}
			return 0
		})
		if !ordered {
			t.Errorf("EachDataset(%q) is not ordered by agency and ID", org)
		}
		for _, d := range seen {
			if org != "" && d.Agency != org {
				t.Errorf("EachDataset(%q) gave a dataset of %s", org, d.Agency)
			}
		}
	}
	calls := 0
	must(t, s.EachDataset(ctx(t), Org("202199999"), func(*catalog.Dataset) error { calls++; return nil }))
	if calls != 0 {
		t.Errorf("EachDataset of an unknown agency called fn %d times", calls)
	}
}

func testEachDatasetStops(t *testing.T, s catalog.Store) {
	createAgency(t, s, OrgDigg)
	for i := 0; i < 10; i++ {
		createDataset(t, s, OrgDigg, datasetID(i), i)
	}
	stop := errors.New("enough")
	calls := 0
	err := s.EachDataset(ctx(t), "", func(*catalog.Dataset) error {
		calls++
		if calls == 3 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || calls != 3 {
		t.Errorf("EachDataset with fn failing at call 3: %d calls, error %v", calls, err)
	}

	c, cancel := context.WithCancel(ctx(t))
	defer cancel()
	calls = 0
	err = s.EachDataset(c, OrgDigg, func(*catalog.Dataset) error {
		calls++
		if calls == 2 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) || calls != 2 {
		t.Errorf("EachDataset with the context cancelled at call 2: %d calls, error %v", calls, err)
	}

	// The store is fine afterwards.
	calls = 0
	must(t, s.EachDataset(ctx(t), "", func(*catalog.Dataset) error { calls++; return nil }))
	if calls != 10 {
		t.Errorf("EachDataset after stopped walks: %d calls, want 10", calls)
	}
}

// state is what a rejected write must leave alone.
type state struct {
	revisions map[catalog.OrgNumber]catalog.Revision
	agencies  []catalog.Agency
	datasets  []catalog.Dataset
}

// snapshot records the state of s.
func snapshot(t *testing.T, s catalog.Store) state {
	t.Helper()
	st := state{revisions: map[catalog.OrgNumber]catalog.Revision{"": revision(t, s, "")}}
	var err error
	st.agencies, _, err = s.Agencies(ctx(t), catalog.Page{})
	must(t, err)
	for _, a := range st.agencies {
		st.revisions[a.OrgNumber] = revision(t, s, a.OrgNumber)
	}
	must(t, s.EachDataset(ctx(t), "", func(d *catalog.Dataset) error {
		st.datasets = append(st.datasets, *d)
		return nil
	}))
	return st
}

// check fails t unless s is still in state st.
func (st state) check(t *testing.T, s catalog.Store, after string) {
	t.Helper()
	now := snapshot(t, s)
	if !reflect.DeepEqual(now.revisions, st.revisions) {
		t.Errorf("%s moved revisions:\n got %+v\nwant %+v", after, now.revisions, st.revisions)
	}
	if !reflect.DeepEqual(now.agencies, st.agencies) {
		t.Errorf("%s changed agencies:\n got %s\nwant %s", after, jsonOf(now.agencies), jsonOf(st.agencies))
	}
	if !reflect.DeepEqual(now.datasets, st.datasets) {
		t.Errorf("%s changed datasets:\n got %s\nwant %s", after, jsonOf(now.datasets), jsonOf(st.datasets))
	}
}

func testRejectedWrites(t *testing.T, s catalog.Store) {
	createAgency(t, s, OrgDigg)
	createAgency(t, s, OrgSCB)
	createDataset(t, s, OrgDigg, datasetID(1), 1)
	createDataset(t, s, OrgSCB, datasetID(2), 2)
	before := snapshot(t, s)

	c := ctx(t)
	rejected := []struct {
		what string
		err  error
	}{
		{"CreateAgency taken", s.CreateAgency(c, NewAgency(OrgDigg), nil)},
		{"CreateAgency invalid", s.CreateAgency(c, NewAgency("1234567890"), nil)},
		{"UpdateAgency unknown", s.UpdateAgency(c, NewAgency(OrgLM))},
		{"CreateDataset unknown agency", s.CreateDataset(c, NewDataset(OrgLM, datasetID(3), 3))},
		{"CreateDataset duplicate", s.CreateDataset(c, NewDataset(OrgDigg, datasetID(1), 3))},
		{"CreateDataset duplicate of another agency", s.CreateDataset(c, NewDataset(OrgDigg, datasetID(2), 3))},
		{"ReplaceDataset unknown", s.ReplaceDataset(c, NewDataset(OrgDigg, datasetID(3), 3))},
		{"ReplaceDataset of another agency", s.ReplaceDataset(c, NewDataset(OrgDigg, datasetID(2), 3))},
		{"DeleteDataset unknown", s.DeleteDataset(c, OrgDigg, datasetID(3))},
		{"DeleteDataset of another agency", s.DeleteDataset(c, OrgDigg, datasetID(2))},
	}
	for _, r := range rejected {
		if r.err == nil {
			t.Errorf("%s: no error", r.what)
		}
	}
	before.check(t, s, "rejected writes")
}

func testConcurrentWrites(t *testing.T, s catalog.Store) {
	orgs := []catalog.OrgNumber{OrgDigg, OrgSCB, OrgLM}
	for _, org := range orgs {
		createAgency(t, s, org)
	}
	start := revision(t, s, "")
	const (
		writers = 8
		each    = 15
	)
	c := ctx(t)
	var wg sync.WaitGroup
	errs := make(chan error, writers*each+64)
	done := make(chan struct{})
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < each; i++ {
				n := w*each + i
				d := NewDataset(orgs[n%len(orgs)], datasetID(n), n)
				if err := s.CreateDataset(c, d); err != nil {
					errs <- fmt.Errorf("writer %d, dataset %d: %w", w, i, err)
				}
				if i%5 == 4 { // some replaces between the creates
					if err := s.ReplaceDataset(c, NewDataset(d.Agency, d.ID, n+1000)); err != nil {
						errs <- fmt.Errorf("writer %d, replace %d: %w", w, i, err)
					}
				}
			}
		}()
	}
	// Readers meanwhile: they neither fail nor block the writers.
	var readers sync.WaitGroup
	for r := 0; r < 2; r++ {
		readers.Add(1)
		go func() {
			defer readers.Done()
			for {
				select {
				case <-done:
					return
				default:
				}
				if err := s.EachDataset(c, "", func(*catalog.Dataset) error { return nil }); err != nil {
					errs <- fmt.Errorf("reader: %w", err)
					return
				}
				if _, _, err := s.Datasets(c, orgs[r], catalog.Page{Number: 1, Limit: 5}); err != nil {
					errs <- fmt.Errorf("reader: %w", err)
					return
				}
				if _, err := s.Revision(c, ""); err != nil {
					errs <- fmt.Errorf("reader: %w", err)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(done)
	readers.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}

	total := writers * each
	if n, err := s.CountDatasets(c, ""); err != nil || n != total {
		t.Errorf("CountDatasets = %d, %v; want %d", n, err, total)
	}
	for i, org := range orgs {
		want := 0
		for n := 0; n < total; n++ {
			if n%len(orgs) == i {
				want++
			}
		}
		if n, err := s.CountDatasets(c, org); err != nil || n != want {
			t.Errorf("CountDatasets(%s) = %d, %v; want %d", org, n, err, want)
		}
	}
	writes := total + total/5
	if r := revision(t, s, ""); r.Seq < start.Seq+int64(writes) {
		t.Errorf("revision went from %d to %d over %d writes", start.Seq, r.Seq, writes)
	}
	for n := 0; n < total; n++ {
		want := NewDataset(orgs[n%len(orgs)], datasetID(n), n)
		if n%each%5 == 4 {
			want = NewDataset(want.Agency, want.ID, n+1000)
		}
		got, err := s.DatasetByID(c, datasetID(n))
		if err != nil {
			t.Errorf("dataset %d: %v", n, err)
			continue
		}
		sameContent(t, fmt.Sprintf("dataset %d", n), got, want)
	}
}

func testPing(t *testing.T, s catalog.Store) {
	must(t, s.Ping(ctx(t)))
}
