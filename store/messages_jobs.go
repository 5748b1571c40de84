package store

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"govmp/inbox"
	"govmp/models"
)

// MessagesNeedingMedia returns messages whose media is still to be fetched,
// oldest first, so the ones closest to WeChat's 3-day expiry go first.
func (s *Store) MessagesNeedingMedia(ctx context.Context, limit int) ([]models.Message, error) {
	var out []models.Message
	err := s.DB.WithContext(ctx).Where("media_state = ?", models.MediaPending).Order("received_at, id").Limit(limit).Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("store: unable to list media to fetch: %w", err)
	}
	return out, nil
}

// SaveMessageMedia stores fetched media and marks the message fetched.
// Storing it twice (two replicas) keeps the first copy.
func (s *Store) SaveMessageMedia(ctx context.Context, m *models.MessageMedia) error {
	return s.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var n int64
		if err := tx.Model(&models.MessageMedia{}).Where("message_id = ?", m.MessageID).Count(&n).Error; err != nil {
			return fmt.Errorf("store: unable to check media: %w", err)
		}
		if n == 0 {
			if err := tx.Create(m).Error; err != nil {
				return fmt.Errorf("store: unable to store media: %w", err)
			}
		}
		return tx.Model(&models.Message{}).Where("id = ?", m.MessageID).
			Updates(map[string]any{"media_state": models.MediaFetched, "media_error": ""}).Error
	})
}

// MarkMediaState records why media could not be kept (expired, too large,
// failed) with a plain reason.
func (s *Store) MarkMediaState(ctx context.Context, messageID uint, state, reason string) error {
	err := s.DB.WithContext(ctx).Model(&models.Message{}).Where("id = ?", messageID).
		Updates(map[string]any{"media_state": state, "media_error": reason}).Error
	if err != nil {
		return fmt.Errorf("store: unable to mark media: %w", err)
	}
	return nil
}

// MessageMediaOf returns a message's stored media; missing is ENOTFOUND.
func (s *Store) MessageMediaOf(ctx context.Context, messageID uint) (*models.MessageMedia, error) {
	var m models.MessageMedia
	err := s.DB.WithContext(ctx).Where("message_id = ?", messageID).First(&m).Error
	if err == gorm.ErrRecordNotFound {
		return nil, models.Errorf(models.ENOTFOUND, "该留言的媒体文件不存在")
	}
	if err != nil {
		return nil, fmt.Errorf("store: unable to read media: %w", err)
	}
	return &m, nil
}

// MessageFacts returns what the 互动回应 figures need of every message
// (not the keyword-answered ones) received in [from, to).
func (s *Store) MessageFacts(ctx context.Context, from, to time.Time) ([]inbox.Fact, error) {
	var rows []models.Message
	err := s.DB.WithContext(ctx).Select("received_at", "state", "first_reply_at").
		Where("keyword_answered = ? AND received_at >= ? AND received_at < ?", false, from, to).Find(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("store: unable to read message facts: %w", err)
	}
	out := make([]inbox.Fact, len(rows))
	for i, r := range rows {
		out[i] = inbox.Fact{Received: r.ReceivedAt, State: r.State}
		if r.FirstReplyAt != nil {
			out[i].FirstReplyAt = *r.FirstReplyAt
		}
	}
	return out, nil
}

// OverdueMessages counts pending messages past their due at now, and the
// oldest due among them (zero when none), for oversight.
func (s *Store) OverdueMessages(ctx context.Context, now time.Time) (int64, time.Time, error) {
	// Two plain queries: MIN() over a time column comes back from SQLite as
	// text the driver cannot scan.
	q := s.DB.WithContext(ctx).Model(&models.Message{}).Where("state = ? AND due_at <= ?", inbox.StatePending, now)
	var n int64
	if err := q.Count(&n).Error; err != nil {
		return 0, time.Time{}, fmt.Errorf("store: unable to count overdue messages: %w", err)
	}
	if n == 0 {
		return 0, time.Time{}, nil
	}
	var oldest models.Message
	err := s.DB.WithContext(ctx).Select("due_at").Where("state = ? AND due_at <= ?", inbox.StatePending, now).
		Order("due_at").Limit(1).Find(&oldest).Error
	if err != nil {
		return 0, time.Time{}, fmt.Errorf("store: unable to read overdue messages: %w", err)
	}
	return n, oldest.DueAt, nil
}

// CountPendingMessages is the unanswered count the console's navigation shows.
func (s *Store) CountPendingMessages(ctx context.Context) (int64, error) {
	var n int64
	err := s.DB.WithContext(ctx).Model(&models.Message{}).Where("state = ?", inbox.StatePending).Count(&n).Error
	if err != nil {
		return 0, fmt.Errorf("store: unable to count pending messages: %w", err)
	}
	return n, nil
}

// PurgeMessages deletes messages received before cutoff with their media,
// replies and notes: the same retention as disclosure data. It returns how
// many messages went.
func (s *Store) PurgeMessages(ctx context.Context, cutoff time.Time, audit models.AuditEntry) (int64, error) {
	var n int64
	err := s.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		old := tx.Model(&models.Message{}).Select("id").Where("received_at < ?", cutoff)
		for _, child := range []any{&models.MessageMedia{}, &models.MessageReply{}, &models.MessageNote{}} {
			if err := tx.Where("message_id IN (?)", old).Delete(child).Error; err != nil {
				return fmt.Errorf("store: unable to purge message data: %w", err)
			}
		}
		res := tx.Where("received_at < ?", cutoff).Delete(&models.Message{})
		if res.Error != nil {
			return fmt.Errorf("store: unable to purge messages: %w", res.Error)
		}
		n = res.RowsAffected
		if n == 0 {
			return nil
		}
		audit.Detail = fmt.Sprintf("删除 %s 之前收到的留言 %d 条", cutoff.In(models.Beijing).Format("2006-01-02"), n)
		return auditTx(tx, audit)
	})
	return n, err
}

// ReplyTemplates lists the saved answers by title.
func (s *Store) ReplyTemplates(ctx context.Context) ([]models.ReplyTemplate, error) {
	var out []models.ReplyTemplate
	if err := s.DB.WithContext(ctx).Order("title, id").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("store: unable to list reply templates: %w", err)
	}
	return out, nil
}

// SaveReplyTemplate inserts (ID 0) or replaces a template, audited.
func (s *Store) SaveReplyTemplate(ctx context.Context, t *models.ReplyTemplate, audit models.AuditEntry) error {
	return s.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		q := tx.Create(t)
		if t.ID != 0 {
			q = tx.Model(t).Where("id = ?", t.ID).Select("title", "text").Updates(t)
		}
		if q.Error != nil {
			return fmt.Errorf("store: unable to save reply template: %w", q.Error)
		}
		if t.ID != 0 && q.RowsAffected == 0 {
			return models.Errorf(models.ENOTFOUND, "常用回复不存在")
		}
		return auditTx(tx, audit)
	})
}

// DeleteReplyTemplate removes a template, audited.
func (s *Store) DeleteReplyTemplate(ctx context.Context, id uint, audit models.AuditEntry) error {
	return s.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		res := tx.Delete(&models.ReplyTemplate{}, id)
		if res.Error != nil {
			return fmt.Errorf("store: unable to delete reply template: %w", res.Error)
		}
		if res.RowsAffected == 0 {
			return models.Errorf(models.ENOTFOUND, "常用回复不存在")
		}
		return auditTx(tx, audit)
	})
}
