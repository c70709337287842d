package readiness

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"mime"
	"regexp"
	"strings"
)

// What an API description link turned out to be (LinkResult.API), as
// dataportal.se judges it: only an OpenAPI 3 or Swagger 2 document, in JSON
// or YAML, shows as an API description there.
const (
	// APIOpenAPI is an OpenAPI 3 document; the version follows after a
	// space ("openapi 3.0.3").
	APIOpenAPI = "openapi"
	// APISwagger is a Swagger (OpenAPI 2) document ("swagger 2.0").
	APISwagger = "swagger"
	// APIHTML is a web page, such as a Swagger UI page that shows a
	// description but is not one.
	APIHTML = "html"
	// APIJSON is JSON that is not an OpenAPI or Swagger document.
	APIJSON = "json"
	// APIYAML is YAML that is not an OpenAPI or Swagger document.
	APIYAML = "yaml"
	// APIOther is anything else (text, a PDF, an empty body).
	APIOther = "other"
)

// maxSpecBytes is how much of an API description is read to tell what it
// is; OpenAPI documents name their version near the top.
const maxSpecBytes = 4 << 20

// IsSpec reports whether api (a LinkResult.API) is an OpenAPI or Swagger
// document.
func IsSpec(api string) bool {
	return strings.HasPrefix(api, APIOpenAPI+" ") || strings.HasPrefix(api, APISwagger+" ")
}

// Version patterns: OpenAPI 3.x.y (3.0, 3.1 …) and Swagger 2.0.
var (
	openAPIVersion = regexp.MustCompile(`^3\.[0-9]+(\.[0-9]+)?(-[0-9A-Za-z.-]+)?$`)
	swaggerVersion = regexp.MustCompile(`^2\.0$`)
)

// SniffAPIDescription tells what an API description's body is, from its
// Content-Type and content (at most maxSpecBytes are read): an OpenAPI 3
// or Swagger 2 document in JSON or YAML (the version key and an info
// object at the top level), a web page, other JSON, other YAML, or
// something else. It returns one of the API constants, with the version
// for a document ("openapi 3.0.3", "swagger 2.0").
func SniffAPIDescription(contentType string, body io.Reader) string {
	br := bufio.NewReaderSize(io.LimitReader(body, maxSpecBytes), 4096)
	if bom, _ := br.Peek(3); bytes.Equal(bom, []byte("\xef\xbb\xbf")) {
		_, _ = br.Discard(3)
	}
	head, _ := br.Peek(512)
	head = bytes.TrimLeft(head, " \t\r\n")
	mt, _, _ := mime.ParseMediaType(contentType)
	switch {
	case mt == "text/html" || mt == "application/xhtml+xml" || looksLikeHTML(head):
		return APIHTML
	case len(head) > 0 && (head[0] == '{' || head[0] == '['):
		return sniffJSON(br)
	case len(head) == 0:
		return APIOther
	}
	return sniffYAML(br)
}

// looksLikeHTML reports whether a body begins as a web page does.
func looksLikeHTML(head []byte) bool {
	h := strings.ToLower(string(head[:min(len(head), 64)]))
	for _, p := range []string{"<!doctype html", "<html", "<head", "<body", "<!--", "<meta", "<script", "<div", "<title"} {
		if strings.HasPrefix(h, p) {
			return true
		}
	}
	return false
}

// specOf says what a document with these top-level values is.
func specOf(openapi, swagger string, info bool, fallback string) string {
	switch {
	case info && openAPIVersion.MatchString(openapi):
		return APIOpenAPI + " " + openapi
	case info && swaggerVersion.MatchString(swagger):
		return APISwagger + " " + swagger
	}
	return fallback
}

// sniffJSON walks the top level of a JSON document, reading only its keys
// and the scalar values of "openapi" and "swagger": nested values are
// skipped token by token, never held.
func sniffJSON(r io.Reader) string {
	dec := json.NewDecoder(r)
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil || tok != json.Delim('{') {
		return APIJSON
	}
	var openapi, swagger string
	info := false
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			break
		}
		key, _ := k.(string)
		v, err := dec.Token()
		if err != nil {
			break
		}
		switch d, isDelim := v.(json.Delim); {
		case isDelim:
			if key == "info" && d == '{' {
				info = true
			}
			if skipJSON(dec) != nil {
				return specOf(openapi, swagger, info, APIJSON)
			}
		case key == "openapi":
			openapi, _ = v.(string)
		case key == "swagger":
			swagger, _ = v.(string)
		}
		if info && (openapi != "" || swagger != "") {
			break
		}
	}
	return specOf(openapi, swagger, info, APIJSON)
}

// skipJSON reads the rest of the array or object whose opening delimiter
// was just read.
func skipJSON(dec *json.Decoder) error {
	for depth := 1; depth > 0; {
		t, err := dec.Token()
		if err != nil {
			return err
		}
		if d, ok := t.(json.Delim); ok {
			switch d {
			case '{', '[':
				depth++
			default:
				depth--
			}
		}
	}
	return nil
}

// yamlTopKey matches a key of a YAML document's top-level block mapping:
// at column 0, plain or quoted, followed by a colon and a space or the end
// of the line.
var yamlTopKey = regexp.MustCompile(`^(?:"([^"]*)"|'([^']*)'|([A-Za-z_$][^:#\s]*))[ \t]*:(?:[ \t]+(.*))?$`)

// sniffYAML reads the top-level keys of a YAML document line by line (a
// block mapping, as OpenAPI documents are written): comments, directives
// and the document marker are skipped, indented lines belong to the key
// above. It reads no anchors or aliases, so no document can make it
// expand.
func sniffYAML(r io.Reader) string {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), 64<<10)
	var openapi, swagger string
	info, keys := false, 0
lines:
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), " \t\r")
		switch {
		case line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "%") || line == "---":
			continue
		case line == "...":
			break lines
		case line[0] == ' ' || line[0] == '\t' || line[0] == '-' && keys > 0:
			continue // inside the value of the key above
		}
		m := yamlTopKey.FindStringSubmatch(line)
		if m == nil {
			break // not a block mapping (or no longer one)
		}
		keys++
		val := strings.TrimSpace(stripYAMLComment(m[4]))
		switch m[1] + m[2] + m[3] {
		case "openapi":
			openapi = unquoteYAML(val)
		case "swagger":
			swagger = unquoteYAML(val)
		case "info":
			info = val == "" || strings.HasPrefix(val, "{")
		}
		if info && (openapi != "" || swagger != "") {
			break
		}
	}
	if keys == 0 {
		return APIOther
	}
	return specOf(openapi, swagger, info, APIYAML)
}

// stripYAMLComment drops a trailing " # comment" from a scalar (after
// the closing quote of a quoted one).
func stripYAMLComment(v string) string {
	if len(v) > 1 && (v[0] == '"' || v[0] == '\'') {
		if i := strings.IndexByte(v[1:], v[0]); i >= 0 {
			return v[:i+2]
		}
		return v
	}
	if i := strings.Index(v, " #"); i >= 0 {
		return v[:i]
	}
	return v
}

// unquoteYAML returns a scalar without its quotes.
func unquoteYAML(v string) string {
	if len(v) >= 2 && (v[0] == '"' && v[len(v)-1] == '"' || v[0] == '\'' && v[len(v)-1] == '\'') {
		return v[1 : len(v)-1]
	}
	return v
}

// looksLikeSpec reports whether a dcterms:conformsTo URL looks like it
// names an API description (and so is fetched and judged as one, as
// dataportal.se does): a JSON or YAML file, or a path that says openapi,
// swagger or api-docs.
func looksLikeSpec(u string) bool {
	l := strings.ToLower(u)
	if i := strings.IndexAny(l, "?#"); i >= 0 {
		l = l[:i]
	}
	for _, s := range []string{".json", ".yaml", ".yml"} {
		if strings.HasSuffix(l, s) {
			return true
		}
	}
	for _, s := range []string{"openapi", "swagger", "api-docs"} {
		if strings.Contains(l, s) {
			return true
		}
	}
	return false
}
