package sqlstore

import (
	"encoding/json"
	"testing"

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
