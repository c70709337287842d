package importer

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/dcat/processor"
	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
	"github.com/katalog-se/katalog/dcat/syntax/rdfparse"
	"github.com/katalog-se/katalog/dcat/validate"
	"github.com/katalog-se/katalog/internal/problem"
)

// syntaxProblem turns a reader's error into a 400 problem that locates it;
// an input over a size limit is 413.
func syntaxProblem(name string, err error) *problem.Problem {
	var se *rdfio.SyntaxError
	if errors.As(err, &se) {
		p := problem.New(http.StatusBadRequest, "rdf-syntax", "The feed cannot be read",
			fmt.Sprintf("%s: %s; nothing was imported", nameOr(name), se.Error()))
		p.Errors = []problem.FieldError{{
			Line: se.Line, Column: se.Column, Detail: se.Msg,
			Message: map[string]string{"en": se.Msg, "sv": fmt.Sprintf("syntaxfel (%s) på rad %d, kolumn %d: %s", se.Format, se.Line, se.Column, se.Msg)},
		}}
		return p
	}
	var le *rdfparse.LimitError
	if errors.As(err, &le) {
		return problem.New(http.StatusRequestEntityTooLarge, "too-large", "The feed is too large",
			fmt.Sprintf("%s: %v; nothing was imported", nameOr(name), err))
	}
	return inputProblem(name, err)
}

// inputProblem is a 400 for input that cannot be read for another reason;
// Processor input that breaks its rules is 422 with a pointer per error.
func inputProblem(name string, err error) *problem.Problem {
	var p *problem.Problem
	if errors.As(err, &p) {
		return p
	}
	var pe processor.Errors
	if errors.As(err, &pe) {
		errs := make([]problem.FieldError, 0, len(pe))
		for _, e := range pe {
			sv, en := e.Message.SV, e.Message.EN
			if e.File != "" {
				// The pointer is into the separate catalog file.
				sv, en = e.File+": "+sv, e.File+": "+en
			}
			errs = append(errs, problem.FieldError{Pointer: e.Pointer, Detail: en, Message: map[string]string{"sv": sv, "en": en}})
		}
		p := problem.Invalid(errs)
		p.Detail = fmt.Sprintf("%s: %d problems in the Processor input; nothing was imported", nameOr(name), len(pe))
		return p
	}
	return problem.New(http.StatusBadRequest, "unreadable-input", "The input cannot be read",
		fmt.Sprintf("%s: %v; nothing was imported", nameOr(name), err))
}

func nameOr(name string) string {
	if name == "" {
		return "the input"
	}
	return name
}

// loopProblem stops a paged source that links back to a page it had.
func loopProblem(url string, pages int) *problem.Problem {
	return problem.New(http.StatusBadRequest, "paging-loop", "The paged feed loops",
		fmt.Sprintf("after %d pages the feed links to %s again; katalog stopped and imported nothing", pages, url))
}

// fetchProblem reports a page that could not be fetched.
func fetchProblem(url string, err error) *problem.Problem {
	return problem.New(http.StatusBadGateway, "fetch-failed", "The source cannot be fetched",
		fmt.Sprintf("%s: %v; nothing was imported", url, err))
}

// changeFeedProblem refuses a change feed given as a catalog: one page of
// a feed is not the catalog, and importing it would remove the datasets
// it does not mention.
func changeFeedProblem(name string) *problem.Problem {
	p := problem.New(http.StatusBadRequest, "change-feed", "A change feed is not a catalog",
		fmt.Sprintf("%s is a change feed (DCAT-AP Feeds); import it by its URL (katalog import URL, or as the agency's harvest source), which harvests it incrementally, or apply it to a catalog with katalog feed apply; nothing was imported", nameOr(name)))
	return p
}

// foreignProblem refuses a feed that says its datasets are another Swedish
// agency's: an agency imports only its own data.
func foreignProblem(org catalog.OrgNumber, publisher string) *problem.Problem {
	other := strings.TrimPrefix(publisher, "http://dataportal.se/organisation/SE")
	p := problem.New(http.StatusForbidden, "foreign-publisher", "The feed is another agency's",
		fmt.Sprintf("the feed names %s (organisation %s) as publisher; agency %s can import only its own datasets", publisher, other, org))
	p.Errors = []problem.FieldError{{Path: "http://purl.org/dc/terms/publisher", Rule: "publisher.orgnr", Detail: p.Detail,
		Message: map[string]string{"en": p.Detail, "sv": fmt.Sprintf("flödet anger %s (organisation %s) som utgivare; myndigheten %s kan bara importera sina egna datamängder", publisher, other, org)}}}
	return p
}

// noDatasetsProblem refuses a document without a dataset: importing it
// would empty the agency's catalog.
func noDatasetsProblem(name string, stored int) *problem.Problem {
	en := fmt.Sprintf("%s has no dataset (no dcat:Dataset, no dataset series, no data service): katalog imports nothing from it, and the agency's %d datasets stay as they are; nothing was imported", nameOr(name), stored)
	sv := fmt.Sprintf("%s innehåller ingen datamängd (ingen dcat:Dataset, ingen dataserie, ingen datatjänst): katalog importerar inget ur det, och myndighetens %d datamängder lämnas orörda; inget importerades", nameOr(name), stored)
	p := problem.New(http.StatusUnprocessableEntity, "no-datasets", "The document has no datasets", en)
	p.Errors = []problem.FieldError{{Rule: "catalog.dataset.min", Detail: en, Message: map[string]string{"en": en, "sv": sv}}}
	return p
}

// maxRefusalErrors caps the errors a refusal lists (its detail counts all).
const maxRefusalErrors = 100

// removalsProblem refuses an import that would remove datasets the caller
// did not allow it to remove, naming them.
func removalsProblem(ids []string) *problem.Problem {
	p := problem.New(http.StatusConflict, "removals-not-allowed", "The import would remove datasets",
		fmt.Sprintf("the document lacks %d of the agency's datasets, which the import would remove; import again with --allow-removals (allowRemovals=true) to remove them, or add them to the document; nothing was imported", len(ids)))
	for _, id := range ids[:min(len(ids), maxRefusalErrors)] {
		en := fmt.Sprintf("dataset %s would be removed", id)
		p.Errors = append(p.Errors, problem.FieldError{Pointer: "/removed/" + id, Rule: "api.removal", Detail: en,
			Message: map[string]string{"en": en, "sv": fmt.Sprintf("datamängden %s skulle tas bort", id)}})
	}
	return p
}

// strictProblem refuses, in strict mode, a document with DCAT-AP-SE
// errors: one error per finding (as many as the report keeps), with the
// validator's rule id, node and property.
func strictProblem(v *validate.Report) *problem.Problem {
	p := problem.New(http.StatusUnprocessableEntity, "dcat-ap-se-errors", "The document breaks DCAT-AP-SE 3.0.1",
		fmt.Sprintf("%d errors and %d warnings against %s; a strict import refuses errors; nothing was imported", v.Errors, v.Warnings, v.Profile))
	for _, res := range v.Results {
		if res.Severity != validate.Error || len(p.Errors) == maxRefusalErrors {
			continue
		}
		p.Errors = append(p.Errors, problem.FieldError{Focus: res.Focus, Path: res.Path, Rule: res.Rule, Detail: res.Message.EN,
			Message: map[string]string{"en": res.Message.EN, "sv": res.Message.SV}})
	}
	return p
}

// takenProblem refuses an import whose datasets another agency holds
// (dataset IDs, and so the IRIs they come from, are one agency's).
func takenProblem(err error) *problem.Problem {
	en := fmt.Sprintf("a dataset of the document belongs to another agency in katalog (%v); an agency imports only its own datasets; nothing was imported", err)
	p := problem.New(http.StatusConflict, "dataset-taken", "A dataset is another agency's", en)
	p.Errors = []problem.FieldError{{Rule: "api.taken", Detail: en, Message: map[string]string{"en": en,
		"sv": fmt.Sprintf("en datamängd i dokumentet tillhör en annan myndighet i katalog (%v); en myndighet importerar bara sina egna datamängder; inget importerades", err)}}}
	return p
}
