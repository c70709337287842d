package validate

import "strings"

// Deprecated vocabularies that DCAT-AP-SE 3.0.1 replaced, with the IRI
// of each old value's replacement.
const (
	oldAvailabilityNS = nsDCATAP + "availability/"
	oldFrequencyNS    = "http://purl.org/cld/freq/"
	oldStatusNS       = "http://purl.org/adms/status/"
)

var replacements = map[string]string{
	// DCAT-AP 2's availability (Digg's 2.x examples, the Processor).
	oldAvailabilityNS + "available":    nsEU + "planned-availability/AVAILABLE",
	oldAvailabilityNS + "experimental": nsEU + "planned-availability/EXPERIMENTAL",
	oldAvailabilityNS + "stable":       nsEU + "planned-availability/STABLE",
	oldAvailabilityNS + "temporary":    nsEU + "planned-availability/TEMPORARY",
	// The Dublin Core collection frequencies.
	oldFrequencyNS + "annual":           nsEU + "frequency/ANNUAL",
	oldFrequencyNS + "biennial":         nsEU + "frequency/BIENNIAL",
	oldFrequencyNS + "bimonthly":        nsEU + "frequency/BIMONTHLY",
	oldFrequencyNS + "biweekly":         nsEU + "frequency/BIWEEKLY",
	oldFrequencyNS + "continuous":       nsEU + "frequency/CONT",
	oldFrequencyNS + "daily":            nsEU + "frequency/DAILY",
	oldFrequencyNS + "irregular":        nsEU + "frequency/IRREG",
	oldFrequencyNS + "monthly":          nsEU + "frequency/MONTHLY",
	oldFrequencyNS + "quarterly":        nsEU + "frequency/QUARTERLY",
	oldFrequencyNS + "semiannual":       nsEU + "frequency/ANNUAL_2",
	oldFrequencyNS + "semimonthly":      nsEU + "frequency/MONTHLY_2",
	oldFrequencyNS + "semiweekly":       nsEU + "frequency/WEEKLY_2",
	oldFrequencyNS + "threeTimesAMonth": nsEU + "frequency/MONTHLY_3",
	oldFrequencyNS + "threeTimesAWeek":  nsEU + "frequency/WEEKLY_3",
	oldFrequencyNS + "threeTimesAYear":  nsEU + "frequency/ANNUAL_3",
	oldFrequencyNS + "triennial":        nsEU + "frequency/TRIENNIAL",
	oldFrequencyNS + "weekly":           nsEU + "frequency/WEEKLY",
	// ADMS statuses.
	oldStatusNS + "Completed":        nsEU + "distribution-status/COMPLETED",
	oldStatusNS + "Deprecated":       nsEU + "distribution-status/DEPRECATED",
	oldStatusNS + "UnderDevelopment": nsEU + "distribution-status/DEVELOP",
	oldStatusNS + "Withdrawn":        nsEU + "distribution-status/WITHDRAWN",
}

// Replacement returns the IRI that replaces a deprecated vocabulary IRI:
// DCAT-AP 2's availability (http://data.europa.eu/r5r/availability/stable
// is http://publications.europa.eu/resource/authority/planned-availability/STABLE),
// the Dublin Core collection frequencies (http://purl.org/cld/freq/annual
// is …/frequency/ANNUAL) and the ADMS statuses
// (http://purl.org/adms/status/Completed is …/distribution-status/COMPLETED).
// The validator accepts such a value with a warning,
// TableRule(class, property, CheckDeprecated) (for instance
// distribution.availability.deprecated), that names the replacement; ok is
// false for any other IRI.
func Replacement(iri string) (current string, ok bool) {
	current, ok = replacements[strings.TrimSpace(iri)]
	return current, ok
}
