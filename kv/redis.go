package kv

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"
)

// Redis is a Store shared by every replica. The client is a single node, a
// Sentinel-managed primary or a Cluster, chosen by the URL's scheme.
type Redis struct {
	Client redis.UniversalClient
	// cluster is true for Redis Cluster, where keys that move together in
	// one transaction or script must share a hash slot.
	cluster bool
}

// NewRedis connects to a Redis URL (see ParseRedisURL). Timeouts are short
// because every caller has a fallback and WeChat waits only 5 s for a
// callback.
func NewRedis(rawURL string) (*Redis, error) {
	quietOnce.Do(func() { redis.SetLogger(silent{}) })
	opt, err := ParseRedisURL(rawURL)
	if err != nil {
		return nil, err
	}
	opt.DialTimeout = 500 * time.Millisecond
	opt.ReadTimeout = 500 * time.Millisecond
	opt.WriteTimeout = 500 * time.Millisecond
	opt.MaxRetries = 1
	return &Redis{Client: redis.NewUniversalClient(opt), cluster: opt.IsClusterMode}, nil
}

// ParseRedisURL reads the three URL forms govmp accepts:
//
//	redis://[user:password@]host:port[/db]                         one node (rediss:// for TLS)
//	redis-sentinel://[user:password@]h1:p1,h2:p2,h3:p3[/db]?master=NAME[&sentinel_password=P]
//	redis-cluster://[user:password@]h1:p1,h2:p2,h3:p3
//
// With Sentinel the password is the primary's; sentinel_password, when the
// sentinels have their own, is theirs.
func ParseRedisURL(rawURL string) (*redis.UniversalOptions, error) {
	scheme, rest, ok := strings.Cut(rawURL, "://")
	if !ok {
		return nil, fmt.Errorf("kv: Redis 地址应以 redis://、redis-sentinel:// 或 redis-cluster:// 开头")
	}
	switch scheme {
	case "redis", "rediss", "unix":
		o, err := redis.ParseURL(rawURL)
		if err != nil {
			return nil, fmt.Errorf("kv: bad redis URL: %w", err)
		}
		return &redis.UniversalOptions{Addrs: []string{o.Addr}, Username: o.Username, Password: o.Password,
			DB: o.DB, TLSConfig: o.TLSConfig}, nil
	case "redis-sentinel", "redis-cluster":
	default:
		return nil, fmt.Errorf("kv: Redis 地址的协议 %q 不受支持", scheme)
	}
	u, err := url.Parse("x://" + rest) // url.Parse does not take several hosts with a custom scheme check
	if err != nil {
		return nil, fmt.Errorf("kv: bad redis URL: %w", err)
	}
	o := &redis.UniversalOptions{Addrs: strings.Split(u.Host, ",")}
	for _, a := range o.Addrs {
		if _, _, ok := strings.Cut(a, ":"); !ok || a == "" {
			return nil, fmt.Errorf("kv: Redis 地址中的节点 %q 应写作 主机:端口", a)
		}
	}
	if u.User != nil {
		o.Username = u.User.Username()
		o.Password, _ = u.User.Password()
	}
	if db := strings.Trim(u.Path, "/"); db != "" {
		n, err := strconv.Atoi(db)
		if err != nil || n < 0 {
			return nil, fmt.Errorf("kv: Redis 数据库编号 %q 无效", db)
		}
		o.DB = n
	}
	q := u.Query()
	if scheme == "redis-cluster" {
		if o.DB != 0 {
			return nil, fmt.Errorf("kv: Redis Cluster 只有 0 号数据库")
		}
		o.IsClusterMode = true
		return o, nil
	}
	o.MasterName = q.Get("master")
	if o.MasterName == "" {
		return nil, fmt.Errorf("kv: Sentinel 地址须用 ?master= 指明主节点名称")
	}
	o.SentinelPassword = q.Get("sentinel_password")
	return o, nil
}

// slotKey returns name wrapped as a Cluster hash tag when the client is a
// Cluster, so every key built from it lands in one slot; unchanged
// otherwise, so single-node keys stay as earlier releases wrote them.
func (r *Redis) slotKey(name string) string {
	if r.cluster {
		return "{" + name + "}"
	}
	return name
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
