package main

import (
	"context"
	"fmt"
	"time"

	"govmp/disclosure/desk"
	"govmp/pii"
	"govmp/ticket"
	"govmp/wechat"
)

// noticeInterval is how often held notices are checked against followers'
// latest interactions. A follower who writes to the account gets a held
// notice within this delay; tests shorten it.
var noticeInterval = 30 * time.Second

// reminderInterval is how often deadline reminders are computed; each is
// recorded once, so running hourly only makes sure a day is not missed.
const reminderInterval = time.Hour

// wireDisclosure builds the 依申请公开 requests, the H5 application form and notices parts of a serving process and plugs them into
// a.deps, a.router and a.jobs.
//
// Without GOVMP_DATA_KEY the desk still answers the menu and the guide, but
// refuses to store or show personal data: deriving a key from something
// else would look safe while protecting nothing, so refusing is the safer
// choice, and the start-up log says so loudly.
func wireDisclosure(env *environment, a *app) error {
	var cipher *pii.Cipher
	if env.cfg.DataKey != "" {
		c, err := pii.NewCipher(env.cfg.DataKey)
		if err != nil {
			return fmt.Errorf("disclosure: GOVMP_DATA_KEY: %w", err)
		}
		cipher = c
	} else {
		env.log.Warn("GOVMP_DATA_KEY is not set: 依申请公开 will refuse to store applicants' personal data until a data key is configured")
	}
	desk := &desk.Service{
		Store: a.store, KV: a.kv, Cipher: cipher, Sender: a.deps.WeChat, WindowClosed: wechat.WindowClosed,
		Tickets:   ticket.NewSigner(ticket.KeySecret(env.cfg.DataKey, env.cfg.Token, env.cfg.AppSecret)),
		PublicURL: env.cfg.PublicURL, OAuth: env.cfg.UsesOAuth(), Limits: desk.DefaultLimits,
		Log: env.log, Now: time.Now,
	}
	a.deps.Disclosure.Desk = desk
	a.router.HandleClick("DISCLOSURE", wechat.DisclosureClick(desk))
	a.router.HandleText(wechat.DisclosureLookup(desk))
	a.jobs.Every("disclosure.notices", noticeInterval, func(ctx context.Context) error {
		n, err := desk.DeliverPending(ctx)
		if n > 0 {
			env.log.Info("disclosure: held notices delivered", "count", n)
		}
		return err
	})
	a.jobs.Every("disclosure.reminders", reminderInterval, func(ctx context.Context) error {
		_, err := desk.RunReminders(ctx)
		return err
	})
	return nil
}
