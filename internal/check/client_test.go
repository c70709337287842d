package check

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"testing"
	"time"
)

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"", 0, false},
		{"3", 3 * time.Second, true},
		{" 120 ", 2 * time.Minute, true},
		{"-1", 0, false},
		{"soon", 0, false},
		{now.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second, true},
		{now.Add(-time.Hour).Format(http.TimeFormat), 0, true},
		{"Sun, 06 Nov 1994 08:49:37 GMT", 0, true},
	}
	for _, tt := range tests {
		got, ok := parseRetryAfter(tt.in, now)
		if got != tt.want || ok != tt.ok {
			t.Errorf("parseRetryAfter(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestRetryDelay(t *testing.T) {
	now := time.Now()
	tests := []struct {
		header  string
		attempt int
		want    time.Duration
	}{
		{"", 1, time.Second},
		{"", 3, 4 * time.Second},
		{"", 10, 30 * time.Second}, // capped
		{"2", 1, 2 * time.Second},
		{"3600", 1, 30 * time.Second}, // capped
	}
	for _, tt := range tests {
		h := http.Header{}
		if tt.header != "" {
			h.Set("Retry-After", tt.header)
		}
		if got := retryDelay(h, tt.attempt, time.Second, 30*time.Second, now); got != tt.want {
			t.Errorf("retryDelay(%q, %d) = %v, want %v", tt.header, tt.attempt, got, tt.want)
		}
	}
}

func TestClientUserAgentAndCap(t *testing.T) {
	var ua string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ua = r.UserAgent()
		fmt.Fprint(w, "0123456789")
	}))
	defer srv.Close()
	tests := []struct {
		limit   int64
		wantErr bool
	}{{10, false}, {9, true}, {100, false}}
	for _, tt := range tests {
		o := testClientOptions()
		o.Version = "1.2.3"
		o.MaxBodyBytes = tt.limit
		resp, err := NewClient(o).Get(context.Background(), srv.URL, nil)
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		var big *BodyTooLargeError
		if got := errors.As(err, &big); got != tt.wantErr {
			t.Errorf("limit %d: read %q, err %v", tt.limit, b, err)
		}
	}
	if ua != "katalog/1.2.3 (+https://github.com/katalog-se/katalog)" {
		t.Errorf("User-Agent = %q", ua)
	}
}

func TestClientRefusesBeforeConnecting(t *testing.T) {
	acc := newAcceptCounter(t, "127.0.0.2:0")
	for _, allow := range [][]netip.Prefix{nil, {netip.MustParsePrefix("127.0.0.1/32")}} {
		o := testClientOptions()
		o.AllowCIDRs = allow
		_, err := NewClient(o).Get(context.Background(), "http://"+acc.ln.Addr().String()+"/", nil)
		var be *BlockedError
		if !errors.As(err, &be) || be.Addr != netip.MustParseAddr("127.0.0.2") {
			t.Errorf("allow %v: err = %v, want a *BlockedError for 127.0.0.2", allow, err)
		}
	}
	if n := acc.accepted.Load(); n != 0 {
		t.Errorf("%d connections reached the listener", n)
	}
	if _, err := NewClient(testClientOptions()).Get(context.Background(), "file:///etc/passwd", nil); err == nil {
		t.Error("file: URL fetched")
	}
}

// TestTLS serves over HTTPS with a certificate that expires in 10 days.
func TestTLS(t *testing.T) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: "127.0.0.1"},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(10 * 24 * time.Hour),
		IPAddresses:  []net.IP{net.ParseIP("127.0.0.1")},
		KeyUsage:     x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		IsCA:         true, BasicConstraintsValid: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	feed := readFixture(t, "sub.rdf")
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rdf+xml")
		fmt.Fprint(w, feed)
	}))
	srv.TLS = &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key}}}
	srv.StartTLS()
	defer srv.Close()

	pool := x509.NewCertPool()
	pool.AddCert(cert)
	tests := []struct {
		name  string
		roots *x509.CertPool
		ready bool
		rule  string
	}{
		{"trusted, expiring", pool, true, RuleTLSExpiring},
		{"untrusted", x509.NewCertPool(), false, RuleTLSInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := testClientOptions()
			o.TLSConfig = &tls.Config{RootCAs: tt.roots}
			res, err := NewChecker(Options{Client: NewClient(o), SkipLinks: true}).Check(context.Background(), srv.URL)
			if err != nil {
				t.Fatal(err)
			}
			if res.Ready != tt.ready || !res.Has(tt.rule) || res.Has(RuleHTTPSMissing) {
				t.Errorf("ready %v findings %v", res.Ready, ruleIDs(res))
			}
			if tt.ready && (!res.TLS || res.TLSExpires == nil) {
				t.Errorf("tls %v expires %v", res.TLS, res.TLSExpires)
			}
		})
	}
}
