package notify

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/internal/outbound"
)

// Webhook headers.
const (
	// HeaderSignature carries "sha256=" and the hex HMAC-SHA256, keyed with
	// the agency's webhook secret, of HeaderTimestamp's value, a full stop
	// and the body: a receiver recomputes it and compares in constant time
	// (and may refuse old timestamps, against replays).
	HeaderSignature = "X-Katalog-Signature"
	// HeaderTimestamp is when the delivery was signed, in Unix seconds.
	HeaderTimestamp = "X-Katalog-Timestamp"
	// HeaderDelivery is the delivery's key: the same on every retry, so a
	// receiver can drop a repeat.
	HeaderDelivery = "X-Katalog-Delivery"
	// HeaderEvent is the change's kind ("digest" for several).
	HeaderEvent = "X-Katalog-Event"
)

// Sign is the signature of body sent at timestamp with secret, as in
// HeaderSignature.
func Sign(secret, timestamp string, body []byte) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(timestamp))
	m.Write([]byte("."))
	m.Write(body)
	return "sha256=" + hex.EncodeToString(m.Sum(nil))
}

// Mailer sends one mail.
type Mailer interface {
	Send(ctx context.Context, m Mail) error
}

// Mail is one message: its Message-ID derives from the delivery's key, the
// same on every retry.
type Mail struct {
	To, Subject, Body, MessageID string
}

// Defaults of DelivererOptions.
const (
	DefaultBackoff     = time.Minute
	DefaultMaxAttempts = 8
	maxBackoff         = 6 * time.Hour
	sendTimeout        = time.Minute
)

// DelivererOptions configure a Deliverer. Store and Holder are required.
type DelivererOptions struct {
	Store Store
	// Mailer sends mail; nil: e-mail deliveries fail (none are queued
	// without one).
	Mailer Mailer
	// Client posts webhooks (the guarded outbound client).
	Client *outbound.Client
	// Holder names this instance in claims.
	Holder string
	// Backoff is the wait after the first failure (DefaultBackoff); it
	// grows fourfold with each further one, at most six hours.
	Backoff time.Duration
	// MaxAttempts is how often a delivery is tried before it fails for
	// good (DefaultMaxAttempts).
	MaxAttempts int
	// Poll is how often the outbox is looked at (one second).
	Poll   time.Duration
	Logger *slog.Logger
}

// Deliverer sends the outbox's deliveries: each instance runs one.
type Deliverer struct {
	o    DelivererOptions
	log  *slog.Logger
	stop context.CancelFunc
	done chan struct{}
}

// NewDeliverer returns a Deliverer; Start runs it.
func NewDeliverer(o DelivererOptions) (*Deliverer, error) {
	if o.Store == nil || o.Holder == "" {
		return nil, errors.New("notify: Store and Holder are required")
	}
	if o.Backoff <= 0 {
		o.Backoff = DefaultBackoff
	}
	if o.MaxAttempts <= 0 {
		o.MaxAttempts = DefaultMaxAttempts
	}
	if o.Poll <= 0 {
		o.Poll = time.Second
	}
	log := o.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Deliverer{o: o, log: log.With("component", "notify", "holder", o.Holder)}, nil
}

// Start delivers until Stop.
func (d *Deliverer) Start() {
	ctx, cancel := context.WithCancel(context.Background())
	d.stop, d.done = cancel, make(chan struct{})
	go func() {
		defer close(d.done)
		for ctx.Err() == nil {
			if sent := d.DeliverDue(ctx); sent > 0 {
				continue
			}
			t := time.NewTimer(d.o.Poll)
			select {
			case <-ctx.Done():
			case <-t.C:
			}
			t.Stop()
		}
	}()
}

// Stop ends the deliverer; a delivery under way is cancelled and tried
// again later.
func (d *Deliverer) Stop() {
	if d.stop != nil {
		d.stop()
		<-d.done
	}
}

// DeliverDue sends the deliveries that are due, one claim at a time, until
// none is; it returns how many it tried.
func (d *Deliverer) DeliverDue(ctx context.Context) int {
	n := 0
	for ctx.Err() == nil {
		del, err := d.o.Store.ClaimDelivery(ctx, d.o.Holder, time.Now().Add(2*sendTimeout))
		if errors.Is(err, catalog.ErrNotFound) {
			return n
		}
		if err != nil {
			if ctx.Err() == nil {
				d.log.Warn("claim a delivery", "err", err)
			}
			return n
		}
		n++
		d.deliver(ctx, del)
	}
	return n
}

// deliver sends one claimed delivery and records the outcome.
func (d *Deliverer) deliver(ctx context.Context, del *catalog.Delivery) {
	sctx, cancel := context.WithTimeout(ctx, sendTimeout)
	err := d.send(sctx, del)
	cancel()
	if ctx.Err() != nil {
		return // shutting down: the claim lapses and the delivery is tried again
	}
	errText, next := "", time.Time{}
	if err != nil {
		errText = err.Error()
		if del.Attempts < d.o.MaxAttempts {
			next = time.Now().Add(d.backoff(del.Attempts))
		}
		d.log.Warn("delivery failed", "key", del.Key, "attempt", del.Attempts, "retry", !next.IsZero(), "err", err)
	} else {
		d.log.Info("delivered", "key", del.Key, "channel", del.Channel, "attempt", del.Attempts)
	}
	if err := d.o.Store.DeliveryDone(context.WithoutCancel(ctx), del.ID, d.o.Holder, errText, next); err != nil {
		d.log.Error("record a delivery", "key", del.Key, "err", err)
	}
}

// backoff is the wait after the attempt-th failure.
func (d *Deliverer) backoff(attempt int) time.Duration {
	w := d.o.Backoff
	for i := 1; i < attempt && w < maxBackoff; i++ {
		w *= 4
	}
	return min(w, maxBackoff)
}

// send sends del on its channel.
func (d *Deliverer) send(ctx context.Context, del *catalog.Delivery) error {
	switch del.Channel {
	case catalog.ChannelEmail:
		if d.o.Mailer == nil {
			return errors.New("no mail server configured (notify.smtp)")
		}
		sum := sha256.Sum256([]byte(del.Key))
		return d.o.Mailer.Send(ctx, Mail{To: del.Recipient, Subject: del.Subject, Body: del.Body,
			MessageID: "<" + hex.EncodeToString(sum[:16]) + "@katalog>"})
	case catalog.ChannelWebhook:
		return d.post(ctx, del)
	}
	return fmt.Errorf("unknown channel %q", del.Channel)
}

// post sends a webhook delivery, signed with the agency's current secret.
func (d *Deliverer) post(ctx context.Context, del *catalog.Delivery) error {
	if d.o.Client == nil {
		return errors.New("no outbound client")
	}
	secret := ""
	if s, err := d.o.Store.NotifySettings(ctx, del.Agency); err == nil {
		secret = s.WebhookSecret
	} else if !errors.Is(err, catalog.ErrNotFound) {
		return err
	}
	var p Payload
	kind := "digest"
	if err := json.Unmarshal([]byte(del.Body), &p); err == nil && p.Kind != "" {
		kind = p.Kind
	}
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	h := http.Header{
		"Content-Type":  {"application/json"},
		HeaderTimestamp: {ts},
		HeaderDelivery:  {del.Key},
		HeaderEvent:     {kind},
	}
	if secret != "" {
		h.Set(HeaderSignature, Sign(secret, ts, []byte(del.Body)))
	}
	resp, err := d.o.Client.Post(ctx, del.Recipient, h, []byte(del.Body))
	if err != nil {
		return errors.New(outbound.PublicError(err))
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return fmt.Errorf("HTTP %d %s", resp.StatusCode, http.StatusText(resp.StatusCode))
	}
	return nil
}
