package report

// label is an indicator's name in Swedish and English.
type label struct{ SV, EN string }

func labelOf(id string) label {
	switch id {
	case Publishes:
		return label{"Publicerar data för vidareutnyttjande", "Publish data for reuse"}
	case DocumentsOnly:
		return label{"Endast dokument/text", "Documents/text only"}
	case Files:
		return label{"Filer för nedladdning", "Files for download"}
	case OpenMachineReadable:
		return label{"Öppna maskinläsbara filer", "Open machine-readable files"}
	case API:
		return label{"API:er", "APIs"}
	case Portal:
		return label{"Listade på Sveriges dataportal", "Listed on Sveriges dataportal"}
	case ReadinessPass:
		return label{"Godkänd beredskapskontroll", "Readiness check passed"}
	case BrokenLinks:
		return label{"Har trasiga länkar", "Have broken links"}
	case LinksBroken:
		return label{"Andel trasiga länkar", "Broken links (of links)"}
	case HVDCompliant:
		return label{"Uppfyller HVD-kraven", "HVD compliant"}
	case MQAMean:
		return label{"MQA-poäng, medel (av 405)", "MQA points, mean (of 405)"}
	}
	return label{id, id}
}

func dimensionLabel(dim string) label {
	switch dim {
	case DimSizeClass:
		return label{"Storlek (årsarbetskrafter)", "Size (staff)"}
	case DimDepartment:
		return label{"Departement", "Department"}
	case DimGroup:
		return label{"Myndighetstyp", "Agency type"}
	}
	return label{dim, dim}
}
