package store

import (
	"context"
	"errors"
	"sync"
)

// ErrClosed is returned by Record after Close.
var ErrClosed = errors.New("store: recorder is closed")

// Recorder group-commits inbound messages: concurrent callbacks hand their
// message over and wait, and one goroutine writes everything waiting in a
// single transaction. One commit per batch instead of per callback is what
// lets a small database keep up with a burst after a mass send.
type Recorder struct {
	store   *Store
	queue   chan *pendingInbound
	maxSize int
	wg      sync.WaitGroup
	mu      sync.RWMutex // held for reading while sending, so Close never closes under a sender
	closed  bool
}

type pendingInbound struct {
	in   Inbound
	done chan error
}

// NewRecorder starts the writer goroutines; Close stops them after draining.
// SQLite takes one writer at a time, so it gets one; MySQL commits several
// batches in parallel (rows are locked in openid order, so they never deadlock).
func NewRecorder(s *Store) *Recorder {
	r := &Recorder{store: s, queue: make(chan *pendingInbound, 4096), maxSize: 256}
	writers := 1
	if s.dialect == "mysql" {
		writers = 4
	}
	for i := 0; i < writers; i++ {
		r.wg.Add(1)
		go r.loop()
	}
	return r
}

// Record stores in and returns once it is committed (or was a duplicate).
func (r *Recorder) Record(ctx context.Context, in Inbound) error {
	p := &pendingInbound{in: in, done: make(chan error, 1)}
	r.mu.RLock()
	if r.closed {
		r.mu.RUnlock()
		return ErrClosed
	}
	select {
	case r.queue <- p:
		r.mu.RUnlock()
	case <-ctx.Done():
		r.mu.RUnlock()
		return ctx.Err()
	}
	select {
	case err := <-p.done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (r *Recorder) loop() {
	defer r.wg.Done()
	for first := range r.queue {
		batch := []*pendingInbound{first}
	drain:
		for len(batch) < r.maxSize {
			select {
			case p, ok := <-r.queue:
				if !ok {
					break drain
				}
				batch = append(batch, p)
			default:
				break drain
			}
		}
		r.commit(batch)
	}
}

func (r *Recorder) commit(batch []*pendingInbound) {
	items := make([]Inbound, len(batch))
	for i, p := range batch {
		items[i] = p.in
	}
	_, err := r.store.RecordInbound(context.Background(), items)
	if err != nil && len(batch) > 1 {
		// One bad message must not fail its neighbours: retry one by one.
		for _, p := range batch {
			_, err := r.store.RecordInbound(context.Background(), []Inbound{p.in})
			p.done <- err
		}
		return
	}
	for _, p := range batch {
		p.done <- err
	}
}

// Close stops accepting messages and waits for the last batch to commit.
func (r *Recorder) Close() {
	r.mu.Lock()
	if !r.closed {
		r.closed = true
		close(r.queue)
	}
	r.mu.Unlock()
	r.wg.Wait()
}
