package handlers

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"testing"
	"time"

	"govmp/config"
	"govmp/kv"
	"govmp/metrics"
	"govmp/store"
	"govmp/store/storetest"
	"govmp/wechat"
)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// testServer is the real engine on a real database with the in-process cache.
type testServer struct {
	*httptest.Server
	st *store.Store
}

func newTestServer(t *testing.T, st *store.Store) *testServer {
	t.Helper()
	cfg := config.Default()
	cfg.AppID, cfg.Token = "wxtest", "tok"
	cache := kv.NewMemory()
	replies := &wechat.ReplyBook{Source: st, Defaults: wechat.DefaultReplies, TTL: time.Minute, Log: quiet}
	rec := store.NewRecorder(st)
	t.Cleanup(rec.Close)
	cb := &wechat.Callbacks{Protocol: wechat.Protocol{Token: cfg.Token, AppID: cfg.AppID, Window: time.Minute, Now: time.Now},
		Recorder: rec, Router: wechat.NewRouter(replies), Log: quiet}
	srv := httptest.NewServer(NewServer(Deps{Config: cfg, Store: st, KV: cache,
		Callbacks: cb, Replies: replies,
		WeChat: wechat.NewClient(cfg, cache, quiet), Metrics: metrics.New(), Log: quiet, Version: "test"}))
	t.Cleanup(srv.Close)
	return &testServer{Server: srv, st: st}
}

// user creates a console user and returns a signed-in browser-like client.
func (s *testServer) user(t *testing.T, name, role string) *apiClient {
	t.Helper()
	if _, err := s.st.CreateUser(context.Background(), name, name, role, "correct horse battery"); err != nil {
		t.Fatal(err)
	}
	jar, _ := cookiejar.New(nil)
	c := &apiClient{t: t, base: s.URL, http: &http.Client{Jar: jar}}
	var out struct {
		CSRF string `json:"csrf_token"`
	}
	if code := c.do("POST", "/api/v1/login", map[string]string{"username": name, "password": "correct horse battery"}, &out); code != 200 {
		t.Fatalf("login %s: HTTP %d", name, code)
	}
	c.csrf = out.CSRF
	return c
}

// apiClient calls the JSON API with the session cookie and CSRF header.
type apiClient struct {
	t      *testing.T
	base   string
	http   *http.Client
	csrf   string
	bearer string
}

func (c *apiClient) do(method, path string, body, out any) int {
	c.t.Helper()
	var r io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		r = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, c.base+path, r)
	req.Header.Set("Content-Type", "application/json")
	if c.csrf != "" {
		req.Header.Set("X-CSRF-Token", c.csrf)
	}
	if c.bearer != "" {
		req.Header.Set("Authorization", "Bearer "+c.bearer)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if out != nil {
		if err := json.Unmarshal(raw, out); err != nil {
			c.t.Fatalf("%s %s: %v in %s", method, path, err, raw)
		}
	}
	return resp.StatusCode
}

func forEachStore(t *testing.T, fn func(t *testing.T, s *testServer)) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) { fn(t, newTestServer(t, st)) })
}
