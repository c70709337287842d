package sqlstore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/katalog-se/katalog/catalog"
)

var _ catalog.NotifyStore = (*Store)(nil)

// The notification tables are not part of the catalog: writing them bumps
// no revision. A change's key and a delivery's key are unique, so a change
// found twice (by two instances) is kept, and told, once.

// NotifySettings implements catalog.NotifyStore.
func (s *Store) NotifySettings(ctx context.Context, org catalog.OrgNumber) (*catalog.NotifySettings, error) {
	st, err := one(ctx, s.r, func(row scanner, n *catalog.NotifySettings) error {
		var email int
		if err := row.Scan((*string)(&n.Agency), &email, &n.Mode, &n.WebhookURL, &n.WebhookSecret, timeCol{&n.UpdatedAt}); err != nil {
			return err
		}
		n.Email = email == 1
		return nil
	}, `SELECT agency, email, mode, webhook_url, webhook_secret, updated FROM notify_settings WHERE agency = ?`, string(org))
	if err != nil {
		return nil, s.errorf("notification settings of agency %s: %w", org, err)
	}
	return st, nil
}

// SaveNotifySettings implements catalog.NotifyStore.
func (s *Store) SaveNotifySettings(ctx context.Context, n *catalog.NotifySettings) error {
	n.UpdatedAt = s.now()
	var one int
	err := s.writeRow(ctx, `INSERT INTO notify_settings (agency, email, mode, webhook_url, webhook_secret, updated)
		SELECT ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM agencies WHERE org_number = ?)
		ON CONFLICT (agency) DO UPDATE SET email = excluded.email, mode = excluded.mode, webhook_url = excluded.webhook_url,
			webhook_secret = excluded.webhook_secret, updated = excluded.updated
		RETURNING 1`,
		[]any{string(n.Agency), boolInt(n.Email), n.Mode, n.WebhookURL, n.WebhookSecret, s.d.Time(n.UpdatedAt), string(n.Agency)}, &one)
	if err != nil {
		return s.errorf("save the notification settings of agency %s: %w", n.Agency, noRows(err))
	}
	return nil
}

// QueueNotification implements catalog.NotifyStore.
func (s *Store) QueueNotification(ctx context.Context, n *catalog.Notification, digest bool, deliveries []catalog.Delivery) (bool, error) {
	title, _ := json.Marshal(n.Title)
	text, _ := json.Marshal(n.Text)
	details := string(n.Details)
	if details == "" {
		details = "{}"
	}
	state := "none"
	if digest {
		state = "pending"
	}
	kept := false
	err := s.tx(ctx, func(h handle) error {
		err := h.queryRow(ctx, `INSERT INTO notifications (key, agency, kind, at, title, text, details, digest)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING RETURNING id`,
			n.Key, string(n.Agency), n.Kind, s.d.Time(micro(n.At)), string(title), string(text), details, state).Scan(&n.ID)
		if err != nil {
			return noRows(err)
		}
		kept = true
		return s.queueDeliveries(ctx, h, deliveries)
	})
	if errors.Is(err, catalog.ErrNotFound) {
		return false, nil // the change was queued already
	}
	if err != nil {
		return false, s.errorf("queue notification %s: %w", n.Key, err)
	}
	return kept, nil
}

// queueDeliveries adds deliveries to the outbox, leaving out keys queued
// already.
func (s *Store) queueDeliveries(ctx context.Context, h handle, deliveries []catalog.Delivery) error {
	now := s.d.Time(s.now())
	for _, d := range deliveries {
		if _, err := h.exec(ctx, `INSERT INTO notify_outbox (key, agency, channel, recipient, subject, body, state, next_at, created)
			VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?) ON CONFLICT (key) DO NOTHING`,
			d.Key, string(d.Agency), d.Channel, d.Recipient, d.Subject, d.Body, now, now); err != nil {
			return fmt.Errorf("queue delivery %s: %w", d.Key, err)
		}
	}
	return nil
}

// notificationColumns are the columns scanNotification reads.
const notificationColumns = "id, key, agency, kind, at, title, text, details"

func scanNotification(row scanner, n *catalog.Notification) error {
	var title, text, details string
	if err := row.Scan(&n.ID, &n.Key, (*string)(&n.Agency), &n.Kind, timeCol{&n.At}, &title, &text, &details); err != nil {
		return err
	}
	if err := json.Unmarshal([]byte(title), &n.Title); err != nil {
		return fmt.Errorf("notification %d: title: %w", n.ID, err)
	}
	if err := json.Unmarshal([]byte(text), &n.Text); err != nil {
		return fmt.Errorf("notification %d: text: %w", n.ID, err)
	}
	n.Details = json.RawMessage(details)
	return nil
}

// DigestNotifications implements catalog.NotifyStore.
func (s *Store) DigestNotifications(ctx context.Context) ([]catalog.Notification, error) {
	list, err := collect(ctx, s.r, scanNotification, `SELECT `+notificationColumns+` FROM notifications
		WHERE digest = 'pending' ORDER BY agency, at, id`)
	if err != nil {
		return nil, s.errorf("notifications waiting for a digest: %w", err)
	}
	return list, nil
}

// QueueDigest implements catalog.NotifyStore.
func (s *Store) QueueDigest(ctx context.Context, ids []int64, deliveries []catalog.Delivery) error {
	err := s.tx(ctx, func(h handle) error {
		for _, id := range ids {
			if _, err := h.exec(ctx, `UPDATE notifications SET digest = 'done' WHERE id = ? AND digest = 'pending'`, id); err != nil {
				return err
			}
		}
		return s.queueDeliveries(ctx, h, deliveries)
	})
	if err != nil {
		return s.errorf("queue a digest of %d notifications: %w", len(ids), err)
	}
	return nil
}

// deliveryColumns are the columns scanDelivery reads.
const deliveryColumns = "id, key, agency, channel, recipient, subject, body, state, attempts, next_at, last_error, sent"

func scanDelivery(row scanner, d *catalog.Delivery) error {
	return row.Scan(&d.ID, &d.Key, (*string)(&d.Agency), &d.Channel, &d.Recipient, &d.Subject, &d.Body, &d.State, &d.Attempts,
		timeCol{&d.NextAt}, &d.LastError, timeCol{&d.SentAt})
}

// ClaimDelivery implements catalog.NotifyStore: one statement takes the
// row, and the outer state test lets only one of two instances have it.
func (s *Store) ClaimDelivery(ctx context.Context, holder string, until time.Time) (*catalog.Delivery, error) {
	now := s.d.Time(s.now())
	if err := s.d.Usable(); err != nil {
		return nil, s.errorf("claim a delivery: %w", err)
	}
	d, err := one(ctx, s.w, scanDelivery, `UPDATE notify_outbox SET state = 'sending', holder = ?, until = ?, attempts = attempts + 1
		WHERE id = (SELECT id FROM notify_outbox WHERE state = 'pending' AND next_at <= ? OR state = 'sending' AND until <= ?
			ORDER BY id LIMIT 1)
		AND (state = 'pending' AND next_at <= ? OR state = 'sending' AND until <= ?)
		RETURNING `+deliveryColumns, holder, s.d.Time(micro(until)), now, now, now, now)
	if err != nil {
		return nil, s.errorf("claim a delivery: %w", s.d.Classify(err, true))
	}
	return d, nil
}

// DeliveryDone implements catalog.NotifyStore.
func (s *Store) DeliveryDone(ctx context.Context, id int64, holder string, errText string, next time.Time) error {
	var err error
	switch {
	case errText == "":
		_, err = s.exec(ctx, `UPDATE notify_outbox SET state = 'sent', sent = ?, holder = '', last_error = ''
			WHERE id = ? AND holder = ? AND state = 'sending'`, s.d.Time(s.now()), id, holder)
	case next.IsZero():
		_, err = s.exec(ctx, `UPDATE notify_outbox SET state = 'failed', holder = '', last_error = ?
			WHERE id = ? AND holder = ? AND state = 'sending'`, errText, id, holder)
	default:
		_, err = s.exec(ctx, `UPDATE notify_outbox SET state = 'pending', holder = '', next_at = ?, last_error = ?
			WHERE id = ? AND holder = ? AND state = 'sending'`, s.d.Time(micro(next)), errText, id, holder)
	}
	if err != nil {
		return s.errorf("record delivery %d: %w", id, err)
	}
	return nil
}

// Deliveries implements catalog.NotifyStore.
func (s *Store) Deliveries(ctx context.Context, org catalog.OrgNumber, p catalog.Page) ([]catalog.Delivery, int, error) {
	list, total, err := listPage(ctx, s, p, scanDelivery, "SELECT count(*) FROM notify_outbox WHERE agency = ?",
		"SELECT "+deliveryColumns+" FROM notify_outbox WHERE agency = ? ORDER BY id DESC", string(org))
	if err != nil {
		return nil, 0, s.errorf("deliveries of agency %s: %w", org, err)
	}
	return list, total, nil
}
