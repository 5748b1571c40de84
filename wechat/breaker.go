package wechat

import (
	"errors"
	"sync"
	"time"
)

// ErrCircuitOpen is returned without calling WeChat while the breaker is open.
var ErrCircuitOpen = errors.New("wechat: too many failures, calls paused")

// Breaker stops a flood of calls to a WeChat API that keeps failing (time-
// outs, 5xx, -1 busy, 45009 quota): after Threshold failures in a row it
// opens for Cooldown, then lets one trial call through.
type Breaker struct {
	Threshold int
	Cooldown  time.Duration
	Now       func() time.Time

	mu        sync.Mutex
	failures  int
	openUntil time.Time
	trial     bool
}

// Allow reports whether a call may go out now.
func (b *Breaker) Allow() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.failures < b.Threshold {
		return true
	}
	if b.Now().Before(b.openUntil) || b.trial {
		return false
	}
	b.trial = true // half-open: one call decides
	return true
}

// Record notes a call's outcome; only failures that say WeChat is down or
// saturated count, not a refusal about this particular request.
func (b *Breaker) Record(err error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.trial = false
	if !systemic(err) {
		b.failures = 0
		return
	}
	b.failures++
	if b.failures >= b.Threshold {
		b.openUntil = b.Now().Add(b.Cooldown)
	}
}

// systemic reports errors that mean the API, not the request, is the problem.
func systemic(err error) bool {
	if err == nil {
		return false
	}
	var ae *APIError
	if errors.As(err, &ae) {
		return ae.Code == -1 || ae.Code == 45009 || ae.Code == 45011
	}
	return true // transport errors and HTTP failures
}
