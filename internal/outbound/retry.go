package outbound

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// retryable reports whether a response status is worth retrying: only
// 429 Too Many Requests and 503 Service Unavailable are.
func retryable(status int) bool {
	return status == http.StatusTooManyRequests || status == http.StatusServiceUnavailable
}

// parseRetryAfter reads a Retry-After header, either delay-seconds or an
// HTTP date, relative to now. It reports false when the header is absent
// or unreadable; a date in the past is a zero wait.
func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs < 0 {
			return 0, false
		}
		if secs > int64(24*time.Hour/time.Second) {
			secs = int64(24 * time.Hour / time.Second)
		}
		return time.Duration(secs) * time.Second, true
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return 0, false
	}
	if d := t.Sub(now); d > 0 {
		return d, true
	}
	return 0, true
}

// retryDelay is the wait before retry number attempt (from 1): the
// server's Retry-After when given, else exponential backoff from base;
// never more than max.
func retryDelay(h http.Header, attempt int, base, max time.Duration, now time.Time) time.Duration {
	d, ok := parseRetryAfter(h.Get("Retry-After"), now)
	if !ok {
		d = base << (attempt - 1)
		if d <= 0 { // overflow
			d = max
		}
	}
	return min(d, max)
}
