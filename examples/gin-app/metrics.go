package main

import (
	"net/http"
	"runtime"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

const (
	metricsPath = "/metrics"
	// unmatchedRoute labels requests no route matched, so stray paths (scanners,
	// typos) cannot blow up label cardinality.
	unmatchedRoute = "unmatched"
)

// requestDurationBuckets span a fast in-memory handler (5ms) up to a request
// slowed by FAULT_LATENCY_MS (5s); slower ones land in +Inf.
var requestDurationBuckets = []float64{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5}

// metrics owns a registry per service instance, so tests never share counters
// through prometheus.DefaultRegisterer.
type metrics struct {
	registry *prometheus.Registry
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
	inFlight prometheus.Gauge
	version  string
}

func newMetrics(info buildInfo) *metrics {
	m := &metrics{
		registry: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "http_requests_total",
			Help: "HTTP requests answered, by route template, method, status code and app version.",
		}, []string{"route", "method", "code", "version"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "http_request_duration_seconds",
			Help:    "Time to answer HTTP requests, by route template, method and app version.",
			Buckets: requestDurationBuckets,
		}, []string{"route", "method", "version"}),
		inFlight: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "http_requests_in_flight",
			Help: "HTTP requests being answered right now (scrapes of /metrics excluded).",
		}),
		version: info.Version,
	}
	buildInfoGauge := prometheus.NewGaugeVec(prometheus.GaugeOpts{
		Name: "app_build_info",
		Help: "Always 1; labels identify the running build.",
	}, []string{"version", "commit", "goversion"})
	buildInfoGauge.WithLabelValues(info.Version, info.Commit, runtime.Version()).Set(1)

	m.registry.MustRegister(
		m.requests,
		m.duration,
		m.inFlight,
		buildInfoGauge,
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
	)
	return m
}

// handler serves the Prometheus exposition of this instance's registry.
func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{Registry: m.registry})
}

// middleware records every request except scrapes of /metrics, which would
// otherwise grow with the scrape interval rather than with traffic.
func (m *metrics) middleware(c *gin.Context) {
	if c.FullPath() == metricsPath {
		c.Next()
		return
	}
	m.inFlight.Inc()
	defer m.inFlight.Dec()
	start := time.Now()

	c.Next()

	route := c.FullPath()
	if route == "" {
		route = unmatchedRoute
	}
	method := methodLabel(c.Request.Method)
	code := strconv.Itoa(c.Writer.Status())
	m.requests.WithLabelValues(route, method, code, m.version).Inc()
	m.duration.WithLabelValues(route, method, m.version).Observe(time.Since(start).Seconds())
}

// methodLabel folds nonstandard methods into one value; net/http accepts any
// token as a method, and each would otherwise become a new series.
func methodLabel(method string) string {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch,
		http.MethodDelete, http.MethodOptions, http.MethodConnect, http.MethodTrace:
		return method
	}
	return "OTHER"
}
