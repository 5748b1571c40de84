package main

import (
	"time"

	"govmp/annualreport/gather"
	"govmp/handlers"
	"govmp/stats"
)

// wireReporting builds the metrics and the annual report parts of a serving process and plugs them into
// a.deps, a.router and a.jobs.
func wireReporting(env *environment, a *app) error {
	src := stats.StoreSources(a.store)
	a.deps.Reporting = handlers.ReportingDeps{
		Metrics: &stats.Metrics{Src: src},
		Reports: &gather.Reports{Src: src, Now: time.Now},
	}
	// An unverified account has no datacube or user API (48001): no sync job
	// then, and the metrics rest on govmp's own counts.
	if env.cfg.CanUseAdvancedAPIs() {
		sync := newSyncer(env, a)
		a.deps.Reporting.Sync = sync
		// Hourly, so the day becomes available soon after WeChat finishes it
		// at 08:00; runs with nothing missing or delayed make no calls.
		a.jobs.Every("datacube-sync", time.Hour, sync.Daily)
	}
	return nil
}

// newSyncer builds the statistics sync on the app's WeChat client and store.
func newSyncer(env *environment, a *app) *stats.Syncer {
	return &stats.Syncer{WeChat: a.deps.WeChat, Store: a.store, Now: time.Now, Log: env.log}
}
