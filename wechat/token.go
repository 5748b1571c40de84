package wechat

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"govmp/kv"
)

// TokenFetcher asks WeChat for an access token (stable_token in production).
type TokenFetcher func(ctx context.Context) (token string, expiresIn int64, err error)

// TokenSource shares one access token between every replica: it lives in
// KV, one replica refreshes it under a KV lock while the others wait for it,
// and each replica keeps the last good token in memory so that a KV outage
// does not turn into a storm of token requests (WeChat allows 2000 a day).
// It implements the SDK's credential.AccessTokenContextHandle.
type TokenSource struct {
	Fetch   TokenFetcher
	KV      kv.Store
	Key     string
	Log     *slog.Logger
	Now     func() time.Time
	Backoff time.Duration // minimum gap between fetches when KV is unusable
	// OnRefresh is called after each fetch from WeChat (metrics).
	OnRefresh func(err error)

	mu        sync.Mutex
	last      string
	lastUntil time.Time
	lastFetch time.Time
}

// ErrTokenUnavailable means no token could be had now; callers report the
// WeChat API as temporarily unavailable.
var ErrTokenUnavailable = errors.New("wechat: access token unavailable")

// GetAccessToken implements credential.AccessTokenHandle.
func (t *TokenSource) GetAccessToken() (string, error) {
	return t.GetAccessTokenContext(context.Background())
}

// GetAccessTokenContext implements credential.AccessTokenContextHandle.
func (t *TokenSource) GetAccessTokenContext(ctx context.Context) (string, error) {
	tok, err := t.KV.Get(ctx, t.Key)
	if err == nil && tok != "" {
		return tok, nil
	}
	kvDown := err != nil && !errors.Is(err, kv.ErrNotFound)
	t.mu.Lock()
	defer t.mu.Unlock()
	if kvDown {
		return t.withoutKV(ctx)
	}
	if tok, err := t.KV.Get(ctx, t.Key); err == nil && tok != "" {
		return tok, nil
	}
	return t.refreshShared(ctx)
}

// withoutKV serves the remembered token, and refreshes at most once per
// Backoff while KV is unusable.
func (t *TokenSource) withoutKV(ctx context.Context) (string, error) {
	now := t.Now()
	if t.last != "" && now.Before(t.lastUntil) {
		return t.last, nil
	}
	if now.Sub(t.lastFetch) < t.Backoff {
		return "", ErrTokenUnavailable
	}
	return t.fetch(ctx)
}

// refreshShared takes the KV lock so that exactly one replica calls WeChat;
// the others poll KV for the token it stores.
func (t *TokenSource) refreshShared(ctx context.Context) (string, error) {
	lockKey := t.Key + ":lock"
	owner := randomString(16)
	got, err := t.KV.SetNX(ctx, lockKey, owner, 10*time.Second)
	if err != nil {
		return t.withoutKV(ctx)
	}
	if got {
		defer func() { _ = t.KV.DelIfEqual(context.WithoutCancel(ctx), lockKey, owner) }()
		return t.fetch(ctx)
	}
	deadline := time.NewTimer(5 * time.Second)
	defer deadline.Stop()
	tick := time.NewTicker(25 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return "", ctx.Err()
		case <-deadline.C:
			if t.last != "" && t.Now().Before(t.lastUntil) {
				return t.last, nil
			}
			return "", ErrTokenUnavailable
		case <-tick.C:
			if tok, err := t.KV.Get(ctx, t.Key); err == nil && tok != "" {
				return tok, nil
			}
		}
	}
}

// fetch calls WeChat and stores the token in KV (best effort) and memory.
func (t *TokenSource) fetch(ctx context.Context) (string, error) {
	t.lastFetch = t.Now()
	tok, expires, err := t.Fetch(ctx)
	if t.OnRefresh != nil {
		t.OnRefresh(err)
	}
	if err != nil {
		t.Log.Error("wechat: access token request failed", "err", err)
		return "", fmt.Errorf("%w: %w", ErrTokenUnavailable, err)
	}
	// Give up the token 5 minutes early: WeChat rotates stable tokens then.
	ttl := time.Duration(expires-300) * time.Second
	if ttl < time.Minute {
		ttl = time.Minute
	}
	t.last, t.lastUntil = tok, t.Now().Add(ttl)
	if err := t.KV.Set(ctx, t.Key, tok, ttl); err != nil {
		t.Log.Warn("wechat: unable to share the access token", "err", err)
	}
	return tok, nil
}

// Invalidate forgets tok after WeChat rejected it (40001/42001), unless
// another replica already replaced it.
func (t *TokenSource) Invalidate(ctx context.Context, tok string) {
	_ = t.KV.DelIfEqual(ctx, t.Key, tok)
	t.mu.Lock()
	if t.last == tok {
		t.last = ""
	}
	t.mu.Unlock()
}
