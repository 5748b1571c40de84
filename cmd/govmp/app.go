package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"maps"
	"os"
	"strconv"
	"time"

	"govmp/handlers"
	"govmp/jobs"
	"govmp/kv"
	"govmp/metrics"
	"govmp/models"
	"govmp/spool"
	"govmp/store"
	"govmp/wechat"
)

// app is the set of long-lived parts a serving process owns.
type app struct {
	store    *store.Store
	kv       kv.Store
	recorder *store.Recorder
	router   *wechat.Router
	jobs     *jobs.Runner
	spool    *spool.Spool
	deps     handlers.Deps
	shutdown []func(context.Context)
}

// onShutdown registers work to finish after the server stops accepting
// requests and before connections close (flushing counters).
func (a *app) onShutdown(fn func(context.Context)) { a.shutdown = append(a.shutdown, fn) }

// finish runs the shutdown work, each with what is left of ctx.
func (a *app) finish(ctx context.Context) {
	for _, fn := range a.shutdown {
		fn(ctx)
	}
}

// newApp opens the database and cache and builds the callback pipeline.
func newApp(env *environment, migrate bool) (*app, error) {
	st, err := store.Open(env.cfg.DBDSN)
	if err != nil {
		return nil, err
	}
	if migrate {
		if err := st.Migrate(); err != nil {
			st.Close()
			return nil, err
		}
	}
	cache, err := kv.Open(env.cfg.RedisURL)
	if err != nil {
		st.Close()
		return nil, err
	}
	m := metrics.New()
	client := wechat.NewClient(env.cfg, cache, env.log)
	client.Tokens.OnRefresh = func(err error) {
		result := "ok"
		if err != nil {
			result = "error"
		}
		m.TokenRefreshes.WithLabelValues(result).Inc()
	}
	defaults := maps.Clone(wechat.DefaultReplies)
	defaults[models.SettingWelcome] = env.cfg.WelcomeText
	replies := &wechat.ReplyBook{Source: st, Defaults: defaults, TTL: 5 * time.Second, Log: env.log}
	rec := store.NewRecorder(st)
	sp, err := spool.Open(env.cfg.SpoolDir)
	if err != nil {
		st.Close()
		return nil, err
	}
	router := wechat.NewRouter(replies)
	// Chat searches are limited per follower, as the web query page is per
	// address (handlers); the same setting sizes both.
	searchN, searchWindow, _ := env.cfg.SearchRate()
	searchLimit := &kv.Limiter{Store: cache, Prefix: "govmp:search:rl:", Max: searchN, Window: searchWindow}
	router.LimitTexts(func(ctx context.Context, openID string) bool { return searchLimit.Allow(ctx, "openid:"+openID) })
	cb := &wechat.Callbacks{
		Protocol: wechat.Protocol{Token: env.cfg.Token, AppID: env.cfg.AppID, AESKey: env.cfg.AESKey, Window: env.cfg.TimestampWindow, Now: time.Now},
		Recorder: rec, Spool: sp, Router: router, Log: env.log,
	}
	client.OnCall = func(api string, code int64) { m.WeChatCalls.WithLabelValues(api, strconv.FormatInt(code, 10)).Inc() }
	runner := &jobs.Runner{KV: cache, Fences: st, Log: env.log, Owner: ownerID(),
		Observe: func(job, result string) { m.JobRuns.WithLabelValues(job, result).Inc() }}
	a := &app{store: st, kv: cache, recorder: rec, router: router, jobs: runner, spool: sp, deps: handlers.Deps{
		Config: env.cfg, Store: st, KV: cache, Callbacks: cb, Replies: replies, WeChat: client,
		Metrics: m, Log: env.log, Version: version,
	}}
	for _, wire := range []func(*environment, *app) error{wireDisclosure, wireContent, wireReporting} {
		if err := wire(env, a); err != nil {
			a.Close()
			return nil, err
		}
	}
	return a, nil
}

// ownerID names this process in job leases and locks.
func ownerID() string {
	host, _ := os.Hostname()
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	return fmt.Sprintf("%s-%d-%s", host, os.Getpid(), hex.EncodeToString(b))
}

// replaySpool writes messages spooled during a database outage, every
// interval until ctx ends, and once more on the way out.
func (a *app) replaySpool(ctx context.Context, interval time.Duration, log *slog.Logger) {
	replay := func(ctx context.Context) {
		if a.spool.Pending() == 0 {
			return
		}
		n, err := a.spool.Replay(ctx, func(ctx context.Context, batch []store.Inbound) error {
			_, err := a.store.RecordInbound(ctx, batch)
			return err
		})
		if err != nil {
			log.Warn("spool: replay postponed, database still unavailable", "err", err)
			return
		}
		log.Info("spool: replayed callbacks recorded during an outage", "count", n)
	}
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			final, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
			replay(final)
			cancel()
			return
		case <-t.C:
			replay(ctx)
		}
	}
}

// Close flushes the recorder and releases connections, in dependency order.
func (a *app) Close() {
	a.recorder.Close()
	_ = a.spool.Close()
	_ = a.kv.Close()
	_ = a.store.Close()
}
