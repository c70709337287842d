package sqlstore

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/internal/store/storetest"
)

// TestDocHashIsContentHash pins the stored content_hash to the domain's
// content hash: an import compares catalog.Dataset.ContentHash with the
// hashes the store returns, so the two must agree for every dataset, the
// full fixture (every field set), a minimal one and an empty one.
func TestDocHashIsContentHash(t *testing.T) {
	minimal := &catalog.Dataset{ID: "m", Agency: storetest.OrgSCB, Title: catalog.LangString{"sv": "Liten"}}
	for _, d := range []*catalog.Dataset{storetest.NewDataset(storetest.OrgDigg, "x", 7), minimal, {}} {
		_, hash, err := encodeDoc(d)
		if err != nil {
			t.Fatal(err)
		}
		want, err := d.ContentHash()
		if err != nil {
			t.Fatal(err)
		}
		if hash != want {
			t.Errorf("dataset %q: stored hash %s, ContentHash %s", d.ID, hash, want)
		}
	}
}

// TestDocHashUnchanged pins the hash of one dataset to what the stores
// wrote before: the content_hash column of existing databases holds such
// hashes, and an import compares them with new ones, so a change in the
// document (a tag, the field order) would make every dataset look changed.
func TestDocHashUnchanged(t *testing.T) {
	d := &catalog.Dataset{
		ID: "00000000-0000-4000-8000-000000000001", Agency: "2021006883",
		Title:         catalog.LangString{"sv": "Offentliga e-tjänster", "en": "Public e-services"},
		Description:   catalog.LangString{"sv": "Förteckning <&> \"citat\"", "en": "List"},
		Keywords:      catalog.LangStrings{"sv": {"e-tjänst", "förvaltning"}},
		Themes:        []string{"http://publications.europa.eu/resource/authority/data-theme/GOVE"},
		Temporal:      &catalog.Period{Start: "2020-01-01"},
		ContactPoint:  &catalog.ContactPoint{Name: "Digg", Email: "info@digg.se"},
		Distributions: []catalog.Distribution{{ID: "csv", AccessURL: "https://www.digg.se/data", Format: "text/csv", ByteSize: 1234}},
		DataServices:  []catalog.DataService{{ID: "api", Title: catalog.LangString{"sv": "API"}, EndpointURL: "https://api.digg.se"}},
		CreatedAt:     time.Date(2025, 1, 31, 12, 0, 0, 0, time.UTC),
	}
	const want = "792e115de58445b4deb9a2b7ba214dc74c2a9bc85eb5260e129fd2717b7b016f"
	if _, hash, err := encodeDoc(d); err != nil || hash != want {
		t.Errorf("stored hash %s, %v; want %s", hash, err, want)
	}
	if hash, err := d.ContentHash(); err != nil || hash != want {
		t.Errorf("ContentHash %s, %v; want %s", hash, err, want)
	}
}

func TestDocRoundTrip(t *testing.T) {
	d := storetest.NewDataset(storetest.OrgDigg, "x", 7)
	doc, hash, err := encodeDoc(d)
	if err != nil {
		t.Fatal(err)
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(doc, &top); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"id", "agency", "createdAt", "updatedAt"} {
		if _, ok := top[key]; ok {
			t.Errorf("document has %s: %s", key, doc)
		}
	}
	// Equal content gives an equal document and hash, whatever the map order.
	again := storetest.NewDataset(storetest.OrgSCB, "y", 7)
	again.Title = catalog.LangString{"en": again.Title["en"], "sv": again.Title["sv"]}
	doc2, hash2, err := encodeDoc(again)
	if err != nil {
		t.Fatal(err)
	}
	if hash2 != hash || string(doc2) != string(doc) {
		t.Errorf("equal content, different documents:\n%s\n%s", doc, doc2)
	}
	other, _, _ := encodeDoc(storetest.NewDataset(storetest.OrgDigg, "x", 8))
	if string(other) == string(doc) {
		t.Error("different content, equal documents")
	}
	// Decoding into a value that holds another dataset leaves nothing of it.
	var got catalog.Dataset
	if err := decodeDoc(string(doc), &got); err != nil {
		t.Fatal(err)
	}
	if err := decodeDoc(`{"title":{"sv":"Liten"}}`, &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Title) != 1 || got.Description != nil || got.ContactPoint != nil || got.Distributions != nil {
		t.Errorf("decoding kept parts of the previous dataset: %+v", got)
	}
}
