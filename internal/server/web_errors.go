package server

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/katalog-se/katalog/internal/i18n"
	"github.com/katalog-se/katalog/internal/problem"
)

// errorData is an error page's data: what happened in the page's language,
// the problem's own (English) detail, and its located errors.
type errorData struct {
	Status  int
	Heading i18n.Text
	Explain i18n.Text
	Detail  string
	Errors  []problem.FieldError
}

// errorPage answers a browser with an HTML page for problem p, with p's
// status: what it means, what to do, and the technical detail.
func (s *Server) errorPage(c *gin.Context, p *problem.Problem) {
	if _, again := c.Get("katalog.errorpage"); again { // the error page itself failed
		c.Data(p.Status, "text/plain; charset=utf-8", []byte(p.Title+"\n"))
		return
	}
	c.Set("katalog.errorpage", true)
	d := errorData{Status: p.Status, Detail: p.Detail, Errors: p.Errors}
	d.Heading, d.Explain = errorTexts(p.Status)
	c.Abort()
	if p.Status == http.StatusTooManyRequests || p.Status == http.StatusServiceUnavailable {
		c.Header("Cache-Control", "no-store")
	}
	s.render(c, page{name: "error", title: d.Heading, status: p.Status, data: d})
}

// errorTexts are an HTTP status's heading and explanation for people.
func errorTexts(status int) (i18n.Text, i18n.Text) {
	switch status {
	case http.StatusNotFound:
		return i18n.Text{SV: "Sidan finns inte", EN: "Page not found"},
			i18n.Text{SV: "Adressen leder inte till någon sida här. Den kan vara felstavad, eller så har det den pekade på tagits bort.",
				EN: "The address leads to no page here. It may be misspelt, or what it pointed to has been removed."}
	case http.StatusMethodNotAllowed:
		return i18n.Text{SV: "Det går inte att göra så här", EN: "Not allowed here"},
			i18n.Text{SV: "Sidan finns, men tar inte emot den här sortens anrop.", EN: "The page exists, but does not take this kind of request."}
	case http.StatusUnauthorized:
		return i18n.Text{SV: "Logga in först", EN: "Sign in first"},
			i18n.Text{SV: "Det här kräver att du är inloggad med myndighetens token.", EN: "This needs you to be signed in with the agency's token."}
	case http.StatusForbidden:
		return i18n.Text{SV: "Åtkomst nekad", EN: "Not allowed"},
			i18n.Text{SV: "Du får inte göra det här. Kom ett formulär från en gammal sida, ladda om sidan och försök igen.",
				EN: "You may not do this. If a form came from an old page, reload the page and try again."}
	case http.StatusTooManyRequests:
		return i18n.Text{SV: "För många just nu", EN: "Too many right now"},
			i18n.Text{SV: "katalog gör bara ett begränsat antal sådana här saker åt gången. Vänta en stund och försök igen.",
				EN: "katalog does only a limited number of these at a time. Wait a moment and try again."}
	case http.StatusRequestEntityTooLarge:
		return i18n.Text{SV: "För stort", EN: "Too large"},
			i18n.Text{SV: "Det du skickade är större än gränsen här.", EN: "What you sent is larger than the limit here."}
	case http.StatusNotAcceptable:
		return i18n.Text{SV: "Finns inte i det formatet", EN: "Not available in that format"},
			i18n.Text{SV: "Resursen finns inte i något av de format som efterfrågades.", EN: "The resource is not available in any of the formats asked for."}
	case http.StatusBadRequest, http.StatusUnprocessableEntity:
		return i18n.Text{SV: "Det gick inte att läsa det du skickade", EN: "What you sent could not be read"},
			i18n.Text{SV: "Rätta uppgifterna nedan och försök igen.", EN: "Correct what is shown below and try again."}
	case http.StatusServiceUnavailable, http.StatusInsufficientStorage:
		return i18n.Text{SV: "Tjänsten kan inte svara just nu", EN: "The service cannot answer right now"},
			i18n.Text{SV: "Försök igen om en stund. Ingenting har ändrats.", EN: "Try again in a while. Nothing was changed."}
	}
	return i18n.Text{SV: "Något gick fel", EN: "Something went wrong"},
		i18n.Text{SV: "Felet har loggats. Försök igen om en stund.", EN: "The error has been logged. Try again in a while."}
}
