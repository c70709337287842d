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
	// Agencies is the whole register; Scores the latest score of each
	// agency that has one (any order).
	Agencies []catalog.Agency
	Scores   []catalog.ScoreRecord
	// Previous is the latest earlier report (nil when none); History the
	// earlier reports, newest first, without bodies (up to twelve are used).
	Previous *Report
	History  []catalog.ReportRecord
}

// Build computes a report from a snapshot. It reads nothing else, so the
// same snapshot gives the same report.
func Build(s Snapshot) (*Report, error) {
	byOrg := make(map[catalog.OrgNumber]*catalog.ScoreRecord, len(s.Scores))
	for i := range s.Scores {
		byOrg[s.Scores[i].Agency] = &s.Scores[i]
	}
	rep := &Report{ID: s.ID, CreatedAt: s.CreatedAt.UTC(), ModelVersion: s.ModelVersion, Agencies: len(s.Agencies),
		Rows: make([]Row, 0, len(s.Agencies))}
	for i := range s.Agencies {
		row, err := newRow(&s.Agencies[i], byOrg[s.Agencies[i].OrgNumber])
		if err != nil {
			return nil, err
		}
		if row.Scored {
			rep.Scored++
		}
		rep.Rows = append(rep.Rows, row)
	}
	sort.Slice(rep.Rows, func(i, j int) bool { return rep.Rows[i].OrgNumber < rep.Rows[j].OrgNumber })
	all := make([]*Row, len(rep.Rows))
	for i := range rep.Rows {
		all[i] = &rep.Rows[i]
	}
	rep.Indicators = indicators(all)
	rep.MQA = mqaDistribution(all)
	rep.Groups = groups(all)

	history, err := decodeHistory(s.History, s.ModelVersion)
	if err != nil {
		return nil, err
	}
	overallChanges(rep.Indicators, history)
	rep.Trend = trend(history, rep)
	prev := s.Previous
	if prev != nil && prev.ModelVersion == s.ModelVersion {
		rep.Previous = prev.ID
		groupChanges(rep.Groups, prev.Groups)
	}
	rep.Movers = movers(prev, rep.Rows)
	return rep, nil
}

// past is an earlier report's overall indicators.
type past struct {
	rec        *catalog.ReportRecord
	indicators []Indicator
	comparable bool
}

func decodeHistory(recs []catalog.ReportRecord, version string) ([]past, error) {
	if len(recs) > trendReports {
		recs = recs[:trendReports]
	}
	out := make([]past, 0, len(recs))
	for i := range recs {
		var ind []Indicator
		if err := json.Unmarshal(recs[i].Indicators, &ind); err != nil {
			return nil, fmt.Errorf("report: indicators of report %s: %w", recs[i].ID, err)
		}
		out = append(out, past{rec: &recs[i], indicators: ind, comparable: recs[i].ModelVersion == version})
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

// overallChanges sets Change (against the newest earlier report) and
// Change12 (against the oldest of the last twelve), each only against
// reports of the same model version.
func overallChanges(ind []Indicator, history []past) {
	var newest, oldest *past
	for i := range history {
		if !history[i].comparable {
			break
		}
		if newest == nil {
			newest = &history[i]
		}
		oldest = &history[i]
	}
	if newest == nil {
		return
	}
	for i := range ind {
		ind[i].Change = change(ind[i], newest.indicators)
		ind[i].Change12 = change(ind[i], oldest.indicators)
	}
}

func groupChanges(now, prev []Group) {
	type key struct{ dim, key string }
	old := make(map[key][]Indicator, len(prev))
	for _, g := range prev {
		old[key{g.Dimension, g.Key}] = g.Indicators
	}
	for gi := range now {
		then, ok := old[key{now[gi].Dimension, now[gi].Key}]
		if !ok {
			continue
		}
		for i := range now[gi].Indicators {
			now[gi].Indicators[i].Change = change(now[gi].Indicators[i], then)
		}
	}
}

// trend is the earlier reports, oldest first, and this one.
func trend(history []past, rep *Report) []TrendPoint {
	out := make([]TrendPoint, 0, len(history)+1)
	point := func(id string, at time.Time, version string, ind []Indicator) TrendPoint {
		v := make(map[string]float64, len(ind))
		for _, i := range ind {
			if i.Of > 0 {
				v[i.ID] = i.Headline()
			}
		}
		return TrendPoint{ID: id, CreatedAt: at.UTC(), ModelVersion: version, Values: v}
	}
	for i := len(history) - 1; i >= 0; i-- {
		h := history[i]
		out = append(out, point(h.rec.ID, h.rec.CreatedAt, h.rec.ModelVersion, h.indicators))
	}
	return append(out, point(rep.ID, rep.CreatedAt, rep.ModelVersion, rep.Indicators))
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

// groups computes the indicators per size class, department and agency type.
func groups(rows []*Row) []Group {
	var out []Group
	dims := []struct {
		name string
		key  func(*Row) string
	}{
		{DimSizeClass, func(r *Row) string { return r.SizeClass }},
		{DimDepartment, func(r *Row) string { return r.Department }},
		{DimGroup, func(r *Row) string { return r.Group }},
	}
	for _, d := range dims {
		members := map[string][]*Row{}
		minStaff := map[string]int{}
		for _, r := range rows {
			k := d.key(r)
			if k == "" {
				k = UnknownKey
			}
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
