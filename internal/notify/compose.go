package notify

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/katalog-se/katalog/catalog"
)

// maxListed bounds the links or errors a message lists.
const maxListed = 50

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// stamp writes a time as messages show it.
func stamp(t time.Time) string { return t.UTC().Format("2006-01-02 15:04 UTC") }

// finding is what a message needs of a check's finding.
type finding struct {
	Severity string            `json:"severity"`
	Rule     string            `json:"rule"`
	Message  map[string]string `json:"message"`
	Evidence string            `json:"evidence,omitempty"`
}

// notReady finds a ready agency whose latest check says not ready: the
// latest two finished checks, the newer not ready, the older ready. The
// key is the newer check.
func (d *Detector) notReady(ctx context.Context, org catalog.OrgNumber) (*catalog.Notification, error) {
	list, _, err := d.o.Store.Checks(ctx, org, catalog.Page{Number: 1, Limit: 20})
	if err != nil {
		return nil, err
	}
	var verdicts []catalog.CheckRecord
	for _, r := range list {
		if r.Status == catalog.StatusOK {
			verdicts = append(verdicts, r)
			if len(verdicts) == 2 {
				break
			}
		}
	}
	if len(verdicts) < 2 || verdicts[0].Ready || !verdicts[1].Ready {
		return nil, nil
	}
	c := verdicts[0]
	var report struct {
		Findings []finding `json:"findings"`
	}
	_ = json.Unmarshal(c.Result, &report) // a report that does not read lists no errors
	var errs []finding
	var sv, en strings.Builder
	fmt.Fprintf(&sv, "Katalogen på %s är inte längre redo för skördning till dataportal.se (kontroll %s; den förra var redo).", c.URL, stamp(c.FinishedAt))
	fmt.Fprintf(&en, "The catalog at %s is no longer ready for harvesting by dataportal.se (check at %s; the one before was ready).", c.URL, stamp(c.FinishedAt))
	for _, f := range report.Findings {
		if f.Severity != "error" || len(errs) == maxListed {
			continue
		}
		errs = append(errs, f)
		ev := ""
		if f.Evidence != "" {
			ev = " (" + f.Evidence + ")"
		}
		fmt.Fprintf(&sv, "\n- %s%s", f.Message["sv"], ev)
		fmt.Fprintf(&en, "\n- %s%s", f.Message["en"], ev)
	}
	details, _ := json.Marshal(map[string]any{"check": c.ID, "url": c.URL, "checkedAt": c.FinishedAt, "errors": errs})
	return &catalog.Notification{Key: "notReady:" + string(org) + ":" + itoa(c.ID), Agency: org, Kind: catalog.ChangeNotReady, At: c.FinishedAt,
		Title: catalog.LangString{"sv": "Katalogen är inte längre redo för skördning", "en": "The catalog is no longer ready for harvesting"},
		Text:  catalog.LangString{"sv": sv.String(), "en": en.String()}, Details: details}, nil
}

// brokenLinks finds the links that broke at the latest recording of the
// link table (broken since it). The key is the table's time.
func (d *Detector) brokenLinks(ctx context.Context, org catalog.OrgNumber) (*catalog.Notification, error) {
	yes := true
	var fresh []catalog.LinkResult
	count := 0
	var at time.Time
	for page := 1; ; page++ {
		list, total, err := d.o.Store.LinkPage(ctx, org, catalog.LinkFilter{Broken: &yes}, catalog.Page{Number: page, Limit: 500})
		if err != nil {
			return nil, err
		}
		for _, l := range list {
			if l.BrokenSince != nil && l.BrokenSince.Equal(l.CheckedAt) {
				at = l.CheckedAt
				count++
				if len(fresh) < maxListed {
					fresh = append(fresh, l)
				}
			}
		}
		if page*500 >= total {
			break
		}
	}
	if count == 0 {
		return nil, nil
	}
	var sv, en strings.Builder
	fmt.Fprintf(&sv, "%d länkar i katalogen slutade fungera vid kontrollen %s:", count, stamp(at))
	fmt.Fprintf(&en, "%d links of the catalog stopped working at the check at %s:", count, stamp(at))
	type broken struct {
		URL    string   `json:"url"`
		Kinds  []string `json:"kinds"`
		Status int      `json:"status,omitempty"`
		Error  string   `json:"error,omitempty"`
	}
	listed := make([]broken, 0, len(fresh))
	for _, l := range fresh {
		why := l.Error
		if l.Status != 0 {
			why = "HTTP " + strconv.Itoa(l.Status)
		}
		fmt.Fprintf(&sv, "\n- %s (%s; %s)", l.URL, strings.Join(l.Kinds, ", "), why)
		fmt.Fprintf(&en, "\n- %s (%s; %s)", l.URL, strings.Join(l.Kinds, ", "), why)
		listed = append(listed, broken{URL: l.URL, Kinds: l.Kinds, Status: l.Status, Error: l.Error})
	}
	if count > len(fresh) {
		fmt.Fprintf(&sv, "\n… och %d till.", count-len(fresh))
		fmt.Fprintf(&en, "\n… and %d more.", count-len(fresh))
	}
	details, _ := json.Marshal(map[string]any{"checkedAt": at, "count": count, "links": listed})
	return &catalog.Notification{Key: "brokenLinks:" + string(org) + ":" + itoa(at.UnixMicro()), Agency: org, Kind: catalog.ChangeBrokenLinks, At: at,
		Title: catalog.LangString{"sv": "Nya trasiga länkar", "en": "New broken links"},
		Text:  catalog.LangString{"sv": sv.String(), "en": en.String()}, Details: details}, nil
}

// fewerOnPortal finds a portal sync that lists fewer of the agency's
// datasets than the one before. The key is the newer sync's time.
func (d *Detector) fewerOnPortal(ctx context.Context, org catalog.OrgNumber) (*catalog.Notification, error) {
	list, _, err := d.o.Store.PortalHistory(ctx, org, catalog.Page{Number: 1, Limit: 2})
	if err != nil {
		return nil, err
	}
	if len(list) < 2 || list[0].OnPortal >= list[1].OnPortal {
		return nil, nil
	}
	now, before := list[0], list[1]
	sv := fmt.Sprintf("Dataportalen (dataportal.se) listar %d av myndighetens datamängder, %d färre än vid synken %s (då %d).",
		now.OnPortal, before.OnPortal-now.OnPortal, stamp(before.CheckedAt), before.OnPortal)
	en := fmt.Sprintf("Sveriges dataportal (dataportal.se) lists %d of the agency's datasets, %d fewer than at the sync at %s (then %d).",
		now.OnPortal, before.OnPortal-now.OnPortal, stamp(before.CheckedAt), before.OnPortal)
	if len(now.Missing) > 0 {
		missing := now.Missing[:min(len(now.Missing), maxListed)]
		sv += "\nI katalogerna men inte på portalen:\n- " + strings.Join(missing, "\n- ")
		en += "\nIn the catalogs but not on the portal:\n- " + strings.Join(missing, "\n- ")
	}
	details, _ := json.Marshal(map[string]any{"checkedAt": now.CheckedAt, "onPortal": now.OnPortal, "before": before.OnPortal,
		"beforeAt": before.CheckedAt, "missing": now.Missing})
	return &catalog.Notification{Key: "fewerOnPortal:" + string(org) + ":" + itoa(now.CheckedAt.UnixMicro()), Agency: org,
		Kind: catalog.ChangeFewerOnPortal, At: now.CheckedAt,
		Title: catalog.LangString{"sv": "Färre datamängder på dataportalen", "en": "Fewer datasets on the portal"},
		Text:  catalog.LangString{"sv": sv, "en": en}, Details: details}, nil
}

// deliveries are the messages that tell a's changes ns under key: a mail
// to the agency's address when mail is on, a webhook when it has one.
func (d *Detector) deliveries(a *catalog.Agency, s catalog.NotifySettings, key string, ns []catalog.Notification) []catalog.Delivery {
	var out []catalog.Delivery
	if d.o.Mail && s.Email && a.Email != "" {
		subject, body := d.mail(a, ns)
		out = append(out, catalog.Delivery{Key: key + ":" + catalog.ChannelEmail, Agency: a.OrgNumber, Channel: catalog.ChannelEmail,
			Recipient: a.Email, Subject: subject, Body: body})
	}
	if s.WebhookURL != "" {
		out = append(out, catalog.Delivery{Key: key + ":" + catalog.ChannelWebhook, Agency: a.OrgNumber, Channel: catalog.ChannelWebhook,
			Recipient: s.WebhookURL, Body: d.payload(a, key, ns)})
	}
	return out
}

// mail is the subject and text of a message to a, Swedish first.
func (d *Detector) mail(a *catalog.Agency, ns []catalog.Notification) (string, string) {
	name := a.Name.Get("sv", "en")
	var subject string
	if len(ns) == 1 {
		subject = fmt.Sprintf("katalog: %s / %s – %s", ns[0].Title["sv"], ns[0].Title["en"], name)
	} else {
		subject = fmt.Sprintf("katalog: %d förändringar / %d changes – %s", len(ns), len(ns), name)
	}
	page := strings.TrimSuffix(d.o.BaseURL, "/") + "/agencies/" + string(a.OrgNumber)
	var b strings.Builder
	fmt.Fprintf(&b, "Hej!\n\nkatalog har sett följande för %s (%s):\n", name, a.OrgNumber.Hyphenated())
	for _, n := range ns {
		fmt.Fprintf(&b, "\n%s\n%s\n", n.Title["sv"], n.Text["sv"])
	}
	fmt.Fprintf(&b, "\nMer om myndigheten: %s\nInställningar för meddelanden: %s/api/v1/agencies/%s/notifications\n", page, strings.TrimSuffix(d.o.BaseURL, "/"), a.OrgNumber)
	fmt.Fprintf(&b, "\n— English —\n\nkatalog noticed the following for %s (%s):\n", a.Name.Get("en", "sv"), a.OrgNumber.Hyphenated())
	for _, n := range ns {
		fmt.Fprintf(&b, "\n%s\n%s\n", n.Title["en"], n.Text["en"])
	}
	fmt.Fprintf(&b, "\nMore about the agency: %s\nNotification settings: %s/api/v1/agencies/%s/notifications\n", page, strings.TrimSuffix(d.o.BaseURL, "/"), a.OrgNumber)
	return subject, b.String()
}

// Payload is the JSON body of a webhook delivery.
type Payload struct {
	// Delivery is the delivery's key: unique, the same on a retry.
	Delivery string            `json:"delivery"`
	Agency   catalog.OrgNumber `json:"agency"`
	// Kind is the change's kind, or "digest" for several.
	Kind          string                 `json:"kind"`
	Notifications []catalog.Notification `json:"notifications"`
}

// payload is the webhook body telling ns under key.
func (d *Detector) payload(a *catalog.Agency, key string, ns []catalog.Notification) string {
	kind := "digest"
	if len(ns) == 1 && !strings.HasPrefix(key, "digest:") {
		kind = ns[0].Kind
	}
	b, _ := json.Marshal(Payload{Delivery: key + ":" + catalog.ChannelWebhook, Agency: a.OrgNumber, Kind: kind, Notifications: ns})
	return string(b)
}
