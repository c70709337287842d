package i18n

import "strings"

// Labels of the values katalog stores in its own words (size classes,
// statuses, rule and dimension ids), so that no raw value such as
// "very_large" or "notListed" reaches a sentence.

// SizeClass names a register size class ("very_large", "very_large(1000+)",
// "small(10-49)") with its staff range; an unknown class is returned as it
// is, and "" as "unknown".
func SizeClass(raw string) Text {
	switch SizeClassKey(raw) {
	case "":
		return Text{SV: "okänd storlek", EN: "unknown size"}
	case "micro":
		return Text{SV: "mikro (färre än 10 anställda)", EN: "micro (fewer than 10 staff)"}
	case "small":
		return Text{SV: "liten (10–49 anställda)", EN: "small (10–49 staff)"}
	case "medium":
		return Text{SV: "medelstor (50–249 anställda)", EN: "medium (50–249 staff)"}
	case "large":
		return Text{SV: "stor (250–999 anställda)", EN: "large (250–999 staff)"}
	case "very_large":
		return Text{SV: "mycket stor (1 000 anställda eller fler)", EN: "very large (1,000 staff or more)"}
	}
	return Text{SV: raw, EN: raw}
}

// SizeClassKey is the class a raw size class belongs to ("very_large" for
// "very_large(1000+)"), for filters; "" when it has none.
func SizeClassKey(raw string) string {
	key, _, _ := strings.Cut(strings.TrimSpace(raw), "(")
	return strings.ToLower(strings.TrimSpace(key))
}

// SizeClasses are the register's size classes, smallest first.
var SizeClasses = []string{"micro", "small", "medium", "large", "very_large"}

// PortalState names a portal status: listed, notListed or unknown.
func PortalState(state string) Text {
	switch state {
	case "listed":
		return Text{SV: "listad på Sveriges dataportal", EN: "listed on Sveriges dataportal"}
	case "notListed":
		return Text{SV: "inte listad på Sveriges dataportal", EN: "not listed on Sveriges dataportal"}
	}
	return Text{SV: "okänt (ingen synkning med dataportalen ännu)", EN: "unknown (not yet synced with the portal)"}
}

// PortalShort names a portal status in one or two words, for tables.
func PortalShort(state string) Text {
	switch state {
	case "listed":
		return Text{SV: "listad", EN: "listed"}
	case "notListed":
		return Text{SV: "inte listad", EN: "not listed"}
	}
	return Text{SV: "okänt", EN: "unknown"}
}

// CheckStatus names a check's status: running, ok (finished), failed, missed.
func CheckStatus(status string) Text {
	switch status {
	case "running":
		return Text{SV: "pågår", EN: "running"}
	case "ok":
		return Text{SV: "klar", EN: "finished"}
	case "failed":
		return Text{SV: "kunde inte genomföras", EN: "could not be completed"}
	case "missed":
		return Text{SV: "missad (ingen instans körde)", EN: "missed (no instance ran)"}
	}
	return Text{SV: status, EN: status}
}

// Trigger names what started a check: schedule, manual, missed.
func Trigger(trigger string) Text {
	switch trigger {
	case "schedule":
		return Text{SV: "schemalagd", EN: "scheduled"}
	case "manual":
		return Text{SV: "manuell", EN: "manual"}
	case "missed":
		return Text{SV: "missad", EN: "missed"}
	}
	return Text{SV: trigger, EN: trigger}
}

// Severity names a finding's severity: error, warning, info.
func Severity(s string) Text {
	switch s {
	case "error":
		return Text{SV: "fel", EN: "error"}
	case "warning":
		return Text{SV: "varning", EN: "warning"}
	case "info":
		return Text{SV: "information", EN: "information"}
	}
	return Text{SV: s, EN: s}
}

// Component names a score component: publication, metadata, readiness,
// openness, hvd.
func Component(id string) Text {
	switch id {
	case "publication":
		return Text{SV: "Publicering", EN: "Publication"}
	case "metadata":
		return Text{SV: "Metadatakvalitet (MQA)", EN: "Metadata quality (MQA)"}
	case "readiness":
		return Text{SV: "Skördningsberedskap", EN: "Harvest readiness"}
	case "openness":
		return Text{SV: "Öppenhet", EN: "Openness"}
	case "hvd":
		return Text{SV: "Värdefulla datamängder (HVD)", EN: "High-value datasets (HVD)"}
	}
	return Text{SV: id, EN: id}
}

// Dimension names an MQA dimension.
func Dimension(id string) Text {
	switch id {
	case "findability":
		return Text{SV: "Sökbarhet", EN: "Findability"}
	case "accessibility":
		return Text{SV: "Åtkomlighet", EN: "Accessibility"}
	case "interoperability":
		return Text{SV: "Interoperabilitet", EN: "Interoperability"}
	case "reusability":
		return Text{SV: "Återanvändbarhet", EN: "Reusability"}
	case "contextuality":
		return Text{SV: "Sammanhang", EN: "Contextuality"}
	}
	return Text{SV: id, EN: id}
}

// Rating names an MQA rating band: excellent, good, sufficient, bad.
func Rating(r string) Text {
	switch r {
	case "excellent":
		return Text{SV: "utmärkt", EN: "excellent"}
	case "good":
		return Text{SV: "bra", EN: "good"}
	case "sufficient":
		return Text{SV: "tillräcklig", EN: "sufficient"}
	case "bad":
		return Text{SV: "bristfällig", EN: "bad"}
	}
	return Text{SV: r, EN: r}
}

// Source names where a score's evidence came from: katalog (hosted),
// ownCatalog, portal.
func Source(id string) Text {
	switch id {
	case "katalog":
		return Text{SV: "publicerat i katalog", EN: "hosted in katalog"}
	case "ownCatalog":
		return Text{SV: "myndighetens egen katalog", EN: "the agency's own catalog"}
	case "portal":
		return Text{SV: "Sveriges dataportal", EN: "Sveriges dataportal"}
	}
	return Text{SV: id, EN: id}
}

// Level describes a publication level, 0–5, as the ladder of the score
// defines it.
func Level(n int) Text {
	switch n {
	case 0:
		return Text{SV: "publicerar inget", EN: "publishes nothing"}
	case 1:
		return Text{SV: "dokument", EN: "documents"}
	case 2:
		return Text{SV: "filer", EN: "files"}
	case 3:
		return Text{SV: "öppna format eller API", EN: "open formats or an API"}
	case 4:
		return Text{SV: "öppna format och API eller dataportalen", EN: "open formats and an API or the portal"}
	case 5:
		return Text{SV: "öppna format, API och dataportalen", EN: "open formats, an API and the portal"}
	}
	return Text{SV: "", EN: ""}
}

// YesNo says yes or no.
func YesNo(b bool) Text {
	if b {
		return Text{SV: "ja", EN: "yes"}
	}
	return Text{SV: "nej", EN: "no"}
}
