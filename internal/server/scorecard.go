package server

import (
	"context"
	"encoding/json"
	"fmt"
	"html/template"
	"strings"
	"time"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/internal/score"
)

// scorecard is what the agency page shows of the agency's score.
type scorecard struct {
	Score    *score.AgencyScore
	Channels []channelBadge
	MQA      []bar
	// BarsHeight is the height of the MQA bars' SVG.
	BarsHeight int
	Top        []score.Improvement
	History    template.HTML // an inline SVG sparkline; empty with fewer than two points
	Peers      *score.Comparison
	Checks     []catalog.CheckRecord
	// Import sums up the agency's last import; nil when it has none.
	Import *importSummary
}

// importSummary is what the scorecard shows of the last import: the
// DCAT-AP-SE findings of the document as the agency published it (kept
// with the import state), and how many blank resources got IRIs.
type importSummary struct {
	Org              catalog.OrgNumber
	At               time.Time
	Errors, Warnings int
	Minted           int
}

// lastImport reads the summary of org's last import, or nil.
func (s *Server) lastImport(ctx context.Context, org catalog.OrgNumber) *importSummary {
	st, err := s.deps.Store.ImportState(ctx, org)
	if err != nil || len(st.Report) == 0 || st.At.IsZero() {
		return nil
	}
	var rep struct {
		Validation  *struct{ Errors, Warnings int } `json:"validation"`
		MintedCount int                             `json:"mintedCount"`
	}
	if json.Unmarshal(st.Report, &rep) != nil || rep.Validation == nil {
		return nil
	}
	return &importSummary{Org: org, At: st.At, Errors: rep.Validation.Errors, Warnings: rep.Validation.Warnings, Minted: rep.MintedCount}
}

type channelBadge struct {
	SV, EN string
	On     bool
}

// bar is one MQA dimension: points of max, and the bar's width in percent.
type bar struct {
	ID          string
	Points, Max float64
	// Width is the bar's length (of 200) and Y its row's top in the SVG.
	Width, Y int
}

// barRow is the height of one MQA bar's row in the SVG.
const barRow = 18

// loadScorecard gathers the scorecard of a; it returns nil when scores are
// not served. Errors of the parts that only add to the page (history,
// peers, checks) leave those parts out.
func (s *Server) loadScorecard(ctx context.Context, a *catalog.Agency) (*scorecard, error) {
	if s.deps.Scores == nil || s.deps.ScoreHistory == nil {
		return nil, nil
	}
	rec, err := s.deps.Scores.Latest(ctx, a.OrgNumber)
	if err != nil {
		return nil, fmt.Errorf("score of %s: %w", a.OrgNumber, err)
	}
	var sc score.AgencyScore
	if err := json.Unmarshal(rec.Score, &sc); err != nil {
		return nil, fmt.Errorf("score of %s: %w", a.OrgNumber, err)
	}
	card := &scorecard{Score: &sc}
	ch := sc.Channels
	card.Channels = []channelBadge{
		{"Dokument", "Documents", ch.Documents}, {"Filer", "Files", ch.Files},
		{"Öppna maskinläsbara format", "Open machine-readable", ch.OpenMachineReadable},
		{"API", "API", ch.API}, {"Sveriges dataportal", "Portal", ch.Portal},
	}
	for i, d := range sc.MQA.Dimensions {
		w := 0
		if d.Max > 0 {
			w = int(200 * d.Points / float64(d.Max))
		}
		card.MQA = append(card.MQA, bar{ID: d.ID, Points: d.Points, Max: float64(d.Max), Width: w, Y: i * barRow})
	}
	card.BarsHeight = len(card.MQA) * barRow
	card.Top = sc.Improvements
	if len(card.Top) > 3 {
		card.Top = card.Top[:3]
	}
	if hist, _, err := s.deps.ScoreHistory.Scores(ctx, a.OrgNumber, catalog.Page{Number: 1, Limit: 24}, false); err == nil {
		card.History = sparkline(hist)
	}
	if all, err := s.deps.ScoreHistory.LatestScores(ctx); err == nil {
		card.Peers = s.peers(ctx, a, all)
	}
	if s.deps.CheckHistory != nil {
		if checks, _, err := s.deps.CheckHistory.Checks(ctx, a.OrgNumber, catalog.Page{Number: 1, Limit: 10}); err == nil {
			card.Checks = checks
		}
	}
	card.Import = s.lastImport(ctx, a.OrgNumber)
	return card, nil
}

// peers compares a with the agencies of its size class by their latest
// totals; nil when it has no size class or no score among them.
func (s *Server) peers(ctx context.Context, a *catalog.Agency, latest []catalog.ScoreRecord) *score.Comparison {
	if a.SizeClass == "" {
		return nil
	}
	var peers []score.Peer
	for _, r := range latest {
		ag, err := s.deps.Store.Agency(ctx, r.Agency)
		if err != nil || ag.SizeClass != a.SizeClass {
			continue
		}
		peers = append(peers, score.Peer{OrgNumber: r.Agency, SizeClass: ag.SizeClass, Total: int(r.Total)})
	}
	c, err := score.ComparePeers(a.OrgNumber, peers)
	if err != nil {
		return nil
	}
	return &c
}

// sparkline draws the totals of hist (newest first) as an inline SVG
// polyline, oldest on the left; "" with fewer than two points. It writes
// only numbers it computed, so the markup is safe.
func sparkline(hist []catalog.ScoreRecord) template.HTML {
	if len(hist) < 2 {
		return ""
	}
	const w, h = 240.0, 48.0
	var pts []string
	n := len(hist)
	for i := range hist {
		r := hist[n-1-i]
		x := w * float64(i) / float64(n-1)
		y := h - 4 - (h-8)*r.Total/100
		pts = append(pts, fmt.Sprintf("%.1f,%.1f", x, y))
	}
	return template.HTML(fmt.Sprintf(`<svg class="spark" width="%g" height="%g" viewBox="0 0 %g %g" role="img" aria-label="Totalpoäng över tid / total over time"><polyline fill="none" stroke="currentColor" stroke-width="2" points="%s"/></svg>`,
		w, h, w, h, strings.Join(pts, " ")))
}
