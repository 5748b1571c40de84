package store

import (
	"context"
	"fmt"
	"strconv"

	"gorm.io/gorm"

	"govmp/models"
)

// Register is one of the registers behind tables 二 and 四.
type Register interface {
	models.RegisterDocument | models.RegisterDecision | models.RegisterCase
}

// ListRegister returns every entry of a register whose date column lies in
// year (0: all years), oldest first.
func ListRegister[T Register](ctx context.Context, s *Store, year int) ([]T, error) {
	var out []T
	q := s.DB.WithContext(ctx).Order("id")
	if year > 0 {
		var zero T
		col := registerDateColumn(any(&zero))
		y := strconv.Itoa(year)
		q = q.Where(col+" BETWEEN ? AND ?", y+"-01-01", y+"-12-31")
	}
	if err := q.Find(&out).Error; err != nil {
		return nil, fmt.Errorf("store: unable to list register: %w", err)
	}
	return out, nil
}

func registerDateColumn(v any) string {
	switch v.(type) {
	case *models.RegisterDocument:
		return "issued_on"
	case *models.RegisterCase:
		return "filed_on"
	}
	return "day"
}

// SaveRegister inserts (ID 0) or replaces an entry and writes the audit
// entry in the same transaction. A missing ID is ENOTFOUND.
func SaveRegister[T Register](ctx context.Context, s *Store, v *T, id uint, audit models.AuditEntry) error {
	return s.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if id != 0 {
			var n int64
			if err := tx.Model(new(T)).Where("id = ?", id).Count(&n).Error; err != nil {
				return fmt.Errorf("store: unable to find register entry: %w", err)
			}
			if n == 0 {
				return models.Errorf(models.ENOTFOUND, "登记记录不存在 / register entry not found")
			}
		}
		q := tx.Create(v)
		if id != 0 {
			// Replace every field but the creation ones, zero values included.
			q = tx.Model(v).Where("id = ?", id).Select("*").Omit("id", "created_at", "created_by").Updates(v)
		}
		if err := q.Error; err != nil {
			return fmt.Errorf("store: unable to save register entry: %w", err)
		}
		if err := tx.Create(&audit).Error; err != nil {
			return fmt.Errorf("store: unable to write audit entry: %w", err)
		}
		return nil
	})
}

// DeleteRegister removes an entry and audits it; a missing ID is ENOTFOUND.
func DeleteRegister[T Register](ctx context.Context, s *Store, id uint, audit models.AuditEntry) error {
	return s.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		res := tx.Where("id = ?", id).Delete(new(T))
		if res.Error != nil {
			return fmt.Errorf("store: unable to delete register entry: %w", res.Error)
		}
		if res.RowsAffected == 0 {
			return models.Errorf(models.ENOTFOUND, "登记记录不存在 / register entry not found")
		}
		if err := tx.Create(&audit).Error; err != nil {
			return fmt.Errorf("store: unable to write audit entry: %w", err)
		}
		return nil
	})
}

// DocCounts are one kind's 第二十条第（一）项 figures for a year.
type DocCounts struct {
	Issued, Abolished, InForce, PrevInForce int64
}

// DocumentYear derives issued, abolished and in-force counts of one kind
// for year from the register's dates.
func (s *Store) DocumentYear(ctx context.Context, kind string, year int) (DocCounts, error) {
	y := strconv.Itoa(year)
	start, end, prevEnd := y+"-01-01", y+"-12-31", strconv.Itoa(year-1)+"-12-31"
	var c DocCounts
	db := s.DB.WithContext(ctx).Model(&models.RegisterDocument{}).Where("kind = ?", kind)
	inForce := func(at string, out *int64) error {
		return db.Session(&gorm.Session{}).Where("issued_on <= ? AND (abolished_on IS NULL OR abolished_on > ?)", at, at).Count(out).Error
	}
	err := firstErr(
		func() error {
			return db.Session(&gorm.Session{}).Where("issued_on BETWEEN ? AND ?", start, end).Count(&c.Issued).Error
		},
		func() error {
			return db.Session(&gorm.Session{}).Where("abolished_on BETWEEN ? AND ?", start, end).Count(&c.Abolished).Error
		},
		func() error { return inForce(end, &c.InForce) },
		func() error { return inForce(prevEnd, &c.PrevInForce) },
	)
	if err != nil {
		return c, fmt.Errorf("store: unable to count documents: %w", err)
	}
	return c, nil
}

// DecisionYear sums the decision counts and fee amounts of year by kind.
func (s *Store) DecisionYear(ctx context.Context, year int) (counts map[string]int64, feeYuan int64, err error) {
	y := strconv.Itoa(year)
	var rows []struct {
		Kind   string
		N, Amt int64
	}
	err = s.DB.WithContext(ctx).Model(&models.RegisterDecision{}).Select("kind, SUM(count) AS n, SUM(amount_yuan) AS amt").
		Where("day BETWEEN ? AND ?", y+"-01-01", y+"-12-31").Group("kind").Scan(&rows).Error
	if err != nil {
		return nil, 0, fmt.Errorf("store: unable to sum decisions: %w", err)
	}
	counts = map[string]int64{}
	for _, r := range rows {
		counts[r.Kind] = r.N
		feeYuan += r.Amt
	}
	return counts, feeYuan, nil
}

// CaseYear counts table 四 for year: every case filed by the year's end and
// not concluded before it began, under its result if concluded by the
// year's end and as 尚未审结 otherwise. Keyed by kind, then result.
func (s *Store) CaseYear(ctx context.Context, year int) (map[string]map[string]int64, error) {
	y := strconv.Itoa(year)
	start, end := y+"-01-01", y+"-12-31"
	var cases []models.RegisterCase
	err := s.DB.WithContext(ctx).Where("filed_on <= ? AND (concluded_on IS NULL OR concluded_on >= ?)", end, start).Find(&cases).Error
	if err != nil {
		return nil, fmt.Errorf("store: unable to count cases: %w", err)
	}
	out := map[string]map[string]int64{}
	for _, c := range cases {
		result := c.Result
		if c.ConcludedOn == nil || *c.ConcludedOn > end {
			result = models.ResultPending
		}
		if out[c.Kind] == nil {
			out[c.Kind] = map[string]int64{}
		}
		out[c.Kind][result]++
	}
	return out, nil
}

// firstErr runs fns in order and returns the first error.
func firstErr(fns ...func() error) error {
	for _, f := range fns {
		if err := f(); err != nil {
			return err
		}
	}
	return nil
}
