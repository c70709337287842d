package notify

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/smtp"
	"strings"
	"time"
)

// SMTPMailer sends mail through one SMTP server (notify.smtp): STARTTLS
// when the server offers it (or TLS from the start), AUTH PLAIN when a user
// is given (net/smtp sends it only over TLS, or to a server on the local
// machine).
type SMTPMailer struct {
	// Addr is host:port.
	Addr string
	// TLS: connect with TLS (smtps) rather than STARTTLS.
	TLS bool
	// User and Password, when User is set, log in.
	User, Password string
	// From is the sender address.
	From string
	// TLSConfig, when set, is used for TLS (tests: a loopback server's
	// certificate).
	TLSConfig *tls.Config
	// Timeout bounds one mail (one minute when zero).
	Timeout time.Duration
}

// Send implements Mailer.
func (m *SMTPMailer) Send(ctx context.Context, mail Mail) error {
	if err := checkHeader(mail.To); err != nil {
		return err
	}
	timeout := m.Timeout
	if timeout <= 0 {
		timeout = sendTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	host, _, err := net.SplitHostPort(m.Addr)
	if err != nil {
		return fmt.Errorf("smtp: %w", err)
	}
	conn, err := m.dial(ctx, host)
	if err != nil {
		return fmt.Errorf("smtp: connect to %s: %w", m.Addr, err)
	}
	deadline, _ := ctx.Deadline()
	_ = conn.SetDeadline(deadline)
	c, err := smtp.NewClient(conn, host)
	if err != nil {
		conn.Close()
		return fmt.Errorf("smtp: %w", err)
	}
	defer c.Close()
	if err := m.session(c, host, mail); err != nil {
		return fmt.Errorf("smtp: %w", err)
	}
	return nil
}

// dial connects, with TLS from the start for smtps.
func (m *SMTPMailer) dial(ctx context.Context, host string) (net.Conn, error) {
	d := &net.Dialer{Timeout: 10 * time.Second}
	if m.TLS {
		return (&tls.Dialer{NetDialer: d, Config: m.tlsConfig(host)}).DialContext(ctx, "tcp", m.Addr)
	}
	return d.DialContext(ctx, "tcp", m.Addr)
}

func (m *SMTPMailer) tlsConfig(host string) *tls.Config {
	if m.TLSConfig != nil {
		c := m.TLSConfig.Clone()
		if c.ServerName == "" {
			c.ServerName = host
		}
		return c
	}
	return &tls.Config{ServerName: host, MinVersion: tls.VersionTLS12}
}

// session says hello, upgrades to TLS when offered, logs in and sends.
func (m *SMTPMailer) session(c *smtp.Client, host string, mail Mail) error {
	if err := c.Hello("katalog"); err != nil {
		return err
	}
	if ok, _ := c.Extension("STARTTLS"); ok && !m.TLS {
		if err := c.StartTLS(m.tlsConfig(host)); err != nil {
			return err
		}
	}
	if m.User != "" {
		if err := c.Auth(smtp.PlainAuth("", m.User, m.Password, host)); err != nil {
			return err
		}
	}
	if err := c.Mail(m.From); err != nil {
		return err
	}
	if err := c.Rcpt(mail.To); err != nil {
		return err
	}
	w, err := c.Data()
	if err != nil {
		return err
	}
	if _, err := w.Write(m.message(mail)); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	return c.Quit()
}

// message is the mail as sent: headers (the subject encoded for UTF-8) and
// the text in quoted-printable UTF-8, lines ending CRLF.
func (m *SMTPMailer) message(mail Mail) []byte {
	var b bytes.Buffer
	h := func(k, v string) { fmt.Fprintf(&b, "%s: %s\r\n", k, v) }
	h("From", m.From)
	h("To", mail.To)
	h("Subject", mime.QEncoding.Encode("utf-8", mail.Subject))
	h("Date", time.Now().UTC().Format(time.RFC1123Z))
	h("Message-ID", mail.MessageID)
	h("MIME-Version", "1.0")
	h("Content-Type", "text/plain; charset=utf-8")
	h("Content-Transfer-Encoding", "quoted-printable")
	h("Auto-Submitted", "auto-generated")
	b.WriteString("\r\n")
	qp := quotedprintable.NewWriter(&b)
	_, _ = qp.Write([]byte(strings.ReplaceAll(strings.ReplaceAll(mail.Body, "\r\n", "\n"), "\n", "\r\n")))
	_ = qp.Close()
	return b.Bytes()
}

// checkHeader refuses an address that would break the headers.
func checkHeader(v string) error {
	if strings.ContainsAny(v, "\r\n") || v == "" {
		return errors.New("smtp: a bad recipient address")
	}
	return nil
}
