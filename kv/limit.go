package kv

import (
	"context"
	"errors"
	"strconv"
	"time"
)

// Limiter is a fixed-window rate limit kept in a Store, so that every
// replica counts against the same windows: at most Max hits per Window for
// one caller (an openid, an address). Two simultaneous hits may be counted
// once; for a flood limit that slack does not matter.
type Limiter struct {
	Store Store
	// Prefix names the limit in its keys ("govmp:search:rl:").
	Prefix string
	Max    int
	Window time.Duration
	// Now defaults to time.Now.
	Now func() time.Time
}

// Allow counts one hit for who and reports whether it is within the limit.
// A nil limiter, a zero Max or a store error allows the hit: a limiter must
// not take the service down with the cache.
func (l *Limiter) Allow(ctx context.Context, who string) bool {
	if l == nil || l.Store == nil || l.Max <= 0 || l.Window <= 0 || who == "" {
		return true
	}
	now := time.Now()
	if l.Now != nil {
		now = l.Now()
	}
	slot := now.Truncate(l.Window)
	key := l.Prefix + who + ":" + strconv.FormatInt(slot.Unix(), 10)
	ttl := slot.Add(l.Window).Sub(now) + time.Second
	fresh, err := l.Store.SetNX(ctx, key, "1", ttl)
	if err != nil || fresh {
		return true
	}
	v, err := l.Store.Get(ctx, key)
	if errors.Is(err, ErrNotFound) {
		_, _ = l.Store.SetNX(ctx, key, "1", ttl)
		return true
	}
	if err != nil {
		return true
	}
	n, _ := strconv.Atoi(v)
	if n >= l.Max {
		return false
	}
	_ = l.Store.Set(ctx, key, strconv.Itoa(n+1), ttl)
	return true
}
