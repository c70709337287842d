package storetest

import (
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/katalog-se/katalog/catalog"
)

// LinkQueueStore is a store with the shared link queue.
type LinkQueueStore interface {
	catalog.Store
	catalog.LinkQueue
}

// RunLinkQueue runs the link queue suite. newDatabase makes a new, empty
// database for t and returns a function that opens a handle on it; the
// suite opens two where two instances share the database.
//
// Besides the interface's documentation it pins down that: of many
// claims of one host's slots at once, through different handles, at most
// slots succeed; every item is leased to one holder at a time; a lapsed
// lease makes the item pending again; a cycle can be finished only when
// all its items are done, by one holder; a new check's cycle supersedes
// the agency's unfinished one.
func RunLinkQueue(t *testing.T, newDatabase func(t *testing.T) func() LinkQueueStore) {
	t.Run("Cycle", func(t *testing.T) { testLinkCycle(t, newDatabase(t)) })
	t.Run("SlotContention", func(t *testing.T) { testSlotContention(t, newDatabase(t)) })
	t.Run("ItemContention", func(t *testing.T) { testItemContention(t, newDatabase(t)) })
}

func work(url, host string) catalog.LinkWork {
	return catalog.LinkWork{URL: url, Kinds: []string{"accessURL"}, Host: host}
}

func testLinkCycle(t *testing.T, open func() LinkQueueStore) {
	s := open()
	createAgency(t, s, OrgDigg)
	checked := time.Date(2026, 5, 1, 4, 0, 0, 0, time.UTC)
	id, err := s.StartLinkCycle(ctx(t), OrgDigg, checked)
	must(t, err)
	var items []catalog.LinkWork
	for i := range 5 {
		items = append(items, work(fmt.Sprintf("https://a.se/%d", i), "a.se:443"))
	}
	items = append(items, work("https://b.se/1", "b.se:443"), work("https://a.se/0", "a.se:443"))
	must(t, s.AddLinkWork(ctx(t), id, items))
	must(t, s.OpenLinkCycle(ctx(t), id, 6))
	if _, err := s.ClaimLinkCycle(ctx(t), "x", time.Now().Add(time.Minute)); !errors.Is(err, catalog.ErrNotFound) {
		t.Errorf("a cycle with work left was claimed: %v", err)
	}

	until := time.Now().Add(time.Minute)
	host, slot, ok, err := s.ClaimLinkHost(ctx(t), "A", until, 1)
	must(t, err)
	if !ok || host != "a.se:443" || slot != 0 {
		t.Fatalf("first host %q slot %d %v, want a.se:443 (never served, first by name)", host, slot, ok)
	}
	host2, _, ok, err := s.ClaimLinkHost(ctx(t), "B", until, 1)
	must(t, err)
	if !ok || host2 != "b.se:443" {
		t.Fatalf("second host %q %v, want b.se:443 (a.se's one slot is held)", host2, ok)
	}
	if _, _, ok, _ := s.ClaimLinkHost(ctx(t), "C", until, 1); ok {
		t.Error("a third slot was given with one slot per host")
	}
	got, err := s.ClaimLinkWork(ctx(t), "a.se:443", "A", until, 3)
	must(t, err)
	if len(got) != 3 || got[0].URL != "https://a.se/0" || got[0].Cycle != id || len(got[0].Kinds) != 1 {
		t.Fatalf("claimed %+v", got)
	}
	rest, err := s.ClaimLinkWork(ctx(t), "a.se:443", "B", time.Now().Add(-time.Second), 10)
	must(t, err)
	if len(rest) != 2 {
		t.Fatalf("claimed the rest: %d, want 2", len(rest))
	}
	// B's leases are already over, but it renews one of them (another
	// holder's renewal does nothing): the other goes back.
	must(t, s.RenewLinkWork(ctx(t), "B", []int64{rest[0].ID}, time.Now().Add(time.Minute)))
	must(t, s.RenewLinkWork(ctx(t), "X", []int64{rest[1].ID}, time.Now().Add(time.Minute)))
	n, err := s.RequeueLinkWork(ctx(t))
	must(t, err)
	if n != 1 {
		t.Errorf("requeued %d, want 1", n)
	}
	must(t, s.RenewLinkWork(ctx(t), "B", []int64{rest[0].ID}, time.Now().Add(-time.Second)))
	if n, err = s.RequeueLinkWork(ctx(t)); err != nil || n != 1 {
		t.Errorf("requeued %d, %v; want 1", n, err)
	}
	// A completes; a completion by someone who holds no lease is void.
	yes := true
	for i := range got {
		got[i].Result = catalog.LinkResult{Status: 200, OK: true, DurationMs: 3}
	}
	got[0].Result = catalog.LinkResult{Status: 200, OK: true, API: "openapi 3.0.3", CORS: &yes}
	must(t, s.CompleteLinkWork(ctx(t), "A", got))
	rest[0].Result = catalog.LinkResult{Status: 404}
	must(t, s.CompleteLinkWork(ctx(t), "B", rest[:1]))
	c, err := s.LinkCycle(ctx(t), id)
	must(t, err)
	if c.Done != 3 || c.Total != 6 || c.State != catalog.CycleOpen || c.Agency != OrgDigg || !c.CheckedAt.Equal(checked) {
		t.Errorf("cycle %+v", c)
	}
	must(t, s.ReleaseLinkSlot(ctx(t), "a.se:443", 0, "A"))
	// Everything else.
	for _, h := range []string{"a.se:443", "b.se:443"} {
		left, err := s.ClaimLinkWork(ctx(t), h, "C", until, 10)
		must(t, err)
		for i := range left {
			left[i].Result = catalog.LinkResult{Status: 500, Error: ""}
		}
		must(t, s.CompleteLinkWork(ctx(t), "C", left))
	}
	c1, err := s.ClaimLinkCycle(ctx(t), "F", until)
	must(t, err)
	if c1.ID != id || c1.State != catalog.CycleFinishing || c1.Done != 6 {
		t.Errorf("claimed cycle %+v", c1)
	}
	if _, err := s.ClaimLinkCycle(ctx(t), "G", until); !errors.Is(err, catalog.ErrNotFound) {
		t.Errorf("a cycle was finished twice: %v", err)
	}
	res, err := s.LinkCycleResults(ctx(t), id)
	must(t, err)
	if len(res) != 6 || res[0].URL != "https://a.se/0" || res[0].API != "openapi 3.0.3" || res[0].CORS == nil || !*res[0].CORS || res[5].URL != "https://b.se/1" {
		t.Errorf("results %+v", res)
	}
	// The results become the agency's link table within the database.
	must(t, s.SaveLinkCycle(ctx(t), id))
	table, err := s.Links(ctx(t), OrgDigg)
	must(t, err)
	if len(table) != 6 || table[0].URL != "https://a.se/0" || table[0].API != "openapi 3.0.3" || table[0].CORS == nil || !table[0].OK ||
		!table[0].CheckedAt.Equal(checked) || table[0].LastOK == nil || table[0].BrokenSince != nil {
		t.Errorf("link table from the cycle: %+v", table)
	}
	if b := table[5]; b.URL != "https://b.se/1" || b.OK || b.Status != 500 || b.BrokenSince == nil || !b.BrokenSince.Equal(checked) || b.LastOK != nil {
		t.Errorf("a broken link from the cycle: %+v", b)
	}
	if err := s.SaveLinkCycle(ctx(t), 9999); !errors.Is(err, catalog.ErrNotFound) {
		t.Errorf("an unknown cycle: %v", err)
	}
	if err := s.CloseLinkCycle(ctx(t), id, "G"); !errors.Is(err, catalog.ErrNotFound) {
		t.Errorf("closed by another holder: %v", err)
	}
	must(t, s.CloseLinkCycle(ctx(t), id, "F"))
	if c, _ := s.LinkCycle(ctx(t), id); c.State != catalog.CycleDone || c.Done != 0 {
		t.Errorf("closed cycle %+v", c)
	}

	// A new check supersedes an unfinished cycle: its work is dropped.
	old, err := s.StartLinkCycle(ctx(t), OrgDigg, checked.Add(time.Hour))
	must(t, err)
	must(t, s.AddLinkWork(ctx(t), old, []catalog.LinkWork{work("https://c.se/1", "c.se:443")}))
	next, err := s.StartLinkCycle(ctx(t), OrgDigg, checked.Add(2*time.Hour))
	must(t, err)
	if c, _ := s.LinkCycle(ctx(t), old); c.State != catalog.CycleSuperseded {
		t.Errorf("old cycle %+v", c)
	}
	if h, _, ok, _ := s.ClaimLinkHost(ctx(t), "A", until, 4); ok {
		t.Errorf("the superseded cycle's host %s still has work", h)
	}
	if next <= old {
		t.Errorf("cycle ids %d, %d", old, next)
	}
	if _, err := s.StartLinkCycle(ctx(t), Org("202100000"), checked); !errors.Is(err, catalog.ErrNotFound) {
		t.Errorf("cycle of an unknown agency: %v", err)
	}
}

// queueOneHost opens two handles and queues n links of one host
// (https://one.se/000 …, host one.se:443) in a new cycle of Digg's.
func queueOneHost(t *testing.T, open func() LinkQueueStore, n int) (a, b LinkQueueStore) {
	a, b = open(), open()
	createAgency(t, a, OrgDigg)
	id, err := a.StartLinkCycle(ctx(t), OrgDigg, time.Now())
	must(t, err)
	var items []catalog.LinkWork
	for i := range n {
		items = append(items, work(fmt.Sprintf("https://one.se/%03d", i), "one.se:443"))
	}
	must(t, a.AddLinkWork(ctx(t), id, items))
	return a, b
}

// testSlotContention: 40 claims at once through two handles, one host with
// work, 4 slots: exactly 4 succeed.
func testSlotContention(t *testing.T, open func() LinkQueueStore) {
	a, b := queueOneHost(t, open, 100)
	var mu sync.Mutex
	got := map[int]string{}
	var wg sync.WaitGroup
	for i := range 40 {
		s := a
		if i%2 == 1 {
			s = b
		}
		wg.Go(func() {
			holder := fmt.Sprintf("h%d", i)
			host, slot, ok, err := s.ClaimLinkHost(ctx(t), holder, time.Now().Add(time.Minute), 4)
			if err != nil {
				t.Error(err)
				return
			}
			if ok {
				mu.Lock()
				defer mu.Unlock()
				if prev, dup := got[slot]; dup || host != "one.se:443" {
					t.Errorf("slot %d of %s given to %s and %s", slot, host, prev, holder)
				}
				got[slot] = holder
			}
		})
	}
	wg.Wait()
	if len(got) != 4 {
		t.Errorf("%d slots given, want 4: %v", len(got), got)
	}
}

// testItemContention: 20 holders through two handles claim one host's 300
// items in batches until none is left: each item is leased once.
func testItemContention(t *testing.T, open func() LinkQueueStore) {
	a, b := queueOneHost(t, open, 300)
	var mu sync.Mutex
	leased := map[int64]string{}
	var wg sync.WaitGroup
	for i := range 20 {
		s := a
		if i%2 == 1 {
			s = b
		}
		wg.Go(func() {
			holder := fmt.Sprintf("h%d", i)
			for empty := 0; empty < 3; {
				got, err := s.ClaimLinkWork(ctx(t), "one.se:443", holder, time.Now().Add(time.Minute), 7)
				if err != nil {
					t.Error(err)
					return
				}
				if len(got) == 0 {
					empty++ // others may hold the rows for a moment
					continue
				}
				mu.Lock()
				for _, w := range got {
					if prev, dup := leased[w.ID]; dup {
						t.Errorf("item %d leased to %s and %s", w.ID, prev, holder)
					}
					leased[w.ID] = holder
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if len(leased) != 300 {
		t.Errorf("%d items leased, want 300", len(leased))
	}
}
