package readiness

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"fmt"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/katalog-se/katalog/internal/outbound"
)

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
			o := outbound.LoopbackOptions()
			o.TLSConfig = &tls.Config{RootCAs: tt.roots}
			res, err := NewChecker(Options{Client: outbound.NewClient(o), SkipLinks: true}).Check(context.Background(), srv.URL)
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
