package server

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/gin-gonic/gin"
)

// RateLimit is a token bucket's refill rate (requests per second) and
// size; a zero Rate turns the limit off.
type RateLimit struct {
	Rate  float64
	Burst int
}

// limiter keeps one token bucket per key (a client address, or the hash of
// a bearer token). Buckets idle long enough to be full again are dropped,
// so memory is bounded by the number of recent clients.
type limiter struct {
	limit RateLimit
	now   func() time.Time

	mu      sync.Mutex
	buckets map[string]*bucket
	swept   time.Time
}

type bucket struct {
	tokens float64
	last   time.Time
}

func newLimiter(l RateLimit, now func() time.Time) *limiter {
	if l.Burst < 1 {
		l.Burst = 1
	}
	return &limiter{limit: l, now: now, buckets: map[string]*bucket{}}
}

// allow takes a token from key's bucket; when there is none it returns
// false and how long until there is.
func (l *limiter) allow(key string) (bool, time.Duration) {
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	l.sweep(now)
	b := l.buckets[key]
	if b == nil {
		b = &bucket{tokens: float64(l.limit.Burst), last: now}
		l.buckets[key] = b
	}
	b.tokens = math.Min(float64(l.limit.Burst), b.tokens+now.Sub(b.last).Seconds()*l.limit.Rate)
	b.last = now
	if b.tokens >= 1 {
		b.tokens--
		return true, 0
	}
	return false, time.Duration((1 - b.tokens) / l.limit.Rate * float64(time.Second))
}

// sweep drops the buckets that have refilled completely, once a minute.
func (l *limiter) sweep(now time.Time) {
	if now.Sub(l.swept) < time.Minute {
		return
	}
	l.swept = now
	full := time.Duration(float64(l.limit.Burst) / l.limit.Rate * float64(time.Second))
	for k, b := range l.buckets {
		if now.Sub(b.last) > full {
			delete(l.buckets, k)
		}
	}
}

// rateLimits answers 429 with Retry-After when a client address exceeds
// its limit (every request) or a bearer token exceeds its own (requests
// that carry one). The address is the connection's peer, or, when that
// peer is one of Deps.TrustedProxies, the client its X-Forwarded-For
// names: nobody else can forge it past the limit.
func (s *Server) rateLimits() gin.HandlerFunc {
	now := s.deps.Now
	if now == nil {
		now = time.Now
	}
	var perIP, perToken *limiter
	if s.deps.RateLimitPerIP.Rate > 0 {
		perIP = newLimiter(s.deps.RateLimitPerIP, now)
	}
	if s.deps.RateLimitPerToken.Rate > 0 {
		perToken = newLimiter(s.deps.RateLimitPerToken, now)
	}
	return func(c *gin.Context) {
		if perIP != nil {
			if ok, wait := perIP.allow(c.ClientIP()); !ok {
				s.metrics.limited.WithLabelValues("address").Inc()
				s.tooMany(c, wait, "this address")
				return
			}
		}
		if tok := bearer(c.Request); tok != "" && perToken != nil {
			sum := sha256.Sum256([]byte(tok))
			if ok, wait := perToken.allow(hex.EncodeToString(sum[:8])); !ok {
				s.metrics.limited.WithLabelValues("token").Inc()
				s.tooMany(c, wait, "this token")
				return
			}
		}
		c.Next()
	}
}

func (s *Server) tooMany(c *gin.Context, wait time.Duration, who string) {
	secs := int(math.Ceil(wait.Seconds()))
	if secs < 1 {
		secs = 1
	}
	c.Header("Retry-After", strconv.Itoa(secs))
	s.problem(c, newProblem(http.StatusTooManyRequests, "rate-limited", "Too many requests",
		fmt.Sprintf("Too many requests from %s; try again in %d s.", who, secs)))
}

// slot takes one of the slots of a bounded kind of work (imports,
// validations) for the request, answering 429 when all are taken. The
// caller must call the returned release when done.
func (s *Server) slot(c *gin.Context, slots chan struct{}, what string) (release func(), ok bool) {
	select {
	case slots <- struct{}{}:
		return func() { <-slots }, true
	default:
		s.metrics.limited.WithLabelValues(what).Inc()
		c.Header("Retry-After", "5")
		s.problem(c, newProblem(http.StatusTooManyRequests, "busy", "Too many at once",
			fmt.Sprintf("katalog runs at most %d %s at once; try again in a few seconds.", cap(slots), what)))
		return nil, false
	}
}
