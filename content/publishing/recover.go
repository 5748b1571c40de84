package publishing

import (
	"context"
	"errors"
	"time"

	"govmp/models"
)

// Recovery settings. A publication still "preparing" after StaleAfter was
// left by a replica that died mid-publish; a failure WeChat may get over
// (busy, quota, network, an interruption) is retried automatically with
// exponential backoff, up to MaxAutoAttempts, always with the record's own
// clientmsgid so a mass send that did go out is not sent again.
const (
	StaleAfter      = 2 * time.Minute
	MaxAutoAttempts = 5
	retryBase       = time.Minute
)

// Error codes of failures that did not come from WeChat.
const (
	codeNoAnswer    = -2 // the call got no answer (network, timeout)
	codeInterrupted = -3 // the replica stopped mid-way
	// CodeRefused marks a publication govmp itself refused before calling
	// WeChat (no cover, an image it cannot use): only the editor can fix
	// it, so recovery never retries it.
	CodeRefused = -4
)

// Recover fails publications abandoned mid-publish, then retries the
// transient failures whose backoff has passed. The poll job runs it on one
// replica at a time.
func (p *Publisher) Recover(ctx context.Context) error {
	now := p.Now()
	var errs []error
	preparing, err := p.Store.Publishes(ctx, models.PublishPreparing, 50)
	if err != nil {
		return err
	}
	for _, rec := range preparing {
		// UpdatedAt is written by the database layer's own clock.
		if time.Since(rec.UpdatedAt) < StaleAfter {
			continue
		}
		// keepQuota: WeChat may have accepted the mass send before the stop.
		errs = append(errs, p.Store.FailPublish(ctx, rec.ID, codeInterrupted,
			"发布过程被中断（服务重启），将自动重试 / interrupted by a restart; it will be retried", true, now))
	}
	failed, err := p.Store.Publishes(ctx, models.PublishFailed, 50)
	if err != nil {
		return errors.Join(append(errs, err)...)
	}
	for _, rec := range failed {
		failedAt := rec.UpdatedAt
		if rec.FinishedAt != nil {
			failedAt = *rec.FinishedAt // written with the publisher's clock
		}
		if !transient(rec.ErrorCode) || rec.Attempts >= MaxAutoAttempts || now.Sub(failedAt) < backoff(rec.Attempts) {
			continue
		}
		if _, err := p.Retry(ctx, rec.ID); err != nil && models.ErrorCode(err) != models.ECONFLICT {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// transient reports failures a later attempt may get past: WeChat busy
// (-1), no answer (-2), an interruption, and the daily API quota (45009,
// reset at midnight). A refusal (review, permissions, content) is not.
func transient(code int64) bool {
	return code == -1 || code == codeNoAnswer || code == codeInterrupted || code == 45009
}

// backoff doubles the wait after each attempt: 1, 2, 4, 8 minutes.
func backoff(attempts int) time.Duration {
	return retryBase << min(attempts, 6)
}
