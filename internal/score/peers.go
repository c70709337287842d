package score

import (
	"fmt"
	"sort"

	"github.com/katalog-se/katalog/catalog"
)

// Peer is one agency's total with its size class, for comparisons.
type Peer struct {
	OrgNumber catalog.OrgNumber `json:"orgNumber"`
	SizeClass string            `json:"sizeClass"`
	Total     int               `json:"total"`
}

// PeerOf pairs an agency's score with its size class.
func PeerOf(a catalog.Agency, s *AgencyScore) Peer {
	return Peer{OrgNumber: a.OrgNumber, SizeClass: a.SizeClass, Total: s.Total}
}

// Comparison places an agency among the agencies of its size class.
type Comparison struct {
	OrgNumber catalog.OrgNumber `json:"orgNumber"`
	SizeClass string            `json:"sizeClass"`
	// Peers counts the agencies of the size class, the agency included.
	Peers int `json:"peers"`
	// Rank is 1 for the best total; agencies with equal totals share the
	// best rank among them.
	Rank int `json:"rank"`
	// Percentile is the share (0–100) of the other peers whose total is
	// lower, ties counting half; 100 when the agency has no peers.
	Percentile float64 `json:"percentile"`
	// Median is the median total of the size class, the agency included.
	Median float64 `json:"median"`
}

// ComparePeers compares the agency org with the agencies in all that share
// its size class. all must contain org; an empty size class is a class of
// its own ("unknown").
func ComparePeers(org catalog.OrgNumber, all []Peer) (Comparison, error) {
	var self *Peer
	for i := range all {
		if all[i].OrgNumber == org {
			self = &all[i]
			break
		}
	}
	if self == nil {
		return Comparison{}, fmt.Errorf("score: compare peers: agency %s has no score", org)
	}
	totals := []int{}
	lower, equal := 0, 0
	for i := range all {
		p := &all[i]
		if p.SizeClass != self.SizeClass {
			continue
		}
		totals = append(totals, p.Total)
		if p.OrgNumber == org {
			continue
		}
		switch {
		case p.Total < self.Total:
			lower++
		case p.Total == self.Total:
			equal++
		}
	}
	sort.Ints(totals)
	others := len(totals) - 1
	c := Comparison{OrgNumber: org, SizeClass: self.SizeClass, Peers: len(totals), Percentile: 100}
	c.Rank = len(totals) - lower - equal
	if others > 0 {
		c.Percentile = round2(100 * (float64(lower) + float64(equal)/2) / float64(others))
	}
	n := len(totals)
	if n%2 == 1 {
		c.Median = float64(totals[n/2])
	} else {
		c.Median = float64(totals[n/2-1]+totals[n/2]) / 2
	}
	return c, nil
}
