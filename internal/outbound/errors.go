package outbound

import (
	"errors"
	"fmt"
	"net"
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
