package kv

import (
	"context"
	"errors"
	"sync/atomic"
	"time"
)

// ErrUnavailable is returned without a network round trip while a Guarded
// store is cooling down after a failure.
var ErrUnavailable = errors.New("kv: store unavailable")

// Guarded wraps a Store so that, once a call fails, calls fail fast for
// Cooldown instead of each waiting for a connection timeout: during a Redis
// outage every callback would otherwise spend its dial timeout there.
// Ping always goes through, so readiness reports the truth.
type Guarded struct {
	Store
	Cooldown  time.Duration
	downUntil atomic.Int64 // unix nanoseconds
}

// Guard wraps s with a cooldown.
func Guard(s Store, cooldown time.Duration) *Guarded { return &Guarded{Store: s, Cooldown: cooldown} }

func (g *Guarded) check() error {
	if time.Now().UnixNano() < g.downUntil.Load() {
		return ErrUnavailable
	}
	return nil
}

func (g *Guarded) note(err error) error {
	if err != nil && !errors.Is(err, ErrNotFound) && !errors.Is(err, context.Canceled) {
		g.downUntil.Store(time.Now().Add(g.Cooldown).UnixNano())
	}
	return err
}

// Get implements Store.
func (g *Guarded) Get(ctx context.Context, key string) (string, error) {
	if err := g.check(); err != nil {
		return "", err
	}
	v, err := g.Store.Get(ctx, key)
	return v, g.note(err)
}

// Set implements Store.
func (g *Guarded) Set(ctx context.Context, key, value string, ttl time.Duration) error {
	if err := g.check(); err != nil {
		return err
	}
	return g.note(g.Store.Set(ctx, key, value, ttl))
}

// SetNX implements Store.
func (g *Guarded) SetNX(ctx context.Context, key, value string, ttl time.Duration) (bool, error) {
	if err := g.check(); err != nil {
		return false, err
	}
	ok, err := g.Store.SetNX(ctx, key, value, ttl)
	return ok, g.note(err)
}

// Del implements Store.
func (g *Guarded) Del(ctx context.Context, keys ...string) error {
	if err := g.check(); err != nil {
		return err
	}
	return g.note(g.Store.Del(ctx, keys...))
}

// DelIfEqual implements Store.
func (g *Guarded) DelIfEqual(ctx context.Context, key, value string) error {
	if err := g.check(); err != nil {
		return err
	}
	return g.note(g.Store.DelIfEqual(ctx, key, value))
}

// Unwrap returns the guarded store, for code that needs the concrete type.
func (g *Guarded) Unwrap() Store { return g.Store }
