package store

import (
	"context"
	"errors"
	"fmt"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"govmp/models"
)

// KeywordRules returns every rule, highest priority first.
func (s *Store) KeywordRules(ctx context.Context) ([]models.KeywordRule, error) {
	var rules []models.KeywordRule
	err := s.DB.WithContext(ctx).Order("priority DESC, id ASC").Find(&rules).Error
	if err != nil {
		return nil, fmt.Errorf("store: unable to list keyword rules: %w", err)
	}
	return rules, nil
}

// SaveKeywordRule validates and inserts or updates a rule.
func (s *Store) SaveKeywordRule(ctx context.Context, r *models.KeywordRule) error {
	if err := r.Validate(); err != nil {
		return err
	}
	if r.ID != 0 {
		var n int64
		if err := s.DB.WithContext(ctx).Model(&models.KeywordRule{}).Where("id = ?", r.ID).Count(&n).Error; err != nil {
			return fmt.Errorf("store: unable to find keyword rule: %w", err)
		}
		if n == 0 {
			return models.Errorf(models.ENOTFOUND, "关键词规则 %d 不存在 / keyword rule not found", r.ID)
		}
	}
	if err := s.DB.WithContext(ctx).Save(r).Error; err != nil {
		return fmt.Errorf("store: unable to save keyword rule: %w", err)
	}
	return nil
}

// DeleteKeywordRule removes a rule.
func (s *Store) DeleteKeywordRule(ctx context.Context, id uint) error {
	res := s.DB.WithContext(ctx).Delete(&models.KeywordRule{}, id)
	if res.Error != nil {
		return fmt.Errorf("store: unable to delete keyword rule: %w", res.Error)
	}
	if res.RowsAffected == 0 {
		return models.Errorf(models.ENOTFOUND, "关键词规则 %d 不存在 / keyword rule not found", id)
	}
	return nil
}

// Setting returns the value stored under key, or def when none is stored.
func (s *Store) Setting(ctx context.Context, key, def string) (string, error) {
	var st models.Setting
	err := s.DB.WithContext(ctx).Where("`key` = ?", key).First(&st).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return def, nil
	}
	if err != nil {
		return def, fmt.Errorf("store: unable to read setting %s: %w", key, err)
	}
	return st.Value, nil
}

// SetSetting stores value under key.
func (s *Store) SetSetting(ctx context.Context, key, value string) error {
	err := s.DB.WithContext(ctx).Clauses(clause.OnConflict{UpdateAll: true}).
		Create(&models.Setting{Key: key, Value: value}).Error
	if err != nil {
		return fmt.Errorf("store: unable to save setting %s: %w", key, err)
	}
	return nil
}
