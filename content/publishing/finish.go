package publishing

import (
	"context"
	"errors"
	"strings"

	"govmp/models"
	"govmp/store"
	"govmp/wechat"
)

// FinishPublish completes a freepublish job from its PUBLISHJOBFINISH event
// or a poll. Repeats (WeChat's retries, a poll racing the event) change
// nothing; an unknown publish_id (published from the WeChat website) is ignored.
func (p *Publisher) FinishPublish(ctx context.Context, o wechat.PublishOutcome) error {
	rec, err := p.Store.PublishByPublishID(ctx, o.PublishID)
	if models.ErrorCode(err) == models.ENOTFOUND {
		return nil
	}
	if err != nil {
		return err
	}
	switch o.Status {
	case 1:
		return nil // still publishing
	case 0:
		_, err := p.Store.CompletePublish(ctx, rec.ID, store.Completion{
			URLs: o.URLs, WxArticleID: o.ArticleID, Actor: rec.CreatedBy, Now: p.Now(),
		})
		return err
	}
	return p.Store.FailPublish(ctx, rec.ID, int64(o.Status), wechat.PublishStatusWords(o.Status, o.FailIdx), false, p.Now())
}

// FinishMass completes a mass send from its MASSSENDJOBFINISH event.
func (p *Publisher) FinishMass(ctx context.Context, m wechat.MassFinish) error {
	rec, err := p.Store.PublishByMsgID(ctx, m.MsgID)
	if models.ErrorCode(err) == models.ENOTFOUND {
		return nil
	}
	if err != nil {
		return err
	}
	if m.Status == "send success" || strings.EqualFold(m.Status, "SEND_SUCCESS") {
		_, err := p.Store.CompletePublish(ctx, rec.ID, store.Completion{
			SentCount: m.Sent, ErrorCount: m.ErrorSent, Actor: rec.CreatedBy, Now: p.Now(),
		})
		return err
	}
	// A send that reached WeChat's review used the day's quota either way.
	return p.Store.FailPublish(ctx, rec.ID, 0, wechat.MassStatusWords(m.Status), true, p.Now())
}

// Poll asks WeChat about publications still waiting for their finish event:
// events can be lost, and an editor should not wait forever.
func (p *Publisher) Poll(ctx context.Context) error {
	recs, err := p.Store.Publishes(ctx, models.PublishSubmitted, 50)
	if err != nil {
		return err
	}
	errs := []error{p.Recover(ctx)}
	for _, rec := range recs {
		switch {
		case rec.Mode == models.ModeFreePublish && rec.PublishID != 0:
			o, err := p.WeChat.PublishStatus(ctx, rec.PublishID)
			if err == nil {
				err = p.FinishPublish(ctx, o)
			}
			errs = append(errs, err)
		case rec.Mode == models.ModeMass && rec.MsgID != 0:
			errs = append(errs, p.pollMass(ctx, rec))
		}
	}
	return errors.Join(errs...)
}

func (p *Publisher) pollMass(ctx context.Context, rec models.PublishRecord) error {
	status, err := p.WeChat.MassStatus(ctx, rec.MsgID)
	if err != nil {
		return err
	}
	switch status {
	case "SEND_SUCCESS":
		return p.FinishMass(ctx, wechat.MassFinish{MsgID: rec.MsgID, Status: "send success"})
	case "SEND_FAIL", "DELETE":
		return p.FinishMass(ctx, wechat.MassFinish{MsgID: rec.MsgID, Status: "send fail"})
	}
	return nil
}

// RunScheduled publishes every scheduled article whose time has come, each
// in its own publication with the mode chosen when it was scheduled. The
// claim on the article makes it fire once even if two runs overlap.
func (p *Publisher) RunScheduled(ctx context.Context) error {
	due, err := p.Store.DueScheduled(ctx, p.Now())
	if err != nil {
		return err
	}
	var errs []error
	for _, a := range due {
		mode := a.ScheduledMode
		if mode == "" {
			mode = models.ModeFreePublish
		}
		rec, err := p.Publish(ctx, Request{ArticleIDs: []uint{a.ID}, Mode: mode, ToAll: true, Actor: "scheduler", Scheduled: true})
		switch {
		case err != nil && models.ErrorCode(err) == models.EINTERNAL:
			errs = append(errs, errorf("scheduled article %d: %w", a.ID, err))
		case err != nil:
			// A refusal (quota used, account not allowed) would repeat every
			// tick: show it on the article and leave it for the editor. The
			// note does nothing if another run claimed the article meanwhile.
			errs = append(errs, p.Store.NoteScheduleProblem(ctx, a.ID, models.ErrorMessage(err)))
		case rec.Status == models.PublishFailed:
			errs = append(errs, p.Store.NoteScheduleProblem(ctx, a.ID, rec.Error))
		}
	}
	return errors.Join(errs...)
}
