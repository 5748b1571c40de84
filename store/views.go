package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"

	"govmp/models"
)

// ViewDelta is what one flush adds to one article's day: PV is added, UV
// (a running distinct count for the whole day) only ever raises the stored one.
type ViewDelta struct {
	ArticleID uint
	Day       string
	PV        int64
	UV        int64
}

// ApplyViewBatch adds a sealed batch of view counts in one transaction,
// keyed by the batch's id: a batch applied before (a flush that failed
// after committing and is now retried) is skipped and reported as such.
func (s *Store) ApplyViewBatch(ctx context.Context, batchID string, rows []ViewDelta, now time.Time) (applied bool, err error) {
	err = s.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := CheckFence(tx); err != nil {
			return err
		}
		err := tx.Create(&models.ViewFlush{ID: batchID, Rows: len(rows), CreatedAt: now}).Error
		if errors.Is(err, gorm.ErrDuplicatedKey) {
			return errAlreadyApplied
		}
		if err != nil {
			return err
		}
		for _, r := range rows {
			if err := tx.Exec(s.upsertViewSQL(), r.ArticleID, r.Day, r.PV, r.UV).Error; err != nil {
				return err
			}
		}
		return nil
	})
	if errors.Is(err, errAlreadyApplied) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("store: unable to add view counts: %w", err)
	}
	return true, nil
}

var errAlreadyApplied = errors.New("store: batch already applied")

func (s *Store) upsertViewSQL() string {
	if s.dialect == "mysql" {
		return "INSERT INTO article_view_days (article_id, day, pv, uv) VALUES (?, ?, ?, ?) " +
			"ON DUPLICATE KEY UPDATE pv = pv + VALUES(pv), uv = GREATEST(uv, VALUES(uv))"
	}
	return "INSERT INTO article_view_days (article_id, day, pv, uv) VALUES (?, ?, ?, ?) " +
		"ON CONFLICT(article_id, day) DO UPDATE SET pv = pv + excluded.pv, uv = MAX(uv, excluded.uv)"
}

// ViewTotals are an article's or the account's views over a period.
type ViewTotals struct {
	PV int64 `json:"pv"`
	UV int64 `json:"uv"` // sum of daily unique visitors
}

// ArticleViews returns one article's views per day, oldest first.
func (s *Store) ArticleViews(ctx context.Context, articleID uint) ([]models.ArticleViewDay, error) {
	var out []models.ArticleViewDay
	if err := s.DB.WithContext(ctx).Where("article_id = ?", articleID).Order("day").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("store: unable to load article views: %w", err)
	}
	return out, nil
}

// DayViews is the account's H5 views on one day.
type DayViews struct {
	Day string `json:"day"`
	PV  int64  `json:"pv"`
	UV  int64  `json:"uv"`
}

// ViewsByDay sums views per day for from ≤ day ≤ to (YYYY-MM-DD).
func (s *Store) ViewsByDay(ctx context.Context, from, to string) ([]DayViews, error) {
	var out []DayViews
	err := s.DB.WithContext(ctx).Model(&models.ArticleViewDay{}).Select("day, SUM(pv) AS pv, SUM(uv) AS uv").
		Where("day >= ? AND day <= ?", from, to).Group("day").Order("day").Scan(&out).Error
	if err != nil {
		return nil, fmt.Errorf("store: unable to sum views: %w", err)
	}
	return out, nil
}

// TotalViews sums every article's views for from ≤ day ≤ to.
func (s *Store) TotalViews(ctx context.Context, from, to string) (ViewTotals, error) {
	var t ViewTotals
	err := s.DB.WithContext(ctx).Model(&models.ArticleViewDay{}).Select("COALESCE(SUM(pv),0) AS pv, COALESCE(SUM(uv),0) AS uv").
		Where("day >= ? AND day <= ?", from, to).Scan(&t).Error
	if err != nil {
		return t, fmt.Errorf("store: unable to sum views: %w", err)
	}
	return t, nil
}
