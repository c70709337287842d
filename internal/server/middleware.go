package server

import (
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

type metrics struct {
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
	limited  *prometheus.CounterVec
	registry *prometheus.Registry
}

func newMetrics(reg *prometheus.Registry) *metrics {
	m := &metrics{
		registry: reg,
		limited: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "katalog_http_rate_limited_total",
			Help: "HTTP requests refused with 429 by the rate limiter, by limit (address or token).",
		}, []string{"limit"}),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "katalog_http_requests_total",
			Help: "HTTP requests answered, by route, method and status.",
		}, []string{"route", "method", "status"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "katalog_http_request_duration_seconds",
			Help:    "Time to answer HTTP requests, by route, method and status.",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
		}, []string{"route", "method", "status"}),
	}
	reg.MustRegister(m.requests, m.duration, m.limited)
	// A registry shared between servers in one process already has these.
	_ = reg.Register(collectors.NewGoCollector())
	_ = reg.Register(collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

func (s *Server) metricsHandler() gin.HandlerFunc {
	h := promhttp.HandlerFor(s.deps.Registry, promhttp.HandlerOpts{})
	return gin.WrapH(h)
}

// observe logs every request with slog and counts it in the metrics, by
// route pattern (never the raw path) and known method (never the raw
// method), so the label sets stay bounded whatever clients send. It runs
// after the rate limiter: a refused request is counted only in
// katalog_http_rate_limited_total, and not logged.
func (s *Server) observe() gin.HandlerFunc {
	return func(c *gin.Context) {
		start := time.Now()
		c.Next()
		elapsed := time.Since(start)
		route := c.FullPath()
		if route == "" {
			route = "unmatched"
		}
		status := strconv.Itoa(c.Writer.Status())
		method := metricMethod(c.Request.Method)
		s.metrics.requests.WithLabelValues(route, method, status).Inc()
		s.metrics.duration.WithLabelValues(route, method, status).Observe(elapsed.Seconds())
		s.deps.Logger.LogAttrs(c.Request.Context(), levelFor(c.Writer.Status()), "http request",
			slog.String("method", c.Request.Method),
			slog.String("path", c.Request.URL.Path),
			slog.String("route", route),
			slog.Int("status", c.Writer.Status()),
			slog.Int("bytes", c.Writer.Size()),
			slog.Duration("duration", elapsed),
			slog.String("remote", c.ClientIP()),
		)
	}
}

// metricMethod is the method label of a request: one of the methods HTTP
// defines, or "other". Go's server accepts any token as a method, so the
// raw method would let any client grow the metrics without bound.
func metricMethod(m string) string {
	switch m {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch,
		http.MethodDelete, http.MethodOptions, http.MethodConnect, http.MethodTrace:
		return m
	}
	return "other"
}

// recoverer turns a panic into a logged 500 problem.
func (s *Server) recoverer() gin.HandlerFunc {
	return func(c *gin.Context) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.deps.Logger.ErrorContext(c.Request.Context(), "panic", "value", fmt.Sprint(v), "stack", string(debug.Stack()))
				if !c.Writer.Written() {
					s.internal(c, fmt.Errorf("panic: %v", v))
				}
				c.Abort()
			}
		}()
		c.Next()
	}
}

// securityHeaders sets headers that cost nothing and close common holes.
func securityHeaders() gin.HandlerFunc {
	return func(c *gin.Context) {
		h := c.Writer.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		c.Next()
	}
}

func levelFor(status int) slog.Level {
	switch {
	case status >= 500:
		return slog.LevelError
	case status >= 400:
		return slog.LevelWarn
	}
	return slog.LevelInfo
}
