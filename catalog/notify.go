package catalog

import (
	"context"
	"encoding/json"
	"time"
)

// The changes of an agency's state that it is told of.
const (
	// ChangeNotReady: the latest check of its catalog says not ready, and
	// the check before said ready.
	ChangeNotReady = "notReady"
	// ChangeBrokenLinks: links of its catalog broke at the latest check.
	ChangeBrokenLinks = "brokenLinks"
	// ChangeFewerOnPortal: dataportal.se lists fewer of its datasets than at
	// the sync before.
	ChangeFewerOnPortal = "fewerOnPortal"
)

// Notification modes of an agency.
const (
	// NotifyOnChange: one message per change, as it is found.
	NotifyOnChange = "change"
	// NotifyDigest: the day's changes in one message, every morning.
	NotifyDigest = "digest"
)

// Channels of a delivery.
const (
	ChannelEmail   = "email"
	ChannelWebhook = "webhook"
)

// States of a delivery in the outbox.
const (
	DeliveryPending = "pending"
	DeliverySending = "sending"
	DeliverySent    = "sent"
	DeliveryFailed  = "failed"
)

// NotifySettings are how an agency wants to be told of changes.
type NotifySettings struct {
	Agency OrgNumber `json:"agency"`
	// Email: mail the agency's contact address (Agency.Email) when the
	// operator has configured a mail server.
	Email bool `json:"email"`
	// Mode is NotifyOnChange or NotifyDigest.
	Mode string `json:"mode"`
	// WebhookURL, when set, gets every message as a JSON POST signed with
	// WebhookSecret (HMAC-SHA256).
	WebhookURL    string    `json:"webhookUrl,omitempty"`
	WebhookSecret string    `json:"-"`
	UpdatedAt     time.Time `json:"updatedAt,omitzero"`
}

// DefaultNotifySettings are the settings of an agency that has set none:
// mail on every change.
func DefaultNotifySettings(org OrgNumber) NotifySettings {
	return NotifySettings{Agency: org, Email: true, Mode: NotifyOnChange}
}

// Notification is one change of an agency's state: Key identifies the
// change itself (the same change found twice, by two instances, has one
// key), so that it is told once.
type Notification struct {
	ID     int64     `json:"id"`
	Key    string    `json:"key"`
	Agency OrgNumber `json:"agency"`
	Kind   string    `json:"kind"`
	At     time.Time `json:"at"`
	// Title and Text say what changed, in Swedish and English.
	Title LangString `json:"title"`
	Text  LangString `json:"text"`
	// Details are the change's facts, for webhooks (JSON).
	Details json.RawMessage `json:"details,omitempty"`
}

// Delivery is one message to send: a change or a digest, on one channel,
// to one recipient (an address, a webhook URL). Key is unique: the change's
// key and the channel.
type Delivery struct {
	ID        int64
	Key       string
	Agency    OrgNumber
	Channel   string
	Recipient string
	Subject   string
	// Body is the mail's text, or the webhook's JSON.
	Body     string
	State    string
	Attempts int
	// NextAt is when a pending delivery is due.
	NextAt    time.Time
	LastError string
	SentAt    time.Time
}

// NotifyStore keeps agencies' notification settings, the changes found
// and the outbox of deliveries.
type NotifyStore interface {
	// NotifySettings returns org's settings. ErrNotFound if it has set none.
	NotifySettings(ctx context.Context, org OrgNumber) (*NotifySettings, error)
	// SaveNotifySettings stores s (UpdatedAt is set). ErrNotFound if the
	// agency is absent.
	SaveNotifySettings(ctx context.Context, s *NotifySettings) error
	// QueueNotification keeps n and its deliveries, in one transaction,
	// unless a change of n's key is kept already: then nothing is written
	// and it returns false. digest marks n for the agency's next digest
	// (then deliveries is empty).
	QueueNotification(ctx context.Context, n *Notification, digest bool, deliveries []Delivery) (bool, error)
	// DigestNotifications returns the changes waiting for a digest, by
	// agency then time.
	DigestNotifications(ctx context.Context) ([]Notification, error)
	// QueueDigest queues deliveries (a digest of the changes ids) and marks
	// the changes digested, in one transaction; a delivery whose key is
	// queued already is left out.
	QueueDigest(ctx context.Context, ids []int64, deliveries []Delivery) error
	// ClaimDelivery gives holder, until the given time, the oldest delivery
	// that is due (pending and NextAt passed, or sending by someone whose
	// claim lapsed). ErrNotFound when none is due.
	ClaimDelivery(ctx context.Context, holder string, until time.Time) (*Delivery, error)
	// DeliveryDone records the outcome of holder's claim: sent, or (err not
	// empty) pending again from next, or failed for good when next is zero.
	DeliveryDone(ctx context.Context, id int64, holder string, errText string, next time.Time) error
	// Deliveries lists one page of org's deliveries, newest first, with
	// the count of all.
	Deliveries(ctx context.Context, org OrgNumber, p Page) ([]Delivery, int, error)
}
