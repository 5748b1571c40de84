package store

import (
	"context"
	"errors"
	"hash/fnv"
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
	queues  []chan *pendingInbound
	maxSize int
	wg      sync.WaitGroup
	mu      sync.RWMutex // held for reading while sending, so Close never closes under a sender
	closed  bool
}

type pendingInbound struct {
	in   Inbound
	done chan result
}

type result struct {
	fresh bool
	err   error
}

// NewRecorder starts the writer goroutines; Close stops them after draining.
// SQLite takes one writer at a time, so it gets one; MySQL commits several
// batches in parallel. Messages are routed to a writer by sender, so one
// follower's messages stay in order and a retry can never be committed by
// two writers at once (which would report both deliveries as new).
func NewRecorder(s *Store) *Recorder {
	writers := 1
	if s.dialect == "mysql" {
		writers = 2
	}
	r := &Recorder{store: s, maxSize: 256}
	for i := 0; i < writers; i++ {
		q := make(chan *pendingInbound, 1024)
		r.queues = append(r.queues, q)
		r.wg.Add(1)
		go r.loop(q)
	}
	return r
}

func (r *Recorder) queueFor(openID string) chan *pendingInbound {
	h := fnv.New32a()
	h.Write([]byte(openID))
	return r.queues[h.Sum32()%uint32(len(r.queues))]
}

// Record stores in and returns once it is committed; fresh is false when
// the message had been recorded before (a retry).
func (r *Recorder) Record(ctx context.Context, in Inbound) (fresh bool, err error) {
	p := &pendingInbound{in: in, done: make(chan result, 1)}
	r.mu.RLock()
	if r.closed {
		r.mu.RUnlock()
		return false, ErrClosed
	}
	select {
	case r.queueFor(in.OpenID) <- p:
		r.mu.RUnlock()
	case <-ctx.Done():
		r.mu.RUnlock()
		return false, ctx.Err()
	}
	select {
	case res := <-p.done:
		return res.fresh, res.err
	case <-ctx.Done():
		return false, ctx.Err()
	}
}

func (r *Recorder) loop(queue chan *pendingInbound) {
	defer r.wg.Done()
	for first := range queue {
		batch := []*pendingInbound{first}
	drain:
		for len(batch) < r.maxSize {
			select {
			case p, ok := <-queue:
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
	fresh, err := r.store.RecordInbound(context.Background(), items)
	if err != nil && len(batch) > 1 {
		// One bad message must not fail its neighbours: retry one by one.
		for _, p := range batch {
			fresh, err := r.store.RecordInbound(context.Background(), []Inbound{p.in})
			p.done <- result{fresh: fresh[p.in.DedupeKey], err: err}
		}
		return
	}
	for _, p := range batch {
		p.done <- result{fresh: fresh[p.in.DedupeKey], err: err}
		delete(fresh, p.in.DedupeKey) // a repeat within the batch is a duplicate
	}
}

// Close stops accepting messages and waits for the last batch to commit.
func (r *Recorder) Close() {
	r.mu.Lock()
	if !r.closed {
		r.closed = true
		for _, q := range r.queues {
			close(q)
		}
	}
	r.mu.Unlock()
	r.wg.Wait()
}
