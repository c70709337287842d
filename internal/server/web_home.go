package server

import (
	"bytes"
	"context"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/internal/i18n"
	"github.com/katalog-se/katalog/internal/report"
)

// overviewStore is what a store may offer for the list of all agencies:
// the totals without the score documents and the dataset counts, each in
// one statement. Without it the list asks per agency.
type overviewStore interface {
	LatestScoreTotals(ctx context.Context) ([]catalog.ScoreRecord, error)
	DatasetCounts(ctx context.Context) (map[catalog.OrgNumber]int, error)
}

// agencyRow is one agency in the list of all agencies.
type agencyRow struct {
	Org                    catalog.OrgNumber
	Name, NameEn, Short    string
	Department, Size       string
	Datasets, Total, Level int
	Scored                 bool
	// Portal is listed, notListed or unknown (never synced).
	Portal string
	key    []byte
}

// listFilter is the list's query: search, filters and sort, all in the URL
// so that a filtered list can be linked to and works without a script.
type listFilter struct {
	Q, Size, Dept, Portal, Sort string
	// Level is the level to show (-1: any); MinScore the lowest total.
	Level, MinScore int
}

// sortHeader is a sortable column's header.
type sortHeader struct {
	Key   string
	Label i18n.Text
	Href  string
	// Aria is "ascending", "descending" or "" (not sorted by it).
	Aria string
	Num  bool
}

// homeData is the home page's data.
type homeData struct {
	Agencies, Datasets int
	Report             *report.Report
	Cards              []report.Card
	Rows               []agencyRow
	F                  listFilter
	Filtered           bool
	Sizes, Depts       []string
	Cols               []sortHeader
}

// homePage lists every agency with its score, level and portal status,
// searchable, filterable and sortable by query parameters, under the
// latest report's headline indicators.
func (s *Server) homePage(c *gin.Context) {
	l := s.pageLang(c)
	d, err := s.homeData(c.Request.Context(), readFilter(c), l)
	if err != nil {
		s.internal(c, err)
		return
	}
	s.render(c, page{name: "home", nav: "home", title: i18n.Text{SV: "Myndigheternas datakataloger", EN: "Agencies' data catalogs"}, data: d})
}

// readFilter reads the list's query parameters; what is not understood
// counts as not given.
func readFilter(c *gin.Context) listFilter {
	f := listFilter{Q: strings.TrimSpace(c.Query("q")), Size: c.Query("size"), Dept: c.Query("dept"), Portal: c.Query("portal"), Sort: c.Query("sort"), Level: -1}
	if n, err := strconv.Atoi(c.Query("level")); err == nil && n >= 0 && n <= 5 {
		f.Level = n
	}
	if n, err := strconv.Atoi(c.Query("min")); err == nil && n > 0 && n <= 100 {
		f.MinScore = n
	}
	if len(f.Q) > 200 {
		f.Q = f.Q[:200]
	}
	return f
}

// homeData gathers the list: every agency with its latest total and level,
// dataset count and portal status, filtered and sorted.
func (s *Server) homeData(ctx context.Context, f listFilter, l i18n.Lang) (*homeData, error) {
	rows, err := s.agencyRows(ctx, l)
	if err != nil {
		return nil, err
	}
	d := &homeData{Agencies: len(rows), F: f}
	sizes, depts := map[string]bool{}, map[string]bool{}
	for _, r := range rows {
		d.Datasets += r.Datasets
		if k := i18n.SizeClassKey(r.Size); k != "" {
			sizes[k] = true
		}
		if r.Department != "" {
			depts[r.Department] = true
		}
	}
	for _, k := range i18n.SizeClasses {
		if sizes[k] {
			d.Sizes = append(d.Sizes, k)
		}
	}
	for k := range depts {
		d.Depts = append(d.Depts, k)
	}
	sortStrings(d.Depts, l)
	d.Rows = filterRows(rows, f)
	d.Filtered = len(d.Rows) != len(rows)
	sortAgencyRows(d.Rows, f.Sort)
	d.Cols = listHeaders(f)
	if s.deps.Reports != nil {
		dash, err := s.deps.Reports.Dashboard(ctx)
		if err != nil {
			return nil, err
		}
		if d.Report = dash.Report; d.Report != nil {
			d.Cards = report.Cards(d.Report, l)
		}
	}
	return d, nil
}

// agencyRows reads every agency with its latest total, dataset count and
// portal status.
func (s *Server) agencyRows(ctx context.Context, l i18n.Lang) ([]agencyRow, error) {
	agencies, _, err := s.deps.Store.Agencies(ctx, catalog.Page{})
	if err != nil {
		return nil, err
	}
	totals, counts, err := s.overview(ctx)
	if err != nil {
		return nil, err
	}
	portal := map[catalog.OrgNumber]string{}
	statuses, err := s.deps.Store.LatestPortalStatuses(ctx)
	if err != nil {
		return nil, err
	}
	for _, p := range statuses {
		portal[p.Agency] = p.Status
	}
	col := collate.New(collator(l), collate.IgnoreCase)
	var buf collate.Buffer
	rows := make([]agencyRow, 0, len(agencies))
	for _, a := range agencies {
		r := agencyRow{Org: a.OrgNumber, Name: a.Name.Get(string(l), "sv", "en"), NameEn: a.Name["en"], Short: a.ShortName,
			Department: a.Department, Size: a.SizeClass, Datasets: counts[a.OrgNumber], Portal: catalog.PortalUnknown}
		if st, ok := portal[a.OrgNumber]; ok && st != "" {
			r.Portal = st
		}
		if t, ok := totals[a.OrgNumber]; ok {
			r.Scored, r.Total, r.Level = true, int(t.Total), t.Level
		}
		r.key = append([]byte(nil), col.KeyFromString(&buf, r.Name)...)
		buf.Reset()
		rows = append(rows, r)
	}
	return rows, nil
}

// collator is the collation of l: Swedish puts å, ä and ö after z.
func collator(l i18n.Lang) language.Tag {
	if l == i18n.EN {
		return language.English
	}
	return language.Swedish
}

// sortStrings sorts names as l does.
func sortStrings(names []string, l i18n.Lang) {
	collate.New(collator(l), collate.IgnoreCase).SortStrings(names)
}

// overview reads the latest totals and dataset counts of every agency, in
// one statement each when the store can.
func (s *Server) overview(ctx context.Context) (map[catalog.OrgNumber]catalog.ScoreRecord, map[catalog.OrgNumber]int, error) {
	totals, err := s.latestTotals(ctx)
	if err != nil {
		return nil, nil, err
	}
	ov, ok := s.deps.Store.(overviewStore)
	if !ok {
		return totals, map[catalog.OrgNumber]int{}, nil
	}
	counts, err := ov.DatasetCounts(ctx)
	return totals, counts, err
}

// latestTotals reads every agency's latest total, in one statement when
// the store can (else none).
func (s *Server) latestTotals(ctx context.Context) (map[catalog.OrgNumber]catalog.ScoreRecord, error) {
	totals := map[catalog.OrgNumber]catalog.ScoreRecord{}
	ov, ok := s.deps.Store.(overviewStore)
	if !ok {
		return totals, nil
	}
	list, err := ov.LatestScoreTotals(ctx)
	if err != nil {
		return nil, err
	}
	for _, r := range list {
		totals[r.Agency] = r
	}
	return totals, nil
}

// filterRows keeps the rows f asks for.
func filterRows(rows []agencyRow, f listFilter) []agencyRow {
	q := strings.ToLower(f.Q)
	digits := strings.ReplaceAll(q, "-", "")
	out := make([]agencyRow, 0, len(rows))
	for _, r := range rows {
		switch {
		case q != "" && !strings.Contains(strings.ToLower(r.Name), q) && !strings.Contains(strings.ToLower(r.NameEn), q) &&
			!strings.EqualFold(r.Short, q) && !strings.Contains(string(r.Org), digits):
		case f.Size != "" && i18n.SizeClassKey(r.Size) != f.Size:
		case f.Dept != "" && r.Department != f.Dept:
		case f.Portal != "" && r.Portal != f.Portal:
		case f.Level >= 0 && (!r.Scored || r.Level != f.Level):
		case f.MinScore > 0 && (!r.Scored || r.Total < f.MinScore):
		default:
			out = append(out, r)
		}
	}
	return out
}

// sortAgencyRows orders rows by key (name, score, level, datasets, size,
// dept, portal; "-" first for descending), then by name.
func sortAgencyRows(rows []agencyRow, key string) {
	desc := strings.HasPrefix(key, "-")
	key = strings.TrimPrefix(key, "-")
	sizeRank := func(r *agencyRow) int {
		for i, k := range i18n.SizeClasses {
			if i18n.SizeClassKey(r.Size) == k {
				return i + 1
			}
		}
		return 0
	}
	cmp := func(a, b *agencyRow) int {
		switch key {
		case "score":
			return ifScored(a, a.Total) - ifScored(b, b.Total)
		case "level":
			return ifScored(a, a.Level) - ifScored(b, b.Level)
		case "datasets":
			return a.Datasets - b.Datasets
		case "size":
			return sizeRank(a) - sizeRank(b)
		case "dept":
			return strings.Compare(a.Department, b.Department)
		case "portal":
			return strings.Compare(a.Portal, b.Portal)
		}
		return 0
	}
	sort.SliceStable(rows, func(i, j int) bool {
		c := cmp(&rows[i], &rows[j])
		if desc {
			c = -c
		}
		if c == 0 {
			if c = bytes.Compare(rows[i].key, rows[j].key); desc && key == "name" {
				c = -c
			}
		}
		return c < 0
	})
}

// ifScored is v for a scored agency, -1 for one without a score (last
// when sorting down, first up).
func ifScored(r *agencyRow, v int) int {
	if !r.Scored {
		return -1
	}
	return v
}

// listHeaders are the list's sortable columns, each linking to the list
// sorted by it with the filters kept.
func listHeaders(f listFilter) []sortHeader {
	cols := []sortHeader{
		{Key: "name", Label: i18n.Text{SV: "Myndighet", EN: "Agency"}},
		{Key: "score", Label: i18n.Text{SV: "Poäng", EN: "Score"}, Num: true},
		{Key: "level", Label: i18n.Text{SV: "Nivå", EN: "Level"}, Num: true},
		{Key: "datasets", Label: i18n.Text{SV: "Datamängder", EN: "Datasets"}, Num: true},
		{Key: "size", Label: i18n.Text{SV: "Storlek", EN: "Size"}},
		{Key: "dept", Label: i18n.Text{SV: "Departement", EN: "Ministry"}},
		{Key: "portal", Label: i18n.Text{SV: "Dataportalen", EN: "Portal"}},
	}
	current := f.Sort
	if current == "" {
		current = "name"
	}
	for i := range cols {
		h := &cols[i]
		next := h.Key
		if h.Num {
			next = "-" + h.Key // numbers sort highest first on the first click
		}
		switch current {
		case h.Key:
			h.Aria, next = "ascending", "-"+h.Key
		case "-" + h.Key:
			h.Aria, next = "descending", h.Key
		}
		h.Href = "/?" + f.query(next) + "#list"
	}
	return cols
}

// query encodes f with the sort order given.
func (f listFilter) query(sort string) string {
	v := url.Values{}
	for k, val := range map[string]string{"q": f.Q, "size": f.Size, "dept": f.Dept, "portal": f.Portal, "sort": sort} {
		if val != "" {
			v.Set(k, val)
		}
	}
	if f.Level >= 0 {
		v.Set("level", strconv.Itoa(f.Level))
	}
	if f.MinScore > 0 {
		v.Set("min", strconv.Itoa(f.MinScore))
	}
	return v.Encode()
}
