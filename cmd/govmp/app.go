package main

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"maps"
	"os"
	"strconv"
	"time"

	"govmp/handlers"
	"govmp/jobs"
	"govmp/kv"
	"govmp/metrics"
	"govmp/models"
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
	deps     handlers.Deps
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
	router := wechat.NewRouter(replies)
	cb := &wechat.Callbacks{
		Protocol: wechat.Protocol{Token: env.cfg.Token, AppID: env.cfg.AppID, AESKey: env.cfg.AESKey, Window: env.cfg.TimestampWindow, Now: time.Now},
		KV:       cache, Recorder: rec, Router: router, Log: env.log, DedupeTTL: 10 * time.Minute,
	}
	client.OnCall = func(api string, code int64) { m.WeChatCalls.WithLabelValues(api, strconv.FormatInt(code, 10)).Inc() }
	runner := &jobs.Runner{KV: cache, Log: env.log, Owner: ownerID(),
		Observe: func(job, result string) { m.JobRuns.WithLabelValues(job, result).Inc() }}
	a := &app{store: st, kv: cache, recorder: rec, router: router, jobs: runner, deps: handlers.Deps{
		Config: env.cfg, Store: st, KV: cache, Callbacks: cb, Replies: replies, WeChat: client,
		Metrics: m, Log: env.log, Version: version,
	}}
	for _, wire := range []func(*environment, *app) error{wireContent, wireDisclosure, wireReporting} {
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

// Close flushes the recorder and releases connections, in dependency order.
func (a *app) Close() {
	a.recorder.Close()
	_ = a.kv.Close()
	_ = a.store.Close()
}
