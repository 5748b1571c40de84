// Package views counts H5 page views (PV) and unique visitors (UV) per
// article per Beijing day. Views are counted in the shared KV store (Redis
// INCR and HyperLogLog, or in process without Redis) and flushed to the
// database by a job, exactly: each flush seals the live counts into a batch
// atomically, and the database applies a batch once, keyed by its id, so a
// flush that fails anywhere is simply retried.
package views

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"govmp/kv"
	"govmp/models"
	"govmp/spool"
	"govmp/store"
)

// Sink stores sealed batches; *store.Store implements it.
type Sink interface {
	ApplyViewBatch(ctx context.Context, batchID string, rows []store.ViewDelta, now time.Time) (bool, error)
}

// Counter records views and flushes them.
type Counter struct {
	Tally kv.Tally
	Sink  Sink
	Now   func() time.Time
	// Local journals views on this replica's disk while the shared Tally
	// (Redis) fails; FlushLocal writes them straight to the database, each
	// file once under its name. A view is counted in exactly one of the
	// two, so none is lost or doubled, even if the replica is killed before
	// it flushes. Unique visitors seen only locally are merged by maximum,
	// so UV may read low for the hours of an outage.
	Local     *spool.Journal
	downUntil atomic.Int64 // skip the shared tally until then (unix ns)
	// Uncertain counts views whose shared-store write failed after it may
	// have been applied (a timeout): neither journaled nor known counted.
	Uncertain atomic.Int64
}

// retryShared is how long views go to the local buffer after the shared
// tally failed, so a Redis outage does not cost every page view a timeout.
const retryShared = 2 * time.Second

// KeepDistinct is how long a day's distinct visitors are remembered: past
// the day itself, so late flushes still see the whole day.
const KeepDistinct = 49 * time.Hour

// New returns a counter over the KV store (Redis or in process).
func New(s kv.Store, sink Sink) *Counter {
	return &Counter{Tally: kv.NewTally(s, "govmp:views", KeepDistinct), Sink: sink, Now: time.Now}
}

// View counts one page view of article by visitor (a follower's openid or a
// browser's cookie id).
func (c *Counter) View(ctx context.Context, articleID uint, visitor string) error {
	f := field(models.DayOf(c.Now()), articleID)
	if c.Local == nil {
		return c.Tally.Hit(ctx, f, visitor)
	}
	if time.Now().UnixNano() >= c.downUntil.Load() {
		err := c.Tally.Hit(ctx, f, visitor)
		if err == nil {
			return nil
		}
		c.downUntil.Store(time.Now().Add(retryShared).UnixNano())
		if !neverReached(err) {
			// The command may have run before the answer was lost: journaling
			// it too could count it twice, so it is left as counted.
			c.Uncertain.Add(1)
			return fmt.Errorf("views: outcome unknown, not journaled: %w", err)
		}
	}
	return c.Local.Append([]byte(f+"\t"+visitor), false)
}

// neverReached reports failures where the shared store cannot have applied
// the view: no connection could be made.
func neverReached(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "dial tcp") ||
		strings.Contains(msg, "connection refused") || strings.Contains(msg, "connection pool timeout") ||
		strings.Contains(msg, "client is closed")
}

// FlushLocal stores the views this replica buffered during a shared-store
// outage. Every replica runs it for its own buffer.
func (c *Counter) FlushLocal(ctx context.Context) (int, error) {
	if c.Local == nil {
		return 0, nil
	}
	return c.Local.Consume(func(name string, lines [][]byte) error {
		pv := map[string]int64{}
		visitors := map[string]map[string]bool{}
		for _, line := range lines {
			f, visitor, ok := strings.Cut(string(line), "\t")
			if !ok {
				continue
			}
			pv[f]++
			if visitors[f] == nil {
				visitors[f] = map[string]bool{}
			}
			visitors[f][visitor] = true
		}
		rows := make([]store.ViewDelta, 0, len(pv))
		for f, n := range pv {
			if day, aid, ok := parseField(f); ok {
				rows = append(rows, store.ViewDelta{ArticleID: aid, Day: day, PV: n, UV: int64(len(visitors[f]))})
			}
		}
		_, err := c.Sink.ApplyViewBatch(ctx, "local-"+name, rows, c.Now())
		return err
	})
}

func field(day string, id uint) string { return day + "|" + strconv.FormatUint(uint64(id), 10) }

func parseField(f string) (day string, id uint, ok bool) {
	day, idStr, found := strings.Cut(f, "|")
	n, err := strconv.ParseUint(idStr, 10, 32)
	return day, uint(n), found && err == nil
}

// Flush seals the live counts and stores every pending batch, oldest
// first, including batches an earlier failed flush left behind. It returns
// the number of batches stored.
func (c *Counter) Flush(ctx context.Context) (int, error) {
	if _, err := c.Tally.Seal(ctx, newBatchID(c.Now())); err != nil {
		return 0, fmt.Errorf("views: unable to seal counts: %w", err)
	}
	pending, err := c.Tally.Pending(ctx)
	if err != nil {
		return 0, fmt.Errorf("views: unable to list batches: %w", err)
	}
	done := 0
	for _, id := range pending {
		if err := c.store(ctx, id); err != nil {
			return done, err
		}
		done++
	}
	return done, nil
}

// store applies one batch, then drops it. A failure before the drop leaves
// the batch for the next flush; the sink recognises it if it was applied.
func (c *Counter) store(ctx context.Context, id string) error {
	counts, err := c.Tally.Batch(ctx, id)
	if err != nil {
		return fmt.Errorf("views: unable to read batch: %w", err)
	}
	fields := make([]string, 0, len(counts))
	for f := range counts {
		fields = append(fields, f)
	}
	uv, err := c.Tally.Distinct(ctx, fields)
	if err != nil {
		return fmt.Errorf("views: unable to count visitors: %w", err)
	}
	rows := make([]store.ViewDelta, 0, len(counts))
	for f, n := range counts {
		if day, aid, ok := parseField(f); ok {
			rows = append(rows, store.ViewDelta{ArticleID: aid, Day: day, PV: n, UV: uv[f]})
		}
	}
	if _, err := c.Sink.ApplyViewBatch(ctx, id, rows, c.Now()); err != nil {
		return err
	}
	if err := c.Tally.Drop(ctx, id); err != nil {
		return fmt.Errorf("views: unable to drop a stored batch: %w", err)
	}
	return nil
}

// newBatchID is unique across replicas and sorts by time.
func newBatchID(now time.Time) string {
	b := make([]byte, 6)
	_, _ = rand.Read(b) // crypto/rand does not fail on supported platforms
	return strconv.FormatInt(now.UnixNano(), 36) + "-" + hex.EncodeToString(b)
}
