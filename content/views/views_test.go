package views_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"govmp/content/views"
	"govmp/kv"
	"govmp/models"
	"govmp/store"
	"govmp/store/storetest"
)

// flakySink fails some flushes before the database commit and some after
// it, the two ways a flush can go wrong.
type flakySink struct {
	st    *store.Store
	calls atomic.Int64
	fail  atomic.Bool
}

var errInjected = errors.New("injected failure")

func (f *flakySink) ApplyViewBatch(ctx context.Context, id string, rows []store.ViewDelta, now time.Time) (bool, error) {
	n := f.calls.Add(1)
	if f.fail.Load() && n%3 == 1 {
		return false, errInjected // before the commit
	}
	applied, err := f.st.ApplyViewBatch(ctx, id, rows, now)
	if err == nil && f.fail.Load() && n%3 == 2 {
		return applied, errInjected // after the commit: the answer is lost
	}
	return applied, err
}

// tallies returns the in-process tally and, when configured, a Redis one
// under a fresh prefix that is deleted at cleanup.
func tallies(t *testing.T) map[string]kv.Tally {
	out := map[string]kv.Tally{"memory": kv.NewTally(kv.NewMemory(), "v", views.KeepDistinct)}
	url := os.Getenv("GOVMP_TEST_REDIS_URL")
	if url == "" {
		return out
	}
	r, err := kv.NewRedis(url)
	if err != nil {
		t.Fatal(err)
	}
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	prefix := "govmp:test:views:" + hex.EncodeToString(b)
	t.Cleanup(func() {
		ctx := context.Background()
		keys, _ := r.Client.Keys(ctx, prefix+"*").Result()
		if len(keys) > 0 {
			r.Client.Del(ctx, keys...)
		}
		r.Close()
	})
	out["redis"] = kv.NewTally(r, prefix, views.KeepDistinct)
	return out
}

// TestViewsExactUnderConcurrencyAndFailures has many readers viewing while
// flushes run and a third of them fail before or after committing; at the
// end the database holds exactly the views made.
func TestViewsExactUnderConcurrencyAndFailures(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		for name, tally := range tallies(t) {
			t.Run(name, func(t *testing.T) { exactCounts(t, st, tally) })
		}
	})
}

func exactCounts(t *testing.T, st *store.Store, tally kv.Tally) {
	ctx := context.Background()
	const workers, perWorker, articles, visitors = 12, 400, 5, 37
	day := time.Date(2021, 7, 1, 9, 0, 0, 0, models.Beijing)
	sink := &flakySink{st: st}
	sink.fail.Store(true)
	c := &views.Counter{Tally: tally, Sink: sink, Now: func() time.Time { return day }}
	base := uint(1000 + time.Now().UnixNano()%100000*10)
	var want [articles]int64
	seen := make([]map[string]bool, articles)
	for i := range seen {
		seen[i] = map[string]bool{}
	}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < perWorker; i++ {
				a, v := (w+i)%articles, fmt.Sprintf("o:%d", (w*7+i)%visitors)
				if err := c.View(ctx, base+uint(a), v); err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				want[a]++
				seen[a][v] = true
				mu.Unlock()
			}
		}(w)
	}
	stop := make(chan struct{})
	flushed := make(chan int)
	go func() {
		failures := 0
		for {
			select {
			case <-stop:
				flushed <- failures
				return
			default:
			}
			if _, err := c.Flush(ctx); err != nil {
				failures++
			}
			time.Sleep(time.Millisecond)
		}
	}()
	wg.Wait()
	close(stop)
	if failures := <-flushed; failures == 0 {
		t.Log("no flush failed while readers were viewing; the final flushes still fail some")
	}
	for i := 0; i < 10; i++ { // a few more failing flushes, with nothing new to seal
		_, _ = c.Flush(ctx)
	}
	sink.fail.Store(false)
	drain(t, c, tally)
	for a := 0; a < articles; a++ {
		days, err := st.ArticleViews(ctx, base+uint(a))
		if err != nil || len(days) != 1 {
			t.Fatalf("article %d: %v %v", a, days, err)
		}
		if days[0].PV != want[a] || days[0].Day != "2021-07-01" {
			t.Errorf("article %d: PV %d on %s, want %d", a, days[0].PV, days[0].Day, want[a])
		}
		if d := days[0].UV - int64(len(seen[a])); d < -1 || d > 1 {
			t.Errorf("article %d: UV %d, want %d", a, days[0].UV, len(seen[a]))
		}
	}
}

// drain flushes until nothing is pending.
func drain(t *testing.T, c *views.Counter, tally kv.Tally) {
	t.Helper()
	ctx := context.Background()
	for i := 0; i < 50; i++ {
		_, err := c.Flush(ctx)
		pending, perr := tally.Pending(ctx)
		if perr != nil {
			t.Fatal(perr)
		}
		if err == nil && len(pending) == 0 {
			return
		}
	}
	t.Fatal("batches still pending after 50 flushes")
}

// TestApplyViewBatchOnce checks the database side alone: the same batch
// applied twice counts once, and UV never goes down.
func TestApplyViewBatchOnce(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		rows := []store.ViewDelta{{ArticleID: 7, Day: "2021-03-01", PV: 5, UV: 3}}
		now := time.Now()
		if ok, err := st.ApplyViewBatch(ctx, "b1", rows, now); !ok || err != nil {
			t.Fatal(ok, err)
		}
		if ok, err := st.ApplyViewBatch(ctx, "b1", rows, now); ok || err != nil {
			t.Fatal("second apply", ok, err)
		}
		_, _ = st.ApplyViewBatch(ctx, "b2", []store.ViewDelta{{ArticleID: 7, Day: "2021-03-01", PV: 2, UV: 2}}, now)
		days, _ := st.ArticleViews(ctx, 7)
		if len(days) != 1 || days[0].PV != 7 || days[0].UV != 3 {
			t.Fatalf("got %+v", days)
		}
	})
}
