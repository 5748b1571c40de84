// Package jobs runs govmp's scheduled work (view flush, datacube sync,
// scheduled publishing, deadline reminders, pending notices) so that each
// run happens on exactly one replica: a job takes a lease in the shared KV
// store before it runs, and a replica that cannot get it skips that tick.
package jobs

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"govmp/kv"
)

// Func is one run of a job.
type Func func(ctx context.Context) error

// Observer is told how each run ended ("ok", "error", "skipped").
type Observer func(job, result string)

// Fencer issues an increasing fencing token per job run and returns the
// run's context carrying it (store.Store.Fence); the job's writes check it.
type Fencer interface {
	Fence(ctx context.Context, job string) (context.Context, error)
}

// Runner schedules jobs on intervals behind KV leases.
type Runner struct {
	KV      kv.Store
	Fences  Fencer // optional: when set, each run carries a fencing token
	Log     *slog.Logger
	Observe Observer
	Owner   string // unique per process; the lease value

	mu   sync.Mutex
	jobs []job
	wg   sync.WaitGroup
}

type job struct {
	name     string
	interval time.Duration
	fn       Func
}

// Every registers fn to run every interval. The lease lasts the interval,
// so one replica runs each tick even when runs are short.
func (r *Runner) Every(name string, interval time.Duration, fn Func) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.jobs = append(r.jobs, job{name: name, interval: interval, fn: fn})
}

// Start runs every registered job until ctx ends; Wait waits for them.
func (r *Runner) Start(ctx context.Context) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, j := range r.jobs {
		r.wg.Add(1)
		go r.loop(ctx, j)
	}
}

// Wait blocks until every job loop has returned after ctx ended.
func (r *Runner) Wait() { r.wg.Wait() }

// Release gives up the leases this process holds, at shutdown, so another
// replica takes the jobs over at its next tick instead of after the lease.
func (r *Runner) Release(ctx context.Context) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, j := range r.jobs {
		_ = r.KV.DelIfEqual(ctx, "govmp:job:"+j.name, r.Owner)
	}
}

func (r *Runner) loop(ctx context.Context, j job) {
	defer r.wg.Done()
	t := time.NewTicker(j.interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			r.RunOnce(ctx, j.name, j.interval, j.fn)
		}
	}
}

// RunOnce runs fn under the job's lease if this replica can take it, and
// reports whether it ran. A panic in a job is caught and reported as an error.
func (r *Runner) RunOnce(ctx context.Context, name string, lease time.Duration, fn Func) (ran bool, err error) {
	key := "govmp:job:" + name
	got, kerr := r.KV.SetNX(ctx, key, r.Owner, lease)
	if kerr != nil || !got {
		r.observe(name, "skipped")
		return false, kerr
	}
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("jobs: %s panicked: %v", name, p)
		}
		result := "ok"
		if err != nil {
			result = "error"
			r.Log.Error("jobs: run failed", "job", name, "err", err)
		}
		r.observe(name, result)
	}()
	if r.Fences != nil {
		fenced, ferr := r.Fences.Fence(ctx, name)
		if ferr != nil {
			return false, ferr
		}
		ctx = fenced
	}
	ran = true // set before fn, so a panic still reports that the job ran
	return ran, fn(ctx)
}

func (r *Runner) observe(job, result string) {
	if r.Observe != nil {
		r.Observe(job, result)
	}
}
