package jobs_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"govmp/jobs"
	"govmp/kv"
	"govmp/models"
	"govmp/store"
	"govmp/store/storetest"
)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

func TestOneReplicaRunsEachTick(t *testing.T) {
	shared := kv.NewMemory()
	var runs atomic.Int32
	var wg sync.WaitGroup
	for r := 0; r < 3; r++ {
		runner := &jobs.Runner{KV: shared, Log: quiet, Owner: string(rune('a' + r))}
		for i := 0; i < 10; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				runner.RunOnce(context.Background(), "flush", time.Minute, func(context.Context) error { runs.Add(1); return nil })
			}()
		}
	}
	wg.Wait()
	if runs.Load() != 1 {
		t.Fatalf("job ran %d times in one lease period across 3 replicas, want 1", runs.Load())
	}
}

func TestPanicIsAnErrorAndObserved(t *testing.T) {
	var results []string
	runner := &jobs.Runner{KV: kv.NewMemory(), Log: quiet, Observe: func(_, r string) { results = append(results, r) }}
	ran, err := runner.RunOnce(context.Background(), "bad", time.Minute, func(context.Context) error { panic("boom") })
	if !ran || err == nil {
		t.Fatalf("ran %v err %v", ran, err)
	}
	runner.RunOnce(context.Background(), "bad", time.Minute, func(context.Context) error { return nil })
	if len(results) != 2 || results[0] != "error" || results[1] != "skipped" {
		t.Fatalf("observed %v", results)
	}
}

// TestFencingRefusesAStaleRun: a run paused past its lease while another
// replica took the job over cannot commit.
func TestFencingRefusesAStaleRun(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		shared := kv.NewMemory()
		// The job's commit is the view flush's: it checks the run's fence.
		batch := 0
		commit := func(ctx context.Context) error {
			batch++
			_, err := st.ApplyViewBatch(ctx, fmt.Sprintf("b%d", batch), []store.ViewDelta{{ArticleID: 1, Day: "2026-01-01", PV: 1, UV: 1}}, time.Now())
			return err
		}
		slow := &jobs.Runner{KV: shared, Fences: st, Log: quiet, Owner: "slow"}
		fast := &jobs.Runner{KV: shared, Fences: st, Log: quiet, Owner: "fast"}
		paused, resume := make(chan struct{}), make(chan struct{})
		var staleErr error
		done := make(chan struct{})
		go func() {
			defer close(done)
			_, staleErr = slow.RunOnce(context.Background(), "flush", 50*time.Millisecond, func(ctx context.Context) error {
				close(paused)
				<-resume // a long GC pause or a frozen VM
				return commit(ctx)
			})
		}()
		<-paused
		time.Sleep(80 * time.Millisecond) // the lease expires
		ran, err := fast.RunOnce(context.Background(), "flush", time.Minute, commit)
		if !ran || err != nil {
			t.Fatalf("takeover: ran %v, %v", ran, err)
		}
		close(resume)
		<-done
		if models.ErrorCode(staleErr) != models.ECONFLICT {
			t.Fatalf("the stale run committed: %v", staleErr)
		}
		var pv int64
		st.DB.Model(&models.ArticleViewDay{}).Select("COALESCE(SUM(pv),0)").Scan(&pv)
		if pv != 1 {
			t.Fatalf("views applied %d times, want once (by the run that took over)", pv)
		}
	})
}

func TestReleaseHandsTheLeaseOver(t *testing.T) {
	shared := kv.NewMemory()
	a := &jobs.Runner{KV: shared, Log: quiet, Owner: "a"}
	b := &jobs.Runner{KV: shared, Log: quiet, Owner: "b"}
	noop := func(context.Context) error { return nil }
	a.Every("flush", time.Hour, noop)
	if ran, _ := a.RunOnce(context.Background(), "flush", time.Hour, noop); !ran {
		t.Fatal("first run")
	}
	if ran, _ := b.RunOnce(context.Background(), "flush", time.Hour, noop); ran {
		t.Fatal("b ran while a held the lease")
	}
	b.Release(context.Background()) // b holds nothing: a's lease stays
	if ran, _ := b.RunOnce(context.Background(), "flush", time.Hour, noop); ran {
		t.Fatal("releasing another's lease must do nothing")
	}
	a.Release(context.Background())
	if ran, _ := b.RunOnce(context.Background(), "flush", time.Hour, noop); !ran {
		t.Fatal("b could not take the job after a released it")
	}
}
