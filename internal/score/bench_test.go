package score

import (
	"context"
	"fmt"
	"testing"

	"github.com/katalog-se/katalog/catalog"
)

// benchAgencies generates n agencies with total datasets of varied maturity.
func benchAgencies(n, total int) ([]Inputs, [][]catalog.Dataset) {
	ins := make([]Inputs, n)
	dss := make([][]catalog.Dataset, n)
	for i := range n {
		ins[i] = Inputs{Agency: catalog.Agency{OrgNumber: catalog.OrgNumber(fmt.Sprintf("20210%05d", i))}, Now: fixedNow}
		if i%2 == 0 {
			ins[i].Check = &CheckSummary{URL: "https://example.se/dcat", Ready: i%4 == 0, CheckedAt: fixedNow, Links: LinkCounts{Checked: 10, OK: 9, Broken: 1}, Link: okLinks}
			ins[i].Validation = &ValidationSummary{Errors: i % 3}
		}
	}
	for j := range total {
		i := j % n
		d := goodDataset(fmt.Sprintf("%08d-0000-4000-8000-%012d", j, j))
		switch j % 4 {
		case 1:
			d.Distributions[0].Format = "application/pdf"
			d.Keywords = nil
		case 2:
			d.Distributions = append(d.Distributions, catalog.Distribution{ID: "xlsx", AccessURL: "https://example.se/x",
				Format: "application/vnd.ms-excel", License: ccBYNC})
		case 3:
			d.HVDCategory = hvdStats
			d.DataServices = []catalog.DataService{{ID: "api", EndpointURL: "https://api.example.se", EndpointDescription: "https://api.example.se/openapi.json"}}
		}
		dss[i] = append(dss[i], d)
	}
	return ins, dss
}

// BenchmarkScoreAll scores 300 agencies with 100,000 datasets in total.
func BenchmarkScoreAll(b *testing.B) {
	ins, dss := benchAgencies(300, 100_000)
	m := New()
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for i := range ins {
			in := ins[i]
			in.Datasets = stream(dss[i])
			if _, err := m.Score(ctx, in); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/100_000, "ns/dataset")
}

// BenchmarkScoreOne rescores one agency of the 300 (about 333 datasets):
// the incremental case after one agency's data changed.
func BenchmarkScoreOne(b *testing.B) {
	ins, dss := benchAgencies(300, 100_000)
	m := New()
	ctx := context.Background()
	in := ins[7]
	in.Datasets = stream(dss[7])
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := m.Score(ctx, in); err != nil {
			b.Fatal(err)
		}
	}
}
