package outbound

import (
	"net/netip"
	"time"
)

// LoopbackOptions are client options for tests against servers on
// 127.0.0.1: that one address allowed past the guard, short timeouts and
// retry waits, no per-host rate. Nothing else should use them.
func LoopbackOptions() ClientOptions {
	return ClientOptions{
		Version:        "test",
		AllowCIDRs:     []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")},
		ConnectTimeout: 2 * time.Second,
		Timeout:        5 * time.Second,
		PerHostRate:    -1,
		RetryBackoff:   time.Millisecond,
		MaxRetryWait:   10 * time.Millisecond,
	}
}
