package kv_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"os"
	"testing"
	"time"

	"govmp/kv"
)

// backends returns Memory and, when GOVMP_TEST_REDIS_URL is set, real Redis.
func backends(t *testing.T) map[string]kv.Store {
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

func prefix() string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return "govmp:test:" + hex.EncodeToString(b) + ":"
}

func TestStoreContract(t *testing.T) {
	ctx := context.Background()
	for name, s := range backends(t) {
		t.Run(name, func(t *testing.T) {
			p := prefix()
			t.Cleanup(func() { s.Del(ctx, p+"a", p+"lock", p+"short") })
			if _, err := s.Get(ctx, p+"a"); !errors.Is(err, kv.ErrNotFound) {
				t.Fatalf("missing key: %v", err)
			}
			if ok, err := s.SetNX(ctx, p+"a", "1", time.Minute); !ok || err != nil {
				t.Fatalf("first SetNX = %v, %v", ok, err)
			}
			if ok, _ := s.SetNX(ctx, p+"a", "2", time.Minute); ok {
				t.Fatal("second SetNX must not win")
			}
			if v, _ := s.Get(ctx, p+"a"); v != "1" {
				t.Fatalf("value %q", v)
			}
			_ = s.Set(ctx, p+"lock", "owner-1", time.Minute)
			_ = s.DelIfEqual(ctx, p+"lock", "owner-2")
			if v, _ := s.Get(ctx, p+"lock"); v != "owner-1" {
				t.Fatal("DelIfEqual removed another owner's lock")
			}
			_ = s.DelIfEqual(ctx, p+"lock", "owner-1")
			if _, err := s.Get(ctx, p+"lock"); !errors.Is(err, kv.ErrNotFound) {
				t.Fatal("DelIfEqual did not release the owner's lock")
			}
			_ = s.Set(ctx, p+"short", "x", 50*time.Millisecond)
			time.Sleep(120 * time.Millisecond) // expiry is what is under test here
			if _, err := s.Get(ctx, p+"short"); !errors.Is(err, kv.ErrNotFound) {
				t.Fatal("key did not expire")
			}
			if err := s.Ping(ctx); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestOpen(t *testing.T) {
	if s, err := kv.Open(""); err != nil || s == nil {
		t.Fatalf("in-process store: %v", err)
	}
	if _, err := kv.Open("http://not-redis"); err == nil {
		t.Fatal("a non-redis URL must be refused")
	}
}
