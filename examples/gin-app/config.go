package main

import (
	"errors"
	"fmt"
	"log/slog"
	"math"
	"net"
	"strconv"
	"strings"
	"time"
)

// maxFaultLatency bounds FAULT_LATENCY_MS so a typo cannot park every request
// for hours; rollout tests need seconds at most.
const maxFaultLatency = 10 * time.Minute

// config is everything the service reads from its environment, once, at startup.
type config struct {
	// Addr is the TCP listen address handed to net.Listen.
	Addr string
	// ErrorRate is the fraction (0..1) of app-route requests answered 500.
	ErrorRate float64
	// Latency is added to every app-route request before it is handled.
	Latency time.Duration
	// Ready is false when FAULT_READY=false forces /ready to 503.
	Ready bool
	// ShutdownDelay is how long /ready answers 503 before listeners close, so
	// a load balancer's health check can notice before connections are refused.
	ShutdownDelay time.Duration
	// ShutdownTimeout bounds the drain of in-flight requests.
	ShutdownTimeout time.Duration
	// LogLevel gates slog output; per-request access lines are logged at debug.
	LogLevel slog.Level
}

// defaultConfig is what an empty environment yields.
func defaultConfig() config {
	return config{
		Addr:            ":8080",
		Ready:           true,
		ShutdownTimeout: 10 * time.Second,
		LogLevel:        slog.LevelInfo,
	}
}

// loadConfig parses the environment through getenv (os.Getenv in main, a map
// in tests). Every invalid variable is reported, not just the first.
func loadConfig(getenv func(string) string) (config, error) {
	cfg := defaultConfig()
	var errs []error
	fail := func(name, value, reason string) {
		errs = append(errs, fmt.Errorf("%s=%q: %s", name, value, reason))
	}

	if addr := getenv("ADDR"); addr != "" {
		if _, port, err := net.SplitHostPort(addr); err != nil {
			fail("ADDR", addr, "want host:port or :port, e.g. 127.0.0.1:9000 or :9000")
		} else if _, err := parsePort(port); err != nil {
			fail("ADDR", addr, err.Error())
		} else {
			cfg.Addr = addr
		}
	} else if port := getenv("PORT"); port != "" {
		if _, err := parsePort(port); err != nil {
			fail("PORT", port, err.Error())
		} else {
			cfg.Addr = ":" + port
		}
	}

	if v := getenv("FAULT_ERROR_RATE"); v != "" {
		rate, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		switch {
		case err != nil:
			fail("FAULT_ERROR_RATE", v, "not a number; want a fraction between 0 and 1")
		case math.IsNaN(rate) || rate < 0 || rate > 1:
			fail("FAULT_ERROR_RATE", v, "out of range; want a fraction between 0 and 1")
		default:
			cfg.ErrorRate = rate
		}
	}

	if v := getenv("FAULT_LATENCY_MS"); v != "" {
		ms, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
		switch {
		case err != nil:
			fail("FAULT_LATENCY_MS", v, "not a whole number of milliseconds")
		case ms < 0 || time.Duration(ms)*time.Millisecond > maxFaultLatency:
			fail("FAULT_LATENCY_MS", v, fmt.Sprintf("out of range; want 0..%d", maxFaultLatency.Milliseconds()))
		default:
			cfg.Latency = time.Duration(ms) * time.Millisecond
		}
	}

	if v := getenv("FAULT_READY"); v != "" {
		ready, err := strconv.ParseBool(strings.TrimSpace(v))
		if err != nil {
			fail("FAULT_READY", v, "want true or false")
		} else {
			cfg.Ready = ready
		}
	}

	if v := getenv("SHUTDOWN_TIMEOUT"); v != "" {
		d, err := time.ParseDuration(strings.TrimSpace(v))
		switch {
		case err != nil:
			fail("SHUTDOWN_TIMEOUT", v, "not a Go duration such as 10s or 1m30s")
		case d <= 0:
			fail("SHUTDOWN_TIMEOUT", v, "must be positive")
		default:
			cfg.ShutdownTimeout = d
		}
	}

	if v := getenv("SHUTDOWN_DELAY"); v != "" {
		d, err := time.ParseDuration(strings.TrimSpace(v))
		switch {
		case err != nil:
			fail("SHUTDOWN_DELAY", v, "not a Go duration such as 0s or 5s")
		case d < 0:
			fail("SHUTDOWN_DELAY", v, "must not be negative")
		default:
			cfg.ShutdownDelay = d
		}
	}

	if v := getenv("LOG_LEVEL"); v != "" {
		// slog accepts DEBUG/INFO/WARN/ERROR in any case, with optional +N offsets.
		if err := cfg.LogLevel.UnmarshalText([]byte(strings.TrimSpace(v))); err != nil {
			fail("LOG_LEVEL", v, "want debug, info, warn or error")
		}
	}

	if len(errs) > 0 {
		return config{}, errors.Join(errs...)
	}
	return cfg, nil
}

// parsePort accepts 0 (the kernel picks a free port) through 65535.
func parsePort(s string) (int, error) {
	port, err := strconv.Atoi(s)
	if err != nil || port < 0 || port > 65535 {
		return 0, errors.New("port must be a number between 0 and 65535")
	}
	return port, nil
}
