package catalog

import "strings"

// Term is one value of a controlled vocabulary: its canonical IRI, the short
// code users may type instead, and its labels in Swedish and English.
type Term struct {
	IRI   string
	Code  string
	Label LangString
}

// Vocabulary is an immutable controlled list with lookups by code and IRI.
type Vocabulary struct {
	name  string
	terms []Term
	byKey map[string]int
	byIRI map[string]int
}

func newVocabulary(name string, terms []Term) *Vocabulary {
	v := &Vocabulary{name: name, terms: terms, byKey: make(map[string]int, len(terms)), byIRI: make(map[string]int, len(terms))}
	for i, t := range terms {
		v.byIRI[t.IRI] = i
		v.byKey[normaliseCode(t.Code)] = i
	}
	return v
}

// normaliseCode folds case, spaces, hyphens and underscores so that "cc-by-4.0",
// "CC BY 4.0" and "cc_by_4.0" meet.
func normaliseCode(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '-', '_':
			return -1
		}
		return r
	}, s)
}

// Name is the vocabulary's name, as used in error messages.
func (v *Vocabulary) Name() string { return v.name }

// Terms returns the vocabulary's terms in their defined order. The slice must
// not be modified.
func (v *Vocabulary) Terms() []Term { return v.terms }

// Canonical resolves s, a short code or a full IRI, to the canonical IRI.
// IRIs are matched exactly, except that an https:// or a missing trailing
// slash variant of a listed IRI also resolves (a frequent mistake with
// Creative Commons licences).
func (v *Vocabulary) Canonical(s string) (string, bool) {
	if t, ok := v.Lookup(s); ok {
		return t.IRI, true
	}
	return "", false
}

// Lookup resolves s, a short code or an IRI, to its term.
func (v *Vocabulary) Lookup(s string) (Term, bool) {
	s = strings.TrimSpace(s)
	if i, ok := v.byIRI[s]; ok {
		return v.terms[i], true
	}
	if strings.Contains(s, "://") {
		alt := s
		if strings.HasPrefix(alt, "https://") {
			alt = "http://" + strings.TrimPrefix(alt, "https://")
		}
		for _, cand := range []string{alt, alt + "/", strings.TrimSuffix(alt, "/")} {
			if i, ok := v.byIRI[cand]; ok {
				return v.terms[i], true
			}
		}
		return Term{}, false
	}
	if i, ok := v.byKey[normaliseCode(s)]; ok {
		return v.terms[i], true
	}
	return Term{}, false
}

// Contains reports whether iri is a canonical IRI of the vocabulary.
func (v *Vocabulary) Contains(iri string) bool {
	_, ok := v.byIRI[iri]
	return ok
}

// Well-known IRIs used across katalog.
const (
	// CatalogLicence is the licence every Swedish catalog's metadata must carry (CC0).
	CatalogLicence = "http://creativecommons.org/publicdomain/zero/1.0/"
	// HVDLegislation is the HVD implementing regulation (EU) 2023/138.
	HVDLegislation = "http://data.europa.eu/eli/reg_impl/2023/138/oj"
	// ThemeTaxonomy is the EU data-theme scheme.
	ThemeTaxonomy = "http://publications.europa.eu/resource/authority/data-theme"
)
