// Command gin-app is the sample Gin service goship builds, releases and rolls out.
package main

import (
	"context"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"syscall"

	"github.com/gin-gonic/gin"
)

// Set at link time: go build -ldflags "-X main.version=... -X main.commit=... -X main.date=...".
var (
	version = "dev"
	commit  = "none"
	date    = "unknown"
)

func main() {
	os.Exit(mainExitCode())
}

func mainExitCode() int {
	logLevel := new(slog.LevelVar)
	logger := slog.New(slog.NewJSONHandler(os.Stderr, &slog.HandlerOptions{Level: logLevel}))

	cfg, err := loadConfig(os.Getenv)
	if err != nil {
		logger.Error("invalid configuration", "err", err.Error())
		return 2
	}
	logLevel.Set(cfg.LogLevel)

	// gin reads GIN_MODE itself at init; only the unset case needs a default.
	if os.Getenv(gin.EnvGinMode) == "" {
		gin.SetMode(gin.ReleaseMode)
	}

	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		logger.Error("cannot listen", "addr", cfg.Addr, "err", err.Error())
		return 1
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	go func() {
		// After the first signal, restore default handling so a second one kills at once.
		<-ctx.Done()
		stop()
	}()

	svc := newService(cfg, buildInfo{Version: version, Commit: commit, Date: date}, logger)
	if err := run(ctx, cfg, svc, ln, logger); err != nil {
		logger.Error("server stopped with an error", "err", err.Error())
		return 1
	}
	return 0
}
