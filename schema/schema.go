// Package schema validates the JSON bodies of katalog's API: agencies and
// datasets. Validation has two stages, and both report every error they find
// at once, each with the JSON pointer (RFC 6901) of the offending value and a
// message in Swedish and English:
//
//  1. the embedded JSON Schemas (draft 2020-12), agency.schema.json and
//     dataset.schema.json, check the shape: types, required properties,
//     unknown properties;
//  2. semantic checks check and normalise the values: organisation numbers,
//     IRIs, e-mail addresses, dates, language tags, XML-safe text, media
//     types, controlled vocabularies, cron specs, ids and references.
//
// Malformed JSON is a 400 problem with the line and column; a body that
// breaks the rules is a 422 problem (problem.Invalid).
//
// The Validator's output is ready to store: controlled values are canonical
// IRIs, IRIs are normalised, language tags are in canonical case, texts are
// trimmed, the organisation number has no hyphen, and every distribution and
// data service has an id.
package schema

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/internal/problem"
)

//go:embed *.schema.json
var files embed.FS

// Names of the embedded schemas, as accepted by Validator.Schema.
const (
	AgencyName  = "agency"
	DatasetName = "dataset"
	TokenName   = "token"
	// NotificationsName is the schema of an agency's notification settings.
	NotificationsName = "notifications"
)

// names lists the embedded schemas.
var names = []string{AgencyName, DatasetName, TokenName, NotificationsName}

// BaseID prefixes the $id of every embedded schema.
const BaseID = "https://katalog.dataportal.se/schemas/"

// Validator checks agency and dataset bodies against the compiled schemas
// and katalog's rules. It is immutable and safe for concurrent use.
type Validator struct {
	raw      map[string][]byte         // by name: the schema file as embedded
	docs     map[string]map[string]any // by $id: the parsed schema, to look up keyword values
	compiled map[string]*jsonschema.Schema
	// minInterval is the floor on agencies' check schedules.
	minInterval time.Duration
}

// Option configures a Validator.
type Option func(*Validator)

// WithMinCheckInterval sets the floor on agencies' checkSchedule
// (check.minInterval; schedule.DefaultMinInterval when not given): a spec
// that runs more often is refused with a problem at /checkSchedule.
func WithMinCheckInterval(d time.Duration) Option {
	return func(v *Validator) { v.minInterval = d }
}

// New compiles the embedded schemas. It fails only if they are broken.
func New(opts ...Option) (*Validator, error) {
	v := &Validator{raw: map[string][]byte{}, docs: map[string]map[string]any{}, compiled: map[string]*jsonschema.Schema{}}
	for _, o := range opts {
		o(v)
	}
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	c.LoadURL = func(s string) (io.ReadCloser, error) {
		return nil, fmt.Errorf("schema %s is not embedded; katalog loads no remote schemas", s)
	}
	for _, name := range names {
		b, err := files.ReadFile(name + ".schema.json")
		if err != nil {
			return nil, fmt.Errorf("schema: read %s: %w", name, err)
		}
		var doc map[string]any
		if err := json.Unmarshal(b, &doc); err != nil {
			return nil, fmt.Errorf("schema: parse %s: %w", name, err)
		}
		id, _ := doc["$id"].(string)
		if id != BaseID+name+".schema.json" {
			return nil, fmt.Errorf("schema: %s has $id %q, want %q", name, id, BaseID+name+".schema.json")
		}
		if err := c.AddResource(id, bytes.NewReader(b)); err != nil {
			return nil, fmt.Errorf("schema: add %s: %w", name, err)
		}
		v.raw[name], v.docs[id] = b, doc
	}
	for _, name := range names {
		s, err := c.Compile(BaseID + name + ".schema.json")
		if err != nil {
			return nil, fmt.Errorf("schema: compile %s: %w", name, err)
		}
		v.compiled[name] = s
	}
	return v, nil
}

// Names lists the names of the embedded schemas.
func (v *Validator) Names() []string { return slices.Clone(names) }

// Schema returns a copy of the named schema's JSON ("agency" or "dataset";
// "dataset.schema.json" and "dataset.json" are accepted too).
func (v *Validator) Schema(name string) ([]byte, bool) {
	name = strings.TrimSuffix(strings.TrimSuffix(path.Base(name), ".json"), ".schema")
	b, ok := v.raw[name]
	if !ok {
		return nil, false
	}
	return bytes.Clone(b), true
}

// Agency validates an agency body (POST or PUT) and returns the agency ready
// to store, or a problem: 400 for malformed JSON, 422 (problem.Invalid) with
// one error per failure. active (the register's word), createdAt and
// updatedAt are ignored; "token" is refused. name needs a Swedish or English text (sv or en); other languages
// may be added.
func (v *Validator) Agency(body []byte) (*catalog.Agency, *problem.Problem) {
	inst, p := decode(body)
	if p != nil {
		return nil, p
	}
	errs := v.schemaErrors(AgencyName, inst)
	var a catalog.Agency
	if m, ok := inst.(map[string]any); ok {
		if err := decodeInto(m, []string{"active", "createdAt", "updatedAt"}, &a); err != nil && len(errs) == 0 {
			errs = append(errs, withRules(AgencyName, []problem.FieldError{typeErrorField(err)}, apiSchema)...)
		}
		c := &checker{body: AgencyName, minInterval: v.minInterval}
		c.agency(&a)
		errs = merge(errs, c.errs)
	}
	if len(errs) > 0 {
		return nil, problem.Invalid(errs)
	}
	return &a, nil
}

// Dataset validates a dataset body (POST or PUT) and returns the dataset
// ready to store, or a problem: 400 for malformed JSON, 422
// (problem.Invalid) with one error per failure.
//
// Rules beyond the schema: id, if given, is a UUID (stored in lower case;
// when absent the caller generates one). title and description need a
// Swedish or English text (sv or en; other languages may be added), and so
// does a data service's title. Distribution and data service ids are
// optional; missing ones get the smallest unused whole numbers "1", "2", …
// (distributions first, then data services, in order), and all ids must be
// unique across both lists. accessService names a data service by id or by
// endpointURL and is stored as the id. agency, createdAt and updatedAt are
// ignored.
func (v *Validator) Dataset(body []byte) (*catalog.Dataset, *problem.Problem) {
	inst, p := decode(body)
	if p != nil {
		return nil, p
	}
	errs := v.schemaErrors(DatasetName, inst)
	var d catalog.Dataset
	if m, ok := inst.(map[string]any); ok {
		if err := decodeInto(m, []string{"agency", "createdAt", "updatedAt"}, &d); err != nil && len(errs) == 0 {
			errs = append(errs, withRules(DatasetName, []problem.FieldError{typeErrorField(err)}, apiSchema)...)
		}
		c := &checker{body: DatasetName}
		c.dataset(&d)
		errs = merge(errs, c.errs)
	}
	if len(errs) > 0 {
		return nil, problem.Invalid(errs)
	}
	return &d, nil
}

// TokenRequest is a valid body of POST /api/v1/agencies/{orgnr}/tokens.
type TokenRequest struct {
	Name      string     `json:"name"`
	ExpiresAt *time.Time `json:"expiresAt,omitempty"`
}

// Token validates a token request at now: a name, and an expiry, if any,
// in the future. 400 for malformed JSON, 422 with one error per failure.
func (v *Validator) Token(body []byte, now time.Time) (*TokenRequest, *problem.Problem) {
	inst, p := decode(body)
	if p != nil {
		return nil, p
	}
	errs := v.schemaErrors(TokenName, inst)
	var r TokenRequest
	if m, ok := inst.(map[string]any); ok && len(errs) == 0 {
		c := &checker{body: TokenName}
		r.Name, _ = m["name"].(string)
		c.text("/name", &r.Name, true)
		if s, ok := m["expiresAt"].(string); ok {
			at, err := time.Parse(time.RFC3339, s)
			switch {
			case err != nil:
				c.add("/expiresAt", apiToken, fmt.Sprintf("%q is not an RFC 3339 time such as 2027-12-31T23:59:59Z", s),
					fmt.Sprintf("%q är ingen RFC 3339-tid som 2027-12-31T23:59:59Z", s))
			case !at.After(now):
				c.add("/expiresAt", apiToken, "must be in the future", "ska ligga i framtiden")
			default:
				r.ExpiresAt = &at
			}
		}
		errs = merge(errs, c.errs)
	}
	if len(errs) > 0 {
		return nil, problem.Invalid(errs)
	}
	return &r, nil
}

// Notifications validates an agency's notification settings (PUT
// …/notifications) and returns them for org: email (default true), mode
// (default change) and a webhook whose URL is an absolute http(s) URL
// without user information, with a secret of 16 characters or more. 400
// for malformed JSON, 422 with one error per failure.
func (v *Validator) Notifications(org catalog.OrgNumber, body []byte) (*catalog.NotifySettings, *problem.Problem) {
	inst, p := decode(body)
	if p != nil {
		return nil, p
	}
	errs := v.schemaErrors(NotificationsName, inst)
	n := catalog.DefaultNotifySettings(org)
	if m, ok := inst.(map[string]any); ok && len(errs) == 0 {
		if b, ok := m["email"].(bool); ok {
			n.Email = b
		}
		if s, ok := m["mode"].(string); ok {
			n.Mode = s
		}
		if hook, ok := m["webhook"].(map[string]any); ok {
			n.WebhookURL, _ = hook["url"].(string)
			n.WebhookSecret, _ = hook["secret"].(string)
			c := &checker{}
			c.link("/webhook/url", &n.WebhookURL, true)
			c.noUserInfo("/webhook/url", n.WebhookURL)
			errs = merge(errs, c.errs)
		}
	}
	if len(errs) > 0 {
		return nil, problem.Invalid(errs)
	}
	return &n, nil
}

// decode parses body as one JSON value with numbers kept exact, or returns
// the 400 problem saying where the JSON breaks.
func decode(body []byte) (any, *problem.Problem) {
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, malformed(body, 0, "the body is empty; send a JSON object", "kroppen är tom; skicka ett JSON-objekt")
	}
	if off := invalidUTF8(body); off >= 0 {
		return nil, malformed(body, off, "the body is not valid UTF-8", "kroppen är inte giltig UTF-8")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var inst any
	if err := dec.Decode(&inst); err != nil {
		var se *json.SyntaxError
		switch {
		case errors.As(err, &se):
			return nil, malformed(body, max(int(se.Offset)-1, 0), "malformed JSON: "+se.Error(), "felaktig JSON: "+se.Error())
		case errors.Is(err, io.ErrUnexpectedEOF):
			return nil, malformed(body, len(body), "malformed JSON: the body ends in the middle of a value", "felaktig JSON: kroppen tar slut mitt i ett värde")
		default:
			return nil, malformed(body, int(dec.InputOffset()), "malformed JSON: "+err.Error(), "felaktig JSON: "+err.Error())
		}
	}
	if rest := bytes.TrimSpace(body[dec.InputOffset():]); len(rest) > 0 {
		off := len(body) - len(bytes.TrimLeft(body[dec.InputOffset():], " \t\r\n"))
		return nil, malformed(body, off, "malformed JSON: there is more after the JSON value; send exactly one object", "felaktig JSON: det finns mer efter JSON-värdet; skicka exakt ett objekt")
	}
	if errs := outOfRange(inst, "", nil); len(errs) > 0 {
		return nil, problem.Invalid(withRules("", errs, apiNumber))
	}
	return inst, nil
}

// maxExact is the largest magnitude a number in a body may have: 2^53, the
// limit of I-JSON (RFC 7493) within which every integer is exact in every
// JSON implementation. Larger numbers (1e999999999) are refused before the
// schema sees them.
const maxExact = 1 << 53

// outOfRange appends an error for every number in v that is not a finite
// number within ±maxExact, pointing at it.
func outOfRange(v any, ptr string, errs []problem.FieldError) []problem.FieldError {
	switch t := v.(type) {
	case json.Number:
		f, err := strconv.ParseFloat(string(t), 64)
		if err != nil || math.IsInf(f, 0) || math.Abs(f) > maxExact {
			errs = append(errs, field(ptr, fmt.Sprintf("the number %.40s is out of range: numbers must lie within ±2^53", string(t)),
				fmt.Sprintf("talet %.40s ligger utanför det tillåtna: tal ska ligga inom ±2^53", string(t))))
		}
	case map[string]any:
		for k, e := range t {
			errs = outOfRange(e, ptr+"/"+escapeToken(k), errs)
		}
	case []any:
		for i, e := range t {
			errs = outOfRange(e, ptr+"/"+strconv.Itoa(i), errs)
		}
	}
	return errs
}

func invalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return -1
}

// malformed is the 400 problem for a body that is not JSON, located by line
// and column (both from 1; the column counts bytes).
func malformed(body []byte, off int, en, sv string) *problem.Problem {
	if off > len(body) {
		off = len(body)
	}
	line := 1 + bytes.Count(body[:off], []byte("\n"))
	col := off - bytes.LastIndexByte(body[:off], '\n')
	p := problem.New(400, "malformed-json", "Malformed JSON", fmt.Sprintf("The request body is not valid JSON (line %d, column %d, byte offset %d); nothing was changed.", line, col, off))
	p.Errors = []problem.FieldError{{Line: line, Column: col, Detail: en, Message: map[string]string{"sv": sv, "en": en}}}
	return p
}

// decodeInto decodes the object m, without the ignored keys, into dst. Values
// of the wrong type are skipped (the schema reports them); the first such
// error is returned.
func decodeInto(m map[string]any, ignored []string, dst any) error {
	clean := make(map[string]any, len(m))
	for k, val := range m {
		clean[k] = val
	}
	for _, k := range ignored {
		delete(clean, k)
	}
	b, err := json.Marshal(integral(clean))
	if err != nil {
		return fmt.Errorf("schema: re-encode body: %w", err)
	}
	if err := json.Unmarshal(b, dst); err != nil {
		return fmt.Errorf("schema: decode body: %w", err)
	}
	return nil
}

// integral rewrites numbers with an integral value written with a fraction
// or exponent (1.0, 1e3), which JSON Schema counts as integers, as plain
// integers so that they decode into Go integer fields.
func integral(x any) any {
	switch t := x.(type) {
	case map[string]any:
		for k, v := range t {
			t[k] = integral(v)
		}
	case []any:
		for i, v := range t {
			t[i] = integral(v)
		}
	case json.Number:
		if strings.ContainsAny(string(t), ".eE") {
			if f, err := strconv.ParseFloat(string(t), 64); err == nil && f == math.Trunc(f) && math.Abs(f) <= 1<<53 {
				return json.Number(strconv.FormatInt(int64(f), 10))
			}
		}
	}
	return x
}

// typeErrorField turns a decoding error the schema let through (such as 1.0
// for an integer) into a field error.
func typeErrorField(err error) problem.FieldError {
	var te *json.UnmarshalTypeError
	ptr := ""
	if errors.As(err, &te) && te.Field != "" && !strings.Contains(te.Field, ".") {
		ptr = "/" + te.Field // nested fields lack array indexes: leave those unlocated
	}
	en := "the value has the wrong type for this field"
	sv := "värdet har fel typ för fältet"
	if te != nil && te.Type != nil {
		switch te.Type.Kind().String() {
		case "int", "int64", "int32":
			en, sv = "must be a whole number without a decimal point", "måste vara ett heltal utan decimaltecken"
		}
	}
	return problem.FieldError{Pointer: ptr, Detail: en, Message: map[string]string{"sv": sv, "en": en}}
}

// merge adds the semantic errors to the schema errors, leaving out those on a
// value the schema already found wrong (at, above or below its pointer),
// and orders them by pointer.
func merge(schemaErrs, semantic []problem.FieldError) []problem.FieldError {
	out := schemaErrs
	for _, e := range semantic {
		covered := false
		for _, s := range schemaErrs {
			if related(s.Pointer, e.Pointer) {
				covered = true
				break
			}
		}
		if !covered {
			out = append(out, e)
		}
	}
	sortErrors(out)
	return out
}

// related reports whether pointers a and b are equal or one contains the other.
func related(a, b string) bool {
	return a == b || strings.HasPrefix(b, a+"/") || strings.HasPrefix(a, b+"/")
}

// sortErrors orders errors by pointer, comparing array indexes as numbers,
// and keeps the order of errors at the same pointer.
func sortErrors(errs []problem.FieldError) {
	sort.SliceStable(errs, func(i, j int) bool { return pointerLess(errs[i].Pointer, errs[j].Pointer) })
}

func pointerLess(a, b string) bool {
	ta, tb := strings.Split(a, "/"), strings.Split(b, "/")
	for k := 0; k < len(ta) && k < len(tb); k++ {
		if ta[k] == tb[k] {
			continue
		}
		na, ea := strconv.Atoi(ta[k])
		nb, eb := strconv.Atoi(tb[k])
		if ea == nil && eb == nil {
			return na < nb
		}
		return ta[k] < tb[k]
	}
	return len(ta) < len(tb)
}
