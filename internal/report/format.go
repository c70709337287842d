package report

import (
	"fmt"
	"math"
	"strconv"
)

// percent renders a share as a percentage with one decimal when needed:
// 0.62 → "62 %", 0.6234 → "62.3 %".
func percent(share float64) string {
	p := math.Round(share*1000) / 10
	return strconv.FormatFloat(p, 'f', -1, 64) + " %"
}

// exact is an indicator's share from its counts, unrounded.
func exact(i Indicator) float64 {
	if i.Value != nil || i.Of == 0 {
		return i.Headline()
	}
	return float64(i.Count) / float64(i.Of)
}

// formatHeadline renders an indicator's headline value.
func formatHeadline(id string, v float64) string {
	if id == MQAMean {
		return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64)
	}
	return percent(v)
}

// countText is the count beside a share: "31 av/of 50", or "—" without data.
func countText(i Indicator) string {
	if i.Of == 0 {
		return "— (0)"
	}
	if i.ID == MQAMean {
		return fmt.Sprintf("n = %d", i.Of)
	}
	return fmt.Sprintf("%d av/of %d", i.Count, i.Of)
}

// changeText renders a change: "+4 p.e./pp", "−2.5 p.e./pp" or "±0";
// points for the MQA mean. Empty without a change.
func changeText(id string, c *float64) string {
	if c == nil {
		return ""
	}
	v := *c
	unit := " p.e./pp"
	if id == MQAMean {
		unit = " p"
	} else {
		v *= 100
	}
	v = math.Round(v*10) / 10
	switch {
	case v > 0:
		return "+" + strconv.FormatFloat(v, 'f', -1, 64) + unit
	case v < 0:
		return "−" + strconv.FormatFloat(-v, 'f', -1, 64) + unit
	}
	return "±0" + unit
}
