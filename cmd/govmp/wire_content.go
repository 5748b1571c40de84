package main

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/silenceper/wechat/v2/officialaccount/message"

	"govmp/content/bot"
	"govmp/content/publishing"
	"govmp/content/views"
	"govmp/handlers"
	"govmp/spool"
	"govmp/ticket"
	"govmp/web"
	"govmp/wechat"
)

// Intervals of the content jobs. The view flush is short so the console's
// counts are fresh; polling is a fallback for lost finish events.
const (
	viewFlushEvery      = 10 * time.Second
	publishPollEvery    = 2 * time.Minute
	contentAccountTitle = "阜新乡村振兴政务"
)

// wireContent builds the articles, columns, categories, publishing, menu, H5 article pages and view counting parts of a serving process and plugs them into
// a.deps, a.router and a.jobs.
func wireContent(env *environment, a *app) error {
	cfg := env.cfg
	pages, err := web.ContentTemplates(nil)
	if err != nil {
		return err
	}
	publicURL := strings.TrimRight(cfg.PublicURL, "/")
	tickets := ticket.NewSigner(ticket.KeySecret(cfg.DataKey, cfg.Token, cfg.AppSecret))
	pub := &publishing.Publisher{
		Store: a.store, WeChat: a.deps.WeChat, Advanced: cfg.CanUseAdvancedAPIs(), Now: time.Now, Log: env.log,
		Images: &publishing.Images{Store: a.store, LocalPrefix: publicURL + "/h5/images/", HTTP: &http.Client{Timeout: 15 * time.Second}},
	}
	counter := views.New(a.kv, a.store)
	if counter.Local, err = spool.OpenJournal(cfg.SpoolDir, "views"); err != nil {
		return err
	}
	a.deps.Metrics.Registry.MustRegister(prometheus.NewCounterFunc(prometheus.CounterOpts{
		Name: "govmp_views_uncertain_total",
		Help: "Page views whose Redis write timed out after it may have been applied (neither journaled nor known counted).",
	}, func() float64 { return float64(counter.Uncertain.Load()) }))
	b := &bot.Bot{Store: a.store, Tickets: tickets, PublicURL: publicURL}
	a.deps.Content = handlers.ContentDeps{
		Publisher: pub, Views: counter, Tickets: tickets, Bot: b, Pages: pages, Account: contentAccountTitle, Now: time.Now,
	}

	a.router.HandleClick("COLUMN", wechat.ColumnClick(b.ColumnNews))
	a.router.HandleText(wechat.ArticleSearch(a.deps.Replies, b.Search))
	// Finish events only update records; a failure is logged and left to the
	// poll, rather than answered with an error to WeChat's helper account.
	a.router.OnEvent(message.EventPublishJobFinish, func(ctx context.Context, msg *message.MixMessage) error {
		if err := pub.FinishPublish(ctx, wechat.PublishFinishOf(msg)); err != nil {
			env.log.Error("content: publish finish event", "err", err)
		}
		return nil
	})
	a.router.OnEvent(message.EventMassSendJobFinish, func(ctx context.Context, msg *message.MixMessage) error {
		if err := pub.FinishMass(ctx, wechat.MassFinishOf(msg)); err != nil {
			env.log.Error("content: mass-send finish event", "err", err)
		}
		return nil
	})

	a.jobs.Every("content.views.flush", viewFlushEvery, func(ctx context.Context) error {
		_, err := counter.Flush(ctx)
		return err
	})
	// Views buffered on this replica during a Redis outage: each replica
	// flushes its own, so the lease is named after the process.
	a.jobs.Every("content.views.local."+a.jobs.Owner, viewFlushEvery, func(ctx context.Context) error {
		_, err := counter.FlushLocal(ctx)
		return err
	})
	// On the way out, store what is still counted only in this process.
	a.onShutdown(func(ctx context.Context) {
		if _, err := counter.FlushLocal(ctx); err != nil {
			env.log.Error("content: final local view flush", "err", err)
		}
		if env.cfg.RedisURL == "" { // the in-process tally dies with the process
			if _, err := counter.Flush(ctx); err != nil {
				env.log.Error("content: final view flush", "err", err)
			}
		}
	})
	a.jobs.Every("content.publish.scheduled", cfg.ScheduleEvery, pub.RunScheduled)
	if cfg.CanUseAdvancedAPIs() {
		a.jobs.Every("content.publish.poll", publishPollEvery, pub.Poll)
	}
	return nil
}
