package kv

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"
)

// Redis is a Store shared by every replica.
type Redis struct {
	Client *redis.Client
}

// NewRedis connects to a redis:// URL. Timeouts are short because every
// caller has a fallback and WeChat waits only 5 s for a callback.
func NewRedis(url string) (*Redis, error) {
	quietOnce.Do(func() { redis.SetLogger(silent{}) })
	opt, err := redis.ParseURL(url)
	if err != nil {
		return nil, fmt.Errorf("kv: bad redis URL: %w", err)
	}
	opt.DialTimeout = 500 * time.Millisecond
	opt.ReadTimeout = 500 * time.Millisecond
	opt.WriteTimeout = 500 * time.Millisecond
	opt.MaxRetries = 1
	return &Redis{Client: redis.NewClient(opt)}, nil
}

// Get implements Store.
func (r *Redis) Get(ctx context.Context, key string) (string, error) {
	v, err := r.Client.Get(ctx, key).Result()
	if errors.Is(err, redis.Nil) {
		return "", ErrNotFound
	}
	return v, err
}

// Set implements Store.
func (r *Redis) Set(ctx context.Context, key, value string, ttl time.Duration) error {
	return r.Client.Set(ctx, key, value, ttl).Err()
}

// SetNX implements Store.
func (r *Redis) SetNX(ctx context.Context, key, value string, ttl time.Duration) (bool, error) {
	return r.Client.SetNX(ctx, key, value, ttl).Result()
}

// Del implements Store.
func (r *Redis) Del(ctx context.Context, keys ...string) error {
	return r.Client.Del(ctx, keys...).Err()
}

var delIfEqual = redis.NewScript(`if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) end return 0`)

// DelIfEqual implements Store atomically with a Lua script.
func (r *Redis) DelIfEqual(ctx context.Context, key, value string) error {
	return delIfEqual.Run(ctx, r.Client, []string{key}, value).Err()
}

// Ping implements Store.
func (r *Redis) Ping(ctx context.Context) error { return r.Client.Ping(ctx).Err() }

// Close implements Store.
func (r *Redis) Close() error { return r.Client.Close() }

// silent drops go-redis's own log lines: callers log failures with context,
// and the library's lines would go to stderr unstructured.
type silent struct{}

func (silent) Printf(context.Context, string, ...interface{}) {}

var quietOnce sync.Once
