package server

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/internal/i18n"
	"github.com/katalog-se/katalog/internal/token"
)

// Steward sessions: a steward signs in on the web with an agency token and
// gets a session cookie (HttpOnly, SameSite=Strict, Secure when the base
// URL is https) holding the agency, the token's SHA-256 and an expiry,
// signed with a key of the server's. The token itself is never stored in
// the cookie, and every request looks the token up again, so a revoked or
// expired token ends its sessions at once, on every instance. Forms that
// act carry a CSRF token bound to a random cookie of their own (double
// submit, signed), and a cross-site request (Sec-Fetch-Site) is refused.

const (
	// sessionTTL is how long a session lasts (the token's expiry may end it sooner).
	sessionTTL = 8 * time.Hour
	csrfField  = "csrf"
)

// session is a signed-in steward.
type session struct {
	Org       catalog.OrgNumber
	TokenID   int64
	TokenName string
	Expires   time.Time
}

// sessionClaims are what the cookie says, signed.
type sessionClaims struct {
	Org  catalog.OrgNumber `json:"o"`
	Hash string            `json:"h"`
	Exp  int64             `json:"e"`
}

// sessionKey derives the key that signs sessions and CSRF tokens: from the
// operator token when there is one (so that every instance sharing it
// accepts the others' sessions), else random for this process.
func sessionKey(adminToken string) []byte {
	if adminToken != "" {
		sum := sha256.Sum256([]byte("katalog web session key\x00" + adminToken))
		return sum[:]
	}
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		panic(fmt.Sprintf("server: no randomness for the session key: %v", err))
	}
	return key
}

// cookieNames are the session and CSRF cookies' names: with the __Host-
// prefix (which browsers hold to Secure, Path=/ and no Domain) over https.
func (s *Server) cookieNames() (sessionName, csrfName string) {
	if s.secureCookies() {
		return "__Host-katalog_session", "__Host-katalog_csrf"
	}
	return "katalog_session", "katalog_csrf"
}

func (s *Server) sign(payload []byte) string {
	m := hmac.New(sha256.New, s.key)
	m.Write(payload)
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// startSession signs the steward holding t in: the session cookie.
func (s *Server) startSession(c *gin.Context, t *catalog.Token, hash []byte) {
	exp := s.deps.Now().Add(sessionTTL)
	if t.ExpiresAt != nil && t.ExpiresAt.Before(exp) {
		exp = *t.ExpiresAt
	}
	payload, _ := json.Marshal(sessionClaims{Org: t.Agency, Hash: hex.EncodeToString(hash), Exp: exp.Unix()}) // plain fields
	value := base64.RawURLEncoding.EncodeToString(payload) + "." + s.sign(payload)
	name, _ := s.cookieNames()
	s.setCookie(c, name, value, int(time.Until(exp).Seconds())+1)
}

// endSession signs out: the session cookie is deleted.
func (s *Server) endSession(c *gin.Context) {
	name, _ := s.cookieNames()
	s.setCookie(c, name, "", -1)
}

// session returns the request's signed-in steward, or nil: no cookie, a
// cookie not signed by this server, expired, or whose token is revoked or
// expired. The lookup is done once per request.
func (s *Server) session(c *gin.Context) *session {
	if v, ok := c.Get("katalog.session"); ok {
		se, _ := v.(*session)
		return se
	}
	se := s.readSession(c)
	c.Set("katalog.session", se)
	return se
}

func (s *Server) readSession(c *gin.Context) *session {
	name, _ := s.cookieNames()
	raw, err := c.Cookie(name)
	if err != nil || raw == "" {
		return nil
	}
	b64, sig, ok := strings.Cut(raw, ".")
	payload, err := base64.RawURLEncoding.DecodeString(b64)
	if !ok || err != nil || !hmac.Equal([]byte(sig), []byte(s.sign(payload))) {
		return nil
	}
	var cl sessionClaims
	if json.Unmarshal(payload, &cl) != nil || s.deps.Now().Unix() >= cl.Exp {
		return nil
	}
	hash, err := hex.DecodeString(cl.Hash)
	if err != nil {
		return nil
	}
	t, err := s.deps.Store.TokenByHash(c.Request.Context(), hash, s.deps.Now())
	if err != nil || t.Agency != cl.Org {
		return nil
	}
	return &session{Org: t.Agency, TokenID: t.ID, TokenName: t.Name, Expires: time.Unix(cl.Exp, 0)}
}

// csrfToken returns the CSRF token of the request's forms, setting the
// random cookie it is bound to when there is none.
func (s *Server) csrfToken(c *gin.Context) string {
	if v, ok := c.Get("katalog.csrf"); ok {
		return v.(string)
	}
	_, name := s.cookieNames()
	seed, err := c.Cookie(name)
	if err != nil || len(seed) != 32 {
		b := make([]byte, 16)
		if _, err := rand.Read(b); err != nil {
			panic(fmt.Sprintf("server: no randomness for a CSRF token: %v", err))
		}
		seed = hex.EncodeToString(b)
		s.setCookie(c, name, seed, int(sessionTTL.Seconds()))
	}
	tok := s.sign([]byte("csrf\x00" + seed))
	c.Set("katalog.csrf", tok)
	return tok
}

// csrfOK reports whether a form post carries the CSRF token of its cookie
// and does not come from another site.
func (s *Server) csrfOK(c *gin.Context) bool {
	if c.GetHeader("Sec-Fetch-Site") == "cross-site" {
		return false
	}
	_, name := s.cookieNames()
	seed, err := c.Cookie(name)
	if err != nil || seed == "" {
		return false
	}
	want := s.sign([]byte("csrf\x00" + seed))
	return hmac.Equal([]byte(c.PostForm(csrfField)), []byte(want))
}

// forbiddenForm answers a form post that failed its CSRF check.
func (s *Server) forbiddenForm(c *gin.Context) {
	s.problem(c, newProblem(http.StatusForbidden, "csrf", "Form expired",
		"The form could not be verified (it may have expired, or come from another site); reload the page and try again."))
}

// requireSession lets through a form post of a signed-in steward of the
// agency in the path, with a valid CSRF token: the web's counterpart of
// requireAgency. It sets the actor for the audit log.
func (s *Server) requireSession(c *gin.Context) {
	se := s.session(c)
	switch {
	case se == nil:
		s.problem(c, newProblem(http.StatusUnauthorized, "signin", "Sign in first",
			"Sign in with the agency's token to do this (/signin)."))
	case !s.csrfOK(c):
		s.forbiddenForm(c)
	case !sameOrg(se.Org, c.Param("orgnr")):
		s.problem(c, forbidden("You are signed in for another agency: an agency acts only on its own data."))
	default:
		c.Set(actorKey, fmt.Sprintf("agency:%s:token:%d", se.Org, se.TokenID))
		c.Next()
	}
}

// signinData is the sign-in page's data.
type signinData struct {
	Error string
	Next  string
}

func (signinData) needsCSRF() bool { return true }

// signinPage shows the sign-in form.
func (s *Server) signinPage(c *gin.Context) {
	s.render(c, page{name: "signin", nav: "signin", title: i18n.Text{SV: "Logga in", EN: "Sign in"},
		data: signinData{Next: safeNext(c.Query("next"))}})
}

// signin checks the posted agency token and starts a session: 303 to the
// agency's page (or the next page named, on this site).
func (s *Server) signin(c *gin.Context) {
	if !s.csrfOK(c) {
		s.forbiddenForm(c)
		return
	}
	t, hash, err := s.tokenOf(c, strings.TrimSpace(c.PostForm("token")))
	if err != nil {
		s.internal(c, err)
		return
	}
	if t == nil {
		s.render(c, page{name: "signin", nav: "signin", title: i18n.Text{SV: "Logga in", EN: "Sign in"}, status: http.StatusUnauthorized,
			data: signinData{Error: "invalid", Next: safeNext(c.PostForm("next"))}})
		return
	}
	s.startSession(c, t, hash)
	next := safeNext(c.PostForm("next"))
	if next == "" {
		next = "/agencies/" + t.Agency.String()
	}
	c.Redirect(http.StatusSeeOther, next)
}

// tokenOf looks up a live agency token; nil when it is none.
func (s *Server) tokenOf(c *gin.Context, tok string) (*catalog.Token, []byte, error) {
	if !strings.HasPrefix(tok, token.Prefix) {
		return nil, nil, nil
	}
	hash := token.Hash(tok)
	t, err := s.tokenByHash(c, hash)
	if t == nil {
		return nil, nil, err
	}
	return t, hash, err
}

// signout ends the session: 303 to the home page.
func (s *Server) signout(c *gin.Context) {
	if !s.csrfOK(c) {
		s.forbiddenForm(c)
		return
	}
	s.endSession(c)
	c.Redirect(http.StatusSeeOther, "/")
}

// safeNext keeps a redirect target on this site: a path, not a URL, and
// not one the browser would read as another host ("//host", "/\host").
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") || strings.ContainsAny(next, "\r\n") {
		return ""
	}
	return next
}
