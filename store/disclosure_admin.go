package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"govmp/models"
)

// DisclosureCalendarYears returns the administrators' holiday overrides by year.
func (s *Store) DisclosureCalendarYears(ctx context.Context) ([]models.DisclosureCalendarYear, error) {
	var out []models.DisclosureCalendarYear
	if err := s.DB.WithContext(ctx).Order("year").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("store: unable to read calendar overrides: %w", err)
	}
	return out, nil
}

// SaveDisclosureCalendarYear inserts or replaces one year's override.
func (s *Store) SaveDisclosureCalendarYear(ctx context.Context, y *models.DisclosureCalendarYear) error {
	err := s.DB.WithContext(ctx).Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "year"}},
		DoUpdates: clause.AssignmentColumns([]string{"off", "work", "updated_by", "updated_at"}),
	}).Create(y).Error
	if err != nil {
		return fmt.Errorf("store: unable to save calendar override: %w", err)
	}
	return nil
}

// DeleteDisclosureCalendarYear removes one year's override (ENOTFOUND if none).
func (s *Store) DeleteDisclosureCalendarYear(ctx context.Context, year int) error {
	res := s.DB.WithContext(ctx).Delete(&models.DisclosureCalendarYear{}, "year = ?", year)
	if res.Error != nil {
		return fmt.Errorf("store: unable to delete calendar override: %w", res.Error)
	}
	if res.RowsAffected == 0 {
		return models.Errorf(models.ENOTFOUND, "%d 年没有自定义节假日安排 / no override for %d", year, year)
	}
	return nil
}

// AddDisclosureAttachment stores a file of a reply document.
func (s *Store) AddDisclosureAttachment(ctx context.Context, a *models.DisclosureAttachment) error {
	if err := s.DB.WithContext(ctx).Create(a).Error; err != nil {
		return fmt.Errorf("store: unable to store attachment: %w", err)
	}
	return nil
}

// DisclosureAttachments lists a request's attachments without their content.
func (s *Store) DisclosureAttachments(ctx context.Context, requestID uint) ([]models.DisclosureAttachment, error) {
	var out []models.DisclosureAttachment
	err := s.DB.WithContext(ctx).Omit("data").Where("request_id = ?", requestID).Order("id").Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("store: unable to list attachments: %w", err)
	}
	return out, nil
}

// DisclosureAttachment returns one attachment with its content, or ENOTFOUND.
func (s *Store) DisclosureAttachment(ctx context.Context, requestID, id uint) (*models.DisclosureAttachment, error) {
	var a models.DisclosureAttachment
	err := s.DB.WithContext(ctx).Where("id = ? AND request_id = ?", id, requestID).Take(&a).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, models.Errorf(models.ENOTFOUND, "附件不存在 / attachment not found")
	}
	if err != nil {
		return nil, fmt.Errorf("store: unable to read attachment: %w", err)
	}
	return &a, nil
}

// purgedColumns are erased by the retention purge: everything that
// identifies the applicant or repeats what they wrote.
var purgedColumns = map[string]any{
	"applicant_name": "", "id_number_enc": "", "id_number_blind": "", "work_unit": "", "credit_code": "",
	"legal_rep": "", "contact_person": "", "phone_enc": "", "phone_blind": "", "address": "", "postcode": "",
	"email": "", "description": "", "purpose": "", "correction_text": "", "reply_text": "", "open_id": "",
	"query_blind": "", "extension_reason": "",
}

// PurgeDisclosureRequests erases the personal data of every request closed
// or withdrawn before the cut-off date (YYYY-MM-DD) and not yet purged,
// deletes their attachments and notices, and records the purge, all in one
// transaction. The statistical skeleton (number, kind, dates, outcome) stays
// so that annual reports already filed still add up.
func (s *Store) PurgeDisclosureRequests(ctx context.Context, actor, before string, now time.Time) (*models.DisclosurePurge, error) {
	rec := &models.DisclosurePurge{Actor: actor, Before: before}
	err := s.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var rows []models.DisclosureRequest
		err := tx.Select("id, number").Where("state IN ? AND closed_on <> '' AND closed_on < ? AND purged_at IS NULL", closedStates, before).
			Order("id").Find(&rows).Error
		if err != nil {
			return err
		}
		ids := make([]uint, len(rows))
		numbers := make([]string, len(rows))
		for i, r := range rows {
			ids[i], numbers[i] = r.ID, r.Number
		}
		rec.Count, rec.Numbers = len(rows), strings.Join(numbers, ",")
		if len(ids) > 0 {
			upd := map[string]any{"purged_at": now.UTC(), "version": gorm.Expr("version + 1")}
			for k, v := range purgedColumns {
				upd[k] = v
			}
			if err := tx.Model(&models.DisclosureRequest{}).Where("id IN ?", ids).Updates(upd).Error; err != nil {
				return err
			}
			if err := tx.Where("request_id IN ?", ids).Delete(&models.DisclosureAttachment{}).Error; err != nil {
				return err
			}
			if err := tx.Where("request_id IN ?", ids).Delete(&models.DisclosureNotice{}).Error; err != nil {
				return err
			}
		}
		return tx.Create(rec).Error
	})
	if err != nil {
		return nil, fmt.Errorf("store: unable to purge disclosure requests: %w", err)
	}
	return rec, nil
}

// DisclosurePurges lists purge records, newest first.
func (s *Store) DisclosurePurges(ctx context.Context, limit int) ([]models.DisclosurePurge, error) {
	var out []models.DisclosurePurge
	if err := s.DB.WithContext(ctx).Order("id DESC").Limit(limit).Find(&out).Error; err != nil {
		return nil, fmt.Errorf("store: unable to list purges: %w", err)
	}
	return out, nil
}
