package readiness

import (
	"context"
	"fmt"
	"hash/maphash"
	"iter"
	"net/http"
	"net/url"
	"slices"
	"sync"
	"time"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/internal/outbound"
)

// The properties whose URLs a check probes, by local name (Link.Kind).
const (
	KindAccessURL           = "accessURL"
	KindDownloadURL         = "downloadURL"
	KindLandingPage         = "landingPage"
	KindEndpointURL         = "endpointURL"
	KindEndpointDescription = "endpointDescription"
	KindConformsTo          = "conformsTo"
	KindPage                = "page"
)

// Link is one URL a catalog points to and the properties it came from.
type Link struct {
	URL string `json:"url"`
	// Kind is the first property the URL was found under.
	Kind string `json:"kind,omitempty"`
	// Kinds are every property it was found under, sorted (Kind among
	// them); empty means Kind alone.
	Kinds []string `json:"-"`
}

// NewLink is the link to url found under kinds (sorted): Kind is the
// first of them.
func NewLink(url string, kinds []string) Link {
	l := Link{URL: url, Kinds: kinds}
	if len(kinds) > 0 {
		l.Kind = kinds[0]
	}
	return l
}

// AllKinds returns every property of l: Kinds, or Kind alone.
func (l Link) AllKinds() []string {
	if len(l.Kinds) > 0 {
		return l.Kinds
	}
	if l.Kind == "" {
		return nil
	}
	return []string{l.Kind}
}

// has reports whether l was found under kind.
func (l Link) has(kind string) bool { return slices.Contains(l.AllKinds(), kind) }

// isAPIDescription reports whether l is fetched and judged as an API
// description, as dataportal.se does: an endpointDescription, or a
// conformsTo that looks like an OpenAPI or Swagger file.
func (l Link) isAPIDescription() bool {
	return l.has(KindEndpointDescription) || l.has(KindConformsTo) && looksLikeSpec(l.URL)
}

// LinkResult is the outcome of checking one link.
type LinkResult struct {
	Link
	OK     bool   `json:"ok"`
	Status int    `json:"status,omitempty"` // final HTTP status, 0 when none
	Error  string `json:"error,omitempty"`
	// API says, for an API description (see Link.isAPIDescription) that
	// answered, what it is: "openapi 3.0.3", "swagger 2.0", "html", "json",
	// "yaml" or "other" (the API constants).
	API string `json:"api,omitempty"`
	// CORS reports, for an API description that answered, whether the
	// response allows the portal's origin (Access-Control-Allow-Origin).
	CORS       *bool `json:"cors,omitempty"`
	DurationMs int64 `json:"-"`
}

// Verified reports whether r is an API description as the portal wants
// it: an OpenAPI or Swagger document served with CORS for its origin.
func (r LinkResult) Verified() bool {
	return r.OK && IsSpec(r.API) && r.CORS != nil && *r.CORS
}

// LinkSummary counts checked links and keeps a sample of the bad ones.
type LinkSummary struct {
	Checked int `json:"checked"`
	OK      int `json:"ok"`
	Broken  int `json:"broken"`
	// Skipped counts links that are not http(s) URLs (ftp:, mailto: …).
	Skipped int `json:"skipped,omitempty"`
	// BrokenSample holds the first broken links (at most SampleSize).
	BrokenSample []LinkResult `json:"brokenSample,omitempty"`
	// APIDescriptions counts the API descriptions fetched and judged;
	// APIVerified those that are OpenAPI or Swagger documents with CORS for
	// the portal.
	APIDescriptions int `json:"apiDescriptions,omitempty"`
	APIVerified     int `json:"apiVerified,omitempty"`
	// NotSpec counts API descriptions that are not OpenAPI or Swagger
	// documents (a web page, other JSON, a 404 …); NotSpecSample says, for
	// the first of them, what each is.
	NotSpec       int      `json:"notSpec,omitempty"`
	NotSpecSample []string `json:"notSpecSample,omitempty"`
	// NoCORS counts OpenAPI or Swagger documents served without CORS for
	// the portal; NoCORSSample holds the first of them.
	NoCORS       int      `json:"noCors,omitempty"`
	NoCORSSample []string `json:"noCorsSample,omitempty"`
	// All holds every checked link's result, in no particular order, when
	// LinkChecker.KeepAll is set. It is not part of the stored report: the
	// agency's link table keeps it (see Table).
	All []LinkResult `json:"-"`
}

// add counts r; sample bounds the samples.
func (s *LinkSummary) add(r LinkResult, sample int, keep bool) {
	s.Checked++
	if keep {
		s.All = append(s.All, r)
	}
	if r.OK {
		s.OK++
	} else {
		s.Broken++
		if len(s.BrokenSample) < sample {
			s.BrokenSample = append(s.BrokenSample, r)
		}
	}
	if !r.isAPIDescription() {
		return
	}
	s.APIDescriptions++
	switch {
	case r.Verified():
		s.APIVerified++
	case r.OK && IsSpec(r.API):
		s.NoCORS++
		if len(s.NoCORSSample) < sample {
			s.NoCORSSample = append(s.NoCORSSample, r.URL)
		}
	default:
		s.NotSpec++
		if len(s.NotSpecSample) < sample {
			s.NotSpecSample = append(s.NotSpecSample, r.URL+": "+DescribeAPI(r.OK, r.Status, r.Error, r.API))
		}
	}
}

// DescribeAPI says in words what an API description link gave instead of
// an OpenAPI or Swagger document.
func DescribeAPI(ok bool, status int, errText, api string) string {
	switch {
	case errText != "":
		return errText
	case !ok:
		return fmt.Sprintf("HTTP %d %s", status, http.StatusText(status))
	}
	switch api {
	case APIHTML:
		return "a web page (HTML, such as Swagger UI), not an OpenAPI file"
	case APIJSON:
		return "JSON that is not an OpenAPI or Swagger document"
	case APIYAML:
		return "YAML that is not an OpenAPI or Swagger document"
	case "":
		return "not examined"
	}
	if IsSpec(api) {
		return api
	}
	return "neither JSON nor YAML"
}

// Table is All as the rows of an agency's link table.
func (s LinkSummary) Table() []catalog.LinkResult {
	out := make([]catalog.LinkResult, len(s.All))
	for i, r := range s.All {
		out[i] = r.Row()
	}
	return out
}

// Row is r as a row of an agency's link table.
func (r LinkResult) Row() catalog.LinkResult {
	return catalog.LinkResult{URL: r.URL, Kinds: r.AllKinds(), Status: r.Status, OK: r.OK, Error: r.Error,
		DurationMs: r.DurationMs, API: r.API, CORS: r.CORS}
}

// ResultOf is a row of an agency's link table as a LinkResult.
func ResultOf(row catalog.LinkResult) LinkResult {
	return LinkResult{Link: NewLink(row.URL, row.Kinds), OK: row.OK, Status: row.Status, Error: row.Error,
		API: row.API, CORS: row.CORS, DurationMs: row.DurationMs}
}

// SummarizeTable counts an agency's link table as a check's LinkSummary
// (samples of at most 20).
func SummarizeTable(rows []catalog.LinkResult) LinkSummary {
	var s LinkSummary
	s.Add(rows)
	return s
}

// Add counts more rows of an agency's link table into s (a table read a
// page at a time).
func (s *LinkSummary) Add(rows []catalog.LinkResult) {
	for _, row := range rows {
		s.add(ResultOf(row), defaultSample, false)
	}
}

// DefaultPortalOrigin is the origin whose CORS access is checked.
const DefaultPortalOrigin = "https://www.dataportal.se"

// defaultSample bounds a summary's samples.
const defaultSample = 20

// LinkChecker checks links with bounded concurrency through an outbound.Client,
// whose per-host limits keep any one server from being flooded. It
// streams: memory does not grow with the number of responses, only by
// 8 bytes per distinct URL (for de-duplication).
type LinkChecker struct {
	Client *outbound.Client
	// Concurrency is how many links are checked at once (default 32).
	Concurrency int
	// SampleSize bounds BrokenSample and NoCORSSample (default 20).
	SampleSize int
	// Origin is sent with API description requests to judge CORS
	// (default DefaultPortalOrigin).
	Origin string
	// Progress, when set, is called after each link with the number
	// checked so far and total (as given to Run); calls are serialised.
	Progress func(done, total int)
	// KeepAll keeps every link's result in LinkSummary.All (memory then
	// grows with the links: about 150 bytes each).
	KeepAll bool
}

// Run checks every distinct http(s) URL of links and summarises them.
// total is only passed on to Progress. It returns early, with what it has,
// when ctx ends. A URL given twice is checked once, with the kinds of its
// first appearance.
func (lc *LinkChecker) Run(ctx context.Context, links iter.Seq[Link], total int) LinkSummary {
	workers := lc.Concurrency
	if workers <= 0 {
		workers = 32
	}
	sample := lc.SampleSize
	if sample <= 0 {
		sample = defaultSample
	}
	var sum LinkSummary
	jobs := make(chan Link)
	results := make(chan LinkResult)
	skipped := make(chan struct{})
	produced := make(chan struct{})
	go func() {
		defer close(produced)
		defer close(jobs)
		seen := map[uint64]struct{}{}
		seed := maphash.MakeSeed()
		for l := range links {
			h := maphash.String(seed, l.URL)
			if _, dup := seen[h]; dup {
				continue
			}
			seen[h] = struct{}{}
			if !isHTTPURL(l.URL) {
				select {
				case skipped <- struct{}{}:
					continue
				case <-ctx.Done():
					return
				}
			}
			select {
			case jobs <- l:
			case <-ctx.Done():
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for l := range jobs {
				results <- lc.Check(ctx, l)
			}
		}()
	}
	go func() { wg.Wait(); close(results) }()
	done := 0
	for results != nil {
		select {
		case <-skipped:
			sum.Skipped++
			done++
		case r, ok := <-results:
			if !ok {
				results = nil
				continue
			}
			done++
			sum.add(r, sample, lc.KeepAll)
		}
		if lc.Progress != nil {
			lc.Progress(done, total)
		}
	}
	<-produced
	return sum
}

func isHTTPURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// Check checks one link. An API description (an endpointDescription, or
// a conformsTo that looks like an OpenAPI file) is fetched with the
// portal's Origin, and its first 4 MiB are read to tell what it is
// (SniffAPIDescription) and whether CORS lets the portal read it. Any
// other link gets a HEAD, or a GET of its first byte when HEAD is refused
// with 405 or 501. Redirects are followed; a final 2xx or 3xx status is
// OK, and for an endpointURL also 401, 403 and 405 (an API that wants a
// key, or another method, answers there).
func (lc *LinkChecker) Check(ctx context.Context, l Link) LinkResult {
	return CheckLink(ctx, lc.Client, lc.Origin, l)
}

// CheckLink checks one link as LinkChecker.Check does, with client, the
// portal's origin being origin (DefaultPortalOrigin when empty): for the
// workers of the shared link queue.
func CheckLink(ctx context.Context, client *outbound.Client, origin string, l Link) (res LinkResult) {
	if origin == "" {
		origin = DefaultPortalOrigin
	}
	res = LinkResult{Link: l}
	start := time.Now()
	defer func() { res.DurationMs = time.Since(start).Milliseconds() }()
	if l.isAPIDescription() {
		checkAPIDescription(ctx, client, origin, &res)
		return res
	}
	resp, err := client.Head(ctx, l.URL, nil)
	if err == nil && (resp.StatusCode == http.StatusMethodNotAllowed || resp.StatusCode == http.StatusNotImplemented) {
		resp.Body.Close()
		resp, err = client.Get(ctx, l.URL, http.Header{"Range": {"bytes=0-0"}})
	}
	if err != nil {
		res.Error = linkError(err)
		return res
	}
	resp.Body.Close()
	res.Status = resp.StatusCode
	res.OK = resp.StatusCode >= 200 && resp.StatusCode < 400
	if !res.OK && l.has(KindEndpointURL) {
		switch resp.StatusCode {
		case http.StatusUnauthorized, http.StatusForbidden, http.StatusMethodNotAllowed:
			res.OK = true
		}
	}
	return res
}

// specAccept asks for an OpenAPI document in JSON or YAML.
const specAccept = "application/vnd.oai.openapi+json, application/json, application/vnd.oai.openapi, application/yaml;q=0.9, text/yaml;q=0.9, */*;q=0.1"

// checkAPIDescription fetches an API description as the portal would (with
// its Origin) and says what it is and whether CORS lets the portal read
// it. Only the head of the body is read; the connection is then closed.
func checkAPIDescription(ctx context.Context, client *outbound.Client, origin string, res *LinkResult) {
	resp, err := client.Get(ctx, res.URL, http.Header{"Origin": {origin}, "Accept": {specAccept}})
	if err != nil {
		res.Error = linkError(err)
		return
	}
	defer resp.Body.Close()
	res.Status = resp.StatusCode
	res.OK = resp.StatusCode >= 200 && resp.StatusCode < 400
	if !res.OK {
		return
	}
	res.API = SniffAPIDescription(resp.Header.Get("Content-Type"), resp.Body)
	acao := resp.Header.Get("Access-Control-Allow-Origin")
	cors := acao == "*" || acao == origin
	res.CORS = &cors
}

// linkError is a short reason for a failed link request, fit to publish.
func linkError(err error) string { return outbound.PublicError(err) }
