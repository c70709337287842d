package notify

import (
	"context"
	"crypto/hmac"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/http"
	"net/http/httptest"
	"net/mail"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/internal/outbound"
	"github.com/katalog-se/katalog/internal/store/pgtest"
	"github.com/katalog-se/katalog/internal/store/postgres"
	"github.com/katalog-se/katalog/internal/store/sqlite"
	"github.com/katalog-se/katalog/internal/store/storetest"
	"github.com/katalog-se/katalog/internal/write"
)

// mailbox is a real SMTP server on loopback (go-smtp) that wants AUTH
// PLAIN as katalog/hemligt and keeps every mail it accepts.
type mailbox struct {
	addr string
	mu   sync.Mutex
	got  []*mail.Message
	raw  []string
}

func newMailbox(t *testing.T) *mailbox {
	t.Helper()
	mb := &mailbox{}
	srv := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) { return &session{mb: mb}, nil }))
	srv.Domain = "localhost"
	srv.AllowInsecureAuth = true
	srv.ReadTimeout, srv.WriteTimeout = 10*time.Second, 10*time.Second
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	mb.addr = ln.Addr().String()
	return mb
}

func (mb *mailbox) mails() []*mail.Message {
	mb.mu.Lock()
	defer mb.mu.Unlock()
	return append([]*mail.Message(nil), mb.got...)
}

// session is one SMTP conversation.
type session struct {
	mb       *mailbox
	loggedIn bool
	to       []string
}

func (s *session) AuthMechanisms() []string { return []string{sasl.Plain} }

func (s *session) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(identity, user, pass string) error {
		if user != "katalog" || pass != "hemligt" {
			return errors.New("invalid credentials")
		}
		s.loggedIn = true
		return nil
	}), nil
}

func (s *session) Mail(string, *smtp.MailOptions) error {
	if !s.loggedIn {
		return smtp.ErrAuthRequired
	}
	return nil
}

func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error { s.to = append(s.to, to); return nil }

func (s *session) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	m, err := mail.ReadMessage(strings.NewReader(string(b)))
	if err != nil {
		return err
	}
	s.mb.mu.Lock()
	s.mb.got = append(s.mb.got, m)
	s.mb.raw = append(s.mb.raw, string(b))
	s.mb.mu.Unlock()
	return nil
}

func (s *session) Reset()        {}
func (s *session) Logout() error { return nil }

// hook is a webhook receiver that verifies each delivery's signature,
// refuses the first attempt of each delivery with 500 (so that katalog
// retries), and keeps what it accepted.
type hook struct {
	*httptest.Server
	secret string
	mu     sync.Mutex
	tries  map[string]int
	got    map[string]Payload
	bad    int
}

func newHook(t *testing.T, secret string) *hook {
	h := &hook{secret: secret, tries: map[string]int{}, got: map[string]Payload{}}
	h.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		want := Sign(h.secret, r.Header.Get(HeaderTimestamp), body)
		h.mu.Lock()
		defer h.mu.Unlock()
		if !hmac.Equal([]byte(r.Header.Get(HeaderSignature)), []byte(want)) {
			h.bad++
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		key := r.Header.Get(HeaderDelivery)
		h.tries[key]++
		if h.tries[key] == 1 {
			w.WriteHeader(http.StatusInternalServerError)
			return
		}
		var p Payload
		if err := json.Unmarshal(body, &p); err != nil || p.Delivery != key || r.Header.Get(HeaderEvent) != p.Kind {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		if _, dup := h.got[key]; dup {
			p.Delivery = "DUPLICATE " + key
		}
		h.got[key] = p
	}))
	t.Cleanup(h.Close)
	return h
}

func (h *hook) received() map[string]Payload {
	h.mu.Lock()
	defer h.mu.Unlock()
	out := map[string]Payload{}
	for k, v := range h.got {
		out[k] = v
	}
	return out
}

// testStore is a whole store.
type testStore interface {
	catalog.Store
	catalog.JobStore
}

// instance is one katalog instance's notification parts.
type instance struct {
	store    testStore
	writes   *write.Service
	detector *Detector
	delivery *Deliverer
}

func newInstance(t *testing.T, s testStore, name string, mb *mailbox) *instance {
	t.Helper()
	w := write.New(s, write.Options{})
	det, err := NewDetector(DetectorOptions{Store: s, Writer: w, Mail: true, BaseURL: "https://katalog.example.se"})
	if err != nil {
		t.Fatal(err)
	}
	o := outbound.LoopbackOptions()
	del, err := NewDeliverer(DelivererOptions{Store: s, Holder: name, Client: outbound.NewClient(o),
		Mailer:  &SMTPMailer{Addr: mb.addr, User: "katalog", Password: "hemligt", From: "katalog@example.se"},
		Backoff: 20 * time.Millisecond, Poll: 20 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	return &instance{store: s, writes: w, detector: det, delivery: del}
}

// changeAll makes three changes of org's state: a ready check then a not
// ready one, two links that broke, and a portal sync with fewer datasets.
func changeAll(t *testing.T, i *instance, org catalog.OrgNumber) {
	t.Helper()
	ctx := t.Context()
	at := time.Now().UTC().Add(-time.Hour).Truncate(time.Second)
	report := `{"findings":[{"severity":"error","rule":"http-status","message":{"sv":"Servern svarade inte med 200 OK.","en":"The server did not answer 200 OK."},"evidence":"HTTP 503"}]}`
	for n, ready := range []bool{true, false} {
		r := &catalog.CheckRecord{Agency: org, URL: "https://digg.example.se/dcat", Trigger: catalog.TriggerSchedule, Status: catalog.StatusOK,
			Ready: ready, StartedAt: at.Add(time.Duration(n) * time.Minute), FinishedAt: at.Add(time.Duration(n)*time.Minute + time.Second)}
		if !ready {
			r.Result = json.RawMessage(report)
		}
		if err := i.store.InsertCheck(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	ok := func(u string, works bool) catalog.LinkResult {
		l := catalog.LinkResult{URL: u, Kinds: []string{"downloadURL"}, Status: 200, OK: works}
		if !works {
			l.Status = 404
		}
		return l
	}
	if err := i.writes.RecordLinks(ctx, org, at, []catalog.LinkResult{ok("https://a.se/1", true), ok("https://a.se/2", true)}); err != nil {
		t.Fatal(err)
	}
	if err := i.writes.RecordLinks(ctx, org, at.Add(time.Minute), []catalog.LinkResult{ok("https://a.se/1", false), ok("https://a.se/2", false)}); err != nil {
		t.Fatal(err)
	}
	for n, on := range []int{5, 3} {
		if err := i.writes.RecordPortalSync(ctx, []catalog.PortalStatus{{Agency: org, Status: catalog.PortalListed, CheckedAt: at.Add(time.Duration(n) * time.Minute),
			OnPortal: on, InCatalogs: 5, Missing: []string{"https://digg.example.se/ds/4"}[:n]}}); err != nil {
			t.Fatal(err)
		}
	}
}

func sqliteDB(t *testing.T) func() testStore {
	path := filepath.Join(t.TempDir(), "k.db")
	return func() testStore {
		s, err := sqlite.Open(t.Context(), path)
		return storetest.Opened(t, s, err)
	}
}

func postgresDB(t *testing.T) func() testStore {
	pgtest.DSN(t)
	dsn := pgtest.Schema(t)
	return func() testStore {
		s, err := postgres.Open(context.Background(), dsn)
		return storetest.Opened(t, s, err)
	}
}

// TestOneMailPerChangeTwoInstances: two instances on one database both
// find the same three changes of an agency (ready to not ready, new broken
// links, fewer datasets on the portal) and both deliver: the agency gets
// exactly one mail per change, through a real SMTP server on loopback with
// AUTH, and one webhook delivery per change, signed with HMAC-SHA256 and
// retried once after the receiver's 500. On PostgreSQL (and SQLite).
func TestOneMailPerChangeTwoInstances(t *testing.T) {
	for name, open := range map[string]func(*testing.T) func() testStore{"postgres": postgresDB, "sqlite": sqliteDB} {
		t.Run(name, func(t *testing.T) {
			db := open(t)
			mb := newMailbox(t)
			wh := newHook(t, "hemlig-nyckel-för-webhooken")
			a, b := newInstance(t, db(), "instance-a", mb), newInstance(t, db(), "instance-b", mb)
			agency := storetest.NewAgency(storetest.OrgDigg)
			agency.Email = "data@digg.example.se"
			if err := a.store.CreateAgency(t.Context(), agency, nil); err != nil {
				t.Fatal(err)
			}
			if err := a.writes.SetNotifications(t.Context(), &catalog.NotifySettings{Agency: agency.OrgNumber, Email: true, Mode: catalog.NotifyOnChange,
				WebhookURL: wh.URL + "/katalog", WebhookSecret: wh.secret}); err != nil {
				t.Fatal(err)
			}
			changeAll(t, a, agency.OrgNumber)
			// Both instances find the changes, at once, and deliver.
			var wg sync.WaitGroup
			for _, i := range []*instance{a, b, a, b} {
				wg.Go(func() {
					if err := i.detector.Detect(t.Context(), agency.OrgNumber); err != nil {
						t.Error(err)
					}
				})
			}
			wg.Wait()
			a.delivery.Start()
			b.delivery.Start()
			defer a.delivery.Stop()
			defer b.delivery.Stop()
			for deadline := time.Now().Add(20 * time.Second); len(mb.mails()) < 3 || len(wh.received()) < 3; time.Sleep(20 * time.Millisecond) {
				if time.Now().After(deadline) {
					t.Fatalf("%d mails and %d webhooks after 20 s, want 3 and 3", len(mb.mails()), len(wh.received()))
				}
			}
			// Nothing more comes: both deliverers have looked again.
			time.Sleep(200 * time.Millisecond)
			a.delivery.DeliverDue(t.Context())
			b.delivery.DeliverDue(t.Context())
			mails := mb.mails()
			if len(mails) != 3 {
				t.Fatalf("%d mails, want one per change (3)", len(mails))
			}
			ids := map[string]bool{}
			dec := new(mime.WordDecoder)
			var subjects []string
			for _, m := range mails {
				ids[m.Header.Get("Message-ID")] = true
				subject, err := dec.DecodeHeader(m.Header.Get("Subject"))
				if err != nil {
					t.Fatal(err)
				}
				subjects = append(subjects, subject)
				body, _ := io.ReadAll(quotedprintable.NewReader(m.Body))
				text := string(body)
				if m.Header.Get("To") != agency.Email || !strings.Contains(text, "Hej!") || !strings.Contains(text, "— English —") ||
					!strings.Contains(text, "https://katalog.example.se/agencies/"+string(agency.OrgNumber)) {
					t.Errorf("mail %q:\n%s", subject, text)
				}
			}
			if len(ids) != 3 {
				t.Errorf("Message-IDs %v", ids)
			}
			all := strings.Join(subjects, "\n")
			for _, want := range []string{"inte längre redo för skördning / The catalog is no longer ready", "Nya trasiga länkar / New broken links", "Färre datamängder på dataportalen / Fewer datasets on the portal"} {
				if !strings.Contains(all, want) {
					t.Errorf("no mail %q among\n%s", want, all)
				}
			}
			got := wh.received()
			kinds := map[string]bool{}
			for key, p := range got {
				if strings.HasPrefix(p.Delivery, "DUPLICATE") || len(p.Notifications) != 1 || p.Agency != agency.OrgNumber {
					t.Errorf("webhook %s: %+v", key, p)
				}
				kinds[p.Kind] = true
			}
			if !kinds[catalog.ChangeNotReady] || !kinds[catalog.ChangeBrokenLinks] || !kinds[catalog.ChangeFewerOnPortal] {
				t.Errorf("webhook kinds %v", kinds)
			}
			wh.mu.Lock()
			for key, n := range wh.tries {
				if n != 2 {
					t.Errorf("%s tried %d times, want 2 (refused once, then delivered)", key, n)
				}
			}
			if wh.bad != 0 {
				t.Errorf("%d deliveries with a bad signature", wh.bad)
			}
			wh.mu.Unlock()
			list, _, err := a.store.Deliveries(t.Context(), agency.OrgNumber, catalog.Page{})
			if err != nil || len(list) != 6 {
				t.Fatalf("outbox: %d, %v", len(list), err)
			}
			for _, d := range list {
				if d.State != catalog.DeliverySent {
					t.Errorf("delivery %s: %s (%s)", d.Key, d.State, d.LastError)
				}
			}
		})
	}
}

// TestNoChangeNoMessage: a first not-ready check, links broken since an
// earlier check, and a portal listing more datasets are no change.
func TestNoChangeNoMessage(t *testing.T) {
	s := sqliteDB(t)()
	mb := newMailbox(t)
	i := newInstance(t, s, "a", mb)
	agency := storetest.NewAgency(storetest.OrgDigg)
	agency.Email = "data@digg.example.se"
	if err := s.CreateAgency(t.Context(), agency, nil); err != nil {
		t.Fatal(err)
	}
	at := time.Now().UTC().Add(-time.Hour).Truncate(time.Second)
	if err := s.InsertCheck(t.Context(), &catalog.CheckRecord{Agency: agency.OrgNumber, URL: "https://x.se/dcat", Trigger: catalog.TriggerSchedule,
		Status: catalog.StatusOK, StartedAt: at, FinishedAt: at}); err != nil {
		t.Fatal(err)
	}
	broken := []catalog.LinkResult{{URL: "https://a.se/1", Status: 404}}
	for n := range 2 {
		if err := i.writes.RecordLinks(t.Context(), agency.OrgNumber, at.Add(time.Duration(n)*time.Minute), broken); err != nil {
			t.Fatal(err)
		}
	}
	// The latest recording finds the link broken since the one before: no
	// new broken link.
	for n, on := range []int{3, 5} {
		if err := i.writes.RecordPortalSync(t.Context(), []catalog.PortalStatus{{Agency: agency.OrgNumber, Status: catalog.PortalListed,
			CheckedAt: at.Add(time.Duration(n) * time.Minute), OnPortal: on}}); err != nil {
			t.Fatal(err)
		}
	}
	if err := i.detector.Detect(t.Context(), agency.OrgNumber); err != nil {
		t.Fatal(err)
	}
	if _, n, _ := s.Deliveries(t.Context(), agency.OrgNumber, catalog.Page{}); n != 0 {
		t.Errorf("%d deliveries for no change", n)
	}
}

// TestSubscriberAndDigest: changes found after the write path's events (the
// detector as a subscriber) for an agency that asked for a daily digest
// wait for the digest job, which sends them in one mail; without a mail
// server only the webhook is queued.
func TestSubscriberAndDigest(t *testing.T) {
	s := sqliteDB(t)()
	mb := newMailbox(t)
	i := newInstance(t, s, "a", mb)
	i.detector.Start()
	defer i.detector.Stop()
	i.writes.Subscribe(i.detector.Subscriber())
	agency := storetest.NewAgency(storetest.OrgDigg)
	agency.Email = "data@digg.example.se"
	if err := s.CreateAgency(t.Context(), agency, nil); err != nil {
		t.Fatal(err)
	}
	if err := i.writes.SetNotifications(t.Context(), &catalog.NotifySettings{Agency: agency.OrgNumber, Email: true, Mode: catalog.NotifyDigest}); err != nil {
		t.Fatal(err)
	}
	changeAll(t, i, agency.OrgNumber)
	i.writes.CheckFinished(t.Context(), agency.OrgNumber)
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		waiting, err := s.DigestNotifications(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		if len(waiting) == 3 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d changes waiting for the digest, want 3", len(waiting))
		}
	}
	if err := i.detector.Digest(t.Context()); err != nil {
		t.Fatal(err)
	}
	if err := i.detector.Digest(t.Context()); err != nil {
		t.Fatal(err)
	}
	i.delivery.DeliverDue(t.Context())
	mails := mb.mails()
	if len(mails) != 1 {
		t.Fatalf("%d digest mails, want 1", len(mails))
	}
	subject, _ := new(mime.WordDecoder).DecodeHeader(mails[0].Header.Get("Subject"))
	if !strings.Contains(subject, "3 förändringar / 3 changes") {
		t.Errorf("digest subject %q", subject)
	}

	// Without a mail server, no mail is queued.
	noMail, err := NewDetector(DetectorOptions{Store: s, Writer: i.writes})
	if err != nil {
		t.Fatal(err)
	}
	deliveries := noMail.deliveries(agency, catalog.NotifySettings{Email: true, WebhookURL: "https://hook.example.se"}, "k", []catalog.Notification{{Kind: "x"}})
	if len(deliveries) != 1 || deliveries[0].Channel != catalog.ChannelWebhook {
		t.Errorf("deliveries without a mail server: %+v", deliveries)
	}
}

// TestSign: the signature is HMAC-SHA256(secret, timestamp + "." + body),
// as any receiver can recompute it (the value is Python's hmac module's).
func TestSign(t *testing.T) {
	const want = "sha256=a438e398bfafc57e4396bb7fc2304422f0f768e965d073ca313cb52e22e6ad03"
	if got := Sign("key", "1700000000", []byte(`{"a":1}`)); got != want {
		t.Errorf("Sign = %s, want %s", got, want)
	}
}

// TestBackoff: the wait after a failed delivery grows fourfold from
// Backoff with each attempt, and never beyond six hours.
func TestBackoff(t *testing.T) {
	d := &Deliverer{o: DelivererOptions{Backoff: time.Minute}}
	for _, c := range []struct {
		attempt int
		want    time.Duration
	}{{1, time.Minute}, {2, 4 * time.Minute}, {3, 16 * time.Minute}, {4, 64 * time.Minute}, {5, 256 * time.Minute}, {6, 6 * time.Hour}, {30, 6 * time.Hour}} {
		if got := d.backoff(c.attempt); got != c.want {
			t.Errorf("backoff(%d) = %s, want %s", c.attempt, got, c.want)
		}
	}
}
