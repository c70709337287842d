package server

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/internal/chart"
	"github.com/katalog-se/katalog/internal/i18n"
	"github.com/katalog-se/katalog/internal/score"
	"github.com/katalog-se/katalog/internal/selfcheck"
)

//go:embed templates/*.html templates/site.css templates/site.js
var templateFS embed.FS

// pageRows caps how many rows an HTML page lists.
const pageRows = 500

// langCookie keeps the language a visitor chose with ?lang=.
const langCookie = "katalog_lang"

// Contact is who answers for this katalog: shown in every page's footer
// and in the accessibility statement.
type Contact struct {
	// Organisation runs the service ("Myndigheten för digital förvaltning").
	Organisation string
	// Email and URL are where to write; either may be empty.
	Email, URL string
}

// web holds the pages' parsed templates (one set per language, so that
// every text function is bound to its language once), the stylesheet and
// script, and the content security policy that allows exactly them.
type web struct {
	pages map[string]map[i18n.Lang]*template.Template
	style template.CSS
	// script polls a running check and reloads its page when it is done.
	script template.JS
	csp    string
}

// view is what every page's layout reads; Data is the page's own.
type view struct {
	Lang    i18n.Lang
	Title   string
	Nav     string
	Path    string
	Query   string
	Style   template.CSS
	Script  template.JS
	Contact Contact
	Version string
	// Session is the signed-in steward (nil: nobody) and CSRF the token
	// the page's forms carry.
	Session *session
	CSRF    string
	// Script is set only on pages that poll.
	Poll bool
	Data any
}

// newWeb parses every page in both languages; a template error is a
// programming error, found by any test that builds a server.
func newWeb() *web {
	css, err := fs.ReadFile(templateFS, "templates/site.css")
	if err != nil {
		panic(err)
	}
	js, err := fs.ReadFile(templateFS, "templates/site.js")
	if err != nil {
		panic(err)
	}
	w := &web{pages: map[string]map[i18n.Lang]*template.Template{},
		style: template.CSS(string(css) + chart.CSS), script: template.JS(strings.TrimSpace(string(js)))}
	w.csp = "default-src 'none'; style-src " + cspHash(string(w.style)) + "; script-src " + cspHash(string(w.script)) +
		"; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		panic(err)
	}
	for _, n := range names {
		name := strings.TrimSuffix(strings.TrimPrefix(n, "templates/"), ".html")
		if name == "layout" || name == "parts" {
			continue
		}
		w.pages[name] = map[i18n.Lang]*template.Template{}
		for _, l := range i18n.Langs {
			w.pages[name][l] = template.Must(template.New(name).Funcs(funcs(l)).ParseFS(templateFS,
				"templates/layout.html", "templates/parts.html", n))
		}
	}
	return w
}

// cspHash is the CSP source allowing exactly the inline text s.
func cspHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}

// funcs are the templates' functions, bound to the page's language l.
func funcs(l i18n.Lang) template.FuncMap {
	return template.FuncMap{
		"tr":       l.Pick,
		"t":        l.Text,
		"count":    l.Count,
		"form":     l.Form,
		"int":      l.Int,
		"num":      l.Num,
		"pct":      l.Percent,
		"date":     l.Date,
		"datetime": l.DateTime,
		"iso":      i18n.ISO,
		"size":     func(raw string) string { return l.Text(i18n.SizeClass(raw)) },
		"portal":   func(s string) string { return l.Text(i18n.PortalShort(s)) },
		"status":   func(s string) string { return l.Text(i18n.CheckStatus(s)) },
		"trigger":  func(s string) string { return l.Text(i18n.Trigger(s)) },
		"severity": func(s fmt.Stringer) string { return l.Text(i18n.Severity(s.String())) },
		"sev":      func(s string) string { return l.Text(i18n.Severity(s)) },
		"comp":     func(id string) string { return l.Text(i18n.Component(id)) },
		"dim":      func(id string) string { return l.Text(i18n.Dimension(id)) },
		"rating":   func(r string) string { return l.Text(i18n.Rating(r)) },
		"rule":     func(id string) string { return l.Text(score.RuleLabel(id)) },
		"level":    func(n int) string { return l.Text(i18n.Level(n)) },
		"yesno":    func(b bool) string { return l.Text(i18n.YesNo(b)) },
		"source":   func(id string) string { return l.Text(i18n.Source(id)) },
		"since":    func(t *time.Time) string { return sinceText(l, t) },
		"add":      func(a, b int) int { return a + b },
		"hyphen":   hyphenOrg,
		"lang":     func() string { return string(l) },
		"int64":    func(n int64) string { return l.Int(int(n)) },
		"ls":       func(m catalog.LangString) string { return m.Get(string(l), "sv", "en") },
		"seq": func(from, to int) []int {
			var out []int
			for i := from; i <= to; i++ {
				out = append(out, i)
			}
			return out
		},
		"list":     func(xs ...string) []string { return xs },
		"progress": func(c *selfcheck.Check) string { return progressText(c, l) },
		"ruleOf":   agencyRule,
		"crumbs": func(pairs ...string) []crumb {
			var out []crumb
			for i := 0; i+1 < len(pairs); i += 2 {
				out = append(out, crumb{Label: pairs[i], Href: pairs[i+1]})
			}
			return out
		},
	}
}

// crumb is one step of a page's breadcrumbs; the last has no Href.
type crumb struct{ Label, Href string }

// sinceText is a date or "–" for nil.
func sinceText(l i18n.Lang, t *time.Time) string {
	if t == nil {
		return "–"
	}
	return l.DateTime(*t)
}

// hyphenOrg writes an organisation number with its hyphen: 202100-6883.
func hyphenOrg(org fmt.Stringer) string {
	s := org.String()
	if len(s) == 10 {
		return s[:6] + "-" + s[6:]
	}
	return s
}

// pageLang is the language of a page request: ?lang= (and then it is
// remembered in a cookie), else the cookie, else Accept-Language; Swedish
// when nothing says otherwise. It is settled once per request, so that a
// handler and render asking both set the cookie once.
func (s *Server) pageLang(c *gin.Context) i18n.Lang {
	if v, ok := c.Get(langKey); ok {
		return v.(i18n.Lang)
	}
	l := s.readPageLang(c)
	c.Set(langKey, l)
	return l
}

// langKey is the gin context key of the request's settled page language.
const langKey = "katalog.lang"

func (s *Server) readPageLang(c *gin.Context) i18n.Lang {
	if q := c.Query("lang"); q != "" {
		if l, ok := i18n.Parse(q); ok {
			s.setCookie(c, langCookie, string(l), 365*24*3600)
			return l
		}
	}
	if v, err := c.Cookie(langCookie); err == nil {
		if l, ok := i18n.Parse(v); ok {
			return l
		}
	}
	return i18n.Negotiate(c.GetHeader("Accept-Language"))
}

// secureCookies reports whether cookies must be Secure: the base URL is https.
func (s *Server) secureCookies() bool { return strings.HasPrefix(s.deps.BaseURL, "https://") }

// setCookie sets an HttpOnly, SameSite=Strict cookie for the whole site,
// Secure when the service is served over https; maxAge < 0 deletes it.
func (s *Server) setCookie(c *gin.Context, name, value string, maxAge int) {
	http.SetCookie(c.Writer, &http.Cookie{Name: name, Value: value, Path: "/", MaxAge: maxAge,
		HttpOnly: true, Secure: s.secureCookies(), SameSite: http.SameSiteStrictMode})
}

// page is one page to render: its template, title, the navigation entry
// it belongs to, its status and data.
type page struct {
	name, nav string
	title     i18n.Text
	status    int
	poll      bool
	data      any
}

// render writes a page in the request's language inside the layout, with
// the strict content security policy. The page is executed into a buffer
// first, so that a template error is a clean 500, not half a page.
func (s *Server) render(c *gin.Context, p page) {
	l := s.pageLang(c)
	v := view{Lang: l, Title: l.Text(p.title), Nav: p.nav, Path: c.Request.URL.Path, Query: queryWithout(c.Request.URL.Query(), "lang"),
		Style: s.web.style, Script: s.web.script, Contact: s.deps.Contact, Version: s.deps.Build.Version, Poll: p.poll, Data: p.data}
	v.Session = s.session(c)
	if v.Session != nil {
		v.CSRF = s.csrfToken(c)
	}
	if f, ok := p.data.(interface{ needsCSRF() bool }); ok && f.needsCSRF() && v.CSRF == "" {
		v.CSRF = s.csrfToken(c)
	}
	var buf bytes.Buffer
	if err := s.web.pages[p.name][l].ExecuteTemplate(&buf, "layout", v); err != nil {
		s.internal(c, fmt.Errorf("page %s: %w", p.name, err))
		return
	}
	h := c.Writer.Header()
	h.Set("Content-Security-Policy", s.web.csp)
	h.Set("Content-Language", string(l))
	h.Set("Vary", "Accept, Accept-Language, Cookie")
	h.Set("Cache-Control", "no-cache")
	if v.Session != nil || v.CSRF != "" {
		h.Set("Cache-Control", "private, no-store")
	}
	if p.status == 0 {
		p.status = http.StatusOK
	}
	c.Data(p.status, "text/html; charset=utf-8", buf.Bytes())
}

// queryWithout encodes q without the parameter name, for links that
// switch the language and keep the rest.
func queryWithout(q url.Values, name string) string {
	q.Del(name)
	return q.Encode()
}

// wantsHTML reports whether a request would rather have an HTML page than
// JSON: it is not under /api/ (nor an operations route) and its Accept
// header names text/html (or XHTML) at least as high as any other type it
// names. A missing header, */* alone, JSON and RDF clients get JSON
// problems and RDF as before.
func wantsHTML(r *http.Request) bool {
	p := r.URL.Path
	if strings.HasPrefix(p, "/api/") || p == "/healthz" || p == "/readyz" || p == "/metrics" {
		return false
	}
	return prefersHTML(r.Header.Get("Accept"))
}

// prefersHTML reports whether an Accept header ranks text/html (or
// application/xhtml+xml) explicitly and at least as high as every other
// media range it names (wildcards too: "text/html;q=0.5, text/*" would
// rather have Turtle).
func prefersHTML(accept string) bool {
	html, other := 0.0, 0.0
	for _, part := range strings.Split(accept, ",") {
		mt, q := parseMediaRange(part)
		switch {
		case mt == "text/html" || mt == "application/xhtml+xml":
			html = max(html, q)
		case mt == "":
		default:
			other = max(other, q)
		}
	}
	return html > 0 && html >= other
}
