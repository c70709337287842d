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
// mostly decoding. It knows exactly the keys of contentDoc and the types
// under it, and reports false, leaving d half-filled, on anything else (an
// unknown key, a float, invalid UTF-8, a lone surrogate, bad JSON); the
// caller then decodes with encoding/json, which is the reference. Where it
// reports true, the result equals encoding/json's (FuzzFastDecode checks).
func fastDecode(doc string, d *catalog.Dataset) bool {
	p := decoder{b: doc}
	var seen uint32 // keys read: a repeated key goes to encoding/json
	ok := p.object(func(key string) bool {
		switch key {
		case "iri":
			return first(&seen, 16) && p.string(&d.IRI)
		case "title":
			return first(&seen, 0) && p.langString(&d.Title)
		case "description":
			return first(&seen, 1) && p.langString(&d.Description)
		case "keywords":
			return first(&seen, 2) && p.langStrings(&d.Keywords)
		case "themes":
			return first(&seen, 3) && p.strings(&d.Themes)
		case "accessRights":
			return first(&seen, 4) && p.string(&d.AccessRights)
		case "accrualPeriodicity":
			return first(&seen, 5) && p.string(&d.AccrualPeriodicity)
		case "issued":
			return first(&seen, 6) && p.string(&d.Issued)
		case "modified":
			return first(&seen, 7) && p.string(&d.Modified)
		case "landingPage":
			return first(&seen, 8) && p.string(&d.LandingPage)
		case "languages":
			return first(&seen, 9) && p.strings(&d.Languages)
		case "conformsTo":
			return first(&seen, 10) && p.strings(&d.ConformsTo)
		case "spatial":
			return first(&seen, 11) && p.strings(&d.Spatial)
		case "temporal":
			return first(&seen, 17) && p.period(&d.Temporal)
		case "contactPoint":
			return first(&seen, 12) && p.contactPoint(&d.ContactPoint)
		case "hvdCategory":
			return first(&seen, 13) && p.string(&d.HVDCategory)
		case "distributions":
			return first(&seen, 14) && p.distributions(&d.Distributions)
		case "dataServices":
			return first(&seen, 15) && p.dataServices(&d.DataServices)
		case "published":
			return first(&seen, 18) && p.published(&d.Published)
		}
		return false
	})
	p.space()
	return ok && p.i == len(p.b)
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
	if p.null() {
		*pub = nil
		return true
	}
	*pub = new(catalog.Published)
	v := *pub
	var seen uint32
	return p.object(func(key string) bool {
		switch key {
		case "sha256":
			return first(&seen, 0) && p.string(&v.SHA256)
		case "triples":
			var n int64
			ok := first(&seen, 1) && p.int64(&n) && n >= math.MinInt && n <= math.MaxInt
			v.Triples = int(n)
			return ok
		case "ntGzip":
			if !first(&seen, 2) {
				return false
			}
			if p.null() {
				v.Gzip = nil
				return true
			}
			s, ok := p.str()
			if !ok {
				return false
			}
			b, err := base64.StdEncoding.DecodeString(s)
			v.Gzip = b
			return err == nil
		}
		return false
	})
}

// period reads a period, or null.
func (p *decoder) period(t **catalog.Period) bool {
	if p.null() {
		*t = nil
		return true
	}
	*t = new(catalog.Period)
	v := *t
	var seen uint32
	return p.object(func(key string) bool {
		switch key {
		case "start":
			return first(&seen, 0) && p.string(&v.Start)
		case "end":
			return first(&seen, 1) && p.string(&v.End)
		}
		return false
	})
}

// contactPoint reads a contact point, or null.
func (p *decoder) contactPoint(c **catalog.ContactPoint) bool {
	if p.null() {
		*c = nil
		return true
	}
	*c = new(catalog.ContactPoint)
	v := *c
	var seen uint32 // keys read: a repeated key goes to encoding/json
	return p.object(func(key string) bool {
		switch key {
		case "name":
			return first(&seen, 0) && p.string(&v.Name)
		case "email":
			return first(&seen, 1) && p.string(&v.Email)
		case "url":
			return first(&seen, 2) && p.string(&v.URL)
		case "phone":
			return first(&seen, 3) && p.string(&v.Phone)
		}
		return false
	})
}

// distributions reads an array of distributions, or null.
func (p *decoder) distributions(list *[]catalog.Distribution) bool {
	if p.null() {
		*list = nil
		return true
	}
	*list = []catalog.Distribution{}
	return p.array(func() bool {
		*list = append(*list, catalog.Distribution{})
		v := &(*list)[len(*list)-1]
		var seen uint32 // keys read: a repeated key goes to encoding/json
		return p.object(func(key string) bool {
			switch key {
			case "id":
				return first(&seen, 0) && p.string(&v.ID)
			case "title":
				return first(&seen, 1) && p.langString(&v.Title)
			case "description":
				return first(&seen, 2) && p.langString(&v.Description)
			case "accessURL":
				return first(&seen, 3) && p.string(&v.AccessURL)
			case "downloadURL":
				return first(&seen, 4) && p.string(&v.DownloadURL)
			case "format":
				return first(&seen, 5) && p.string(&v.Format)
			case "license":
				return first(&seen, 6) && p.string(&v.License)
			case "byteSize":
				return first(&seen, 7) && p.int64(&v.ByteSize)
			case "availability":
				return first(&seen, 8) && p.string(&v.Availability)
			case "status":
				return first(&seen, 9) && p.string(&v.Status)
			case "languages":
				return first(&seen, 10) && p.strings(&v.Languages)
			case "conformsTo":
				return first(&seen, 11) && p.strings(&v.ConformsTo)
			case "issued":
				return first(&seen, 12) && p.string(&v.Issued)
			case "modified":
				return first(&seen, 13) && p.string(&v.Modified)
			case "rights":
				return first(&seen, 15) && p.string(&v.Rights)
			case "accessService":
				return first(&seen, 14) && p.string(&v.AccessService)
			}
			return false
		})
	})
}

// dataServices reads an array of data services, or null.
func (p *decoder) dataServices(list *[]catalog.DataService) bool {
	if p.null() {
		*list = nil
		return true
	}
	*list = []catalog.DataService{}
	return p.array(func() bool {
		*list = append(*list, catalog.DataService{})
		v := &(*list)[len(*list)-1]
		var seen uint32 // keys read: a repeated key goes to encoding/json
		return p.object(func(key string) bool {
			switch key {
			case "id":
				return first(&seen, 0) && p.string(&v.ID)
			case "title":
				return first(&seen, 1) && p.langString(&v.Title)
			case "description":
				return first(&seen, 2) && p.langString(&v.Description)
			case "endpointURL":
				return first(&seen, 3) && p.string(&v.EndpointURL)
			case "endpointDescription":
				return first(&seen, 4) && p.string(&v.EndpointDescription)
			case "format":
				return first(&seen, 5) && p.string(&v.Format)
			case "license":
				return first(&seen, 6) && p.string(&v.License)
			case "accessRights":
				return first(&seen, 7) && p.string(&v.AccessRights)
			case "type":
				return first(&seen, 8) && p.string(&v.Type)
			case "keywords":
				return first(&seen, 9) && p.langStrings(&v.Keywords)
			case "page":
				return first(&seen, 10) && p.string(&v.Page)
			}
			return false
		})
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
