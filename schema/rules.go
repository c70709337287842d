package schema

import (
	"errors"
	"fmt"
	"net/mail"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/dcat/syntax/iri"
	"github.com/katalog-se/katalog/dcat/syntax/langtag"
	"github.com/katalog-se/katalog/dcat/syntax/xmltext"
	"github.com/katalog-se/katalog/dcat/validate"
	"github.com/katalog-se/katalog/internal/problem"
	"github.com/katalog-se/katalog/internal/schedule"
)

// Patterns of the semantic checks. They are immutable.
var (
	// mediaTypeRE is DCAT-AP-SE's rule for dcterms:format (applied to the
	// lower-cased value).
	mediaTypeRE = regexp.MustCompile(`^\w+\/[-.\w]+(?:\+[-.\w]+)?(\s*;\s*\w+=\w+)?$`)
	uuidRE      = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)
	// localIDRE keeps distribution and data service ids safe in an IRI path.
	localIDRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._~-]{0,63}$`)
	phoneRE   = regexp.MustCompile(`^(?:tel:)?\+?[0-9(][0-9 ()./-]{2,31}$`)
)

// languageAliases maps ISO 639-1 tags, which users type out of habit, to the
// EU language codes. Only languages of the EU list are here.
var languageAliases = map[string]string{
	"sv": "SWE", "en": "ENG", "fi": "FIN", "se": "SME", "no": "NOR", "nb": "NOR", "da": "DAN",
	"is": "ISL", "de": "DEU", "fr": "FRA", "es": "SPA", "yi": "YID", "ar": "ARA", "et": "EST",
}

// vocabName names a vocabulary in messages, in English and Swedish.
type vocabName struct{ en, sv string }

var (
	nameTheme        = vocabName{"theme", "tema"}
	nameAccessRights = vocabName{"access right", "åtkomsträttighet"}
	nameFrequency    = vocabName{"update frequency", "uppdateringsfrekvens"}
	nameLicence      = vocabName{"licence", "licens"}
	namePublisher    = vocabName{"publisher type", "utgivartyp"}
	nameHVD          = vocabName{"high-value dataset category", "kategori för värdefulla datamängder"}
	nameAvailability = vocabName{"planned availability", "planerad tillgänglighet"}
	nameStatus       = vocabName{"distribution status", "distributionsstatus"}
	nameServiceType  = vocabName{"service type", "tjänstetyp"}
	nameLanguage     = vocabName{"language", "språk"}
)

// checker collects the errors of the semantic checks of one body (its
// name, AgencyName or DatasetName, selects the profile rows of its fields).
type checker struct {
	body string
	errs []problem.FieldError
	// minInterval is the floor on check schedules (0: the default).
	minInterval time.Duration
}

// add records an error at ptr for a check (see ruleIDs.go): its rule id is
// the validator's for the field's row and the check, or the API's own.
func (c *checker) add(ptr, check, en, sv string) {
	e := field(ptr, en, sv)
	e.Rule = ruleID(c.body, ptr, check)
	c.errs = append(c.errs, e)
}

func join(ptr string, tok any) string {
	switch t := tok.(type) {
	case int:
		return ptr + "/" + strconv.Itoa(t)
	case string:
		return ptr + "/" + escapeToken(t)
	}
	panic("schema: bad pointer token")
}

// trim removes surrounding white space.
func trim(s string) string { return strings.TrimFunc(s, unicode.IsSpace) }

// xmlText checks that s can be written in XML and adds an error if not.
func (c *checker) xmlText(ptr, s string) bool {
	err := xmltext.Check(s)
	if err == nil {
		return true
	}
	var xe *xmltext.Error
	if errors.As(err, &xe) && errors.Is(err, xmltext.ErrChar) {
		c.add(ptr, apiText, fmt.Sprintf("holds a character that XML cannot carry (U+%04X at character %d); remove it", xe.Char, xe.Rune+1),
			fmt.Sprintf("innehåller ett tecken som XML inte kan bära (U+%04X vid tecken %d); ta bort det", xe.Char, xe.Rune+1))
		return false
	}
	c.add(ptr, apiText, "is not valid UTF-8 text: "+err.Error(), "är inte giltig UTF-8-text: "+err.Error())
	return false
}

// text trims *s and checks it: XML-safe, and non-empty when required.
// An empty optional text is left empty.
func (c *checker) text(ptr string, s *string, required bool) {
	*s = trim(*s)
	if *s == "" {
		if required {
			c.add(ptr, validate.CheckEmpty, "must not be empty", "får inte vara tom")
		}
		return
	}
	c.xmlText(ptr, *s)
}

// langTag applies the language-tag policy (dcat/syntax/langtag) to a
// language-map key: any well-formed BCP 47 tag, which the mapper can
// publish, is accepted and returned in canonical case; any other is an
// error at ptr.
func (c *checker) langTag(ptr, tag string) (string, bool) {
	canonical, err := langtag.Normalize(tag)
	if err != nil {
		c.add(ptr, checkLangtag, fmt.Sprintf("%q is not a valid language tag (BCP 47, e.g. sv, en, se): %v", tag, err),
			fmt.Sprintf("%q är inte en giltig språktagg (BCP 47, t.ex. sv, en, se)", tag))
		return "", false
	}
	return canonical, true
}

// langString checks a language map: valid tags (canonicalised), non-empty
// XML-safe texts (trimmed), no language twice, and, when needSvEn, a text in
// Swedish or English.
func (c *checker) langString(ptr string, m catalog.LangString, needSvEn bool) catalog.LangString {
	if m == nil && !needSvEn {
		return nil
	}
	out := make(catalog.LangString, len(m))
	from := map[string]string{}
	for _, k := range sortedKeys(m) {
		p := join(ptr, k)
		tag, ok := c.langTag(p, k)
		if !ok {
			continue
		}
		if prev, dup := from[tag]; dup {
			c.add(p, apiLangDuplicate, fmt.Sprintf("gives the language %s twice (also as %q)", tag, prev), fmt.Sprintf("anger språket %s två gånger (även som %q)", tag, prev))
			continue
		}
		from[tag] = k
		s := m[k]
		c.text(p, &s, true)
		out[tag] = s
	}
	if needSvEn && out["sv"] == "" && out["en"] == "" && len(c.errsUnder(ptr)) == 0 {
		c.add(ptr, validate.CheckSV, `needs a text in Swedish (sv) or English (en), e.g. {"sv": "…", "en": "…"}`,
			`behöver en text på svenska (sv) eller engelska (en), t.ex. {"sv": "…", "en": "…"}`)
	}
	return out
}

// errsUnder returns the errors collected at or under ptr.
func (c *checker) errsUnder(ptr string) []problem.FieldError {
	var out []problem.FieldError
	for _, e := range c.errs {
		if e.Pointer == ptr || strings.HasPrefix(e.Pointer, ptr+"/") {
			out = append(out, e)
		}
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// langStrings checks keywords: valid tags, non-empty XML-safe texts.
func (c *checker) langStrings(ptr string, m catalog.LangStrings) catalog.LangStrings {
	if m == nil {
		return nil
	}
	out := make(catalog.LangStrings, len(m))
	from := map[string]string{}
	for _, k := range sortedKeys(m) {
		p := join(ptr, k)
		tag, ok := c.langTag(p, k)
		if !ok {
			continue
		}
		if prev, dup := from[tag]; dup {
			c.add(p, apiLangDuplicate, fmt.Sprintf("gives the language %s twice (also as %q)", tag, prev), fmt.Sprintf("anger språket %s två gånger (även som %q)", tag, prev))
			continue
		}
		from[tag] = k
		list := make([]string, 0, len(m[k]))
		for i, s := range m[k] {
			c.text(join(p, i), &s, true)
			list = append(list, s)
		}
		out[tag] = list
	}
	return out
}

// iriMessage explains an iri error in English and Swedish.
func iriMessage(err error) (en, sv string) {
	var ie *iri.Error
	off := 0
	if errors.As(err, &ie) {
		off = ie.Offset
	}
	en = "is not a valid IRI: " + err.Error()
	switch {
	case errors.Is(err, iri.ErrEmpty):
		return "must not be empty", "får inte vara tom"
	case errors.Is(err, iri.ErrNoScheme):
		sv = "är inte en fullständig adress: den måste börja med ett schema, t.ex. https://"
	case errors.Is(err, iri.ErrNoHost):
		sv = "saknar värdnamn; skriv t.ex. https://example.se/"
	case errors.Is(err, iri.ErrPercent):
		sv = fmt.Sprintf("har en felaktig procentkodning vid byte %d (skriv ett %%-tecken som %%25)", off)
	case errors.Is(err, iri.ErrHost):
		sv = fmt.Sprintf("har ett felaktigt värdnamn vid byte %d", off)
	case errors.Is(err, iri.ErrPort):
		sv = fmt.Sprintf("har ett felaktigt portnummer vid byte %d", off)
	case errors.Is(err, iri.ErrChar):
		sv = fmt.Sprintf("innehåller ett otillåtet tecken vid byte %d", off)
	default:
		sv = "är inte en giltig IRI: " + err.Error()
	}
	return en, sv
}

// link normalises the IRI in *s (skipped when empty). web requires http or
// https: the profile's pattern for the field where it has one (a landing
// page, an access URL), else the API's own rule (katalog fetches the
// address).
func (c *checker) link(ptr string, s *string, web bool) {
	if *s == "" {
		return
	}
	n, err := iri.Normalize(*s)
	if err != nil {
		en, sv := iriMessage(err)
		c.add(ptr, checkIRI, en, sv)
		return
	}
	if web && !iri.IsHTTP(n) {
		check := validate.CheckPattern
		if ruleID(c.body, ptr, check) == "api."+check {
			check = apiWebAddress
		}
		c.add(ptr, check, fmt.Sprintf("must be a web address starting with http:// or https://, not %s:", iri.Scheme(n)),
			fmt.Sprintf("måste vara en webbadress som börjar med http:// eller https://, inte %s:", iri.Scheme(n)))
		return
	}
	*s = n
}

// exactIRI checks the IRI in *s as an identity: a valid IRI is kept as
// given, byte for byte (RDF compares IRIs as strings: a dataset whose IRI
// changed case would be another dataset to a harvester); only one that
// is not valid is normalised (percent-encoding what may not stand), or
// refused.
func (c *checker) exactIRI(ptr string, s *string) {
	v := trim(*s)
	if v == "" {
		*s = ""
		return
	}
	if iri.Check(v) == nil {
		*s = v
		return
	}
	c.link(ptr, s, false)
}

// noUserInfo refuses an address with user information (user:password@):
// katalog fetches harvest URLs and publishes them, so a secret in one
// would be sent and shown.
func (c *checker) noUserInfo(ptr, s string) {
	if u, err := url.Parse(s); err == nil && u.User != nil {
		c.add(ptr, apiUserInfo, "must not carry a user name or password (user:password@); katalog publishes and fetches this address",
			"får inte innehålla användarnamn eller lösenord (användare:lösenord@); katalog publicerar och hämtar adressen")
	}
}

// links normalises a list of IRIs.
func (c *checker) links(ptr string, list []string, web bool) {
	for i := range list {
		c.link(join(ptr, i), &list[i], web)
	}
}

// email checks an e-mail address and stores it without a mailto: prefix.
func (c *checker) email(ptr string, s *string) {
	v := trim(*s)
	if v == "" {
		if *s != "" {
			c.add(ptr, validate.CheckPattern, "must not be empty", "får inte vara tom")
		}
		return
	}
	if len(v) >= 7 && strings.EqualFold(v[:7], "mailto:") {
		v = v[7:]
	}
	a, err := mail.ParseAddress(v)
	at := strings.LastIndexByte(v, '@')
	if err != nil || a.Name != "" || a.Address != v || at < 0 || !strings.Contains(v[at:], ".") || iri.Check("mailto:"+v) != nil {
		c.add(ptr, validate.CheckPattern, fmt.Sprintf("%q is not a valid e-mail address; write it as name@example.se", v),
			fmt.Sprintf("%q är inte en giltig e-postadress; skriv den som namn@example.se", v))
		return
	}
	*s = v
}

// vocab resolves a code or IRI in *s to the canonical IRI of v. A
// deprecated IRI that DCAT-AP-SE 3.0.1 replaced (validate.Replacement:
// DCAT-AP 2 availability, Dublin Core frequencies, ADMS statuses) is
// accepted as its replacement, which is what is stored and published
// (the validator accepts it with a warning naming the same replacement).
// With anyIRI, another absolute IRI is accepted too (normalised).
func (c *checker) vocab(ptr string, s *string, v *catalog.Vocabulary, name vocabName, anyIRI bool) {
	if *s == "" {
		return
	}
	if canon, ok := v.Canonical(*s); ok {
		*s = canon
		return
	}
	if cur, ok := validate.Replacement(trim(*s)); ok {
		if canon, ok := v.Canonical(cur); ok {
			*s = canon
			return
		}
	}
	full := iri.Scheme(trim(*s)) != ""
	if anyIRI && full {
		c.link(ptr, s, false)
		return
	}
	if full {
		// A full IRI that is not in the list: "use the full IRI" would
		// be no advice.
		c.add(ptr, validate.CheckVocab, fmt.Sprintf("%q is not in the %s list DCAT-AP-SE 3.0.1 uses; use one of its codes (%s) or their IRIs", trim(*s), name.en, examples(v, 25)),
			fmt.Sprintf("%q finns inte i listan för %s som DCAT-AP-SE 3.0.1 använder; ange en av dess koder (%s) eller deras IRI:er", trim(*s), name.sv, examples(v, 25)))
		return
	}
	c.add(ptr, validate.CheckVocab, fmt.Sprintf("%q is not a known %s; use a code (%s) or the full IRI", trim(*s), name.en, examples(v, 25)),
		fmt.Sprintf("%q är inte ett känt värde för %s; ange en kod (%s) eller hela IRI:n", trim(*s), name.sv, examples(v, 25)))
}

// examples lists the codes of v when there are at most max, else two of them.
func examples(v *catalog.Vocabulary, max int) string {
	terms := v.Terms()
	var codes []string
	for i, t := range terms {
		if len(terms) > max && i >= 2 {
			codes = append(codes, "…")
			break
		}
		codes = append(codes, t.Code)
	}
	return strings.Join(codes, ", ")
}

// vocabList resolves every entry of list and reports repeats.
func (c *checker) vocabList(ptr string, list []string, v *catalog.Vocabulary, name vocabName) []string {
	seen := map[string]int{}
	out := list[:0]
	for i := range list {
		p := join(ptr, i)
		s := list[i]
		if name == nameLanguage {
			if code, ok := languageAliases[strings.ToLower(trim(s))]; ok {
				s = code
			}
		}
		if trim(s) == "" {
			c.add(p, validate.CheckVocab, "must not be empty", "får inte vara tom")
			continue
		}
		before := len(c.errs)
		c.vocab(p, &s, v, name, false)
		if len(c.errs) > before {
			out = append(out, s)
			continue
		}
		if j, dup := seen[s]; dup {
			c.add(p, apiRepeated, fmt.Sprintf("repeats the %s at %s", name.en, join(ptr, j)), fmt.Sprintf("upprepar %s vid %s", name.sv, join(ptr, j)))
			continue
		}
		seen[s] = i
		out = append(out, s)
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// date checks a date as the validator checks one (validate.DateDatatype):
// a year (2024, xsd:gYear), a month (2024-05, xsd:gYearMonth), a date
// (2024-05-31, xsd:date) or a date-time with or without a time zone
// (2024-05-31T10:00:00, …Z, …+02:00; xsd:dateTime). A value in none of
// these forms breaks the field's datatype rule; one that has the form of
// a date but does not exist (2024-02-30) breaks literal.lexical, as the
// same value published would.
func (c *checker) date(ptr string, s *string) {
	if *s == "" {
		return
	}
	v := trim(*s)
	if _, ok := validate.DateDatatype(v); ok {
		*s = v
		return
	}
	check := validate.CheckDatatype
	if dateShaped(v) {
		check = checkLexical
	} else if ruleID(c.body, ptr, check) == "api."+check {
		check = apiDate
	}
	c.add(ptr, check, fmt.Sprintf("%q is not a date: write a date (2024-01-31), a year (2024), a month (2024-01) or a date-time (2024-01-31T12:00:00, with an optional time zone such as Z or +01:00)", v),
		fmt.Sprintf("%q är inte ett datum: skriv ett datum (2024-01-31), ett år (2024), en månad (2024-01) eller en tidpunkt (2024-01-31T12:00:00, med valfri tidszon som Z eller +01:00)", v))
}

// dateShaped reports whether v has the shape of a date (digits, '-', 'T',
// ':' and time-zone characters after a four-digit year), so that it is a
// date that does not exist rather than something else.
func dateShaped(v string) bool {
	if len(v) < 4 {
		return false
	}
	for i := 0; i < 4; i++ {
		if v[i] < '0' || v[i] > '9' {
			return false
		}
	}
	for i := 4; i < len(v); i++ {
		if !strings.ContainsRune("0123456789-:.TZ+", rune(v[i])) {
			return false
		}
	}
	return true
}

// mediaType checks and lower-cases an IANA media type.
func (c *checker) mediaType(ptr string, s *string) {
	if *s == "" {
		return
	}
	v := strings.ToLower(trim(*s))
	if !mediaTypeRE.MatchString(v) {
		c.add(ptr, validate.CheckVocab, fmt.Sprintf("%q is not an IANA media type such as text/csv or application/json", trim(*s)),
			fmt.Sprintf("%q är inte en IANA-medietyp som text/csv eller application/json", trim(*s)))
		return
	}
	*s = v
}

// cronSpec checks a 5-field cron spec or a descriptor such as @daily.
func (c *checker) cronSpec(ptr string, s *string) {
	v := trim(*s)
	if v == "" {
		if *s != "" {
			c.add(ptr, apiCron, "must not be empty", "får inte vara tom")
		}
		return
	}
	if err := schedule.ParseError(v); err != nil {
		c.add(ptr, apiCron, fmt.Sprintf("%q is not a cron spec: %v; use five fields (minute hour day month weekday, e.g. \"0 4 * * *\") or a descriptor such as @daily or @every 6h", v, err),
			fmt.Sprintf("%q är inte ett cron-uttryck; ange fem fält (minut timme dag månad veckodag, t.ex. \"0 4 * * *\") eller t.ex. @daily eller @every 6h", v))
		return
	}
	var often *schedule.TooFrequentError
	if errors.As(schedule.FloorError(v, c.minInterval), &often) {
		every, floor := schedule.FormatDuration(often.Interval), schedule.FormatDuration(often.Floor)
		c.add(ptr, apiCronFloor, fmt.Sprintf("%q runs every %s; checks may run at most once every %s (e.g. @every %s, @daily or \"0 4 * * *\")", v, every, floor, floor),
			fmt.Sprintf("%q körs var %s; kontroller får köras högst en gång per %s (t.ex. @every %s, @daily eller \"0 4 * * *\")", v, every, floor, floor))
		return
	}
	*s = v
}

// agency checks and normalises a decoded agency.
func (c *checker) agency(a *catalog.Agency) {
	if a.OrgNumber != "" {
		org, err := catalog.ParseOrgNumber(string(a.OrgNumber))
		switch {
		case err == nil:
			a.OrgNumber = org
		case errors.Is(err, catalog.ErrOrgNumberCheckDigit):
			c.add("/orgNumber", checkOrgNr, fmt.Sprintf("%q is not an organisation number: the check digit is wrong", string(a.OrgNumber)),
				fmt.Sprintf("%q är inte ett organisationsnummer: kontrollsiffran är fel", string(a.OrgNumber)))
		case errors.Is(err, catalog.ErrOrgNumberCharacters):
			c.add("/orgNumber", checkOrgNr, fmt.Sprintf("%q is not an organisation number: use only digits, with an optional hyphen after digit 6 (202100-6883)", string(a.OrgNumber)),
				fmt.Sprintf("%q är inte ett organisationsnummer: använd bara siffror, med ett valfritt bindestreck efter den sjätte (202100-6883)", string(a.OrgNumber)))
		default:
			c.add("/orgNumber", checkOrgNr, fmt.Sprintf("%q is not an organisation number: it has 10 digits", string(a.OrgNumber)),
				fmt.Sprintf("%q är inte ett organisationsnummer: det har 10 siffror", string(a.OrgNumber)))
		}
	}
	a.Name = c.langString("/name", a.Name, true)
	if strings.TrimSpace(a.PublisherType) == "" {
		// katalog serves state agencies first: their type is the default.
		a.PublisherType = "NationalAuthority"
	}
	c.vocab("/publisherType", &a.PublisherType, catalog.PublisherTypes, namePublisher, false)
	c.link("/homepage", &a.Homepage, true)
	c.email("/email", &a.Email)
	c.link("/harvestUrl", &a.HarvestURL, true)
	c.noUserInfo("/harvestUrl", a.HarvestURL)
	c.noUserInfo("/homepage", a.Homepage)
	c.cronSpec("/checkSchedule", &a.CheckSchedule)
	c.text("/shortName", &a.ShortName, false)
	c.text("/department", &a.Department, false)
	c.text("/sizeClass", &a.SizeClass, false)
	c.text("/group", &a.Group, false)
	a.CreatedAt, a.UpdatedAt = time.Time{}, time.Time{}
}

// dataset checks and normalises a decoded dataset.
func (c *checker) dataset(d *catalog.Dataset) {
	d.ID = trim(d.ID)
	if d.ID != "" {
		if uuidRE.MatchString(d.ID) {
			d.ID = strings.ToLower(d.ID)
		} else {
			c.add("/id", apiID, fmt.Sprintf("%q is not a UUID (e.g. 3c2b1a09-8f7e-4d6c-b5a4-9e8d7c6b5a04); leave id out and the server makes one", d.ID),
				fmt.Sprintf("%q är inte ett UUID (t.ex. 3c2b1a09-8f7e-4d6c-b5a4-9e8d7c6b5a04); utelämna id så skapar servern ett", d.ID))
		}
	}
	d.Agency = ""
	d.CreatedAt, d.UpdatedAt = time.Time{}, time.Time{}
	c.exactIRI("/iri", &d.IRI)
	d.Title = c.langString("/title", d.Title, true)
	d.Description = c.langString("/description", d.Description, true)
	d.Keywords = c.langStrings("/keywords", d.Keywords)
	d.Themes = c.vocabList("/themes", d.Themes, catalog.Themes, nameTheme)
	c.vocab("/accessRights", &d.AccessRights, catalog.AccessRights, nameAccessRights, false)
	c.vocab("/accrualPeriodicity", &d.AccrualPeriodicity, catalog.Frequencies, nameFrequency, false)
	c.date("/issued", &d.Issued)
	c.date("/modified", &d.Modified)
	c.link("/landingPage", &d.LandingPage, true)
	d.Languages = c.vocabList("/languages", d.Languages, catalog.Languages, nameLanguage)
	c.links("/conformsTo", d.ConformsTo, false)
	c.links("/spatial", d.Spatial, false)
	if t := d.Temporal; t != nil {
		c.date("/temporal/start", &t.Start)
		c.date("/temporal/end", &t.End)
		if t.Start == "" && t.End == "" {
			d.Temporal = nil
		}
	}
	if cp := d.ContactPoint; cp != nil {
		c.text("/contactPoint/name", &cp.Name, true)
		c.email("/contactPoint/email", &cp.Email)
		c.link("/contactPoint/url", &cp.URL, true)
		if cp.Phone != "" {
			cp.Phone = trim(cp.Phone)
			if !phoneRE.MatchString(cp.Phone) {
				c.add("/contactPoint/phone", apiPhone, fmt.Sprintf("%q is not a telephone number such as +46 10 123 45 67", cp.Phone),
					fmt.Sprintf("%q är inte ett telefonnummer som +46 10 123 45 67", cp.Phone))
			}
		}
	}
	c.vocab("/hvdCategory", &d.HVDCategory, catalog.HVDCategories, nameHVD, false)
	c.ids(d)
	for i := range d.DataServices {
		c.dataService(join("/dataServices", i), &d.DataServices[i])
	}
	for i := range d.Distributions {
		c.distribution(join("/distributions", i), &d.Distributions[i], d.DataServices)
	}
}

// ids checks the given distribution and data service ids (well-formed and
// unique across both lists) and numbers the missing ones "1", "2", … with
// the smallest unused numbers, distributions first.
func (c *checker) ids(d *catalog.Dataset) {
	used := map[string]string{} // id → pointer of its first use
	check := func(ptr string, id *string) {
		*id = trim(*id)
		if *id == "" {
			return
		}
		if !localIDRE.MatchString(*id) {
			c.add(ptr, apiID, fmt.Sprintf("%q is not a valid id: use 1–64 of A–Z a–z 0–9 . _ ~ -, starting with a letter or digit (or leave it out)", *id),
				fmt.Sprintf("%q är inte ett giltigt id: använd 1–64 av A–Z a–z 0–9 . _ ~ -, med en bokstav eller siffra först (eller utelämna det)", *id))
			return
		}
		if prev, dup := used[*id]; dup {
			c.add(ptr, apiID, fmt.Sprintf("the id %q is already used at %s; ids must be unique among the dataset's distributions and data services", *id, prev),
				fmt.Sprintf("id %q används redan vid %s; id måste vara unika bland datamängdens distributioner och datatjänster", *id, prev))
			return
		}
		used[*id] = ptr
	}
	for i := range d.Distributions {
		check(join(join("/distributions", i), "id"), &d.Distributions[i].ID)
	}
	for i := range d.DataServices {
		check(join(join("/dataServices", i), "id"), &d.DataServices[i].ID)
	}
	n := 1
	next := func() string {
		for {
			s := strconv.Itoa(n)
			n++
			if _, taken := used[s]; !taken {
				used[s] = ""
				return s
			}
		}
	}
	for i := range d.Distributions {
		if d.Distributions[i].ID == "" {
			d.Distributions[i].ID = next()
		}
	}
	for i := range d.DataServices {
		if d.DataServices[i].ID == "" {
			d.DataServices[i].ID = next()
		}
	}
}

func (c *checker) distribution(ptr string, x *catalog.Distribution, services []catalog.DataService) {
	x.Title = c.langString(ptr+"/title", x.Title, false)
	x.Description = c.langString(ptr+"/description", x.Description, false)
	c.link(ptr+"/accessURL", &x.AccessURL, true)
	c.link(ptr+"/downloadURL", &x.DownloadURL, true)
	c.mediaType(ptr+"/format", &x.Format)
	c.vocab(ptr+"/license", &x.License, catalog.Licences, nameLicence, true)
	if x.ByteSize < 0 {
		c.add(ptr+"/byteSize", checkLexical, "must be 0 or more", "måste vara 0 eller mer")
	}
	c.vocab(ptr+"/availability", &x.Availability, catalog.Availabilities, nameAvailability, false)
	c.vocab(ptr+"/status", &x.Status, catalog.DistributionStatuses, nameStatus, false)
	x.Languages = c.vocabList(ptr+"/languages", x.Languages, catalog.Languages, nameLanguage)
	c.links(ptr+"/conformsTo", x.ConformsTo, true)
	c.date(ptr+"/issued", &x.Issued)
	c.date(ptr+"/modified", &x.Modified)
	c.link(ptr+"/rights", &x.Rights, false)
	if x.AccessService != "" {
		c.accessService(ptr+"/accessService", &x.AccessService, services)
	}
}

// accessService resolves a reference to a data service, by id or by
// endpointURL, to the service's id.
func (c *checker) accessService(ptr string, ref *string, services []catalog.DataService) {
	v := trim(*ref)
	for _, s := range services {
		if s.ID == v {
			*ref = v
			return
		}
	}
	if n, err := iri.Normalize(v); err == nil {
		for _, s := range services {
			if s.EndpointURL == n {
				*ref = s.ID
				return
			}
		}
	}
	ids := make([]string, 0, len(services))
	for _, s := range services {
		ids = append(ids, strconv.Quote(s.ID))
	}
	known := "the dataset has no dataServices"
	knownSv := "datamängden har inga dataServices"
	if len(ids) > 0 {
		known = "its dataServices have the ids " + strings.Join(ids, ", ")
		knownSv = "dess dataServices har id " + strings.Join(ids, ", ")
	}
	c.add(ptr, apiAccessService, fmt.Sprintf("%q names no data service of this dataset: give the id or endpointURL of one of its dataServices (%s)", v, known),
		fmt.Sprintf("%q anger ingen datatjänst i datamängden: ange id eller endpointURL för en av dess dataServices (%s)", v, knownSv))
}

func (c *checker) dataService(ptr string, s *catalog.DataService) {
	s.Title = c.langString(ptr+"/title", s.Title, true)
	s.Description = c.langString(ptr+"/description", s.Description, false)
	c.link(ptr+"/endpointURL", &s.EndpointURL, true)
	c.link(ptr+"/endpointDescription", &s.EndpointDescription, true)
	c.mediaType(ptr+"/format", &s.Format)
	c.vocab(ptr+"/license", &s.License, catalog.Licences, nameLicence, true)
	c.vocab(ptr+"/accessRights", &s.AccessRights, catalog.AccessRights, nameAccessRights, false)
	c.vocab(ptr+"/type", &s.Type, catalog.ServiceTypes, nameServiceType, false)
	s.Keywords = c.langStrings(ptr+"/keywords", s.Keywords)
	c.link(ptr+"/page", &s.Page, true)
}
