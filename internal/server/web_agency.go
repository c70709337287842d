package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"sort"

	"github.com/gin-gonic/gin"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/internal/chart"
	"github.com/katalog-se/katalog/internal/i18n"
	"github.com/katalog-se/katalog/internal/readiness"
	"github.com/katalog-se/katalog/internal/score"
)

// agencyData is everything an agency's page shows: what the CLI's score
// table shows (every rule with its points, evidence and advice, the
// channels with their sources and dates) and more: next steps that fit the
// agency's state, its checks with their findings, its links, its own
// catalog as observed, the portal's word, and its datasets.
type agencyData struct {
	A      *catalog.Agency
	Name   string
	NameEn string
	// Card is nil while the agency has no score.
	Card     *scorecard
	Steps    []step
	Checks   []checkRow
	Checked  int
	Latest   *checkView
	Links    linksView
	Observed *observedBody
	ObsNote  string
	Portal   *catalog.PortalStatus
	Datasets []datasetRow
	Total    int
	// Steward is set when the visitor is signed in for this agency.
	Steward *stewardView
	// Convention is the conventional catalog address under the homepage.
	Convention string
	CanCheck   bool
	// Import sums up the agency's last import; nil when it has none.
	Import *importSummary
}

// scorecard is the agency's score, ready to show.
type scorecard struct {
	S        *score.AgencyScore
	Channels []channelView
	MQA      template.HTML
	History  template.HTML
	Peers    *score.Comparison
	// PortalState is listed, notListed or unknown.
	PortalState string
}

// channelView is one channel: yes, no or unknown, with each source's word.
type channelView struct {
	ID       string
	Label    i18n.Text
	State    string
	Findings []score.Finding
}

// datasetRow is one dataset of the agency, with its formats as the MQA
// lists judge them and its result in the score.
type datasetRow struct {
	ID, Title, TitleEn string
	Formats            []score.FormatJudgement
	APIs               int
	Result             *score.DatasetResult
}

// agencyPage is the agency's scorecard and everything behind it.
func (s *Server) agencyPage(c *gin.Context) {
	_, a, ok := s.agencyParam(c)
	if !ok {
		return
	}
	l := s.pageLang(c)
	d, err := s.agencyData(c.Request.Context(), a, l, s.session(c))
	if err != nil {
		s.internal(c, err)
		return
	}
	s.render(c, page{name: "agency", nav: "home", title: i18n.Text{SV: d.Name, EN: d.Name}, data: d})
}

// agencyData gathers the agency page; the parts that only add to it (a
// chart, the peers) are left out when they cannot be read.
func (s *Server) agencyData(ctx context.Context, a *catalog.Agency, l i18n.Lang, se *session) (*agencyData, error) {
	d := &agencyData{A: a, Name: a.Name.Get(string(l), "sv", "en"), NameEn: a.Name["en"]}
	if l == i18n.EN {
		d.NameEn = a.Name["sv"]
	}
	if urls := catalog.ConventionURLs(a.Homepage); len(urls) > 0 {
		d.Convention = urls[0]
	}
	d.CanCheck = s.deps.Checks != nil && a.HarvestURL != ""
	var err error
	if d.Card, err = s.loadScorecard(ctx, a, l); err != nil {
		return nil, err
	}
	if err := s.loadChecks(ctx, d); err != nil {
		return nil, err
	}
	d.Import = s.lastImport(ctx, a.OrgNumber)
	if err := s.loadOwn(ctx, d); err != nil {
		return nil, err
	}
	if err := s.loadDatasets(ctx, d); err != nil {
		return nil, err
	}
	if se != nil && se.Org == a.OrgNumber {
		if d.Steward, err = s.stewardView(ctx, se); err != nil {
			return nil, err
		}
	}
	d.Steps = nextSteps(d)
	return d, nil
}

// loadScorecard reads the agency's latest score; nil without scores.
func (s *Server) loadScorecard(ctx context.Context, a *catalog.Agency, l i18n.Lang) (*scorecard, error) {
	if s.deps.Scores == nil || s.deps.ScoreHistory == nil {
		return nil, nil
	}
	rec, err := s.deps.Scores.Latest(ctx, a.OrgNumber)
	if errors.Is(err, catalog.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("score of %s: %w", a.OrgNumber, err)
	}
	var sc score.AgencyScore
	if err := json.Unmarshal(rec.Score, &sc); err != nil {
		return nil, fmt.Errorf("score of %s: %w", a.OrgNumber, err)
	}
	card := &scorecard{S: &sc, PortalState: sc.Channels.PortalState()}
	ch, ev := sc.Channels, sc.ChannelEvidence
	state := func(on bool) string {
		if on {
			return "yes"
		}
		return "no"
	}
	portal := "unknown"
	if ch.Portal != nil {
		portal = state(*ch.Portal)
	}
	card.Channels = []channelView{
		{ID: "documents", Label: i18n.Text{SV: "Dokument", EN: "Documents"}, State: state(ch.Documents), Findings: ev.Documents},
		{ID: "files", Label: i18n.Text{SV: "Filer för nedladdning", EN: "Files for download"}, State: state(ch.Files), Findings: ev.Files},
		{ID: "open", Label: i18n.Text{SV: "Öppna maskinläsbara format", EN: "Open machine-readable formats"}, State: state(ch.OpenMachineReadable), Findings: ev.OpenMachineReadable},
		{ID: "api", Label: i18n.Text{SV: "API", EN: "API"}, State: state(ch.API), Findings: ev.API},
		{ID: "portal", Label: i18n.Text{SV: "Sveriges dataportal", EN: "Sveriges dataportal"}, State: portal, Findings: ev.Portal},
	}
	var bars []chart.Bar
	for _, dim := range sc.MQA.Dimensions {
		bars = append(bars, chart.Bar{Label: l.Text(i18n.Dimension(dim.ID)), Value: dim.Points, Max: float64(dim.Max),
			Text: l.Num(dim.Points, 1) + l.Pick(" av ", " of ") + l.Int(dim.Max)})
	}
	card.MQA = chart.Bars(chart.BarsOptions{ID: "mqa-dimensions", Title: l.Pick("MQA-poäng per dimension", "MQA points by dimension"),
		Head: [2]string{l.Pick("Dimension", "Dimension"), l.Pick("Poäng", "Points")}, Lang: l}, bars)
	if hist, _, err := s.deps.ScoreHistory.Scores(ctx, a.OrgNumber, catalog.Page{Number: 1, Limit: 60}, false); err == nil {
		card.History = scoreChart(hist, l)
	}
	card.Peers = s.peers(ctx, a)
	return card, nil
}

// scoreChart draws the totals of hist (newest first) over time.
func scoreChart(hist []catalog.ScoreRecord, l i18n.Lang) template.HTML {
	pts := make([]chart.Point, 0, len(hist))
	for i := len(hist) - 1; i >= 0; i-- {
		pts = append(pts, chart.Point{At: hist[i].ComputedAt, Value: hist[i].Total,
			Break: i < len(hist)-1 && hist[i].ModelVersion != hist[i+1].ModelVersion})
	}
	return chart.Line(chart.LineOptions{ID: "score-history", Title: l.Pick("Totalpoäng över tid", "Total score over time"),
		Unit: l.Pick("poäng av 100", "points of 100"), Lang: l, Max: 100, Format: func(v float64) string { return l.Num(v, 0) },
		BreakNote: l.Pick("Ny modellversion här.", "A new model version here.")}, pts)
}

// peers compares a with the agencies of its size class by their latest
// totals; nil when it has no size class or the comparison cannot be made.
func (s *Server) peers(ctx context.Context, a *catalog.Agency) *score.Comparison {
	if a.SizeClass == "" {
		return nil
	}
	agencies, _, err := s.deps.Store.Agencies(ctx, catalog.Page{})
	if err != nil {
		return nil
	}
	totals, err := s.latestTotals(ctx) // the dataset counts are not needed
	if err != nil {
		return nil
	}
	var peers []score.Peer
	for _, ag := range agencies {
		if t, ok := totals[ag.OrgNumber]; ok && ag.SizeClass == a.SizeClass {
			peers = append(peers, score.Peer{OrgNumber: ag.OrgNumber, SizeClass: ag.SizeClass, Total: int(t.Total)})
		}
	}
	c, err := score.ComparePeers(a.OrgNumber, peers)
	if err != nil {
		return nil
	}
	return &c
}

// loadChecks reads the latest checks, the latest finished one's findings
// and the link table.
func (s *Server) loadChecks(ctx context.Context, d *agencyData) error {
	if s.deps.CheckHistory != nil {
		recs, total, err := s.deps.CheckHistory.Checks(ctx, d.A.OrgNumber, catalog.Page{Number: 1, Limit: 10})
		if err != nil {
			return err
		}
		d.Checked = total
		for i := range recs {
			row := checkRowOf(&recs[i])
			d.Checks = append(d.Checks, row)
			if d.Latest == nil && recs[i].Status != catalog.StatusRunning && recs[i].Status != catalog.StatusMissed {
				d.Latest = checkViewOf(&recs[i])
			}
		}
	}
	links, err := s.deps.Store.Links(ctx, d.A.OrgNumber)
	if err != nil {
		return err
	}
	d.Links = linksViewOf(links, 100)
	return nil
}

// loadOwn reads the agency's own catalog as observed and the portal's word.
func (s *Server) loadOwn(ctx context.Context, d *agencyData) error {
	obs, err := s.observedView(ctx, d.A.OrgNumber, catalog.Page{Number: 1, Limit: 5})
	if err != nil {
		return err
	}
	d.Observed = obs
	p, err := s.deps.Store.LatestPortalStatus(ctx, d.A.OrgNumber)
	switch {
	case err == nil:
		d.Portal = p
	case !errors.Is(err, catalog.ErrNotFound):
		return err
	}
	return nil
}

// loadDatasets reads the first page of the agency's hosted datasets with
// their results in the score.
func (s *Server) loadDatasets(ctx context.Context, d *agencyData) error {
	ds, total, err := s.deps.Store.Datasets(ctx, d.A.OrgNumber, catalog.Page{Number: 1, Limit: pageRows})
	if err != nil {
		return err
	}
	d.Total = total
	results := map[string]*score.DatasetResult{}
	if d.Card != nil {
		for i := range d.Card.S.Datasets {
			r := &d.Card.S.Datasets[i]
			if r.Source == score.SourceKatalog {
				results[r.ID] = r
			}
		}
	}
	d.Datasets = datasetRows(ds, results)
	return nil
}

// datasetRows are the rows of an agency page's dataset table.
func datasetRows(ds []catalog.Dataset, results map[string]*score.DatasetResult) []datasetRow {
	rows := make([]datasetRow, 0, len(ds))
	for _, d := range ds {
		seen := map[string]bool{}
		var formats []score.FormatJudgement
		for _, dist := range d.Distributions {
			if dist.Format != "" && !seen[dist.Format] {
				seen[dist.Format] = true
				formats = append(formats, score.JudgeFormat(dist.Format))
			}
		}
		sort.Slice(formats, func(i, j int) bool { return formats[i].Name < formats[j].Name })
		rows = append(rows, datasetRow{ID: d.ID, Title: d.Title.Get("sv", "en"), TitleEn: d.Title["en"], Formats: formats,
			APIs: len(d.DataServices), Result: results[d.ID]})
	}
	return rows
}

// checkRow is one check in the history table, with its reason when it was
// not ready.
type checkRow struct {
	Rec    *catalog.CheckRecord
	Reason i18n.Text
	Errors int
}

// checkView is one check's whole report.
type checkView struct {
	Rec    *catalog.CheckRecord
	Result *readiness.Result
	// Failure is why a check could not be completed.
	Failure string
	Errors  []readiness.Finding
	Others  []readiness.Finding
}

// checkRowOf sums up a check: for one that was not ready, its first error.
func checkRowOf(rec *catalog.CheckRecord) checkRow {
	row := checkRow{Rec: rec}
	v := checkViewOf(rec)
	switch {
	case v.Failure != "":
		row.Reason = i18n.Text{SV: "Kontrollen kunde inte genomföras: " + v.Failure, EN: "The check could not be completed: " + v.Failure}
	case len(v.Errors) > 0:
		row.Reason, row.Errors = v.Errors[0].Message, len(v.Errors)
	}
	return row
}

// checkViewOf reads a check's stored report: the readiness result, or the
// error of a check that could not be completed.
func checkViewOf(rec *catalog.CheckRecord) *checkView {
	v := &checkView{Rec: rec}
	if len(rec.Result) == 0 {
		return v
	}
	var res readiness.Result
	if err := json.Unmarshal(rec.Result, &res); err == nil && res.URL != "" {
		v.Result = &res
		for _, f := range res.Findings {
			if f.Severity == readiness.SeverityError {
				v.Errors = append(v.Errors, f)
			} else {
				v.Others = append(v.Others, f)
			}
		}
		return v
	}
	var failed struct {
		Error string `json:"error"`
	}
	if json.Unmarshal(rec.Result, &failed) == nil {
		v.Failure = failed.Error
	}
	return v
}

// linksView is the agency's link table: counts, and the broken links
// first, each with since when.
type linksView struct {
	Checked, OK, Broken int
	BrokenRows          []catalog.LinkResult
	More                int
}

// linksViewOf sums up links and keeps up to limit broken ones, the
// longest broken first.
func linksViewOf(links []catalog.LinkResult, limit int) linksView {
	v := linksView{Checked: len(links)}
	for _, lr := range links {
		if lr.OK {
			v.OK++
			continue
		}
		v.Broken++
		v.BrokenRows = append(v.BrokenRows, lr)
	}
	sort.SliceStable(v.BrokenRows, func(i, j int) bool {
		a, b := v.BrokenRows[i].BrokenSince, v.BrokenRows[j].BrokenSince
		return a != nil && (b == nil || a.Before(*b))
	})
	if len(v.BrokenRows) > limit {
		v.More = len(v.BrokenRows) - limit
		v.BrokenRows = v.BrokenRows[:limit]
	}
	return v
}
