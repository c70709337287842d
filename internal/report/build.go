package report

import (
	"encoding/json"
	"fmt"
	"sort"
	"time"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/internal/score"
)

// trendReports is how many earlier reports a report compares with.
const trendReports = 12

// Snapshot is everything a report is built from.
type Snapshot struct {
	ID           string
	CreatedAt    time.Time
	ModelVersion string
	// Agencies is the whole register (inactive agencies are left out of
	// the report's population); Scores the latest score of each agency
	// that has one (any order).
	Agencies []catalog.Agency
	Scores   []catalog.ScoreRecord
	// Previous is the latest earlier report (nil when none); History the
	// earlier reports, newest first, without bodies (up to twelve are
	// used); Oldest the oldest of the last twelve that share Previous's
	// model version, unbroken, with its body (nil when none).
	Previous *Report
	History  []catalog.ReportRecord
	Oldest   *Report
}

// Build computes a report from a snapshot. It reads nothing else, so the
// same snapshot gives the same report.
//
// Its population is the register's active agencies. Changes are computed
// like with like: over the agencies present in both reports, and only
// against reports of the same model version; a change of population is
// reported as one (Population), never as a trend.
func Build(s Snapshot) (*Report, error) {
	byOrg := make(map[catalog.OrgNumber]*catalog.ScoreRecord, len(s.Scores))
	for i := range s.Scores {
		byOrg[s.Scores[i].Agency] = &s.Scores[i]
	}
	rep := &Report{ID: s.ID, CreatedAt: s.CreatedAt.UTC(), ModelVersion: s.ModelVersion,
		Rows: make([]Row, 0, len(s.Agencies))}
	for i := range s.Agencies {
		a := &s.Agencies[i]
		if !a.Active {
			rep.Inactive++
			continue
		}
		row, err := newRow(a, byOrg[a.OrgNumber])
		if err != nil {
			return nil, err
		}
		if row.Scored {
			rep.Scored++
		}
		rep.Rows = append(rep.Rows, row)
	}
	rep.Agencies = len(rep.Rows)
	sort.Slice(rep.Rows, func(i, j int) bool { return rep.Rows[i].OrgNumber < rep.Rows[j].OrgNumber })
	all := rowPointers(rep.Rows, nil)
	rep.Indicators = describe(indicators(all))
	rep.MQA = mqaDistribution(all)
	rep.Groups = groups(all)

	history, err := decodeHistory(s.History)
	if err != nil {
		return nil, err
	}
	rep.Trend = trend(history, rep)
	prev := s.Previous
	if prev != nil {
		rep.Population = population(prev.Rows, rep.Rows)
		if prev.ModelVersion == s.ModelVersion {
			rep.Previous = prev.ID
			changesSince(rep, prev, func(i *Indicator, c *float64) { i.Change = c })
			groupChanges(rep, prev)
		}
		if o := s.Oldest; o != nil && o.ModelVersion == s.ModelVersion {
			changesSince(rep, o, func(i *Indicator, c *float64) { i.Change12 = c })
		}
	}
	rep.Movers = movers(prev, rep.Rows)
	return rep, nil
}

// rowPointers points at the rows, only those whose organisation numbers
// keep says when keep is not nil.
func rowPointers(rows []Row, keep map[string]bool) []*Row {
	out := make([]*Row, 0, len(rows))
	for i := range rows {
		if keep == nil || keep[rows[i].OrgNumber] {
			out = append(out, &rows[i])
		}
	}
	return out
}

// orgSet is the organisation numbers of rows.
func orgSet(rows []Row) map[string]bool {
	out := make(map[string]bool, len(rows))
	for i := range rows {
		out[rows[i].OrgNumber] = true
	}
	return out
}

// population compares the agencies of two reports.
func population(then, now []Row) *Population {
	before := orgSet(then)
	p := &Population{Previous: len(then), Current: len(now)}
	for i := range now {
		if before[now[i].OrgNumber] {
			p.Common++
		} else {
			p.Joined++
		}
	}
	p.Left = p.Previous - p.Common
	return p
}

// past is an earlier report's overall indicators.
type past struct {
	rec        *catalog.ReportRecord
	indicators []Indicator
}

func decodeHistory(recs []catalog.ReportRecord) ([]past, error) {
	if len(recs) > trendReports {
		recs = recs[:trendReports]
	}
	out := make([]past, 0, len(recs))
	for i := range recs {
		var ind []Indicator
		if err := json.Unmarshal(recs[i].Indicators, &ind); err != nil {
			return nil, fmt.Errorf("report: indicators of report %s: %w", recs[i].ID, err)
		}
		out = append(out, past{rec: &recs[i], indicators: ind})
	}
	return out, nil
}

func change(now Indicator, then []Indicator) *float64 {
	old, ok := find(then, now.ID)
	if !ok || old.Of == 0 || now.Of == 0 {
		return nil
	}
	d := round4(now.Headline() - old.Headline())
	return &d
}

// changesSince sets, through set, the change of each overall indicator
// since the report then, computed like with like: both reports' indicators
// over the agencies present in both.
func changesSince(rep *Report, then *Report, set func(*Indicator, *float64)) {
	inThen, inNow := orgSet(then.Rows), orgSet(rep.Rows)
	now := indicators(rowPointers(rep.Rows, inThen))
	old := indicators(rowPointers(then.Rows, inNow))
	for i := range rep.Indicators {
		if n, ok := find(now, rep.Indicators[i].ID); ok {
			set(&rep.Indicators[i], change(n, old))
		}
	}
}

// groupChanges sets the change of each group's indicators since prev,
// over the group's agencies that are in both reports (each compared with
// its own row in prev).
func groupChanges(rep *Report, prev *Report) {
	before := make(map[string]*Row, len(prev.Rows))
	for i := range prev.Rows {
		before[prev.Rows[i].OrgNumber] = &prev.Rows[i]
	}
	members := map[[2]string][]*Row{}
	for i := range rep.Rows {
		r := &rep.Rows[i]
		if before[r.OrgNumber] == nil {
			continue
		}
		for _, d := range groupDims {
			k := [2]string{d.name, groupKey(d.key(r))}
			members[k] = append(members[k], r)
		}
	}
	for gi := range rep.Groups {
		g := &rep.Groups[gi]
		now := members[[2]string{g.Dimension, g.Key}]
		if len(now) == 0 {
			continue
		}
		then := make([]*Row, len(now))
		for i, r := range now {
			then[i] = before[r.OrgNumber]
		}
		nowInd, oldInd := indicators(now), indicators(then)
		for i := range g.Indicators {
			if n, ok := find(nowInd, g.Indicators[i].ID); ok {
				g.Indicators[i].Change = change(n, oldInd)
			}
		}
	}
}

// trend is the earlier reports, oldest first, and this one, each with its
// population.
func trend(history []past, rep *Report) []TrendPoint {
	out := make([]TrendPoint, 0, len(history)+1)
	point := func(id string, at time.Time, version string, agencies int, ind []Indicator) TrendPoint {
		v := make(map[string]float64, len(ind))
		for _, i := range ind {
			if i.Of > 0 {
				v[i.ID] = i.Headline()
			}
		}
		return TrendPoint{ID: id, CreatedAt: at.UTC(), ModelVersion: version, Agencies: agencies, Values: v}
	}
	for i := len(history) - 1; i >= 0; i-- {
		h := history[i]
		out = append(out, point(h.rec.ID, h.rec.CreatedAt, h.rec.ModelVersion, h.rec.Agencies, h.indicators))
	}
	return append(out, point(rep.ID, rep.CreatedAt, rep.ModelVersion, rep.Agencies, rep.Indicators))
}

// movers lists the agencies whose level changed since prev, biggest
// moves first.
func movers(prev *Report, rows []Row) []Mover {
	out := []Mover{}
	if prev == nil {
		return out
	}
	before := make(map[string]*Row, len(prev.Rows))
	for i := range prev.Rows {
		before[prev.Rows[i].OrgNumber] = &prev.Rows[i]
	}
	for i := range rows {
		r := &rows[i]
		b, ok := before[r.OrgNumber]
		if !ok || !b.Scored || !r.Scored || b.Level == r.Level {
			continue
		}
		out = append(out, Mover{OrgNumber: r.OrgNumber, Name: r.Name, From: b.Level, To: r.Level, FromTotal: b.Total, ToTotal: r.Total})
	}
	sort.SliceStable(out, func(i, j int) bool {
		di, dj := out[i].To-out[i].From, out[j].To-out[j].From
		if di != dj {
			return di > dj
		}
		return out[i].OrgNumber < out[j].OrgNumber
	})
	return out
}

// groupDims are the dimensions a report groups agencies by.
var groupDims = []struct {
	name string
	key  func(*Row) string
}{
	{DimSizeClass, func(r *Row) string { return r.SizeClass }},
	{DimDepartment, func(r *Row) string { return r.Department }},
	{DimGroup, func(r *Row) string { return r.Group }},
}

// groupKey is the group of a dimension's value: UnknownKey for none.
func groupKey(v string) string {
	if v == "" {
		return UnknownKey
	}
	return v
}

// groups computes the indicators per size class, department and agency type.
func groups(rows []*Row) []Group {
	var out []Group
	for _, d := range groupDims {
		members := map[string][]*Row{}
		minStaff := map[string]int{}
		for _, r := range rows {
			k := groupKey(d.key(r))
			if _, ok := members[k]; !ok || r.Staff < minStaff[k] {
				minStaff[k] = r.Staff
			}
			members[k] = append(members[k], r)
		}
		keys := make([]string, 0, len(members))
		for k := range members {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool {
			a, b := keys[i], keys[j]
			if (a == UnknownKey) != (b == UnknownKey) {
				return b == UnknownKey
			}
			if d.name == DimSizeClass && minStaff[a] != minStaff[b] {
				return minStaff[a] < minStaff[b]
			}
			return a < b
		})
		for _, k := range keys {
			out = append(out, Group{Dimension: d.name, Key: k, Agencies: len(members[k]), Indicators: indicators(members[k])})
		}
	}
	if out == nil {
		out = []Group{}
	}
	return out
}

// Rating bands of the MQA (points from).
var bands = []struct {
	rating string
	from   int
}{{"Excellent", 351}, {"Good", 221}, {"Sufficient", 121}, {"Bad", 0}}

// mqaDistribution summarises the MQA points of the agencies that publish.
func mqaDistribution(rows []*Row) MQA {
	var pts []int
	for _, r := range rows {
		if r.publishes() {
			pts = append(pts, r.MQAPoints)
		}
	}
	m := MQA{Agencies: len(pts), Bands: make([]Band, len(bands))}
	for i, b := range bands {
		m.Bands[i] = Band{Rating: b.rating, Of: len(pts)}
	}
	const width = 50
	for from := 0; from <= score.MQAMax; from += width {
		m.Histogram = append(m.Histogram, Bucket{From: from, To: min(from+width-1, score.MQAMax)})
	}
	if len(pts) == 0 {
		return m
	}
	sort.Ints(pts)
	sum := 0
	for _, p := range pts {
		sum += p
		for i, b := range bands {
			if p >= b.from {
				m.Bands[i].Count++
				break
			}
		}
		m.Histogram[min(max(p, 0)/width, len(m.Histogram)-1)].Count++
	}
	for i := range m.Bands {
		m.Bands[i].Share = round4(float64(m.Bands[i].Count) / float64(len(pts)))
	}
	m.Mean = round4(float64(sum) / float64(len(pts)))
	n := len(pts)
	if n%2 == 1 {
		m.Median = float64(pts[n/2])
	} else {
		m.Median = float64(pts[n/2-1]+pts[n/2]) / 2
	}
	return m
}
