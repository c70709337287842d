package schema

import (
	"strconv"
	"strings"

	"github.com/katalog-se/katalog/dcat/validate"
	"github.com/katalog-se/katalog/internal/problem"
)

// The checks a field error names. The table checks are dcat/validate's
// (validate.CheckMin, CheckVocab, …); the graph checks map to the
// validator's graph rule ids; those starting "api." are the API's own
// rules about the shape of a body, which have no counterpart in
// DCAT-AP-SE (an id's form, a reference to a data service, a cron spec).
const (
	checkIRI     = "iri"     // validate.RuleIRIInvalid
	checkLangtag = "langtag" // validate.RuleLiteralLangtag
	checkLexical = "lexical" // validate.RuleLiteralLexical
	checkOrgNr   = "orgnr"   // publisher.orgnr

	apiSchema        = "api.schema"        // the JSON Schema: types, unknown properties
	apiID            = "api.id"            // a dataset UUID, or a local id of a distribution or data service
	apiText          = "api.text"          // text XML 1.0 cannot carry, or not UTF-8
	apiLangDuplicate = "api.langDuplicate" // one language given twice ("sv" and "SV")
	apiRepeated      = "api.repeated"      // one controlled value listed twice
	apiAccessService = "api.accessService" // accessService names no data service of the dataset
	apiPhone         = "api.phone"         // a telephone number
	apiCron          = "api.cron"          // a check schedule
	apiCronFloor     = "api.cronFloor"     // a check schedule that runs more often than check.minInterval
	apiUserInfo      = "api.userInfo"      // user:password@ in a harvest URL or homepage
	apiWebAddress    = "api.webAddress"    // an address katalog fetches must be http(s)
	apiDate          = "api.date"          // a date where the profile has no rule (a period's start, end)
	apiNumber        = "api.number"        // a number beyond ±2^53
	apiToken         = "api.token"         // a token request
)

// fieldRows maps a body's field (its JSON pointer with array indexes as
// "*") to the class and property of the DCAT-AP-SE profile table that
// rules the value the field becomes.
var fieldRows = map[string]map[string][2]string{
	DatasetName: {
		"/title": {"dataset", "title"}, "/description": {"dataset", "description"},
		"/keywords": {"dataset", "keyword"}, "/themes": {"dataset", "theme"},
		"/accessRights": {"dataset", "accessRights"}, "/accrualPeriodicity": {"dataset", "accrualPeriodicity"},
		"/issued": {"dataset", "issued"}, "/modified": {"dataset", "modified"},
		"/landingPage": {"dataset", "landingPage"}, "/languages": {"dataset", "language"},
		"/conformsTo": {"dataset", "conformsTo"}, "/spatial": {"dataset", "spatial"},
		"/hvdCategory":           {"dataset", "hvdCategory"},
		"/contactPoint":          {"dataset", "contactPoint"},
		"/contactPoint/name":     {"contact", "fn"},
		"/contactPoint/email":    {"contact", "hasEmail"},
		"/contactPoint/url":      {"contact", "hasURL"},
		"/contactPoint/phone":    {"contact", "hasTelephone"},
		"/distributions/*/title": {"distribution", "title"}, "/distributions/*/description": {"distribution", "description"},
		"/distributions/*/accessURL": {"distribution", "accessURL"}, "/distributions/*/downloadURL": {"distribution", "downloadURL"},
		"/distributions/*/format": {"distribution", "format"}, "/distributions/*/license": {"distribution", "license"},
		"/distributions/*/byteSize": {"distribution", "byteSize"}, "/distributions/*/availability": {"distribution", "availability"},
		"/distributions/*/status": {"distribution", "status"}, "/distributions/*/languages": {"distribution", "language"},
		"/distributions/*/conformsTo": {"distribution", "conformsTo"}, "/distributions/*/issued": {"distribution", "issued"},
		"/distributions/*/modified": {"distribution", "modified"}, "/distributions/*/rights": {"distribution", "rights"},
		"/distributions/*/accessService": {"distribution", "accessService"},
		"/dataServices/*/title":          {"dataservice", "title"}, "/dataServices/*/description": {"dataservice", "description"},
		"/dataServices/*/endpointURL": {"dataservice", "endpointURL"}, "/dataServices/*/endpointDescription": {"dataservice", "endpointDescription"},
		"/dataServices/*/format": {"dataservice", "format"}, "/dataServices/*/license": {"dataservice", "license"},
		"/dataServices/*/accessRights": {"dataservice", "accessRights"}, "/dataServices/*/type": {"dataservice", "type"},
		"/dataServices/*/keywords": {"dataservice", "keyword"}, "/dataServices/*/page": {"dataservice", "page"},
	},
	AgencyName: {
		"/name": {"agent", "name"}, "/publisherType": {"agent", "type"},
		"/homepage": {"agent", "homepage"}, "/email": {"agent", "mbox"},
	},
}

// tableRules is every table rule id of the DCAT-AP-SE 3.0.1 profile,
// derived from its tables: the checks each row can make.
var tableRules = profileRules(validate.DCATAPSE301())

// profileRules lists the table rule ids a profile's rows can report.
func profileRules(p validate.Profile) map[string]bool {
	out := map[string]bool{}
	for _, c := range p.Classes {
		for _, r := range c.Properties {
			add := func(check string) { out[validate.TableRule(c.ID, r.ID, check)] = true }
			add(validate.CheckKind)
			switch r.Level {
			case validate.Mandatory:
				add(validate.CheckMin)
			case validate.Recommended:
				add(validate.CheckRecommended)
			}
			if r.Max > 0 {
				add(validate.CheckMax)
			}
			switch r.Kind {
			case validate.LangLiteral:
				add(validate.CheckLang)
			case validate.Typed:
				add(validate.CheckDatatype)
			}
			if r.Kind == validate.Literal || r.Kind == validate.PlainLiteral || r.Kind == validate.LangLiteral || r.Kind == validate.LiteralOrIRI {
				add(validate.CheckEmpty)
			}
			if r.Pattern != nil {
				add(validate.CheckPattern)
			}
			if r.Vocab != nil {
				add(validate.CheckVocab)
				if _, ok := r.Vocab.(interface{ Canonical(string) (string, bool) }); ok {
					add(validate.CheckCanonical)
				}
			}
			if r.Deprecated != nil {
				add(validate.CheckDeprecated)
			}
			if r.Translate {
				add(validate.CheckSV)
				add(validate.CheckEN)
			}
		}
	}
	return out
}

// fieldKey turns a pointer into its key in fieldRows: array indexes
// become "*", and the tokens under a language map, a keyword list or a
// list of IRIs are dropped ("/title/sv" is "/title", "/themes/0" is
// "/themes").
func fieldKey(body, ptr string) string {
	toks := strings.Split(ptr, "/")
	for i, t := range toks {
		if _, err := strconv.Atoi(t); err == nil && i > 0 && (toks[i-1] == "distributions" || toks[i-1] == "dataServices") {
			toks[i] = "*"
		}
	}
	for n := len(toks); n > 1; n-- {
		k := strings.Join(toks[:n], "/")
		if _, ok := fieldRows[body][k]; ok {
			return k
		}
	}
	return ""
}

// ruleID returns the rule id of a check on the value at ptr of a body:
// the validator's table rule of the field's row when the row makes that
// check, the validator's graph rule for IRIs, language tags, literals and
// organisation numbers, else the API's own "api.<check>".
func ruleID(body, ptr, check string) string {
	switch check {
	case checkIRI:
		return validate.RuleIRIInvalid
	case checkLangtag:
		return validate.RuleLiteralLangtag
	case checkLexical:
		return validate.RuleLiteralLexical
	case checkOrgNr:
		return "publisher.orgnr"
	}
	if strings.HasPrefix(check, "api.") {
		return check
	}
	if row, ok := fieldRows[body][fieldKey(body, ptr)]; ok {
		if id := validate.TableRule(row[0], row[1], check); tableRules[id] {
			return id
		}
	}
	return "api." + check
}

// withRules sets the rule of every error of a body that has none.
func withRules(body string, errs []problem.FieldError, check string) []problem.FieldError {
	for i := range errs {
		if errs[i].Rule == "" {
			errs[i].Rule = ruleID(body, errs[i].Pointer, check)
		}
	}
	return errs
}
