package report

// exact is an indicator's share from its counts, unrounded.
func exact(i Indicator) float64 {
	if i.Value != nil || i.Of == 0 {
		return i.Headline()
	}
	return float64(i.Count) / float64(i.Of)
}
