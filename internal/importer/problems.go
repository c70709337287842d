package importer

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/katalog-se/katalog/dcat/processor"
	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
	"github.com/katalog-se/katalog/dcat/syntax/rdfparse"
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
