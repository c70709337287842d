package outbound

import (
	"context"
	"fmt"
	"net/netip"
	"strings"
	"syscall"
)

// blockedPrefixes are the networks outbound requests may not reach unless
// an allow-list exception says so: everything that is not the public
// internet (IANA special-purpose registries for IPv4 and IPv6).
var blockedPrefixes = mustPrefixes(
	// IPv4
	"0.0.0.0/8",          // "this network", unspecified
	"10.0.0.0/8",         // RFC 1918
	"100.64.0.0/10",      // CGNAT, RFC 6598
	"127.0.0.0/8",        // loopback
	"169.254.0.0/16",     // link-local (cloud metadata lives here)
	"172.16.0.0/12",      // RFC 1918
	"192.0.0.0/24",       // IETF protocol assignments
	"192.0.2.0/24",       // TEST-NET-1 documentation
	"192.88.99.0/24",     // 6to4 relay anycast (deprecated)
	"192.168.0.0/16",     // RFC 1918
	"198.18.0.0/15",      // benchmarking
	"198.51.100.0/24",    // TEST-NET-2
	"203.0.113.0/24",     // TEST-NET-3
	"224.0.0.0/4",        // multicast
	"240.0.0.0/4",        // reserved, includes broadcast
	"255.255.255.255/32", // limited broadcast
	// IPv6
	"::/96",          // unspecified, loopback, deprecated IPv4-compatible
	"::ffff:0:0/96",  // IPv4-mapped (unmapped and judged as IPv4 first)
	"64:ff9b:1::/48", // local-use NAT64
	"100::/64",       // discard-only
	"2001::/23",      // IETF protocol assignments (Teredo, benchmarking, ORCHID)
	"2001:db8::/32",  // documentation
	"2002::/16",      // 6to4 (embeds arbitrary IPv4)
	"3fff::/20",      // documentation, RFC 9637
	"fc00::/7",       // unique local
	"fe80::/10",      // link-local
	"fec0::/10",      // site-local (deprecated)
	"ff00::/8",       // multicast
)

// nat64 is the well-known NAT64 prefix; its addresses embed an IPv4
// address, which is judged instead.
var nat64 = netip.MustParsePrefix("64:ff9b::/96")

func mustPrefixes(ss ...string) []netip.Prefix {
	ps := make([]netip.Prefix, len(ss))
	for i, s := range ss {
		ps[i] = netip.MustParsePrefix(s)
	}
	return ps
}

// BlockedError is returned (wrapped) when the guard refuses to connect to
// an address. Use errors.As to recognise it.
type BlockedError struct {
	Addr   netip.Addr // the resolved address that was refused
	Reason string     // the range it falls in, e.g. "127.0.0.0/8"
}

// Error implements error.
func (e *BlockedError) Error() string {
	return fmt.Sprintf("check: refusing to connect to %s: address in non-public range %s", e.Addr, e.Reason)
}

// Guard decides which IP addresses outbound connections may reach. Its
// zero value blocks every non-public range and allows nothing extra.
type Guard struct {
	// Allow lists exceptions: networks reachable although blocked.
	Allow []netip.Prefix
}

// Check returns a *BlockedError when addr may not be reached, else nil.
func (g Guard) Check(addr netip.Addr) error {
	addr = addr.WithZone("")
	if !addr.IsValid() {
		return &BlockedError{Addr: addr, Reason: "invalid address"}
	}
	if g.allowed(addr) {
		return nil
	}
	if reason, blocked := blockedRange(addr.Unmap()); blocked {
		return &BlockedError{Addr: addr, Reason: reason}
	}
	return nil
}

func (g Guard) allowed(addr netip.Addr) bool {
	for _, p := range g.Allow {
		if p.Contains(addr) || (addr.Is4In6() && p.Contains(addr.Unmap())) {
			return true
		}
	}
	return false
}

// blockedRange names the non-public range addr (already unmapped) is in.
// NAT64 addresses are judged by the IPv4 address they embed.
func blockedRange(addr netip.Addr) (string, bool) {
	if addr.Is6() && nat64.Contains(addr) {
		b := addr.As16()
		if r, ok := blockedRange(netip.AddrFrom4([4]byte{b[12], b[13], b[14], b[15]})); ok {
			return "64:ff9b::/96 embedding " + r, true
		}
		return "", false
	}
	for _, p := range blockedPrefixes {
		if p.Contains(addr) {
			return p.String(), true
		}
	}
	return "", false
}

// control is a net.Dialer.ControlContext: it runs after name resolution
// and before connect(2), so the address judged is the one connected to.
func (g Guard) control(_ context.Context, network, address string, _ syscall.RawConn) error {
	if !strings.HasPrefix(network, "tcp") && !strings.HasPrefix(network, "udp") {
		return fmt.Errorf("check: refusing network %q", network)
	}
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("check: refusing unparsable address %q: %w", address, err)
	}
	return g.Check(ap.Addr())
}

// ParseAllowCIDRs parses CIDR strings (config's Check.AllowCIDRs, env
// KATALOG_CHECK_ALLOW_CIDRS) into prefixes for ClientOptions.AllowCIDRs.
func ParseAllowCIDRs(ss []string) ([]netip.Prefix, error) {
	var ps []netip.Prefix
	for _, s := range ss {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		p, err := netip.ParsePrefix(s)
		if err != nil {
			return nil, fmt.Errorf("check: allow CIDR %q: %w", s, err)
		}
		ps = append(ps, p.Masked())
	}
	return ps, nil
}
