package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"govmp/models"
)

// Setting keys of the content area.
const (
	SettingMenu           = "content.menu"
	SettingSecrecyMarkers = "content.secrecy_markers"
)

// SecrecyMarkers returns the admin-edited 涉密 markers, or def when none are stored.
func (s *Store) SecrecyMarkers(ctx context.Context, def []string) ([]string, error) {
	raw, err := s.Setting(ctx, SettingSecrecyMarkers, "")
	if err != nil || raw == "" {
		return def, err
	}
	var out []string
	if err := json.Unmarshal([]byte(raw), &out); err != nil {
		return def, fmt.Errorf("store: stored secrecy markers are corrupt: %w", err)
	}
	return out, nil
}

// SetSecrecyMarkers stores the marker list.
func (s *Store) SetSecrecyMarkers(ctx context.Context, markers []string) error {
	raw, _ := json.Marshal(markers) // a []string always marshals
	return s.SetSetting(ctx, SettingSecrecyMarkers, string(raw))
}

// MenuJSON returns the stored menu JSON, or "" when none was saved.
func (s *Store) MenuJSON(ctx context.Context) (string, error) {
	return s.Setting(ctx, SettingMenu, "")
}

// SaveMenuJSON stores the menu JSON (already validated by the caller).
func (s *Store) SaveMenuJSON(ctx context.Context, raw string) error {
	return s.SetSetting(ctx, SettingMenu, raw)
}

// PublishedCount is how many articles were published in a group.
type PublishedCount struct {
	ID    uint   `json:"id"`
	Name  string `json:"name"`
	Count int64  `json:"count"`
}

// CountByCategory counts articles published (withdrawn later or not) in
// [from, to) per category, every category listed.
func (s *Store) CountByCategory(ctx context.Context, from, to time.Time) ([]PublishedCount, error) {
	var out []PublishedCount
	err := s.DB.WithContext(ctx).Model(&models.Category{}).
		Select("categories.id AS id, categories.name AS name, COUNT(articles.id) AS count").
		Joins("LEFT JOIN articles ON articles.category_id = categories.id AND articles.state IN ? AND articles.published_at >= ? AND articles.published_at < ?", []string{"published", "withdrawn"}, from, to).
		Group("categories.id, categories.name, categories.sort_order").Order("categories.sort_order, categories.id").Scan(&out).Error
	if err != nil {
		return nil, fmt.Errorf("store: unable to count by category: %w", err)
	}
	return out, nil
}

// CountByColumn counts articles published in [from, to) per column.
func (s *Store) CountByColumn(ctx context.Context, from, to time.Time) ([]PublishedCount, error) {
	var out []PublishedCount
	err := s.DB.WithContext(ctx).Model(&models.Column{}).
		Select("columns.id AS id, columns.name AS name, COUNT(articles.id) AS count").
		Joins("LEFT JOIN article_columns ON article_columns.column_id = columns.id").
		Joins("LEFT JOIN articles ON articles.id = article_columns.article_id AND articles.state IN ? AND articles.published_at >= ? AND articles.published_at < ?", []string{"published", "withdrawn"}, from, to).
		Group("columns.id, columns.name, columns.sort_order").Order("columns.sort_order, columns.id").Scan(&out).Error
	if err != nil {
		return nil, fmt.Errorf("store: unable to count by column: %w", err)
	}
	return out, nil
}

// Publication is a published article's date and origin, for oversight.
type Publication struct {
	PublishedAt time.Time
	Original    bool
}

// Publications lists articles published in [from, to).
func (s *Store) Publications(ctx context.Context, from, to time.Time) ([]Publication, error) {
	var out []Publication
	err := s.DB.WithContext(ctx).Model(&models.Article{}).Select("published_at, original").
		Where("published_at >= ? AND published_at < ? AND state IN ?", from, to, []string{"published", "withdrawn"}).
		Order("published_at").Scan(&out).Error
	if err != nil {
		return nil, fmt.Errorf("store: unable to list publications: %w", err)
	}
	return out, nil
}

// LastPublishedAt returns when the latest article was published (zero: never).
func (s *Store) LastPublishedAt(ctx context.Context) (time.Time, error) {
	var a models.Article
	err := s.DB.WithContext(ctx).Select("published_at").Where("published_at IS NOT NULL").
		Order("published_at DESC").Limit(1).Find(&a).Error
	if err != nil {
		return time.Time{}, fmt.Errorf("store: unable to find the last publication: %w", err)
	}
	if a.PublishedAt == nil {
		return time.Time{}, nil
	}
	return *a.PublishedAt, nil
}
