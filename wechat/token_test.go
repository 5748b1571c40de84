package wechat

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"os"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"govmp/kv"
)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// kvBackends returns the in-process store and, when configured, real Redis.
func kvBackends(t *testing.T) map[string]kv.Store {
	t.Helper()
	out := map[string]kv.Store{"memory": kv.NewMemory()}
	if url := os.Getenv("GOVMP_TEST_REDIS_URL"); url != "" {
		r, err := kv.NewRedis(url)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { r.Close() })
		out["redis"] = r
	}
	return out
}

// downKV is a KV store that is unreachable, as Redis is during an outage.
type downKV struct{ kv.Store }

var errDown = errors.New("connection refused")

func (downKV) Get(context.Context, string) (string, error)              { return "", errDown }
func (downKV) Set(context.Context, string, string, time.Duration) error { return errDown }
func (downKV) SetNX(context.Context, string, string, time.Duration) (bool, error) {
	return false, errDown
}
func (downKV) Del(context.Context, ...string) error             { return errDown }
func (downKV) DelIfEqual(context.Context, string, string) error { return errDown }

func TestTokenSourceRefreshesOnceAcrossReplicas(t *testing.T) {
	for name, store := range kvBackends(t) {
		t.Run(name, func(t *testing.T) {
			var fetches atomic.Int32
			fetch := func(ctx context.Context) (string, int64, error) {
				fetches.Add(1)
				time.Sleep(50 * time.Millisecond) // WeChat is not instant; others must wait, not fetch
				return "TOKEN-" + name, 7200, nil
			}
			key := "govmp:test:token:" + randomString(8)
			t.Cleanup(func() { store.Del(context.Background(), key) })
			// Three "replicas": separate TokenSources sharing one KV.
			var wg sync.WaitGroup
			for r := 0; r < 3; r++ {
				src := &TokenSource{Fetch: fetch, KV: store, Key: key, Log: quiet, Now: time.Now, Backoff: time.Minute}
				for g := 0; g < 20; g++ {
					wg.Add(1)
					go func() {
						defer wg.Done()
						tok, err := src.GetAccessTokenContext(context.Background())
						if err != nil || tok != "TOKEN-"+name {
							t.Errorf("token %q, %v", tok, err)
						}
					}()
				}
			}
			wg.Wait()
			if n := fetches.Load(); n != 1 {
				t.Fatalf("token fetched %d times, want 1", n)
			}
		})
	}
}

func TestTokenSourceInvalidateFetchesAgain(t *testing.T) {
	var n atomic.Int32
	src := &TokenSource{KV: kv.NewMemory(), Key: "k", Log: quiet, Now: time.Now, Backoff: time.Minute,
		Fetch: func(context.Context) (string, int64, error) {
			return "T" + string(rune('0'+n.Add(1))), 7200, nil
		}}
	first, _ := src.GetAccessToken()
	src.Invalidate(context.Background(), first)
	second, _ := src.GetAccessToken()
	if first != "T1" || second != "T2" {
		t.Fatalf("tokens %q then %q", first, second)
	}
	src.Invalidate(context.Background(), "stale-token-from-another-replica")
	if third, _ := src.GetAccessToken(); third != "T2" {
		t.Fatalf("invalidating an old token must keep the current one, got %q", third)
	}
}

func TestTokenSourceWithoutKVBacksOff(t *testing.T) {
	now := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	var fetches atomic.Int32
	fail := true
	src := &TokenSource{KV: downKV{}, Key: "k", Log: quiet, Now: func() time.Time { return now }, Backoff: 30 * time.Second,
		Fetch: func(context.Context) (string, int64, error) {
			fetches.Add(1)
			if fail {
				return "", 0, &APIError{API: "stable_token", Code: -1}
			}
			return "LOCAL", 7200, nil
		}}
	for i := 0; i < 100; i++ { // a storm of calls while Redis is down and WeChat fails
		if _, err := src.GetAccessToken(); !errors.Is(err, ErrTokenUnavailable) {
			t.Fatalf("want ErrTokenUnavailable, got %v", err)
		}
	}
	if fetches.Load() != 1 {
		t.Fatalf("fetched %d times within the backoff, want 1", fetches.Load())
	}
	now = now.Add(31 * time.Second)
	fail = false
	for i := 0; i < 100; i++ {
		if tok, err := src.GetAccessToken(); err != nil || tok != "LOCAL" {
			t.Fatalf("token %q, %v", tok, err)
		}
	}
	if fetches.Load() != 2 {
		t.Fatalf("the last good token must be reused: %d fetches", fetches.Load())
	}
}
