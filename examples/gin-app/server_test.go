package main

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// fresh is a client without keep-alive, so each probe opens a new connection
// the way a load balancer's health check does.
var fresh = &http.Client{Transport: &http.Transport{DisableKeepAlives: true}, Timeout: 10 * time.Second}

type result struct {
	code int
	body string
	err  error
}

func get(url string) result {
	resp, err := fresh.Get(url)
	if err != nil {
		return result{err: err}
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	return result{code: resp.StatusCode, body: string(body), err: err}
}

// waitFor polls cond every 5ms until it holds or the timeout passes.
func waitFor(t *testing.T, timeout time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting for %s", timeout, what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func startInProcess(t *testing.T, cfg config) (svc *service, base string, cancel context.CancelFunc, done <-chan error) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	svc = newTestService(t, cfg)
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() { errc <- run(ctx, cfg, svc, ln, slog.New(slog.DiscardHandler)) }()
	t.Cleanup(cancel)
	return svc, "http://" + ln.Addr().String(), cancel, errc
}

func TestGracefulShutdownDrainsInFlight(t *testing.T) {
	cfg := defaultConfig()
	cfg.Latency = 1500 * time.Millisecond
	cfg.ShutdownDelay = 500 * time.Millisecond
	cfg.ShutdownTimeout = 10 * time.Second
	svc, base, cancel, done := startInProcess(t, cfg)

	if r := get(base + "/ready"); r.err != nil || r.code != 200 {
		t.Fatalf("GET /ready before shutdown: %d %v", r.code, r.err)
	}

	var wg sync.WaitGroup
	var slow result
	wg.Add(1)
	go func() {
		defer wg.Done()
		slow = get(base + "/")
	}()
	waitFor(t, 5*time.Second, "the slow request to be in flight", func() bool {
		return inFlight(t, svc) == 1
	})

	shutdownAt := time.Now()
	cancel() // what SIGTERM does in main

	// During the delay the listener is still open and /ready must say 503.
	var ready result
	waitFor(t, cfg.ShutdownDelay, "/ready to answer 503 after shutdown began", func() bool {
		ready = get(base + "/ready")
		return ready.err == nil && ready.code == http.StatusServiceUnavailable
	})
	if !strings.Contains(ready.body, "shutting down") {
		t.Fatalf("/ready 503 body = %q", ready.body)
	}
	if inFlight(t, svc) != 1 {
		t.Fatal("slow request finished before /ready was probed; the test proves nothing")
	}

	// After the delay, listeners close but the in-flight request runs on.
	waitFor(t, 5*time.Second, "the listener to close", func() bool {
		return get(base+"/healthz").err != nil
	})
	// The socket is closed by now, so ask the handler directly.
	if code := do(t, svc, http.MethodGet, "/ready").Code; code != http.StatusServiceUnavailable {
		t.Fatalf("/ready handler during drain = %d, want 503", code)
	}

	wg.Wait()
	if slow.err != nil || slow.code != http.StatusOK {
		t.Fatalf("in-flight request: status %d, err %v", slow.code, slow.err)
	}
	if !strings.Contains(slow.body, `"version":"1.2.3"`) {
		t.Fatalf("in-flight request body = %q", slow.body)
	}

	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("run after a clean drain: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("run did not return after the drain")
	}
	if took := time.Since(shutdownAt); took > cfg.Latency+2*time.Second {
		t.Fatalf("shutdown took %s", took)
	}
}

// inFlight reads http_requests_in_flight from the service's own exposition.
func inFlight(t *testing.T, svc *service) int {
	t.Helper()
	m := regexp.MustCompile(`(?m)^http_requests_in_flight (\d+)$`).FindStringSubmatch(scrape(t, svc))
	if m == nil {
		t.Fatal("no http_requests_in_flight sample")
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

func TestShutdownTimeoutCutsOffStragglers(t *testing.T) {
	cfg := defaultConfig()
	cfg.Latency = 5 * time.Second
	cfg.ShutdownTimeout = 200 * time.Millisecond
	svc, base, cancel, done := startInProcess(t, cfg)

	slow := make(chan result, 1)
	go func() { slow <- get(base + "/") }()
	waitFor(t, 5*time.Second, "the slow request to be in flight", func() bool {
		return inFlight(t, svc) == 1
	})
	cancel()

	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "SHUTDOWN_TIMEOUT=200ms") {
			t.Fatalf("run = %v, want a drain timeout error", err)
		}
	case <-time.After(3 * time.Second):
		t.Fatal("run ignored SHUTDOWN_TIMEOUT")
	}
	if r := <-slow; r.err == nil {
		t.Fatalf("straggler got status %d, want its connection cut", r.code)
	}
}
