package main

import (
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"runtime"
	"runtime/debug"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/gin-gonic/gin"
)

// maxEchoChars bounds /api/echo's msg, counted in characters (runes).
const maxEchoChars = 256

// statusClientClosedRequest is nginx's convention for a client that went away
// before the answer; it keeps such requests apart from real successes in metrics.
const statusClientClosedRequest = 499

// buildInfo is what the linker stamps into main.version, main.commit and main.date.
type buildInfo struct {
	Version string
	Commit  string
	Date    string
}

// service is one instance of the app: its routes, metrics and readiness state.
type service struct {
	cfg      config
	info     buildInfo
	log      *slog.Logger
	metrics  *metrics
	engine   *gin.Engine
	draining atomic.Bool
	// roll draws the number compared with cfg.ErrorRate; math/rand/v2's
	// top-level source is safe for concurrent handlers.
	roll func() float64
}

// newService builds the router without opening a socket, so tests can drive
// it through httptest.
func newService(cfg config, info buildInfo, logger *slog.Logger) *service {
	s := &service{
		cfg:     cfg,
		info:    info,
		log:     logger,
		metrics: newMetrics(info),
		roll:    rand.Float64,
	}

	engine := gin.New()
	// Only a proxy on this host (nginx in front of each instance) may set the
	// client address through X-Forwarded-For.
	if err := engine.SetTrustedProxies([]string{"127.0.0.1", "::1"}); err != nil {
		panic(fmt.Sprintf("trusted proxies: %v", err))
	}
	engine.Use(s.metrics.middleware, s.accessLog, gin.CustomRecoveryWithWriter(nil, s.recovered))
	engine.NoRoute(func(c *gin.Context) {
		c.JSON(http.StatusNotFound, gin.H{"error": "not found"})
	})

	// Operational routes: never slowed or failed by the FAULT_* knobs, so
	// probes and scrapes keep telling the truth during a fault test.
	probe := []string{http.MethodGet, http.MethodHead}
	engine.Match(probe, "/healthz", s.healthz)
	engine.Match(probe, "/ready", s.ready)
	engine.GET("/version", s.version)
	engine.GET(metricsPath, gin.WrapH(s.metrics.handler()))

	// App routes: what users and load tests hit, so faults apply here.
	engine.GET("/", s.injectFaults, s.hello)
	api := engine.Group("/api", s.injectFaults)
	api.GET("/echo", s.echo)

	s.engine = engine
	return s
}

// Handler is the http.Handler for an http.Server or httptest.
func (s *service) Handler() http.Handler { return s.engine }

// startDraining makes /ready answer 503 from now on.
func (s *service) startDraining() { s.draining.Store(true) }

func (s *service) healthz(c *gin.Context) {
	c.JSON(http.StatusOK, gin.H{"status": "ok"})
}

func (s *service) ready(c *gin.Context) {
	switch {
	case s.draining.Load():
		c.JSON(http.StatusServiceUnavailable, gin.H{"status": "not ready", "reason": "shutting down"})
	case !s.cfg.Ready:
		c.JSON(http.StatusServiceUnavailable, gin.H{"status": "not ready", "reason": "FAULT_READY=false"})
	default:
		c.JSON(http.StatusOK, gin.H{"status": "ready"})
	}
}

func (s *service) version(c *gin.Context) {
	c.JSON(http.StatusOK, gin.H{
		"version": s.info.Version,
		"commit":  s.info.Commit,
		"date":    s.info.Date,
		"go":      runtime.Version(),
	})
}

func (s *service) hello(c *gin.Context) {
	c.JSON(http.StatusOK, gin.H{"message": "hello from gin-app", "version": s.info.Version})
}

func (s *service) echo(c *gin.Context) {
	msg, ok := c.GetQuery("msg")
	switch {
	case !ok:
		c.JSON(http.StatusBadRequest, gin.H{"error": "query parameter msg is required"})
	case !utf8.ValidString(msg):
		c.JSON(http.StatusBadRequest, gin.H{"error": "msg is not valid UTF-8"})
	case utf8.RuneCountInString(msg) > maxEchoChars:
		c.JSON(http.StatusBadRequest, gin.H{
			"error": fmt.Sprintf("msg has %d characters; at most %d allowed", utf8.RuneCountInString(msg), maxEchoChars),
		})
	default:
		c.JSON(http.StatusOK, gin.H{"msg": msg})
	}
}

// injectFaults applies FAULT_LATENCY_MS, then FAULT_ERROR_RATE, before an app route.
func (s *service) injectFaults(c *gin.Context) {
	if s.cfg.Latency > 0 {
		timer := time.NewTimer(s.cfg.Latency)
		select {
		case <-timer.C:
		case <-c.Request.Context().Done():
			// The client gave up; don't hold a goroutine for the rest of the delay.
			timer.Stop()
			c.AbortWithStatus(statusClientClosedRequest)
			return
		}
	}
	if s.cfg.ErrorRate > 0 && s.roll() < s.cfg.ErrorRate {
		c.AbortWithStatusJSON(http.StatusInternalServerError, gin.H{"error": "injected fault (FAULT_ERROR_RATE)"})
		return
	}
	c.Next()
}

// accessLog writes one compact line per request, at debug level so the
// default (info) stays quiet under load tests.
func (s *service) accessLog(c *gin.Context) {
	ctx := c.Request.Context()
	if !s.log.Enabled(ctx, slog.LevelDebug) {
		c.Next()
		return
	}
	start := time.Now()
	c.Next()
	s.log.LogAttrs(ctx, slog.LevelDebug, "request",
		slog.String("method", c.Request.Method),
		slog.String("path", c.Request.URL.Path),
		slog.Int("status", c.Writer.Status()),
		slog.Duration("duration", time.Since(start)),
		slog.String("client", c.ClientIP()),
	)
}

// recovered turns a handler panic into a 500 and one structured log line.
func (s *service) recovered(c *gin.Context, err any) {
	s.log.Error("handler panic",
		"err", fmt.Sprint(err),
		"method", c.Request.Method,
		"path", c.Request.URL.Path,
		"stack", string(debug.Stack()),
	)
	c.AbortWithStatusJSON(http.StatusInternalServerError, gin.H{"error": "internal server error"})
}
