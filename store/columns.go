package store

import (
	"context"
	"errors"
	"fmt"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"govmp/models"
)

// SeedColumns are the three 专栏 of the seed report, in menu order.
var SeedColumns = []models.Column{
	{Slug: "dangshi", Name: "党史学习教育", SortOrder: 1, Active: true},
	{Slug: "tuopin", Name: "脱贫攻坚网上展馆", SortOrder: 2, Active: true},
	{Slug: "yiqing", Name: "各地疫情防控措施", SortOrder: 3, Active: true},
}

// SeedCategories are the disclosure categories of the seed report's 一(一).
var SeedCategories = []string{"滚动图片重要新闻", "部门文件", "概况类信息", "政务动态信息", "乡村振兴信息"}

// seedMarker records that the reference data was seeded once, so an admin's
// later renames and deletions are not undone by the next migration.
const seedMarker = "seed.content.v1"

// seedContent inserts the seeded columns and categories once.
func (s *Store) seedContent() error {
	ctx := context.Background()
	done, err := s.Setting(ctx, seedMarker, "")
	if err != nil || done != "" {
		return err
	}
	err = s.DB.Transaction(func(tx *gorm.DB) error {
		for _, c := range SeedColumns {
			c := c
			if err := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&c).Error; err != nil {
				return err
			}
		}
		for i, name := range SeedCategories {
			c := models.Category{Name: name, SortOrder: i + 1, Active: true}
			if err := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&c).Error; err != nil {
				return err
			}
		}
		return tx.Clauses(clause.OnConflict{UpdateAll: true}).Create(&models.Setting{Key: seedMarker, Value: "1"}).Error
	})
	if err != nil {
		return fmt.Errorf("store: unable to seed columns and categories: %w", err)
	}
	return nil
}

// Columns lists columns in menu order; activeOnly leaves out hidden ones.
func (s *Store) Columns(ctx context.Context, activeOnly bool) ([]models.Column, error) {
	var out []models.Column
	q := s.DB.WithContext(ctx).Order("sort_order, id")
	if activeOnly {
		q = q.Where("active = ?", true)
	}
	if err := q.Find(&out).Error; err != nil {
		return nil, fmt.Errorf("store: unable to list columns: %w", err)
	}
	return out, nil
}

// ColumnBySlug returns an active column, or ENOTFOUND.
func (s *Store) ColumnBySlug(ctx context.Context, slug string) (*models.Column, error) {
	var c models.Column
	err := s.DB.WithContext(ctx).Where("slug = ? AND active = ?", slug, true).First(&c).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, models.Errorf(models.ENOTFOUND, "栏目不存在 / column not found")
	}
	if err != nil {
		return nil, fmt.Errorf("store: unable to find column: %w", err)
	}
	return &c, nil
}

// SaveColumn validates and inserts (ID 0) or updates a column.
func (s *Store) SaveColumn(ctx context.Context, c *models.Column) error {
	if err := c.Validate(); err != nil {
		return err
	}
	err := s.saveEditable(ctx, c, c.ID, "栏目")
	if errors.Is(err, gorm.ErrDuplicatedKey) {
		return models.Errorf(models.ECONFLICT, "栏目标识 %s 已存在 / slug already used", c.Slug)
	}
	if err != nil {
		return fmt.Errorf("store: unable to save column: %w", err)
	}
	return nil
}

// Categories lists disclosure categories in report order.
func (s *Store) Categories(ctx context.Context, activeOnly bool) ([]models.Category, error) {
	var out []models.Category
	q := s.DB.WithContext(ctx).Order("sort_order, id")
	if activeOnly {
		q = q.Where("active = ?", true)
	}
	if err := q.Find(&out).Error; err != nil {
		return nil, fmt.Errorf("store: unable to list categories: %w", err)
	}
	return out, nil
}

// SaveCategory validates and inserts (ID 0) or updates a category.
func (s *Store) SaveCategory(ctx context.Context, c *models.Category) error {
	if err := c.Validate(); err != nil {
		return err
	}
	err := s.saveEditable(ctx, c, c.ID, "类别")
	if errors.Is(err, gorm.ErrDuplicatedKey) {
		return models.Errorf(models.ECONFLICT, "类别 %s 已存在 / category already exists", c.Name)
	}
	if err != nil {
		return fmt.Errorf("store: unable to save category: %w", err)
	}
	return nil
}

// saveEditable inserts row (id 0) or replaces every field of an existing
// one except its creation time, then reloads it so the caller sees what is
// stored. gorm's Save would also overwrite created_at with the zero time.
func (s *Store) saveEditable(ctx context.Context, row any, id uint, what string) error {
	db := s.DB.WithContext(ctx)
	if id == 0 {
		return db.Create(row).Error
	}
	if err := s.mustExist(ctx, row, id, what); err != nil {
		return err
	}
	if err := db.Model(row).Select("*").Omit("id", "created_at").Updates(row).Error; err != nil {
		return err
	}
	return db.First(row, id).Error
}

// mustExist returns ENOTFOUND when id is set but no such row exists, so an
// update of a missing row does not silently insert one.
func (s *Store) mustExist(ctx context.Context, model any, id uint, what string) error {
	if id == 0 {
		return nil
	}
	var n int64
	if err := s.DB.WithContext(ctx).Model(model).Where("id = ?", id).Count(&n).Error; err != nil {
		return fmt.Errorf("store: unable to look up %s: %w", what, err)
	}
	if n == 0 {
		return models.Errorf(models.ENOTFOUND, "%s %d 不存在 / not found", what, id)
	}
	return nil
}
