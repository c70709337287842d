package outbound

import (
	"context"
	"errors"
	"net/netip"
	"testing"
)

func TestGuard(t *testing.T) {
	allow := []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32"), netip.MustParsePrefix("fd00:1::/64")}
	tests := []struct {
		addr    string
		blocked bool
		allowed bool // with the allow list above
	}{
		{"8.8.8.8", false, false},
		{"194.71.11.69", false, false},
		{"2a00:1450:4010:c05::64", false, false},
		{"10.1.2.3", true, true},
		{"172.16.0.1", true, true},
		{"172.31.255.255", true, true},
		{"172.32.0.1", false, false},
		{"192.168.1.1", true, true},
		{"127.0.0.1", true, false},
		{"127.0.0.2", true, true},
		{"0.0.0.0", true, true},
		{"169.254.169.254", true, true},
		{"100.64.0.1", true, true},
		{"100.127.255.255", true, true},
		{"100.128.0.1", false, false},
		{"192.0.2.10", true, true},
		{"198.18.0.1", true, true},
		{"198.51.100.7", true, true},
		{"203.0.113.9", true, true},
		{"224.0.0.1", true, true},
		{"239.255.255.250", true, true},
		{"240.0.0.1", true, true},
		{"255.255.255.255", true, true},
		{"::", true, true},
		{"::1", true, true},
		{"fe80::1", true, true},
		{"fe80::1%eth0", true, true},
		{"fc00::1", true, true},
		{"fd12:3456::1", true, true},
		{"fd00:1::5", true, false},
		{"ff02::1", true, true},
		{"2001:db8::1", true, true},
		{"3fff::1", true, true},
		{"::ffff:127.0.0.1", true, false},
		{"::ffff:10.0.0.1", true, true},
		{"::ffff:8.8.8.8", false, false},
		{"64:ff9b::a00:1", true, true},     // NAT64 of 10.0.0.1
		{"64:ff9b::808:808", false, false}, // NAT64 of 8.8.8.8
		{"2002:a00:1::1", true, true},      // 6to4
		{"2001::1", true, true},            // Teredo
	}
	for _, tt := range tests {
		t.Run(tt.addr, func(t *testing.T) {
			a := netip.MustParseAddr(tt.addr)
			err := Guard{}.Check(a)
			if (err != nil) != tt.blocked {
				t.Errorf("blocked = %v, want %v (%v)", err != nil, tt.blocked, err)
			}
			var be *BlockedError
			if err != nil && !errors.As(err, &be) {
				t.Errorf("error %T is not a *BlockedError", err)
			}
			err = Guard{Allow: allow}.Check(a)
			if (err != nil) != tt.allowed {
				t.Errorf("with allow list: blocked = %v, want %v", err != nil, tt.allowed)
			}
		})
	}
}

func TestGuardControl(t *testing.T) {
	g := Guard{}
	if err := g.control(context.Background(), "tcp4", "127.0.0.1:80", nil); err == nil {
		t.Error("loopback dial allowed")
	}
	if err := g.control(context.Background(), "tcp6", "[fe80::1%lo]:80", nil); err == nil {
		t.Error("link-local dial allowed")
	}
	if err := g.control(context.Background(), "tcp4", "8.8.8.8:443", nil); err != nil {
		t.Errorf("public dial refused: %v", err)
	}
	if err := g.control(context.Background(), "unix", "/tmp/x", nil); err == nil {
		t.Error("unix socket allowed")
	}
}

func TestParseAllowCIDRs(t *testing.T) {
	ps, err := ParseAllowCIDRs([]string{" 127.0.0.1/32", "", "10.0.0.7/8"})
	if err != nil || len(ps) != 2 || ps[1].String() != "10.0.0.0/8" {
		t.Errorf("got %v, %v", ps, err)
	}
	if _, err := ParseAllowCIDRs([]string{"127.0.0.1"}); err == nil {
		t.Error("a bare address was accepted")
	}
}
