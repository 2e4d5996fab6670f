package main

import (
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
)

var testInfo = buildInfo{Version: "1.2.3", Commit: "abc1234", Date: "2026-01-02T03:04:05Z"}

func newTestService(t *testing.T, cfg config) *service {
	t.Helper()
	return newService(cfg, testInfo, slog.New(slog.DiscardHandler))
}

func do(t *testing.T, s *service, method, target string) *httptest.ResponseRecorder {
	t.Helper()
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, httptest.NewRequest(method, target, nil))
	return rec
}

func decodeJSON(t *testing.T, rec *httptest.ResponseRecorder) map[string]string {
	t.Helper()
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Fatalf("Content-Type = %q, want JSON", ct)
	}
	var body map[string]string
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
		t.Fatalf("body %q: %v", rec.Body, err)
	}
	return body
}

func TestRoutes(t *testing.T) {
	s := newTestService(t, defaultConfig())
	cases := []struct {
		target string
		code   int
		body   map[string]string
	}{
		{"/healthz", 200, map[string]string{"status": "ok"}},
		{"/ready", 200, map[string]string{"status": "ready"}},
		{"/version", 200, map[string]string{
			"version": "1.2.3", "commit": "abc1234", "date": "2026-01-02T03:04:05Z", "go": runtime.Version(),
		}},
		{"/", 200, map[string]string{"message": "hello from gin-app", "version": "1.2.3"}},
		{"/api/echo?msg=hi+there", 200, map[string]string{"msg": "hi there"}},
		{"/api/echo?msg=", 200, map[string]string{"msg": ""}},
		{"/no/such/route", 404, map[string]string{"error": "not found"}},
	}
	for _, tc := range cases {
		t.Run(tc.target, func(t *testing.T) {
			rec := do(t, s, http.MethodGet, tc.target)
			if rec.Code != tc.code {
				t.Fatalf("status = %d, want %d; body %s", rec.Code, tc.code, rec.Body)
			}
			got := decodeJSON(t, rec)
			if len(got) != len(tc.body) {
				t.Fatalf("body = %v, want %v", got, tc.body)
			}
			for k, v := range tc.body {
				if got[k] != v {
					t.Fatalf("body[%q] = %q, want %q (body %v)", k, got[k], v, got)
				}
			}
		})
	}
}

func TestProbesAnswerHead(t *testing.T) {
	s := newTestService(t, defaultConfig())
	for _, target := range []string{"/healthz", "/ready"} {
		if rec := do(t, s, http.MethodHead, target); rec.Code != http.StatusOK {
			t.Errorf("HEAD %s = %d, want 200", target, rec.Code)
		}
	}
}

func TestEchoValidation(t *testing.T) {
	s := newTestService(t, defaultConfig())
	cases := []struct {
		name   string
		target string
		code   int
	}{
		{"missing msg", "/api/echo", 400},
		{"256 ASCII characters", "/api/echo?msg=" + strings.Repeat("a", 256), 200},
		{"257 ASCII characters", "/api/echo?msg=" + strings.Repeat("a", 257), 400},
		// 256 three-byte characters: 768 bytes, still within the limit.
		{"256 CJK characters", "/api/echo?msg=" + strings.Repeat("%E6%BC%A2", 256), 200},
		{"257 CJK characters", "/api/echo?msg=" + strings.Repeat("%E6%BC%A2", 257), 400},
		{"invalid UTF-8", "/api/echo?msg=%FF%FE", 400},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rec := do(t, s, http.MethodGet, tc.target)
			if rec.Code != tc.code {
				t.Fatalf("status = %d, want %d; body %s", rec.Code, tc.code, rec.Body)
			}
			body := decodeJSON(t, rec)
			if tc.code == 400 && body["error"] == "" {
				t.Fatalf("400 without an error message: %v", body)
			}
		})
	}
	long := strings.Repeat("%E6%BC%A2", 256)
	rec := do(t, s, http.MethodGet, "/api/echo?msg="+long)
	if got := decodeJSON(t, rec)["msg"]; got != strings.Repeat("漢", 256) {
		t.Fatalf("echoed %q", got)
	}
}

func TestFaultErrorRateOneFailsOnlyAppRoutes(t *testing.T) {
	cfg := defaultConfig()
	cfg.ErrorRate = 1
	s := newTestService(t, cfg)
	want := map[string]int{
		"/":              500,
		"/api/echo?msg=": 500,
		"/healthz":       200,
		"/ready":         200,
		"/version":       200,
		"/metrics":       200,
	}
	for target, code := range want {
		for range 20 {
			if rec := do(t, s, http.MethodGet, target); rec.Code != code {
				t.Fatalf("GET %s = %d, want %d", target, rec.Code, code)
			}
		}
	}
}

func TestFaultErrorRateIsAFraction(t *testing.T) {
	cfg := defaultConfig()
	cfg.ErrorRate = 0.3
	s := newTestService(t, cfg)
	const n = 4000
	failed := 0
	for range n {
		switch code := do(t, s, http.MethodGet, "/").Code; code {
		case 500:
			failed++
		case 200:
		default:
			t.Fatalf("unexpected status %d", code)
		}
	}
	// Binomial(4000, 0.3): mean 1200, sd about 29; ±250 is over 8 sd.
	if failed < 950 || failed > 1450 {
		t.Fatalf("%d of %d failed, want about %d", failed, n, int(0.3*n))
	}
}

func TestFaultErrorRateZeroNeverFails(t *testing.T) {
	s := newTestService(t, defaultConfig())
	for range 500 {
		if code := do(t, s, http.MethodGet, "/").Code; code != 200 {
			t.Fatalf("GET / = %d with no fault configured", code)
		}
	}
}

func TestFaultLatencySlowsOnlyAppRoutes(t *testing.T) {
	const delay = 300 * time.Millisecond
	cfg := defaultConfig()
	cfg.Latency = delay
	s := newTestService(t, cfg)

	start := time.Now()
	if rec := do(t, s, http.MethodGet, "/"); rec.Code != 200 {
		t.Fatalf("GET / = %d", rec.Code)
	}
	if took := time.Since(start); took < delay {
		t.Fatalf("GET / took %s, want at least %s", took, delay)
	}
	start = time.Now()
	if rec := do(t, s, http.MethodGet, "/api/echo?msg=x"); rec.Code != 200 {
		t.Fatalf("GET /api/echo = %d", rec.Code)
	}
	if took := time.Since(start); took < delay {
		t.Fatalf("GET /api/echo took %s, want at least %s", took, delay)
	}

	for _, target := range []string{"/healthz", "/ready", "/version", "/metrics"} {
		start := time.Now()
		if rec := do(t, s, http.MethodGet, target); rec.Code != 200 {
			t.Fatalf("GET %s = %d", target, rec.Code)
		}
		if took := time.Since(start); took >= delay {
			t.Fatalf("GET %s took %s: the latency fault leaked onto it", target, took)
		}
	}
}

func TestFaultLatencyStopsWhenClientLeaves(t *testing.T) {
	cfg := defaultConfig()
	cfg.Latency = time.Minute
	s := newTestService(t, cfg)
	srv := httptest.NewServer(s.Handler())
	defer srv.Close()

	client := &http.Client{Timeout: 100 * time.Millisecond}
	if _, err := client.Get(srv.URL + "/"); err == nil {
		t.Fatal("request with a 1 minute injected delay answered within 100ms")
	}
	// The handler must notice the disconnect and record it, not sleep a minute.
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(scrape(t, s), `http_requests_total{code="499",method="GET",route="/",version="1.2.3"} 1`) {
		if time.Now().After(deadline) {
			t.Fatalf("abandoned request not recorded as 499:\n%s", scrape(t, s))
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestFaultReadyFalse(t *testing.T) {
	cfg := defaultConfig()
	cfg.Ready = false
	s := newTestService(t, cfg)
	rec := do(t, s, http.MethodGet, "/ready")
	if rec.Code != http.StatusServiceUnavailable {
		t.Fatalf("GET /ready = %d, want 503", rec.Code)
	}
	if got := decodeJSON(t, rec)["reason"]; got != "FAULT_READY=false" {
		t.Fatalf("reason = %q", got)
	}
	if rec := do(t, s, http.MethodGet, "/healthz"); rec.Code != 200 {
		t.Fatalf("liveness follows readiness: GET /healthz = %d", rec.Code)
	}
}

func TestReadyFlipsWhenDraining(t *testing.T) {
	s := newTestService(t, defaultConfig())
	if rec := do(t, s, http.MethodGet, "/ready"); rec.Code != 200 {
		t.Fatalf("GET /ready before drain = %d", rec.Code)
	}
	s.startDraining()
	rec := do(t, s, http.MethodGet, "/ready")
	if rec.Code != http.StatusServiceUnavailable {
		t.Fatalf("GET /ready while draining = %d, want 503", rec.Code)
	}
	if got := decodeJSON(t, rec)["reason"]; got != "shutting down" {
		t.Fatalf("reason = %q", got)
	}
	if rec := do(t, s, http.MethodGet, "/"); rec.Code != 200 {
		t.Fatalf("in-flight style app request while draining = %d, want 200", rec.Code)
	}
}

func TestPanicBecomes500(t *testing.T) {
	s := newTestService(t, defaultConfig())
	s.engine.GET("/boom", func(*gin.Context) { panic("kaboom") })
	rec := do(t, s, http.MethodGet, "/boom")
	if rec.Code != http.StatusInternalServerError {
		t.Fatalf("GET /boom = %d, want 500", rec.Code)
	}
	if !strings.Contains(scrape(t, s), `http_requests_total{code="500",method="GET",route="/boom",version="1.2.3"} 1`) {
		t.Fatalf("panic not counted as a 500:\n%s", scrape(t, s))
	}
}
