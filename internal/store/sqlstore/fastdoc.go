package sqlstore

import (
	"encoding/base64"
	"math"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/katalog-se/katalog/catalog"
)

// fastDecode decodes a dataset document as encodeDoc writes it, several
// times faster than encoding/json: walking 100k datasets for a feed is
// mostly decoding. It knows exactly the keys of catalog.ContentDoc and the types
// under it, and reports false, leaving d half-filled, on anything else (an
// unknown key, a float, invalid UTF-8, a lone surrogate, bad JSON); the
// caller then decodes with encoding/json, which is the reference. Where it
// reports true, the result equals encoding/json's (FuzzFastDecode checks).
func fastDecode(doc string, d *catalog.Dataset) bool {
	p := decoder{b: doc}
	ok := fields(&p, d, datasetField)
	p.space()
	return ok && p.i == len(p.b)
}

func datasetField(p *decoder, d *catalog.Dataset, key string) (bit uint, ok bool) {
	switch key {
	case "iri":
		return 16, p.string(&d.IRI)
	case "title":
		return 0, p.langString(&d.Title)
	case "description":
		return 1, p.langString(&d.Description)
	case "keywords":
		return 2, p.langStrings(&d.Keywords)
	case "themes":
		return 3, p.strings(&d.Themes)
	case "accessRights":
		return 4, p.string(&d.AccessRights)
	case "accrualPeriodicity":
		return 5, p.string(&d.AccrualPeriodicity)
	case "issued":
		return 6, p.string(&d.Issued)
	case "modified":
		return 7, p.string(&d.Modified)
	case "landingPage":
		return 8, p.string(&d.LandingPage)
	case "languages":
		return 9, p.strings(&d.Languages)
	case "conformsTo":
		return 10, p.strings(&d.ConformsTo)
	case "spatial":
		return 11, p.strings(&d.Spatial)
	case "temporal":
		return 17, p.period(&d.Temporal)
	case "contactPoint":
		return 12, p.contactPoint(&d.ContactPoint)
	case "hvdCategory":
		return 13, p.string(&d.HVDCategory)
	case "distributions":
		return 14, p.distributions(&d.Distributions)
	case "dataServices":
		return 15, p.dataServices(&d.DataServices)
	case "published":
		return 18, p.published(&d.Published)
	}
	return 0, false
}

// decoder reads JSON from b, at i. Strings without escapes are slices of
// b, so they cost no allocation.
type decoder struct {
	b string
	i int
}

// space skips white space.
func (p *decoder) space() {
	for p.i < len(p.b) {
		switch p.b[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

// eat skips white space and c, reporting whether c was there.
func (p *decoder) eat(c byte) bool {
	p.space()
	if p.i < len(p.b) && p.b[p.i] == c {
		p.i++
		return true
	}
	return false
}

// null skips white space and a null, reporting whether it was there.
func (p *decoder) null() bool {
	p.space()
	if len(p.b)-p.i >= 4 && p.b[p.i:p.i+4] == "null" {
		p.i += 4
		return true
	}
	return false
}

// object reads an object, calling field after each key and its colon to
// read the value.
func (p *decoder) object(field func(key string) bool) bool {
	if !p.eat('{') {
		return false
	}
	if p.eat('}') {
		return true
	}
	for {
		key, ok := p.key()
		if !ok || !p.eat(':') || !field(key) {
			return false
		}
		if p.eat(',') {
			continue
		}
		return p.eat('}')
	}
}

// array reads an array, calling elem to read each element.
func (p *decoder) array(elem func() bool) bool {
	if !p.eat('[') {
		return false
	}
	if p.eat(']') {
		return true
	}
	for {
		if !elem() {
			return false
		}
		if p.eat(',') {
			continue
		}
		return p.eat(']')
	}
}

// key reads an object key without escapes.
func (p *decoder) key() (string, bool) {
	if !p.eat('"') {
		return "", false
	}
	start := p.i
	for p.i < len(p.b) {
		c := p.b[p.i]
		if c == '"' {
			p.i++
			return p.b[start : p.i-1], true
		}
		if c == '\\' || c < 0x20 || c >= utf8.RuneSelf {
			return "", false
		}
		p.i++
	}
	return "", false
}

// str reads a string.
func (p *decoder) str() (string, bool) {
	if !p.eat('"') {
		return "", false
	}
	start := p.i
	ascii := true
	for p.i < len(p.b) {
		c := p.b[p.i]
		switch {
		case c == '"':
			s := p.b[start:p.i]
			p.i++
			if !ascii && !utf8.ValidString(s) {
				return "", false
			}
			return s, true
		case c == '\\':
			return p.escaped(start)
		case c < 0x20:
			return "", false
		case c >= utf8.RuneSelf:
			ascii = false
		}
		p.i++
	}
	return "", false
}

// escaped reads the rest of a string that began at start and has an escape at i.
func (p *decoder) escaped(start int) (string, bool) {
	buf := make([]byte, 0, p.i-start+16)
	buf = append(buf, p.b[start:p.i]...)
	for p.i < len(p.b) {
		c := p.b[p.i]
		switch {
		case c == '"':
			p.i++
			if !utf8.Valid(buf) {
				return "", false
			}
			return string(buf), true
		case c < 0x20:
			return "", false
		case c != '\\':
			buf = append(buf, c)
			p.i++
			continue
		}
		if p.i+1 >= len(p.b) {
			return "", false
		}
		e := p.b[p.i+1]
		p.i += 2
		switch e {
		case '"', '\\', '/':
			buf = append(buf, e)
		case 'b':
			buf = append(buf, '\b')
		case 'f':
			buf = append(buf, '\f')
		case 'n':
			buf = append(buf, '\n')
		case 'r':
			buf = append(buf, '\r')
		case 't':
			buf = append(buf, '\t')
		case 'u':
			r, ok := p.hex4()
			if !ok {
				return "", false
			}
			if utf16.IsSurrogate(r) {
				// Only a high surrogate followed by a low one makes a rune;
				// encoding/json's handling of the rest is left to it.
				if r >= 0xdc00 || len(p.b)-p.i < 2 || p.b[p.i] != '\\' || p.b[p.i+1] != 'u' {
					return "", false
				}
				p.i += 2
				lo, ok := p.hex4()
				if !ok {
					return "", false
				}
				r = utf16.DecodeRune(r, lo)
				if r == utf8.RuneError {
					return "", false
				}
			}
			buf = utf8.AppendRune(buf, r)
		default:
			return "", false
		}
	}
	return "", false
}

// hex4 reads the four hex digits of a \u escape.
func (p *decoder) hex4() (rune, bool) {
	if len(p.b)-p.i < 4 {
		return 0, false
	}
	var r rune
	for j := p.i; j < p.i+4; j++ {
		c := p.b[j]
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c -= 'a' - 10
		case 'A' <= c && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	p.i += 4
	return r, true
}

// string reads a string or null (which leaves s alone, as encoding/json does).
func (p *decoder) string(s *string) bool {
	if p.null() {
		return true
	}
	v, ok := p.str()
	*s = v
	return ok
}

// int64 reads an integer without fraction or exponent.
func (p *decoder) int64(n *int64) bool {
	if p.null() {
		return true
	}
	p.space()
	neg := p.i < len(p.b) && p.b[p.i] == '-'
	if neg {
		p.i++
	}
	start := p.i
	var v uint64
	for p.i < len(p.b) && '0' <= p.b[p.i] && p.b[p.i] <= '9' {
		v = v*10 + uint64(p.b[p.i]-'0')
		p.i++
	}
	digits := p.i - start
	if digits == 0 || digits > 19 || (digits > 1 && p.b[start] == '0') {
		return false // empty, out of range, or a leading zero
	}
	if p.i < len(p.b) && (p.b[p.i] == '.' || p.b[p.i] == 'e' || p.b[p.i] == 'E') {
		return false
	}
	// 19 digits fit in a uint64 without wrapping; an int64 holds less.
	if (!neg && v > math.MaxInt64) || (neg && v > -math.MinInt64) {
		return false
	}
	*n = int64(v)
	if neg {
		*n = -*n
	}
	return true
}

// strings reads an array of strings, or null.
func (p *decoder) strings(list *[]string) bool {
	if p.null() {
		*list = nil
		return true
	}
	*list = []string{}
	return p.array(func() bool {
		s, ok := p.str()
		*list = append(*list, s)
		return ok
	})
}

// langString reads a map of language to text, or null.
func (p *decoder) langString(m *catalog.LangString) bool {
	if p.null() {
		*m = nil
		return true
	}
	*m = catalog.LangString{}
	return p.object(func(key string) bool {
		s, ok := p.str()
		(*m)[key] = s
		return ok
	})
}

// langStrings reads a map of language to texts, or null.
func (p *decoder) langStrings(m *catalog.LangStrings) bool {
	if p.null() {
		*m = nil
		return true
	}
	*m = catalog.LangStrings{}
	return p.object(func(key string) bool {
		var list []string
		ok := p.strings(&list)
		(*m)[key] = list
		return ok
	})
}

// published reads an imported dataset's published description, or null.
// Its compressed bytes are base64 (standard, padded), as encoding/json
// writes a []byte.
func (p *decoder) published(pub **catalog.Published) bool {
	return objectOrNull(p, pub, publishedField)
}

func publishedField(p *decoder, v *catalog.Published, key string) (bit uint, ok bool) {
	switch key {
	case "sha256":
		return 0, p.string(&v.SHA256)
	case "triples":
		var n int64
		ok := p.int64(&n) && n >= math.MinInt && n <= math.MaxInt
		v.Triples = int(n)
		return 1, ok
	case "ntGzip":
		if p.null() {
			v.Gzip = nil
			return 2, true
		}
		s, ok := p.str()
		if !ok {
			return 2, false
		}
		b, err := base64.StdEncoding.DecodeString(s)
		v.Gzip = b
		return 2, err == nil
	}
	return 0, false
}

// period reads a period, or null.
func (p *decoder) period(t **catalog.Period) bool { return objectOrNull(p, t, periodField) }

func periodField(p *decoder, v *catalog.Period, key string) (bit uint, ok bool) {
	switch key {
	case "start":
		return 0, p.string(&v.Start)
	case "end":
		return 1, p.string(&v.End)
	}
	return 0, false
}

// contactPoint reads a contact point, or null.
func (p *decoder) contactPoint(c **catalog.ContactPoint) bool {
	return objectOrNull(p, c, contactPointField)
}

func contactPointField(p *decoder, v *catalog.ContactPoint, key string) (bit uint, ok bool) {
	switch key {
	case "name":
		return 0, p.string(&v.Name)
	case "email":
		return 1, p.string(&v.Email)
	case "url":
		return 2, p.string(&v.URL)
	case "phone":
		return 3, p.string(&v.Phone)
	}
	return 0, false
}

// distributions reads an array of distributions, or null.
func (p *decoder) distributions(list *[]catalog.Distribution) bool {
	return objectList(p, list, distributionField)
}

func distributionField(p *decoder, v *catalog.Distribution, key string) (bit uint, ok bool) {
	switch key {
	case "id":
		return 0, p.string(&v.ID)
	case "title":
		return 1, p.langString(&v.Title)
	case "description":
		return 2, p.langString(&v.Description)
	case "accessURL":
		return 3, p.string(&v.AccessURL)
	case "downloadURL":
		return 4, p.string(&v.DownloadURL)
	case "format":
		return 5, p.string(&v.Format)
	case "license":
		return 6, p.string(&v.License)
	case "byteSize":
		return 7, p.int64(&v.ByteSize)
	case "availability":
		return 8, p.string(&v.Availability)
	case "status":
		return 9, p.string(&v.Status)
	case "languages":
		return 10, p.strings(&v.Languages)
	case "conformsTo":
		return 11, p.strings(&v.ConformsTo)
	case "issued":
		return 12, p.string(&v.Issued)
	case "modified":
		return 13, p.string(&v.Modified)
	case "rights":
		return 15, p.string(&v.Rights)
	case "accessService":
		return 14, p.string(&v.AccessService)
	}
	return 0, false
}

// dataServices reads an array of data services, or null.
func (p *decoder) dataServices(list *[]catalog.DataService) bool {
	return objectList(p, list, dataServiceField)
}

func dataServiceField(p *decoder, v *catalog.DataService, key string) (bit uint, ok bool) {
	switch key {
	case "id":
		return 0, p.string(&v.ID)
	case "title":
		return 1, p.langString(&v.Title)
	case "description":
		return 2, p.langString(&v.Description)
	case "endpointURL":
		return 3, p.string(&v.EndpointURL)
	case "endpointDescription":
		return 4, p.string(&v.EndpointDescription)
	case "format":
		return 5, p.string(&v.Format)
	case "license":
		return 6, p.string(&v.License)
	case "accessRights":
		return 7, p.string(&v.AccessRights)
	case "type":
		return 8, p.string(&v.Type)
	case "keywords":
		return 9, p.langStrings(&v.Keywords)
	case "page":
		return 10, p.string(&v.Page)
	}
	return 0, false
}

// fieldReader reads the value of key into v and reports the key's bit
// among the object's keys (a key read twice makes fields report false)
// and whether the value was read; an unknown key reports false.
type fieldReader[T any] func(p *decoder, v *T, key string) (bit uint, ok bool)

// objectOrNull reads an object into a new T at *v by field (which reads
// the value of one key, or reports false), or null into nil.
func objectOrNull[T any](p *decoder, v **T, field fieldReader[T]) bool {
	if p.null() {
		*v = nil
		return true
	}
	*v = new(T)
	return fields(p, *v, field)
}

// objectList reads an array of objects, each by field, or null into nil.
func objectList[T any](p *decoder, list *[]T, field fieldReader[T]) bool {
	if p.null() {
		*list = nil
		return true
	}
	*list = []T{}
	return p.array(func() bool {
		var zero T
		*list = append(*list, zero)
		return fields(p, &(*list)[len(*list)-1], field)
	})
}

// fields reads an object into v by field; a repeated key reports false
// (encoding/json then decodes the document).
func fields[T any](p *decoder, v *T, field fieldReader[T]) bool {
	var seen uint32
	return p.object(func(key string) bool {
		bit, ok := field(p, v, key)
		return ok && first(&seen, bit)
	})
}

// first marks field n in seen, reporting whether it was unmarked.
func first(seen *uint32, n uint) bool {
	if *seen&(1<<n) != 0 {
		return false
	}
	*seen |= 1 << n
	return true
}
