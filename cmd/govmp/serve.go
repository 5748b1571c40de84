package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"time"

	"govmp/handlers"
)

func serveCmd(ctx context.Context, env *environment, args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	addr := fs.String("addr", env.cfg.HTTPAddr, "listen address")
	noMigrate := fs.Bool("no-migrate", false, "do not migrate the database at start-up")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if addr := env.getenv("GOVMP_PPROF_ADDR"); addr != "" {
		// Profiling for operators, on its own (loopback) listener, never on the public one.
		go func() { _ = http.ListenAndServe(addr, pprofMux()) }()
	}
	a, err := newApp(env, !*noMigrate)
	if err != nil {
		return err
	}
	defer a.Close()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	srv := &http.Server{
		Handler: handlers.NewServer(a.deps),
		// Bounded timeouts keep slow or stalled clients (slowloris) from
		// holding connections; WeChat itself gives up after 5 s.
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       90 * time.Second,
		MaxHeaderBytes:    64 << 10,
	}
	if env.cfg.Token == "" {
		env.log.Warn("GOVMP_WECHAT_TOKEN is not set: the WeChat callback refuses every request until it is")
	}
	fmt.Fprintf(env.stdout, "govmp: listening on http://%s\n", ln.Addr())
	env.log.Info("serving", "addr", ln.Addr().String(), "db", dbKind(env.cfg.DBDSN), "redis", env.cfg.RedisURL != "",
		"account", env.cfg.AccountType, "verified", env.cfg.Verified, "safe_mode", env.cfg.AESKey != "")
	jobCtx, stopJobs := context.WithCancel(ctx)
	spoolDone := make(chan struct{})
	defer func() {
		stopJobs()
		a.jobs.Wait()
		<-spoolDone
		a.jobs.Release(context.WithoutCancel(ctx))
	}()
	a.jobs.Start(jobCtx)
	go func() { defer close(spoolDone); a.replaySpool(jobCtx, 2*time.Second, env.log) }()
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	// Stop accepting, let in-flight callbacks finish, then close (flushing the recorder).
	shutdownCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: shutdown: %w", err)
	}
	a.finish(shutdownCtx)
	env.log.Info("stopped")
	return nil
}

func dbKind(dsn string) string {
	if len(dsn) > 6 && dsn[:6] == "mysql:" {
		return "mysql"
	}
	return "sqlite"
}
