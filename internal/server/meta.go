package server

import (
	"context"
	"encoding/json"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
)

func (s *Server) healthz(c *gin.Context) {
	c.JSON(http.StatusOK, gin.H{"status": "ok"})
}

func (s *Server) readyz(c *gin.Context) {
	ctx, cancel := context.WithTimeout(c.Request.Context(), 2*time.Second)
	defer cancel()
	if err := s.deps.Store.Ping(ctx); err != nil {
		s.deps.Logger.WarnContext(c.Request.Context(), "not ready", "err", err)
		s.problem(c, newProblem(http.StatusServiceUnavailable, "not-ready", "Not ready", "The database does not answer."))
		return
	}
	c.JSON(http.StatusOK, gin.H{"status": "ready"})
}

// apiInfo follows Digg's REST API-profil (VER.06): name, version, API version, contact.
func (s *Server) apiInfo(c *gin.Context) {
	c.JSON(http.StatusOK, gin.H{
		"apiName":          "katalog",
		"apiVersion":       APIVersion,
		"apiReleased":      "2026-11-28",
		"apiDocumentation": s.deps.BaseURL + "/api/v1/openapi.json",
		"apiStatus":        "active",
		"name":             s.deps.Build.Name,
		"version":          s.deps.Build.Version,
		"commit":           s.deps.Build.Commit,
		"description": map[string]string{
			"sv": "Katalog över myndigheters datamängder: DCAT-AP-SE-flöden, mognadsbedömning och beredskapskontroller.",
			"en": "Catalog of agencies' datasets: DCAT-AP-SE feeds, maturity scores and readiness checks.",
		},
		"contact": gin.H{"name": "katalog maintainers", "url": "https://github.com/katalog-se/katalog"},
	})
}

func (s *Server) schemaHandler(c *gin.Context) {
	name := strings.TrimSuffix(strings.TrimSuffix(c.Param("name"), ".json"), ".schema")
	b, ok := s.deps.Validator.Schema(name)
	if !ok {
		s.problem(c, notFound("No schema "+c.Param("name")))
		return
	}
	c.Data(http.StatusOK, "application/schema+json", b)
}

func (s *Server) openAPIHandler(c *gin.Context) {
	c.JSON(http.StatusOK, s.OpenAPI())
}

var ginParam = regexp.MustCompile(`:([A-Za-z0-9_]+)`)

// openAPIPath turns a gin path into an OpenAPI path template.
func openAPIPath(p string) string { return ginParam.ReplaceAllString(p, "{$1}") }

// OpenAPI builds the OpenAPI 3.1 document of the service from the route table.
func (s *Server) OpenAPI() map[string]any {
	paths := map[string]map[string]any{}
	for _, r := range s.routes {
		p := openAPIPath(r.Path)
		if paths[p] == nil {
			paths[p] = map[string]any{}
		}
		paths[p][strings.ToLower(r.Method)] = s.operation(r)
	}
	schemas := map[string]any{
		"Problem": map[string]any{
			"type":     "object",
			"required": []string{"type", "title", "status"},
			"properties": map[string]any{
				"type": map[string]any{"type": "string", "format": "uri"}, "title": map[string]any{"type": "string"},
				"status": map[string]any{"type": "integer"}, "detail": map[string]any{"type": "string"},
				"instance": map[string]any{"type": "string"},
				"errors": map[string]any{"type": "array", "items": map[string]any{"type": "object", "properties": map[string]any{
					"pointer": map[string]any{"type": "string"}, "line": map[string]any{"type": "integer"},
					"column": map[string]any{"type": "integer"}, "detail": map[string]any{"type": "string"},
					"message": map[string]any{"type": "object", "additionalProperties": map[string]any{"type": "string"}},
				}}},
			},
		},
	}
	for _, name := range []string{"agency", "dataset"} {
		if b, ok := s.deps.Validator.Schema(name); ok {
			var v any
			if json.Unmarshal(b, &v) == nil {
				schemas[strings.ToUpper(name[:1])+name[1:]] = v
			}
		}
	}
	return map[string]any{
		"openapi": "3.1.0",
		"info": map[string]any{
			"title":       "katalog",
			"version":     APIVersion,
			"description": "DCAT-AP-SE 3.0.1 catalog service for Swedish public agencies: register datasets, publish harvestable feeds, check and score publication maturity.",
			"contact":     map[string]any{"name": "katalog maintainers", "url": "https://github.com/katalog-se/katalog"},
			"license":     map[string]any{"name": "EUPL-1.2", "identifier": "EUPL-1.2"},
		},
		"servers": []map[string]any{{"url": s.deps.BaseURL}},
		"paths":   paths,
		"components": map[string]any{
			"schemas": schemas,
			"securitySchemes": map[string]any{
				"bearer": map[string]any{"type": "http", "scheme": "bearer", "description": "The operator token, or an agency token that writes only its own agency."},
				"session": map[string]any{"type": "apiKey", "in": "cookie", "name": "katalog_session",
					"description": "A steward's web session (POST /signin with an agency token; __Host-katalog_session over https); its forms carry a CSRF token."},
			},
		},
	}
}

func (s *Server) operation(r route) map[string]any {
	op := map[string]any{
		"summary":     r.Summary,
		"tags":        []string{r.Tag},
		"operationId": operationID(r),
	}
	var params []map[string]any
	for _, m := range ginParam.FindAllStringSubmatch(r.Path, -1) {
		params = append(params, map[string]any{"name": m[1], "in": "path", "required": true, "schema": map[string]any{"type": "string"}})
	}
	if r.Method == "GET" && strings.HasSuffix(r.Path, "s") && strings.HasPrefix(r.Path, "/api/v1/agencies") {
		params = append(params,
			map[string]any{"name": "limit", "in": "query", "schema": map[string]any{"type": "integer", "minimum": 1, "maximum": maxLimit, "default": defaultLimit}},
			map[string]any{"name": "page", "in": "query", "schema": map[string]any{"type": "integer", "minimum": 1, "default": 1}})
	}
	params = append(params, r.extraParams...)
	if len(params) > 0 {
		op["parameters"] = params
	}
	if r.Body != "" {
		op["requestBody"] = map[string]any{"required": true, "content": map[string]any{
			jsonType: map[string]any{"schema": map[string]any{"$ref": "#/components/schemas/" + strings.ToUpper(r.Body[:1]) + r.Body[1:]}}}}
	}
	responses := map[string]any{}
	ok := map[string]any{"description": http.StatusText(r.Status)}
	if len(r.Produces) > 0 {
		content := map[string]any{}
		for _, t := range r.Produces {
			content[t] = map[string]any{}
		}
		ok["content"] = content
	}
	responses[strconv.Itoa(r.Status)] = ok
	problemRef := map[string]any{"content": map[string]any{"application/problem+json": map[string]any{"schema": map[string]any{"$ref": "#/components/schemas/Problem"}}}}
	addProblem := func(code int) {
		p := map[string]any{"description": http.StatusText(code)}
		for k, v := range problemRef {
			p[k] = v
		}
		responses[strconv.Itoa(code)] = p
	}
	if strings.Contains(r.Path, ":") {
		addProblem(404)
	}
	if r.Body != "" {
		addProblem(400)
		addProblem(413)
		addProblem(422)
	}
	switch r.Access {
	case public:
	case steward:
		op["security"] = []map[string]any{{"session": []string{}}}
		addProblem(401)
		addProblem(403)
	default:
		op["security"] = []map[string]any{{"bearer": []string{}}}
		addProblem(401)
		addProblem(403)
	}
	if r.Method == "POST" && r.Body != "" {
		addProblem(409)
	}
	op["responses"] = responses
	return op
}

func operationID(r route) string {
	parts := []string{strings.ToLower(r.Method)}
	if r.Tag == "pages" {
		parts = append(parts, "page") // pages share paths' words with the API
	}
	for _, seg := range strings.Split(r.Path, "/") {
		seg = strings.TrimPrefix(seg, ":")
		seg = strings.NewReplacer(".", "_", "-", "_").Replace(seg)
		if seg == "" || seg == "api" || seg == "v1" {
			continue
		}
		parts = append(parts, seg)
	}
	return strings.Join(parts, "_")
}
