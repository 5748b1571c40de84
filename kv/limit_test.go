package kv

import (
	"context"
	"testing"
	"time"
)

func TestLimiterFixedWindow(t *testing.T) {
	now := time.Date(2026, 1, 1, 10, 0, 0, 0, time.UTC)
	l := &Limiter{Store: NewMemory(), Prefix: "t:", Max: 3, Window: time.Minute, Now: func() time.Time { return now }}
	ctx := context.Background()
	for i := 0; i < 3; i++ {
		if !l.Allow(ctx, "a") {
			t.Fatalf("hit %d refused", i+1)
		}
	}
	if l.Allow(ctx, "a") {
		t.Fatal("4th hit in the window allowed")
	}
	if !l.Allow(ctx, "b") {
		t.Fatal("another caller refused")
	}
	now = now.Add(time.Minute)
	if !l.Allow(ctx, "a") {
		t.Fatal("the next window refused")
	}
	var off *Limiter
	if !off.Allow(ctx, "a") || !(&Limiter{Store: NewMemory()}).Allow(ctx, "a") {
		t.Fatal("a nil or zero limiter refused")
	}
}
