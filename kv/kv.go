// Package kv is the small shared key-value store govmp needs: callback
// dedupe, the WeChat access token, locks. Redis when configured, so that
// every replica sees the same state; an in-process map otherwise.
package kv

import (
	"context"
	"errors"
	"time"
)

// ErrNotFound is returned by Get for a missing or expired key.
var ErrNotFound = errors.New("kv: key not found")

// Store is implemented by Redis and Memory.
type Store interface {
	// Get returns the value of key, or ErrNotFound.
	Get(ctx context.Context, key string) (string, error)
	// Set stores value under key for ttl (0 = no expiry).
	Set(ctx context.Context, key, value string, ttl time.Duration) error
	// SetNX stores value only if key is absent and reports whether it did.
	SetNX(ctx context.Context, key, value string, ttl time.Duration) (bool, error)
	// Del removes keys.
	Del(ctx context.Context, keys ...string) error
	// DelIfEqual removes key only while it still holds value (safe lock release).
	DelIfEqual(ctx context.Context, key, value string) error
	// Ping checks the store answers; /readyz uses it.
	Ping(ctx context.Context) error
	// Close releases connections.
	Close() error
}

// Open returns Redis for a redis:// URL, or Memory for "".
func Open(url string) (Store, error) {
	if url == "" {
		return NewMemory(), nil
	}
	return NewRedis(url)
}
