package server

import (
	"context"
	"net/url"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/internal/i18n"
	"github.com/katalog-se/katalog/internal/score"
)

// step is one next step for an agency: what to do, and a link (or, for a
// signed-in steward, a button) that does it or shows how.
type step struct {
	Text i18n.Text
	// Href and Link are the link's address and text; empty for none.
	Href string
	Link i18n.Text
	// RunCheck shows the "run the check now" button (signed in only).
	RunCheck bool
}

// nextSteps are the steps that fit the agency's state, most pressing
// first: publish when it publishes nothing; say where its own catalog is
// when katalog found none; fix the latest check's errors, the broken links
// and the validation errors; then the score's own top steps that those do
// not already cover.
func nextSteps(d *agencyData) []step {
	var out []step
	org := d.A.OrgNumber.String()
	own := d.Observed != nil && d.Observed.Status == observedFound
	covered := map[string]bool{}
	if d.Total == 0 && !own {
		out = append(out, step{
			Text: i18n.Text{SV: "Publicera er första datamängd: lägg in den i katalog (med myndighetens token, via API:et eller en import av ert DCAT-flöde), eller publicera en egen DCAT-katalog på er webbplats.",
				EN: "Publish your first dataset: add it to katalog (with the agency's token, through the API or an import of your DCAT feed), or publish a DCAT catalog of your own on your website."},
			Href: "/api/v1/openapi.json", Link: i18n.Text{SV: "API:ets beskrivning (OpenAPI)", EN: "The API's description (OpenAPI)"}})
		covered[score.RulePublishes] = true
	}
	if d.A.HarvestURL == "" && !own {
		st := step{Text: i18n.Text{SV: "katalog har inte hittat någon egen DCAT-katalog hos er. Har ni en, ange dess adress (harvestUrl) eller publicera den på den konventionella adressen " + d.Convention + ", så kontrolleras den så som dataportal.se skördar.",
			EN: "katalog has found no DCAT catalog of your own. If you have one, give its address (harvestUrl) or publish it at the conventional address " + d.Convention + ", and it is checked the way dataportal.se harvests."}}
		if d.Convention != "" {
			st.Href, st.Link = "/check?"+url.Values{"url": {d.Convention}}.Encode(), i18n.Text{SV: "Kontrollera adressen nu", EN: "Check the address now"}
		}
		out = append(out, st)
		covered[score.RuleHarvestable] = true
	}
	if c := d.Latest; c != nil && (c.Failure != "" || len(c.Errors) > 0) {
		n := len(c.Errors)
		st := step{Text: i18n.Text{SV: "Den senaste beredskapskontrollen gick inte igenom: rätta felet och kör den igen.",
			EN: "The latest readiness check did not pass: fix the error and run it again."},
			Href: "#latest-check", Link: i18n.Text{SV: "Se felen", EN: "See the errors"}, RunCheck: d.Steward != nil && d.CanCheck}
		if n > 1 {
			st.Text = i18n.Text{SV: "Den senaste beredskapskontrollen gick inte igenom: rätta de " + i18n.SV.Int(n) + " felen och kör den igen.",
				EN: "The latest readiness check did not pass: fix the " + i18n.EN.Int(n) + " errors and run it again."}
		}
		if n == 0 {
			st.Text = i18n.Text{SV: "Den senaste beredskapskontrollen kunde inte genomföras: se orsaken och kör den igen.",
				EN: "The latest readiness check could not be completed: see why and run it again."}
		}
		out = append(out, st)
		covered[score.RuleHarvestable] = true
	}
	if d.Links.Broken > 0 {
		out = append(out, step{Text: i18n.Text{SV: "Rätta eller ta bort " + i18n.SV.Count(d.Links.Broken, "trasig länk", "trasiga länkar", "", "") + " i er katalog.",
			EN: "Fix or remove " + i18n.EN.Count(d.Links.Broken, "", "", "broken link", "broken links") + " in your catalog."},
			Href: "#links", Link: i18n.Text{SV: "Se länkarna", EN: "See the links"}})
		covered[score.RuleLinks] = true
	}
	if r := agencyRule(d, score.RuleValidation); r != nil && !r.Passed && !r.Unchecked {
		out = append(out, step{Text: i18n.Text{SV: "Rätta valideringsfelen i era datamängder i katalog, så att flödet följer DCAT-AP-SE.",
			EN: "Fix the validation errors in your datasets in katalog, so that the feed conforms to DCAT-AP-SE."},
			Href: "/agencies/" + org + "/validation", Link: i18n.Text{SV: "Se valideringen", EN: "See the validation"}})
		covered[score.RuleValidation] = true
	}
	if d.Card != nil {
		for _, imp := range d.Card.S.Improvements {
			if covered[imp.Rule] || imp.Advice == (i18n.Text{}) {
				continue
			}
			out = append(out, step{Text: imp.Advice, Href: "#rule-" + imp.Rule, Link: i18n.Text{SV: "Se regeln och underlaget", EN: "See the rule and its evidence"}})
		}
	}
	return out
}

// agencyRule is the agency's rule id, or nil.
func agencyRule(d *agencyData, id string) *score.Rule {
	if d.Card == nil {
		return nil
	}
	r, _ := d.Card.S.Rule(id)
	return r
}

// stewardView is what a signed-in steward sees of their agency besides the
// public page: their session, the agency's live tokens (never their
// secrets) and the writes made for it.
type stewardView struct {
	Session *session
	Tokens  []catalog.Token
	Audit   []catalog.AuditEntry
	Writes  int
}

func (s *Server) stewardView(ctx context.Context, se *session) (*stewardView, error) {
	v := &stewardView{Session: se}
	var err error
	if v.Tokens, err = s.deps.Store.Tokens(ctx, se.Org); err != nil {
		return nil, err
	}
	if v.Audit, v.Writes, err = s.deps.Store.Audit(ctx, se.Org, catalog.Page{Number: 1, Limit: 20}); err != nil {
		return nil, err
	}
	return v, nil
}
