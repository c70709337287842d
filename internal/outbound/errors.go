package outbound

import (
	"errors"
	"fmt"
	"net"
	"syscall"
)

// RedirectLoopError means a redirect led back to a URL already visited.
type RedirectLoopError struct {
	URL string // the URL visited twice
}

// Error implements error.
func (e *RedirectLoopError) Error() string {
	return fmt.Sprintf("check: redirect loop back to %s", e.URL)
}

// TooManyRedirectsError means a request was redirected more than Max times.
type TooManyRedirectsError struct {
	URL string // the URL first requested
	Max int
}

// Error implements error.
func (e *TooManyRedirectsError) Error() string {
	return fmt.Sprintf("check: %s redirected more than %d times", e.URL, e.Max)
}

// BodyTooLargeError means a response body was longer than the cap.
type BodyTooLargeError struct {
	Limit int64
}

// Error implements error.
func (e *BodyTooLargeError) Error() string {
	return fmt.Sprintf("check: response body larger than %d bytes", e.Limit)
}

// SchemeError means a URL (or a redirect target) is not http or https.
type SchemeError struct {
	URL string
}

// Error implements error.
func (e *SchemeError) Error() string {
	return fmt.Sprintf("check: only http and https URLs are fetched, not %q", e.URL)
}

// IsTimeout reports whether err is a timeout (connect, response or body).
func IsTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// PublicError says why a request failed in words fit to publish: check
// results and link tables are public, so a refused address is "address
// not allowed", without the address (which would tell what a host name
// resolves to inside the network), and a DNS failure names neither the
// resolver nor its address.
func PublicError(err error) string {
	var (
		blocked *BlockedError
		dns     *net.DNSError
		loop    *RedirectLoopError
		many    *TooManyRedirectsError
		large   *BodyTooLargeError
		scheme  *SchemeError
	)
	switch {
	case errors.As(err, &blocked):
		return "address not allowed: the host resolves to a non-public address"
	case errors.As(err, &dns):
		if dns.IsNotFound {
			return "no such host: " + dns.Name
		}
		return "the host name could not be resolved: " + dns.Name
	case errors.As(err, &loop):
		return loop.Error()
	case errors.As(err, &many):
		return many.Error()
	case errors.As(err, &large):
		return large.Error()
	case errors.As(err, &scheme):
		return scheme.Error()
	case IsTimeout(err):
		return "timeout"
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused"
	case errors.Is(err, syscall.ECONNRESET):
		return "connection reset"
	}
	var ne net.Error
	if errors.As(err, &ne) {
		return "network error"
	}
	return "request failed"
}
