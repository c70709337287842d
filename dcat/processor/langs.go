package processor

// languageAuthority maps a language suffix the Processor accepts on keys
// ("title-sv") to the code of the EU language authority
// (http://publications.europa.eu/resource/authority/language/CODE), after
// the Processor's supportive_files/languages.json. Luxembourgish is "lb"
// here: the Processor's table gives it "la", which is Latin's.
func languageAuthority(tag string) (string, bool) {
	switch tag {
	case "ar":
		return "ARA", true
	case "az":
		return "AZE", true
	case "be":
		return "BEL", true
	case "bg":
		return "BUL", true
	case "bn":
		return "BEN", true
	case "bo":
		return "BOD", true
	case "br":
		return "BRE", true
	case "bs":
		return "BOS", true
	case "ca":
		return "CAT", true
	case "co":
		return "COS", true
	case "cs":
		return "CES", true
	case "csb":
		return "CSB", true
	case "cy":
		return "CYM", true
	case "da":
		return "DAN", true
	case "de":
		return "DEU", true
	case "dv":
		return "DIV", true
	case "el":
		return "ELL", true
	case "en":
		return "ENG", true
	case "eo":
		return "EPO", true
	case "es":
		return "SPA", true
	case "et":
		return "EST", true
	case "eu":
		return "EUS", true
	case "fa":
		return "FAS", true
	case "fi":
		return "FIN", true
	case "fo":
		return "FAO", true
	case "fr":
		return "FRA", true
	case "fy":
		return "FRY", true
	case "ga":
		return "GLE", true
	case "gd":
		return "GLA", true
	case "gl":
		return "GLG", true
	case "hbs":
		return "HBS", true
	case "he":
		return "HEB", true
	case "hi":
		return "HIN", true
	case "hr":
		return "HRV", true
	case "hu":
		return "HUN", true
	case "hy":
		return "HYE", true
	case "ia":
		return "INA", true
	case "id":
		return "IND", true
	case "is":
		return "ISL", true
	case "it":
		return "ITA", true
	case "ja":
		return "JPN", true
	case "ka":
		return "KAT", true
	case "kk":
		return "KAZ", true
	case "kl":
		return "KAL", true
	case "km":
		return "KHM", true
	case "ko":
		return "KOR", true
	case "ku":
		return "KUR", true
	case "ky":
		return "KIR", true
	case "la":
		return "LAT", true
	case "lb":
		return "LTZ", true
	case "lo":
		return "LAO", true
	case "lt":
		return "LIT", true
	case "lv":
		return "LAV", true
	case "mg":
		return "MLG", true
	case "min":
		return "MIN", true
	case "mk":
		return "MKD", true
	case "mn":
		return "MON", true
	case "mol":
		return "MOL", true
	case "ms":
		return "MSA", true
	case "mt":
		return "MLT", true
	case "ne":
		return "NEP", true
	case "nl":
		return "NLD", true
	case "no":
		return "NOR", true
	case "oc":
		return "OCI", true
	case "oeo":
		return "0E0", true
	case "os":
		return "OSS", true
	case "pl":
		return "POL", true
	case "pt":
		return "POR", true
	case "rm":
		return "ROH", true
	case "ro":
		return "RON", true
	case "rom":
		return "ROM", true
	case "ru":
		return "RUS", true
	case "se":
		return "SME", true
	case "si":
		return "SIN", true
	case "sk":
		return "SLK", true
	case "sl":
		return "SLV", true
	case "sq":
		return "SQI", true
	case "sr":
		return "SRP", true
	case "sv":
		return "SWE", true
	case "sw":
		return "SWA", true
	case "ta":
		return "TAM", true
	case "tg":
		return "TGK", true
	case "th":
		return "THA", true
	case "tk":
		return "TUK", true
	case "tr":
		return "TUR", true
	case "uk":
		return "UKR", true
	case "ukr":
		return "UKR", true
	case "ur":
		return "URD", true
	case "uz":
		return "UZB", true
	case "vi":
		return "VIE", true
	case "vls":
		return "VLS", true
	case "wa":
		return "WLN", true
	case "yi":
		return "YID", true
	case "zh":
		return "ZHO", true
	case "zu":
		return "ZUL", true
	}
	return "", false
}
