package storetest

import (
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/katalog-se/katalog/catalog"
)

// NotifyStore is a store with notification settings and the outbox.
type NotifyStore interface {
	catalog.Store
	catalog.NotifyStore
}

// RunNotify runs the notification suite. newDatabase makes a new, empty
// database and returns a function that opens a handle on it.
//
// Besides the interface's documentation it pins down that a change queued
// twice (through two handles at once) is kept once with its deliveries
// once, and that of many claims of one due delivery at once exactly one
// gets it.
func RunNotify(t *testing.T, newDatabase func(t *testing.T) func() NotifyStore) {
	t.Run("Settings", func(t *testing.T) { testNotifySettings(t, newDatabase(t)()) })
	t.Run("Outbox", func(t *testing.T) { testOutbox(t, newDatabase(t)) })
	t.Run("Digest", func(t *testing.T) { testDigest(t, newDatabase(t)()) })
}

func testNotifySettings(t *testing.T, s NotifyStore) {
	createAgency(t, s, OrgDigg)
	if _, err := s.NotifySettings(ctx(t), OrgDigg); !errors.Is(err, catalog.ErrNotFound) {
		t.Errorf("settings never set: %v", err)
	}
	n := &catalog.NotifySettings{Agency: OrgDigg, Email: false, Mode: catalog.NotifyDigest, WebhookURL: "https://hook.example.se/k", WebhookSecret: "hemlig-nyckel-1234"}
	must(t, s.SaveNotifySettings(ctx(t), n))
	got, err := s.NotifySettings(ctx(t), OrgDigg)
	must(t, err)
	if got.Email || got.Mode != catalog.NotifyDigest || got.WebhookURL != n.WebhookURL || got.WebhookSecret != n.WebhookSecret || got.UpdatedAt.IsZero() {
		t.Errorf("settings %+v", got)
	}
	n.Email, n.Mode, n.WebhookURL, n.WebhookSecret = true, catalog.NotifyOnChange, "", ""
	must(t, s.SaveNotifySettings(ctx(t), n))
	if got, _ := s.NotifySettings(ctx(t), OrgDigg); !got.Email || got.WebhookURL != "" {
		t.Errorf("updated settings %+v", got)
	}
	if err := s.SaveNotifySettings(ctx(t), &catalog.NotifySettings{Agency: Org("202100000"), Mode: catalog.NotifyOnChange}); !errors.Is(err, catalog.ErrNotFound) {
		t.Errorf("settings of an unknown agency: %v", err)
	}
}

func change(key string, at time.Time) *catalog.Notification {
	return &catalog.Notification{Key: key, Agency: OrgDigg, Kind: catalog.ChangeNotReady, At: at,
		Title: catalog.LangString{"sv": "Inte redo", "en": "Not ready"}, Text: catalog.LangString{"sv": "Text", "en": "Text"},
		Details: []byte(`{"check":7}`)}
}

func deliveriesOf(key string) []catalog.Delivery {
	return []catalog.Delivery{
		{Key: key + ":email", Agency: OrgDigg, Channel: catalog.ChannelEmail, Recipient: "data@digg.se", Subject: "S", Body: "B"},
		{Key: key + ":webhook", Agency: OrgDigg, Channel: catalog.ChannelWebhook, Recipient: "https://hook.example.se/k", Body: "{}"},
	}
}

func testOutbox(t *testing.T, open func() NotifyStore) {
	a, b := open(), open()
	createAgency(t, a, OrgDigg)
	at := time.Date(2026, 6, 1, 4, 0, 0, 0, time.UTC)
	// Two instances find the same change at once: one keeps it.
	var wg sync.WaitGroup
	var mu sync.Mutex
	kept := 0
	for i := range 10 {
		s := a
		if i%2 == 1 {
			s = b
		}
		wg.Go(func() {
			ok, err := s.QueueNotification(ctx(t), change("notReady:1:7", at), false, deliveriesOf("notReady:1:7"))
			if err != nil {
				t.Error(err)
			}
			if ok {
				mu.Lock()
				kept++
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if kept != 1 {
		t.Fatalf("the change was kept %d times", kept)
	}
	list, total, err := a.Deliveries(ctx(t), OrgDigg, catalog.Page{})
	must(t, err)
	if total != 2 || list[0].State != catalog.DeliveryPending || list[1].Channel != catalog.ChannelEmail {
		t.Fatalf("deliveries %+v", list)
	}
	// Of many claims at once, one gets each delivery.
	claimed := map[int64]string{}
	for i := range 10 {
		s := a
		if i%2 == 1 {
			s = b
		}
		wg.Go(func() {
			d, err := s.ClaimDelivery(ctx(t), fmt.Sprintf("h%d", i), time.Now().Add(time.Minute))
			if errors.Is(err, catalog.ErrNotFound) {
				return
			}
			if err != nil {
				t.Error(err)
				return
			}
			mu.Lock()
			defer mu.Unlock()
			if prev, dup := claimed[d.ID]; dup {
				t.Errorf("delivery %d claimed by %s and h%d", d.ID, prev, i)
			}
			claimed[d.ID] = fmt.Sprintf("h%d", i)
		})
	}
	wg.Wait()
	if len(claimed) != 2 {
		t.Fatalf("%d deliveries claimed, want 2", len(claimed))
	}
	if _, err := a.ClaimDelivery(ctx(t), "late", time.Now().Add(time.Minute)); !errors.Is(err, catalog.ErrNotFound) {
		t.Errorf("a third claim: %v", err)
	}
	ids := make([]int64, 0, 2)
	for id := range claimed {
		ids = append(ids, id)
	}
	// One is sent; the other fails and is due again later; a report from
	// someone who does not hold the claim is void.
	must(t, a.DeliveryDone(ctx(t), ids[0], "nobody", "", time.Time{}))
	must(t, a.DeliveryDone(ctx(t), ids[0], claimed[ids[0]], "", time.Time{}))
	must(t, a.DeliveryDone(ctx(t), ids[1], claimed[ids[1]], "HTTP 500", time.Now().Add(time.Hour)))
	if _, err := a.ClaimDelivery(ctx(t), "h", time.Now().Add(time.Minute)); !errors.Is(err, catalog.ErrNotFound) {
		t.Errorf("a delivery due in an hour was claimed: %v", err)
	}
	list, _, _ = a.Deliveries(ctx(t), OrgDigg, catalog.Page{})
	byID := map[int64]catalog.Delivery{}
	for _, d := range list {
		byID[d.ID] = d
	}
	if d := byID[ids[0]]; d.State != catalog.DeliverySent || d.SentAt.IsZero() || d.Attempts != 1 {
		t.Errorf("sent delivery %+v", d)
	}
	if d := byID[ids[1]]; d.State != catalog.DeliveryPending || d.LastError != "HTTP 500" || !d.NextAt.After(time.Now()) {
		t.Errorf("retried delivery %+v", d)
	}
	// A claim that lapsed (its instance died) is claimed again.
	must(t, a.DeliveryDone(ctx(t), ids[1], "nobody", "", time.Time{}))
	_, err = a.QueueNotification(ctx(t), change("brokenLinks:1", at), false, deliveriesOf("brokenLinks:1")[:1])
	must(t, err)
	d, err := a.ClaimDelivery(ctx(t), "dies", time.Now().Add(-time.Second))
	must(t, err)
	again, err := b.ClaimDelivery(ctx(t), "survives", time.Now().Add(time.Minute))
	must(t, err)
	if again.ID != d.ID || again.Attempts != 2 {
		t.Errorf("lapsed claim: %+v, then %+v", d, again)
	}
	must(t, b.DeliveryDone(ctx(t), again.ID, "survives", "refused", time.Time{}))
	list, _, _ = a.Deliveries(ctx(t), OrgDigg, catalog.Page{Number: 1, Limit: 1})
	if list[0].State != catalog.DeliveryFailed || list[0].LastError != "refused" {
		t.Errorf("failed for good: %+v", list[0])
	}
}

func testDigest(t *testing.T, s NotifyStore) {
	createAgency(t, s, OrgDigg)
	createAgency(t, s, OrgSCB)
	at := time.Date(2026, 6, 1, 4, 0, 0, 0, time.UTC)
	for i, key := range []string{"a", "b"} {
		ok, err := s.QueueNotification(ctx(t), change(key, at.Add(time.Duration(i)*time.Hour)), true, nil)
		if err != nil || !ok {
			t.Fatalf("queue %s: %v %v", key, ok, err)
		}
	}
	other := change("c", at)
	other.Agency = OrgSCB
	_, err := s.QueueNotification(ctx(t), other, false, nil)
	must(t, err)
	list, err := s.DigestNotifications(ctx(t))
	must(t, err)
	if len(list) != 2 || list[0].Key != "a" || list[1].Key != "b" || list[0].Title["en"] != "Not ready" || string(list[0].Details) != `{"check":7}` {
		t.Fatalf("waiting for a digest: %+v", list)
	}
	digest := []catalog.Delivery{{Key: "digest:x:email", Agency: OrgDigg, Channel: catalog.ChannelEmail, Recipient: "data@digg.se", Subject: "2 changes", Body: "…"}}
	must(t, s.QueueDigest(ctx(t), []int64{list[0].ID, list[1].ID}, digest))
	must(t, s.QueueDigest(ctx(t), []int64{list[0].ID, list[1].ID}, digest))
	if list, _ := s.DigestNotifications(ctx(t)); len(list) != 0 {
		t.Errorf("still waiting: %+v", list)
	}
	if _, n, _ := s.Deliveries(ctx(t), OrgDigg, catalog.Page{}); n != 1 {
		t.Errorf("%d digests queued, want 1", n)
	}
}
