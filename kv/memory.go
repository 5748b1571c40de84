package kv

import (
	"context"
	"sync"
	"time"
)

// Memory is an in-process Store for a single replica.
type Memory struct {
	mu   sync.Mutex
	data map[string]entry
	now  func() time.Time
}

type entry struct {
	value   string
	expires time.Time
}

// NewMemory returns an empty in-process store.
func NewMemory() *Memory {
	return &Memory{data: map[string]entry{}, now: time.Now}
}

func (m *Memory) live(key string) (entry, bool) {
	e, ok := m.data[key]
	if ok && !e.expires.IsZero() && !m.now().Before(e.expires) {
		delete(m.data, key)
		return entry{}, false
	}
	return e, ok
}

func (m *Memory) put(key, value string, ttl time.Duration) {
	e := entry{value: value}
	if ttl > 0 {
		e.expires = m.now().Add(ttl)
	}
	m.data[key] = e
	if len(m.data)%4096 == 0 {
		m.sweep()
	}
}

// sweep drops expired keys so dedupe markers do not grow without bound.
func (m *Memory) sweep() {
	now := m.now()
	for k, e := range m.data {
		if !e.expires.IsZero() && !now.Before(e.expires) {
			delete(m.data, k)
		}
	}
}

// Get implements Store.
func (m *Memory) Get(_ context.Context, key string) (string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if e, ok := m.live(key); ok {
		return e.value, nil
	}
	return "", ErrNotFound
}

// Set implements Store.
func (m *Memory) Set(_ context.Context, key, value string, ttl time.Duration) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.put(key, value, ttl)
	return nil
}

// SetNX implements Store.
func (m *Memory) SetNX(_ context.Context, key, value string, ttl time.Duration) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.live(key); ok {
		return false, nil
	}
	m.put(key, value, ttl)
	return true, nil
}

// Del implements Store.
func (m *Memory) Del(_ context.Context, keys ...string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, k := range keys {
		delete(m.data, k)
	}
	return nil
}

// DelIfEqual implements Store.
func (m *Memory) DelIfEqual(_ context.Context, key, value string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if e, ok := m.live(key); ok && e.value == value {
		delete(m.data, key)
	}
	return nil
}

// Ping implements Store.
func (m *Memory) Ping(context.Context) error { return nil }

// Close implements Store.
func (m *Memory) Close() error { return nil }
