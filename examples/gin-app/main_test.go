package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/gin-gonic/gin"
)

func TestMain(m *testing.M) {
	gin.SetMode(gin.TestMode)
	code := m.Run()
	if builtPath != "" {
		_ = os.RemoveAll(filepath.Dir(builtPath))
	}
	os.Exit(code)
}

var (
	builtOnce sync.Once
	builtPath string
	builtErr  error
)

// buildBinary compiles this package once per test run, stamping version info
// through -ldflags -X as a release does. It keeps the go command's default
// cgo and path settings so the compile reuses the cache `go test` just filled.
func buildBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary; skipped with -short")
	}
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go command not on PATH")
	}
	builtOnce.Do(func() {
		dir, err := os.MkdirTemp("", "gin-app-test-")
		if err != nil {
			builtErr = err
			return
		}
		builtPath = filepath.Join(dir, "gin-app")
		if runtime.GOOS == "windows" {
			builtPath += ".exe"
		}
		cmd := exec.Command(gobin, "build", "-o", builtPath,
			"-ldflags", "-X main.version=9.9.9-test -X main.commit=deadbeef -X main.date=2026-02-03T04:05:06Z", ".")
		if out, err := cmd.CombinedOutput(); err != nil {
			builtErr = fmt.Errorf("go build: %w\n%s", err, out)
		}
	})
	if builtErr != nil {
		t.Fatal(builtErr)
	}
	return builtPath
}

// logLine is the subset of the JSON log lines the tests look at.
type logLine struct {
	Msg  string `json:"msg"`
	Addr string `json:"addr"`
	Err  string `json:"err"`
}

func TestBinaryRejectsBadConfig(t *testing.T) {
	bin := buildBinary(t)
	cmd := exec.Command(bin)
	cmd.Env = append(os.Environ(), "ADDR=127.0.0.1:0", "FAULT_ERROR_RATE=2", "FAULT_READY=nope")
	_, err := cmd.Output()
	var exit *exec.ExitError
	if !errors.As(err, &exit) {
		t.Fatalf("bad config: err = %v, want a non-zero exit", err)
	}
	if exit.ExitCode() != 2 {
		t.Fatalf("exit code = %d, want 2", exit.ExitCode())
	}
	var l logLine
	if err := json.Unmarshal(exit.Stderr, &l); err != nil {
		t.Fatalf("stderr %q: %v", exit.Stderr, err)
	}
	if l.Msg != "invalid configuration" || !strings.Contains(l.Err, "FAULT_ERROR_RATE=\"2\"") || !strings.Contains(l.Err, "FAULT_READY") {
		t.Fatalf("log = %+v", l)
	}
}
