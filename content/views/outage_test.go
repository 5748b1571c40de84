package views

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"govmp/kv"
	"govmp/models"
	"govmp/spool"
	"govmp/store"
	"govmp/store/storetest"
)

// outageTally is the shared tally while Redis is down: every call fails
// until up is set.
type outageTally struct {
	kv.Tally
	up atomic.Bool
}

var errRedisDown = errors.New("redis: connection refused")

func (o *outageTally) Hit(ctx context.Context, field, member string) error {
	if !o.up.Load() {
		return errRedisDown
	}
	return o.Tally.Hit(ctx, field, member)
}

// TestViewsDuringAnOutageAreBufferedAndCountedOnce: views served while the
// shared store is down are kept on the replica and reach the database once,
// alongside the views counted after it came back.
func TestViewsDuringAnOutageAreBufferedAndCountedOnce(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		shared := &outageTally{Tally: kv.NewTally(kv.NewMemory(), "shared", KeepDistinct)}
		dir := t.TempDir()
		journal, err := spool.OpenJournal(dir, "views")
		if err != nil {
			t.Fatal(err)
		}
		c := &Counter{Tally: shared, Sink: st, Now: time.Now, Local: journal}
		ctx := context.Background()
		view := func(n int) {
			var wg sync.WaitGroup
			for i := 0; i < n; i++ {
				wg.Add(1)
				go func() {
					defer wg.Done()
					if err := c.View(ctx, 7, "visitor"); err != nil {
						t.Error(err)
					}
				}()
			}
			wg.Wait()
		}
		view(300) // Redis down
		c.downUntil.Store(0)
		shared.up.Store(true)
		view(200) // Redis back
		if _, err := c.Flush(ctx); err != nil {
			t.Fatal(err)
		}
		// The replica dies before its local flush; its successor on the same
		// disk flushes the journal.
		reopened, err := spool.OpenJournal(dir, "views")
		if err != nil {
			t.Fatal(err)
		}
		next := &Counter{Tally: shared, Sink: st, Now: time.Now, Local: reopened}
		if n, err := next.FlushLocal(ctx); err != nil || n != 300 {
			t.Fatalf("local flush: %d, %v", n, err)
		}
		if n, err := next.FlushLocal(ctx); err != nil || n != 0 { // a second run finds nothing more
			t.Fatalf("second local flush: %d, %v", n, err)
		}
		var pv int64
		st.DB.Model(&models.ArticleViewDay{}).Where("article_id = ?", 7).Select("COALESCE(SUM(pv),0)").Scan(&pv)
		if pv != 500 {
			t.Fatalf("database counts %d views, 500 were served", pv)
		}
	})
}

// TestATimedOutViewIsNeitherJournaledNorDoubled: when the shared store
// times out, the view may already be counted there, so it is not journaled
// (which could count it twice) but reported as uncertain.
func TestATimedOutViewIsNeitherJournaledNorDoubled(t *testing.T) {
	journal, err := spool.OpenJournal(t.TempDir(), "views")
	if err != nil {
		t.Fatal(err)
	}
	c := &Counter{Tally: timeoutTally{}, Sink: nil, Now: time.Now, Local: journal}
	if err := c.View(context.Background(), 1, "v"); err == nil {
		t.Fatal("an uncertain view must be reported")
	}
	if c.Uncertain.Load() != 1 || journal.Pending() != 0 {
		t.Fatalf("uncertain %d, journal files %d", c.Uncertain.Load(), journal.Pending())
	}
}

type timeoutTally struct{ kv.Tally }

func (timeoutTally) Hit(context.Context, string, string) error {
	return errors.New("read tcp 127.0.0.1:50000->127.0.0.1:6379: i/o timeout")
}
