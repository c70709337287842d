package importer_test

import (
	"context"
	"strings"
	"testing"

	"github.com/katalog-se/katalog/internal/importer"
)

// TestUnchangedSourceKeepsTheLastReport: a source not read again (the
// same bytes, nothing changed since) reports the last import's
// validation findings, minted IRIs and notes, not none.
func TestUnchangedSourceKeepsTheLastReport(t *testing.T) {
	e := newEnv(t)
	// Untagged text: a note ("read as language und").
	doc := strings.Replace(blankFeed, `dct:description "Utan IRI"@sv`, `dct:description "Utan IRI"`, 1)
	first, err := e.run(t, []byte(doc), "blank.ttl")
	must(t, err)
	if first.Validation == nil || first.MintedCount != 4 || first.NotesCount == 0 {
		t.Fatalf("first import: validation %+v, %d minted, %d notes", first.Validation, first.MintedCount, first.NotesCount)
	}
	again, err := e.im.Import(context.Background(), e.agency.OrgNumber, importer.Source{Body: strings.NewReader(doc), Name: "blank.ttl"})
	must(t, err)
	if !again.SourceUnchanged {
		t.Fatalf("the same bytes were read again: %+v", again)
	}
	if again.Validation == nil || again.Validation.Errors != first.Validation.Errors || again.Validation.Warnings != first.Validation.Warnings ||
		len(again.Validation.Results) != len(first.Validation.Results) {
		t.Errorf("validation %+v, want the last import's %+v", again.Validation, first.Validation)
	}
	if again.MintedCount != first.MintedCount || len(again.Minted) != len(first.Minted) || again.Rest != first.Rest {
		t.Errorf("minted %d (%d listed), rest %d; want the last import's %d (%d), %d",
			again.MintedCount, len(again.Minted), again.Rest, first.MintedCount, len(first.Minted), first.Rest)
	}
	if again.NotesCount != first.NotesCount || len(again.Notes) != len(first.Notes) {
		t.Errorf("notes %d (%d listed), want the last import's %d (%d)", again.NotesCount, len(again.Notes), first.NotesCount, len(first.Notes))
	}
}
