package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"
)

// run serves svc on ln until ctx is cancelled (a signal, in main), then drains:
// /ready turns 503 at once, listeners stay open for cfg.ShutdownDelay so a
// balancer's health check can see that, then http.Server.Shutdown waits up to
// cfg.ShutdownTimeout for in-flight requests. It returns nil after a clean drain.
func run(ctx context.Context, cfg config, svc *service, ln net.Listener, logger *slog.Logger) error {
	srv := &http.Server{
		Handler:           svc.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       90 * time.Second,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	logger.Info("listening",
		"addr", ln.Addr().String(),
		"version", svc.info.Version,
		"commit", svc.info.Commit,
		"date", svc.info.Date,
	)

	select {
	case err := <-served:
		return fmt.Errorf("serve %s: %w", ln.Addr(), err)
	case <-ctx.Done():
	}

	svc.startDraining()
	logger.Info("shutting down", "delay", cfg.ShutdownDelay.String(), "timeout", cfg.ShutdownTimeout.String())
	if cfg.ShutdownDelay > 0 {
		time.Sleep(cfg.ShutdownDelay)
	}

	drainCtx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(drainCtx); err != nil {
		// Requests still running past the timeout are cut off rather than left hanging.
		_ = srv.Close()
		return fmt.Errorf("drain did not finish within SHUTDOWN_TIMEOUT=%s: %w", cfg.ShutdownTimeout, err)
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve %s: %w", ln.Addr(), err)
	}
	logger.Info("stopped cleanly")
	return nil
}
