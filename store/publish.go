package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"govmp/models"
)

// errMassUsed is what a second mass send on the same day meets.
var errMassUsed = models.Errorf(models.ECONFLICT, "今日群发次数已用完：订阅号每天只能群发1次，请明天再群发，或改用“发布”（不通知粉丝） / today's mass send is already used")

// CreatePublish stores rec and claims its articles for it in one
// transaction. Articles must be in one of states and not carried by another
// publication. A mass send also takes the day's quota (rec.MassDay).
func (s *Store) CreatePublish(ctx context.Context, rec *models.PublishRecord, states []string) error {
	return s.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		err := tx.Create(rec).Error
		if errors.Is(err, gorm.ErrDuplicatedKey) {
			return errMassUsed
		}
		if err != nil {
			return fmt.Errorf("store: unable to create publish record: %w", err)
		}
		return claim(tx, rec, states)
	})
}

// claim points the record's articles at it; all or none.
func claim(tx *gorm.DB, rec *models.PublishRecord, states []string) error {
	ids := rec.Articles()
	res := tx.Model(&models.Article{}).Where("id IN ? AND pending_publish_id = 0 AND state IN ?", ids, states).
		Updates(map[string]any{"pending_publish_id": rec.ID, "publish_error": ""})
	if res.Error != nil {
		return fmt.Errorf("store: unable to claim articles: %w", res.Error)
	}
	if int(res.RowsAffected) != len(ids) {
		return models.Errorf(models.ECONFLICT, "有文章不是“审核通过/定时发布”状态，或正在发布中 / an article is not approved or is already being published")
	}
	return nil
}

// RetryPublish reopens a failed record for another attempt with the same
// clientmsgid, claiming its articles again.
func (s *Store) RetryPublish(ctx context.Context, id uint, day string, states []string) (*models.PublishRecord, error) {
	var rec models.PublishRecord
	err := s.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.First(&rec, id).Error; err != nil {
			return err
		}
		if rec.Status != models.PublishFailed {
			return models.Errorf(models.ECONFLICT, "只有失败的发布可以重试 / only a failed publication can be retried")
		}
		set := map[string]any{"status": models.PublishPreparing, "attempts": rec.Attempts + 1, "error": "", "error_code": 0}
		if rec.Mode == models.ModeMass && rec.MassDay == nil {
			set["mass_day"] = day
		}
		res := tx.Model(&models.PublishRecord{}).Where("id = ? AND status = ?", id, models.PublishFailed).Updates(set)
		if errors.Is(res.Error, gorm.ErrDuplicatedKey) {
			return errMassUsed
		}
		if res.Error != nil || res.RowsAffected == 0 {
			return models.Errorf(models.ECONFLICT, "该发布正在重试 / the publication is already being retried")
		}
		if err := tx.First(&rec, id).Error; err != nil {
			return err
		}
		return claim(tx, &rec, states)
	})
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, models.Errorf(models.ENOTFOUND, "发布记录不存在 / publication not found")
	}
	if err != nil {
		return nil, wrap("retry publication", err)
	}
	return &rec, nil
}

// wrap keeps user-facing errors as they are and labels the others.
func wrap(what string, err error) error {
	var me *models.Error
	if errors.As(err, &me) {
		return err
	}
	return fmt.Errorf("store: unable to %s: %w", what, err)
}

// UpdatePublish sets fields of a record that is still in flight.
func (s *Store) UpdatePublish(ctx context.Context, id uint, set map[string]any) error {
	err := s.DB.WithContext(ctx).Model(&models.PublishRecord{}).Where("id = ?", id).Updates(set).Error
	if err != nil {
		return fmt.Errorf("store: unable to update publication: %w", err)
	}
	return nil
}

// MassUsedOn reports whether a mass send holds the quota of day.
func (s *Store) MassUsedOn(ctx context.Context, day string) (bool, error) {
	var n int64
	err := s.DB.WithContext(ctx).Model(&models.PublishRecord{}).Where("mass_day = ?", day).Count(&n).Error
	if err != nil {
		return false, fmt.Errorf("store: unable to check the mass-send quota: %w", err)
	}
	return n > 0, nil
}

// Publish returns one record, or ENOTFOUND.
func (s *Store) Publish(ctx context.Context, id uint) (*models.PublishRecord, error) {
	return s.publishWhere(ctx, "id = ?", id)
}

// PublishByPublishID finds a freepublish job by WeChat's publish_id.
func (s *Store) PublishByPublishID(ctx context.Context, publishID int64) (*models.PublishRecord, error) {
	return s.publishWhere(ctx, "publish_id = ? AND mode = ?", publishID, models.ModeFreePublish)
}

// PublishByMsgID finds a mass send by WeChat's msg_id.
func (s *Store) PublishByMsgID(ctx context.Context, msgID int64) (*models.PublishRecord, error) {
	return s.publishWhere(ctx, "msg_id = ? AND mode = ?", msgID, models.ModeMass)
}

func (s *Store) publishWhere(ctx context.Context, where string, args ...any) (*models.PublishRecord, error) {
	var rec models.PublishRecord
	err := s.DB.WithContext(ctx).Where(where, args...).Order("id DESC").First(&rec).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, models.Errorf(models.ENOTFOUND, "发布记录不存在 / publication not found")
	}
	if err != nil {
		return nil, fmt.Errorf("store: unable to load publication: %w", err)
	}
	return &rec, nil
}

// Publishes lists records, newest first; status "" means all.
func (s *Store) Publishes(ctx context.Context, status string, limit int) ([]models.PublishRecord, error) {
	var out []models.PublishRecord
	q := s.DB.WithContext(ctx).Order("id DESC").Limit(limit)
	if status != "" {
		q = q.Where("status = ?", status)
	}
	if err := q.Find(&out).Error; err != nil {
		return nil, fmt.Errorf("store: unable to list publications: %w", err)
	}
	return out, nil
}

// FailPublish ends an in-flight record with a plain-words error and frees
// its articles so the editor can retry. keepQuota leaves the day's mass send
// reserved when WeChat may have sent it after all (a lost answer).
func (s *Store) FailPublish(ctx context.Context, id uint, code int64, msg string, keepQuota bool, now time.Time) error {
	return s.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		set := map[string]any{"status": models.PublishFailed, "error_code": code, "error": msg, "finished_at": now}
		if !keepQuota {
			set["mass_day"] = nil
		}
		res := tx.Model(&models.PublishRecord{}).Where("id = ? AND status IN ?", id,
			[]string{models.PublishPreparing, models.PublishSubmitted}).Updates(set)
		if res.Error != nil {
			return fmt.Errorf("store: unable to record the failure: %w", res.Error)
		}
		if res.RowsAffected == 0 {
			return nil // already finished: a retried event or a poll that lost the race
		}
		err := tx.Model(&models.Article{}).Where("pending_publish_id = ?", id).
			Updates(map[string]any{"pending_publish_id": 0, "publish_error": msg}).Error
		if err != nil {
			return fmt.Errorf("store: unable to release articles: %w", err)
		}
		return nil
	})
}

// Completion is what WeChat reported for a successful publication.
type Completion struct {
	URLs        []string
	WxArticleID string
	SentCount   int64
	ErrorCount  int64
	Actor       string // whoever asked for the publication
	Now         time.Time
}

// CompletePublish marks the record succeeded and its articles published,
// auditing each. Only an in-flight record changes, so a retried finish
// event or a poll racing the event completes it once.
func (s *Store) CompletePublish(ctx context.Context, id uint, c Completion) (bool, error) {
	done := false
	err := s.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		res := tx.Model(&models.PublishRecord{}).Where("id = ? AND status IN ?", id,
			[]string{models.PublishPreparing, models.PublishSubmitted}).Updates(map[string]any{
			"status": models.PublishSucceeded, "urls": strings.Join(c.URLs, "\n"), "wx_article_id": c.WxArticleID,
			"sent_count": c.SentCount, "error_count": c.ErrorCount, "finished_at": c.Now, "error": "", "error_code": 0,
		})
		if res.Error != nil {
			return fmt.Errorf("store: unable to complete publication: %w", res.Error)
		}
		if res.RowsAffected == 0 {
			return nil
		}
		done = true
		var rec models.PublishRecord
		if err := tx.First(&rec, id).Error; err != nil {
			return fmt.Errorf("store: unable to reload publication: %w", err)
		}
		return publishArticles(tx, rec, c)
	})
	return done, err
}

func publishArticles(tx *gorm.DB, rec models.PublishRecord, c Completion) error {
	for i, aid := range rec.Articles() {
		var a models.Article
		if err := tx.Select("id, state").First(&a, aid).Error; err != nil {
			return fmt.Errorf("store: unable to load article %d: %w", aid, err)
		}
		url := ""
		if i < len(c.URLs) {
			url = c.URLs[i]
		}
		audit := models.AuditEntry{Actor: c.Actor, Action: "article.publish", Target: fmt.Sprintf("article:%d", aid),
			Detail: fmt.Sprintf("%s→published via %s (publication %d)", a.State, rec.Mode, rec.ID), CreatedAt: c.Now}
		err := transitionTx(tx, aid, a.State, "published", rec.ID, map[string]any{
			"published_at": c.Now, "wechat_url": url, "pending_publish_id": 0, "publish_error": "",
		}, audit)
		if err != nil {
			return err
		}
	}
	return nil
}
