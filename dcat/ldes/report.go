package ldes

import "sort"

// Report says what applying a feed changed, entity by entity, in the shape
// of Digg's test cases (report.json): an entity is added when it is new,
// removed when it is gone, updated when its graph differs and unchanged
// when it is the same as before (events that changed nothing in the end,
// or none at all).
type Report struct {
	Added       int      `json:"added"`
	Removed     int      `json:"removed"`
	Updated     int      `json:"updated"`
	Unchanged   int      `json:"unchanged"`
	AddedURIs   []string `json:"addedURIs"`
	RemovedURIs []string `json:"removedURIs"`
	UpdatedURIs []string `json:"updatedURIs"`
}

// Diff compares the fingerprints of a State before and after (see
// State.Fingerprints).
func Diff(before, after map[string]string) Report {
	r := Report{AddedURIs: []string{}, RemovedURIs: []string{}, UpdatedURIs: []string{}}
	for iri, h := range before {
		switch a, ok := after[iri]; {
		case !ok:
			r.RemovedURIs = append(r.RemovedURIs, iri)
		case a != h:
			r.UpdatedURIs = append(r.UpdatedURIs, iri)
		default:
			r.Unchanged++
		}
	}
	for iri := range after {
		if _, ok := before[iri]; !ok {
			r.AddedURIs = append(r.AddedURIs, iri)
		}
	}
	sort.Strings(r.AddedURIs)
	sort.Strings(r.RemovedURIs)
	sort.Strings(r.UpdatedURIs)
	r.Added, r.Removed, r.Updated = len(r.AddedURIs), len(r.RemovedURIs), len(r.UpdatedURIs)
	return r
}

// Changed lists the entities Diff found added or updated and those it
// found removed.
func (r Report) Changed() (upserted, removed []string) {
	return append(append([]string{}, r.AddedURIs...), r.UpdatedURIs...), r.RemovedURIs
}
