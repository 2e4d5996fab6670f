package main

import (
	"log/slog"
	"strings"
	"testing"
	"time"
)

func envOf(vars map[string]string) func(string) string {
	return func(name string) string { return vars[name] }
}

func TestLoadConfigDefaults(t *testing.T) {
	cfg, err := loadConfig(envOf(nil))
	if err != nil {
		t.Fatalf("empty environment: %v", err)
	}
	want := config{Addr: ":8080", Ready: true, ShutdownTimeout: 10 * time.Second, LogLevel: slog.LevelInfo}
	if cfg != want {
		t.Fatalf("defaults = %+v, want %+v", cfg, want)
	}
}

func TestLoadConfigValues(t *testing.T) {
	cases := []struct {
		name  string
		env   map[string]string
		check func(config) bool
	}{
		{"ADDR wins over PORT", map[string]string{"ADDR": "127.0.0.1:9000", "PORT": "7000"},
			func(c config) bool { return c.Addr == "127.0.0.1:9000" }},
		{"ADDR port only", map[string]string{"ADDR": ":9000"},
			func(c config) bool { return c.Addr == ":9000" }},
		{"ADDR IPv6", map[string]string{"ADDR": "[::1]:9000"},
			func(c config) bool { return c.Addr == "[::1]:9000" }},
		{"PORT", map[string]string{"PORT": "7000"},
			func(c config) bool { return c.Addr == ":7000" }},
		{"error rate", map[string]string{"FAULT_ERROR_RATE": "0.25"},
			func(c config) bool { return c.ErrorRate == 0.25 }},
		{"error rate bounds", map[string]string{"FAULT_ERROR_RATE": "1"},
			func(c config) bool { return c.ErrorRate == 1 }},
		{"latency", map[string]string{"FAULT_LATENCY_MS": "150"},
			func(c config) bool { return c.Latency == 150*time.Millisecond }},
		{"ready false", map[string]string{"FAULT_READY": "false"},
			func(c config) bool { return !c.Ready }},
		{"ready true", map[string]string{"FAULT_READY": "true"},
			func(c config) bool { return c.Ready }},
		{"shutdown timeout", map[string]string{"SHUTDOWN_TIMEOUT": "1m30s"},
			func(c config) bool { return c.ShutdownTimeout == 90*time.Second }},
		{"shutdown delay", map[string]string{"SHUTDOWN_DELAY": "2s"},
			func(c config) bool { return c.ShutdownDelay == 2*time.Second }},
		{"log level", map[string]string{"LOG_LEVEL": "debug"},
			func(c config) bool { return c.LogLevel == slog.LevelDebug }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cfg, err := loadConfig(envOf(tc.env))
			if err != nil {
				t.Fatalf("loadConfig(%v): %v", tc.env, err)
			}
			if !tc.check(cfg) {
				t.Fatalf("loadConfig(%v) = %+v", tc.env, cfg)
			}
		})
	}
}

func TestLoadConfigRejects(t *testing.T) {
	cases := []struct {
		name, variable, value string
	}{
		{"rate not a number", "FAULT_ERROR_RATE", "often"},
		{"rate above 1", "FAULT_ERROR_RATE", "1.5"},
		{"rate negative", "FAULT_ERROR_RATE", "-0.1"},
		{"rate NaN", "FAULT_ERROR_RATE", "NaN"},
		{"latency not an int", "FAULT_LATENCY_MS", "1.5"},
		{"latency negative", "FAULT_LATENCY_MS", "-5"},
		{"latency huge", "FAULT_LATENCY_MS", "9999999999"},
		{"ready not a bool", "FAULT_READY", "maybe"},
		{"timeout without unit", "SHUTDOWN_TIMEOUT", "10"},
		{"timeout zero", "SHUTDOWN_TIMEOUT", "0s"},
		{"delay negative", "SHUTDOWN_DELAY", "-1s"},
		{"port not a number", "PORT", "http"},
		{"port too large", "PORT", "70000"},
		{"addr without port", "ADDR", "127.0.0.1"},
		{"addr bad port", "ADDR", "127.0.0.1:99999"},
		{"log level unknown", "LOG_LEVEL", "loud"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := loadConfig(envOf(map[string]string{tc.variable: tc.value}))
			if err == nil {
				t.Fatalf("%s=%q accepted", tc.variable, tc.value)
			}
			if !strings.Contains(err.Error(), tc.variable+"=") {
				t.Fatalf("error %q does not name %s", err, tc.variable)
			}
		})
	}
}

func TestLoadConfigReportsEveryError(t *testing.T) {
	_, err := loadConfig(envOf(map[string]string{
		"FAULT_ERROR_RATE": "2",
		"FAULT_LATENCY_MS": "soon",
		"FAULT_READY":      "yes please",
	}))
	if err == nil {
		t.Fatal("invalid environment accepted")
	}
	for _, name := range []string{"FAULT_ERROR_RATE", "FAULT_LATENCY_MS", "FAULT_READY"} {
		if !strings.Contains(err.Error(), name) {
			t.Errorf("error %q does not mention %s", err, name)
		}
	}
}
