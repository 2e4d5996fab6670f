package main

import (
	"net/http"
	"regexp"
	"runtime"
	"strings"
	"testing"
)

// scrape returns the Prometheus text exposition as a scraper would see it.
func scrape(t *testing.T, s *service) string {
	t.Helper()
	rec := do(t, s, http.MethodGet, "/metrics")
	if rec.Code != http.StatusOK {
		t.Fatalf("GET /metrics = %d", rec.Code)
	}
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") {
		t.Fatalf("GET /metrics Content-Type = %q", ct)
	}
	return rec.Body.String()
}

func requireLines(t *testing.T, exposition string, lines ...string) {
	t.Helper()
	have := map[string]bool{}
	for _, line := range strings.Split(exposition, "\n") {
		have[line] = true
	}
	for _, line := range lines {
		if !have[line] {
			t.Errorf("exposition lacks line %q", line)
		}
	}
	if t.Failed() {
		t.Logf("exposition:\n%s", exposition)
	}
}

func TestRequestMetricsLabels(t *testing.T) {
	s := newTestService(t, defaultConfig())
	do(t, s, http.MethodGet, "/")
	do(t, s, http.MethodGet, "/")
	do(t, s, http.MethodGet, "/api/echo?msg=a")
	do(t, s, http.MethodGet, "/api/echo?msg="+strings.Repeat("a", 300))
	do(t, s, http.MethodGet, "/healthz")
	do(t, s, http.MethodGet, "/nope")
	do(t, s, http.MethodGet, "/also/nope")
	do(t, s, "BREW", "/")

	requireLines(t, scrape(t, s),
		`http_requests_total{code="200",method="GET",route="/",version="1.2.3"} 2`,
		`http_requests_total{code="200",method="GET",route="/api/echo",version="1.2.3"} 1`,
		`http_requests_total{code="400",method="GET",route="/api/echo",version="1.2.3"} 1`,
		`http_requests_total{code="200",method="GET",route="/healthz",version="1.2.3"} 1`,
		`http_requests_total{code="404",method="GET",route="unmatched",version="1.2.3"} 2`,
		`http_requests_total{code="404",method="OTHER",route="unmatched",version="1.2.3"} 1`,
		`http_request_duration_seconds_count{method="GET",route="/",version="1.2.3"} 2`,
		`http_request_duration_seconds_count{method="GET",route="/api/echo",version="1.2.3"} 2`,
		`http_request_duration_seconds_bucket{method="GET",route="/",version="1.2.3",le="5"} 2`,
		`http_request_duration_seconds_bucket{method="GET",route="/",version="1.2.3",le="+Inf"} 2`,
		`http_requests_in_flight 0`,
		`app_build_info{commit="abc1234",goversion="`+runtime.Version()+`",version="1.2.3"} 1`,
	)
}

func TestMetricsScrapesAreNotCounted(t *testing.T) {
	s := newTestService(t, defaultConfig())
	do(t, s, http.MethodGet, "/healthz")
	var exposition string
	for range 5 {
		exposition = scrape(t, s)
	}
	if strings.Contains(exposition, `route="/metrics"`) {
		t.Fatalf("/metrics counted itself:\n%s", exposition)
	}
	// The one real request is there, so the absence above is not an empty registry.
	requireLines(t, exposition, `http_requests_total{code="200",method="GET",route="/healthz",version="1.2.3"} 1`)
}

func TestMetricsIncludeRuntimeCollectors(t *testing.T) {
	exposition := scrape(t, newTestService(t, defaultConfig()))
	want := []string{"go_goroutines ", "go_memstats_alloc_bytes "}
	if runtime.GOOS == "linux" {
		want = append(want, "process_start_time_seconds ", "process_resident_memory_bytes ")
	}
	for _, prefix := range want {
		if !regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(prefix) + `\S+$`).MatchString(exposition) {
			t.Errorf("no %q sample in exposition", prefix)
		}
	}
}

func TestRegistriesAreIsolated(t *testing.T) {
	a := newTestService(t, defaultConfig())
	b := newTestService(t, defaultConfig())
	do(t, a, http.MethodGet, "/")
	if strings.Contains(scrape(t, b), `route="/"`) {
		t.Fatal("a request to one service shows up in another's metrics")
	}
}

func TestDurationBuckets(t *testing.T) {
	s := newTestService(t, defaultConfig())
	do(t, s, http.MethodGet, "/")
	bucket := regexp.MustCompile(`(?m)^http_request_duration_seconds_bucket\{method="GET",route="/",version="1\.2\.3",le="([^"]+)"\} `)
	var les []string
	for _, m := range bucket.FindAllStringSubmatch(scrape(t, s), -1) {
		les = append(les, m[1])
	}
	want := "0.005 0.01 0.025 0.05 0.1 0.25 0.5 1 2.5 5 +Inf"
	if got := strings.Join(les, " "); got != want {
		t.Fatalf("buckets = %q, want %q", got, want)
	}
}
