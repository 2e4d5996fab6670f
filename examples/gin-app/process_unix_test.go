//go:build !windows

package main

import (
	"bufio"
	"encoding/json"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestBinaryGracefulSIGTERM(t *testing.T) {
	bin := buildBinary(t)
	cmd := exec.Command(bin)
	cmd.Env = append(os.Environ(),
		"ADDR=127.0.0.1:0",
		"FAULT_LATENCY_MS=1500",
		"SHUTDOWN_DELAY=500ms",
		"SHUTDOWN_TIMEOUT=10s",
		"GIN_MODE=",
	)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill() })

	lines := make(chan logLine, 16)
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			var l logLine
			if json.Unmarshal(sc.Bytes(), &l) != nil {
				// Surface it through the channel; t must not be used after the test ends.
				l = logLine{Msg: "stderr line is not JSON: " + sc.Text()}
			}
			lines <- l
		}
	}()

	var base string
	select {
	case l := <-lines:
		if l.Msg != "listening" || l.Addr == "" {
			t.Fatalf("first log line = %+v, want the listen address", l)
		}
		base = "http://" + l.Addr
	case <-time.After(10 * time.Second):
		t.Fatal("no startup log line")
	}

	v := get(base + "/version")
	if v.err != nil || v.code != 200 {
		t.Fatalf("GET /version: %d %v", v.code, v.err)
	}
	var ver map[string]string
	if err := json.Unmarshal([]byte(v.body), &ver); err != nil {
		t.Fatal(err)
	}
	if ver["version"] != "9.9.9-test" || ver["commit"] != "deadbeef" || ver["date"] != "2026-02-03T04:05:06Z" {
		t.Fatalf("ldflags not applied: /version = %v", ver)
	}
	if m := get(base + "/metrics"); !strings.Contains(m.body, `app_build_info{commit="deadbeef",goversion="`) {
		t.Fatalf("app_build_info missing stamped commit:\n%s", m.body)
	}

	slow := make(chan result, 1)
	go func() { slow <- get(base + "/") }()
	waitFor(t, 5*time.Second, "the slow request to be in flight", func() bool {
		return strings.Contains(get(base+"/metrics").body, "\nhttp_requests_in_flight 1\n")
	})

	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	waitFor(t, 500*time.Millisecond, "/ready to answer 503 after SIGTERM", func() bool {
		return get(base+"/ready").code == 503
	})
	select {
	case r := <-slow:
		t.Fatalf("slow request finished before the drain was observed: %+v", r)
	default:
	}

	if r := <-slow; r.err != nil || r.code != 200 {
		t.Fatalf("in-flight request during SIGTERM: %d %v", r.code, r.err)
	}
	for range lines { // drain stderr so Wait can return
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("exit after a clean drain: %v", err)
	}
}
