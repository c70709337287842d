package score

import (
	"testing"

	"github.com/katalog-se/katalog/catalog"
)

func TestComparePeers(t *testing.T) {
	all := []Peer{
		{"1", "small", 40}, {"2", "small", 60}, {"3", "small", 60}, {"4", "small", 90},
		{"5", "large", 10}, {"6", "large", 99},
	}
	tests := []struct {
		org    catalog.OrgNumber
		rank   int
		pct    float64
		median float64
		peers  int
	}{
		{"1", 4, 0, 60, 4},
		{"2", 2, 50, 60, 4}, // 1 lower, 1 equal of 3 others: (1 + 0.5)/3
		{"4", 1, 100, 60, 4},
		{"6", 1, 100, 54.5, 2},
	}
	for _, tt := range tests {
		c, err := ComparePeers(tt.org, all)
		if err != nil {
			t.Fatal(err)
		}
		if c.Rank != tt.rank || c.Percentile != tt.pct || c.Median != tt.median || c.Peers != tt.peers {
			t.Errorf("%s: %+v, want rank %d pct %v median %v peers %d", tt.org, c, tt.rank, tt.pct, tt.median, tt.peers)
		}
	}
	if c, _ := ComparePeers("9", []Peer{{"9", "", 30}}); c.Rank != 1 || c.Percentile != 100 || c.Median != 30 {
		t.Errorf("alone: %+v", c)
	}
	if _, err := ComparePeers("7", all); err == nil {
		t.Error("unknown agency: no error")
	}
}

func TestPeerOf(t *testing.T) {
	in, ds := apiAgency()
	s := scoreOf(t, in, ds)
	p := PeerOf(in.Agency, s)
	if p.OrgNumber != "2021000003" || p.SizeClass != "small" || p.Total != s.Total {
		t.Errorf("%+v", p)
	}
}
