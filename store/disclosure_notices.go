package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"

	"govmp/models"
)

// CreateDisclosureNotice stores a notice (normally pending).
func (s *Store) CreateDisclosureNotice(ctx context.Context, n *models.DisclosureNotice) error {
	if err := s.DB.WithContext(ctx).Create(n).Error; err != nil {
		return fmt.Errorf("store: unable to create notice: %w", err)
	}
	return nil
}

// RecordNoticeAttempt records one delivery attempt: sent, or still pending
// with the reason. Only a pending notice is changed, so two replicas racing
// on the same notice cannot mark it twice.
func (s *Store) RecordNoticeAttempt(ctx context.Context, id uint, at time.Time, sent bool, reason string) error {
	at = at.UTC()
	upd := map[string]any{"attempts": gorm.Expr("attempts + 1"), "last_attempt_at": at, "last_error": truncate(reason, 255)}
	if sent {
		upd["status"], upd["sent_at"] = models.NoticeSent, at
	}
	err := s.DB.WithContext(ctx).Model(&models.DisclosureNotice{}).
		Where("id = ? AND status = ?", id, models.NoticePending).Updates(upd).Error
	if err != nil {
		return fmt.Errorf("store: unable to record a notice attempt: %w", err)
	}
	return nil
}

// PendingDisclosureNotices lists notices still waiting, oldest first.
func (s *Store) PendingDisclosureNotices(ctx context.Context, limit int) ([]models.DisclosureNotice, error) {
	var out []models.DisclosureNotice
	err := s.DB.WithContext(ctx).Where("status = ?", models.NoticePending).Order("id").Limit(limit).Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("store: unable to list pending notices: %w", err)
	}
	return out, nil
}

// DisclosureNotices lists every notice of one request, oldest first.
func (s *Store) DisclosureNotices(ctx context.Context, requestID uint) ([]models.DisclosureNotice, error) {
	var out []models.DisclosureNotice
	if err := s.DB.WithContext(ctx).Where("request_id = ?", requestID).Order("id").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("store: unable to list notices: %w", err)
	}
	return out, nil
}

// FollowersByOpenID returns the followers known among openIDs, keyed by openid.
func (s *Store) FollowersByOpenID(ctx context.Context, openIDs []string) (map[string]models.Follower, error) {
	out := map[string]models.Follower{}
	if len(openIDs) == 0 {
		return out, nil
	}
	var list []models.Follower
	if err := s.DB.WithContext(ctx).Where("open_id IN ?", openIDs).Find(&list).Error; err != nil {
		return nil, fmt.Errorf("store: unable to read followers: %w", err)
	}
	for _, f := range list {
		out[f.OpenID] = f
	}
	return out, nil
}

// AddDisclosureReminder stores a reminder once; a repeat (same dedupe key)
// is ignored. It reports whether the reminder is new.
func (s *Store) AddDisclosureReminder(ctx context.Context, r *models.DisclosureReminder) (bool, error) {
	// A plain insert that treats the duplicate key as "seen": ON CONFLICT DO
	// NOTHING reports affected rows differently on MySQL and SQLite.
	err := s.DB.WithContext(ctx).Create(r).Error
	if errors.Is(err, gorm.ErrDuplicatedKey) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("store: unable to add reminder: %w", err)
	}
	return true, nil
}

// DisclosureReminders lists reminders raised on or after since (YYYY-MM-DD), newest first.
func (s *Store) DisclosureReminders(ctx context.Context, since string, limit int) ([]models.DisclosureReminder, error) {
	var out []models.DisclosureReminder
	err := s.DB.WithContext(ctx).Where("day >= ?", since).Order("id DESC").Limit(limit).Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("store: unable to list reminders: %w", err)
	}
	return out, nil
}

// DisclosureNoticeByID returns one notice or ENOTFOUND.
func (s *Store) DisclosureNoticeByID(ctx context.Context, id uint) (*models.DisclosureNotice, error) {
	var n models.DisclosureNotice
	err := s.DB.WithContext(ctx).Where("id = ?", id).Take(&n).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, models.Errorf(models.ENOTFOUND, "通知不存在 / notice not found")
	}
	if err != nil {
		return nil, fmt.Errorf("store: unable to read notice: %w", err)
	}
	return &n, nil
}
