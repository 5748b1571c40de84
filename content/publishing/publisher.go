// Package publishing carries approved articles to WeChat: cover and inline
// images uploaded, a draft added, then a mass send (群发, notifies
// followers, one a day on a subscription account) or a freepublish (发布,
// no notification). It records every WeChat id, completes publications from
// finish events or polling, and fires scheduled publications exactly once.
package publishing

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"time"

	"govmp/content"
	"govmp/models"
	"govmp/store"
	"govmp/wechat"
)

// WeChat is the part of the WeChat client publishing uses.
type WeChat interface {
	UploadImage(ctx context.Context, name string, data []byte) (mediaID, url string, err error)
	UploadContentImage(ctx context.Context, name string, data []byte) (string, error)
	AddDraft(ctx context.Context, arts []wechat.DraftArticle) (string, error)
	SubmitPublish(ctx context.Context, mediaID string) (publishID, msgDataID int64, err error)
	PublishStatus(ctx context.Context, publishID int64) (wechat.PublishOutcome, error)
	SendMass(ctx context.Context, m wechat.MassSend) (msgID, msgDataID int64, err error)
	MassStatus(ctx context.Context, msgID int64) (string, error)
}

// Publisher publishes articles. Build it once; it is safe for concurrent use.
type Publisher struct {
	Store  *store.Store
	WeChat WeChat
	Images *Images
	// Advanced is whether WeChat lets this account draft, publish and mass
	// send (a verified account); without it only ModeH5 is offered.
	Advanced bool
	Now      func() time.Time
	Log      *slog.Logger
}

// Request asks for one publication.
type Request struct {
	ArticleIDs []uint
	Mode       string
	ToAll      bool
	TagID      int
	Actor      string
	// Scheduled is set by the scheduler: it publishes scheduled articles only.
	Scheduled bool
}

func (r Request) validate() error {
	if len(r.ArticleIDs) == 0 || len(r.ArticleIDs) > 8 {
		return models.Invalid("article_ids", "一次发布1–8篇文章（微信限制） / publish 1–8 articles at once")
	}
	for i, id := range r.ArticleIDs {
		if slices.Contains(r.ArticleIDs[:i], id) {
			return models.Invalid("article_ids", "文章重复 / an article is listed twice")
		}
	}
	switch r.Mode {
	case models.ModeMass:
		if !r.ToAll && r.TagID <= 0 {
			return models.Invalid("tag_id", "群发须选择全部粉丝或一个标签 / choose all followers or a tag")
		}
	case models.ModeFreePublish, models.ModeH5:
	default:
		return models.Invalid("mode", "发布方式须为 mass（群发）、freepublish（发布）或 h5 / unknown mode")
	}
	return nil
}

// MassQuota says whether today's mass send is still available, so the
// console can tell editors before they try.
func (p *Publisher) MassQuota(ctx context.Context) (available bool, day string, err error) {
	day = models.DayOf(p.Now())
	used, err := p.Store.MassUsedOn(ctx, day)
	return !used, day, err
}

// Publish starts a publication. Refusals (bad request, article not
// approved, mass send already used today, account not allowed) come back as
// errors before WeChat is called; a WeChat failure is recorded on the
// returned record and its articles, in plain words, for a retry.
func (p *Publisher) Publish(ctx context.Context, req Request) (*models.PublishRecord, error) {
	if err := req.validate(); err != nil {
		return nil, err
	}
	if req.Mode != models.ModeH5 && !p.Advanced {
		return nil, models.Errorf(models.EUNAVAILABLE, "未认证的公众号不能通过接口群发或发布（微信会返回48001），请选择“仅H5发布”，或完成微信认证 / an unverified account cannot publish through the API")
	}
	rec := &models.PublishRecord{Mode: req.Mode, ArticleIDs: models.JoinIDs(req.ArticleIDs), Status: models.PublishPreparing,
		ToAll: req.ToAll, TagID: req.TagID, CreatedBy: req.Actor, Attempts: 1, ClientMsgID: clientMsgID()}
	if req.Mode == models.ModeMass {
		available, day, err := p.MassQuota(ctx)
		if err != nil {
			return nil, err
		}
		if !available {
			return nil, models.Errorf(models.ECONFLICT, "今日群发次数已用完：订阅号每天只能群发1次，请明天再群发，或改用“发布”（不通知粉丝） / today's mass send is already used")
		}
		rec.MassDay = &day
		rec.ToAll = req.ToAll
	}
	states := []string{string(content.StateApproved), string(content.StateScheduled)}
	if req.Scheduled {
		states = []string{string(content.StateScheduled)}
	}
	if err := p.Store.CreatePublish(ctx, rec, states); err != nil {
		return nil, err
	}
	return p.run(ctx, rec)
}

// Retry runs a failed publication again with the same clientmsgid, so a
// mass send that did reach WeChat is not sent twice.
func (p *Publisher) Retry(ctx context.Context, id uint) (*models.PublishRecord, error) {
	states := []string{string(content.StateApproved), string(content.StateScheduled)}
	rec, err := p.Store.RetryPublish(ctx, id, models.DayOf(p.Now()), states)
	if err != nil {
		return nil, err
	}
	return p.run(ctx, rec)
}

// clientMsgID is random rather than derived from the record id: ids restart
// with a fresh database, WeChat's memory of clientmsgids does not.
func clientMsgID() string {
	b := make([]byte, 12)
	_, _ = rand.Read(b) // crypto/rand does not fail on supported platforms
	return "gv" + hex.EncodeToString(b)
}

// run does the WeChat side of a claimed record and returns it reloaded.
func (p *Publisher) run(ctx context.Context, rec *models.PublishRecord) (*models.PublishRecord, error) {
	if rec.Mode == models.ModeH5 {
		if _, err := p.Store.CompletePublish(ctx, rec.ID, store.Completion{Actor: rec.CreatedBy, Now: p.Now()}); err != nil {
			return nil, err
		}
		return p.Store.Publish(ctx, rec.ID)
	}
	if err := p.submit(ctx, rec); err != nil {
		if ferr := p.fail(ctx, rec, err); ferr != nil {
			return nil, ferr
		}
	}
	return p.Store.Publish(ctx, rec.ID)
}

// stepError marks where a publication failed, for the quota decision.
type stepError struct {
	sending bool // the mass send itself: WeChat may have sent it
	err     error
}

func (e *stepError) Error() string { return e.err.Error() }
func (e *stepError) Unwrap() error { return e.err }

func (p *Publisher) submit(ctx context.Context, rec *models.PublishRecord) error {
	mediaID, err := p.draft(ctx, rec)
	if err != nil {
		return err
	}
	set := map[string]any{"status": models.PublishSubmitted, "draft_media_id": mediaID}
	if rec.Mode == models.ModeMass {
		msgID, dataID, err := p.WeChat.SendMass(ctx, wechat.MassSend{MediaID: mediaID, ToAll: rec.ToAll, TagID: rec.TagID, ClientMsgID: rec.ClientMsgID})
		if err != nil {
			return &stepError{sending: true, err: err}
		}
		set["msg_id"], set["msg_data_id"] = msgID, dataID
	} else {
		pubID, dataID, err := p.WeChat.SubmitPublish(ctx, mediaID)
		if err != nil {
			return err
		}
		set["publish_id"], set["msg_data_id"] = pubID, dataID
	}
	return p.Store.UpdatePublish(ctx, rec.ID, set)
}

// fail records err on the publication in plain words and frees its
// articles for a retry.
func (p *Publisher) fail(ctx context.Context, rec *models.PublishRecord, err error) error {
	code := int64(codeNoAnswer)
	var ae *wechat.APIError
	var refusal *models.Error
	isAPI := errors.As(err, &ae)
	switch {
	case isAPI:
		code = ae.Code
	case errors.As(err, &refusal):
		code = CodeRefused // our own refusal is not "WeChat did not answer"
	}
	// The day's mass send stays taken when WeChat may have sent it after
	// all (the answer was lost) or says the quota is gone (45028).
	var se *stepError
	keepQuota := (errors.As(err, &se) && se.sending && !isAPI) || code == 45028
	msg := models.ErrorMessage(wechat.UserError(err))
	var me *models.Error
	if errors.As(err, &me) {
		msg = me.Message
	}
	p.Log.Warn("publishing: publication failed", "publication", rec.ID, "mode", rec.Mode, "code", code, "err", err)
	return p.Store.FailPublish(context.WithoutCancel(ctx), rec.ID, code, msg, keepQuota, p.Now())
}

// draft uploads the images and adds the draft, returning its media_id.
func (p *Publisher) draft(ctx context.Context, rec *models.PublishRecord) (string, error) {
	var arts []wechat.DraftArticle
	for _, id := range rec.Articles() {
		a, err := p.Store.Article(ctx, id)
		if err != nil {
			return "", err
		}
		da, err := p.prepare(ctx, a)
		if err != nil {
			return "", err
		}
		arts = append(arts, da)
	}
	id, err := p.WeChat.AddDraft(ctx, arts)
	if err != nil {
		return "", err
	}
	return id, nil
}

// prepare uploads an article's cover (a permanent material, reused across
// retries) and inline images, and returns the draft article.
func (p *Publisher) prepare(ctx context.Context, a *models.Article) (wechat.DraftArticle, error) {
	if a.CoverURL == "" {
		return wechat.DraftArticle{}, models.Errorf(models.EINVALID, "文章《%s》没有封面图片，微信图文必须有封面 / the article has no cover image", a.Title)
	}
	thumb := a.CoverMediaID
	if thumb == "" || a.CoverMediaFrom != a.CoverURL {
		name, data, err := p.Images.Fetch(ctx, a.CoverURL)
		if err != nil {
			return wechat.DraftArticle{}, err
		}
		if thumb, _, err = p.WeChat.UploadImage(ctx, name, data); err != nil {
			return wechat.DraftArticle{}, err
		}
		if err := p.Store.SetCoverMedia(ctx, a.ID, thumb, a.CoverURL); err != nil {
			return wechat.DraftArticle{}, err
		}
	}
	urls := map[string]string{}
	for _, src := range content.ImageURLs(a.Body) {
		name, data, err := p.Images.Fetch(ctx, src)
		if err != nil {
			return wechat.DraftArticle{}, err
		}
		if urls[src], err = p.WeChat.UploadContentImage(ctx, name, data); err != nil {
			return wechat.DraftArticle{}, err
		}
	}
	return wechat.DraftArticle{
		Title: a.Title, Author: a.Author, Digest: content.Digest(a.Digest, a.Body),
		Content: content.RewriteImageURLs(a.Body, urls), SourceURL: a.SourceURL, ThumbMediaID: thumb,
	}, nil
}

// errorf is fmt.Errorf for this package's internal errors.
func errorf(format string, args ...any) error { return fmt.Errorf("publishing: "+format, args...) }
