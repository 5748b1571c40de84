package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"

	"govmp/models"
)

// ArticleFilter narrows ListArticles.
type ArticleFilter struct {
	State      string
	ColumnID   uint
	CategoryID uint
	AuthorID   uint
	Limit      int
	Offset     int
}

// CreateArticle validates a and stores it as a draft in columnIDs.
func (s *Store) CreateArticle(ctx context.Context, a *models.Article, columnIDs []uint) error {
	if err := a.Validate(); err != nil {
		return err
	}
	if err := s.checkRefs(ctx, a.CategoryID, columnIDs); err != nil {
		return err
	}
	return s.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Create(a).Error; err != nil {
			return fmt.Errorf("store: unable to create article: %w", err)
		}
		a.ColumnIDs = columnIDs
		return setColumns(tx, a.ID, columnIDs)
	})
}

// UpdateArticle replaces the editable fields of an article that is still a
// draft; once submitted, the reviewed text must not change under the reviewer.
func (s *Store) UpdateArticle(ctx context.Context, a *models.Article, columnIDs []uint) error {
	if err := a.Validate(); err != nil {
		return err
	}
	if err := s.checkRefs(ctx, a.CategoryID, columnIDs); err != nil {
		return err
	}
	return s.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		res := tx.Model(&models.Article{}).Where("id = ? AND state = ?", a.ID, "draft").Updates(map[string]any{
			"title": a.Title, "author": a.Author, "digest": a.Digest, "body": a.Body, "cover_url": a.CoverURL,
			"source_url": a.SourceURL, "category_id": a.CategoryID, "index_no": a.IndexNo, "doc_no": a.DocNo,
			"issuer": a.Issuer, "interpretation_url": a.InterpretationURL, "original": a.Original,
		})
		if res.Error != nil {
			return fmt.Errorf("store: unable to update article: %w", res.Error)
		}
		if res.RowsAffected == 0 {
			return models.Errorf(models.ECONFLICT, "只有草稿可以修改（退回或撤回的文章请先“重新编辑”） / only drafts can be edited")
		}
		return setColumns(tx, a.ID, columnIDs)
	})
}

func setColumns(tx *gorm.DB, articleID uint, columnIDs []uint) error {
	if err := tx.Where("article_id = ?", articleID).Delete(&models.ArticleColumn{}).Error; err != nil {
		return fmt.Errorf("store: unable to set article columns: %w", err)
	}
	seen := map[uint]bool{}
	for _, c := range columnIDs {
		if seen[c] {
			continue
		}
		seen[c] = true
		if err := tx.Create(&models.ArticleColumn{ArticleID: articleID, ColumnID: c}).Error; err != nil {
			return fmt.Errorf("store: unable to set article columns: %w", err)
		}
	}
	return nil
}

// checkRefs refuses unknown categories and columns with a field error.
func (s *Store) checkRefs(ctx context.Context, categoryID uint, columnIDs []uint) error {
	var n int64
	if err := s.DB.WithContext(ctx).Model(&models.Category{}).Where("id = ?", categoryID).Count(&n).Error; err != nil {
		return fmt.Errorf("store: unable to check category: %w", err)
	}
	if n == 0 {
		return models.Invalid("category_id", "信息类别不存在 / unknown category")
	}
	for _, c := range columnIDs {
		if err := s.DB.WithContext(ctx).Model(&models.Column{}).Where("id = ?", c).Count(&n).Error; err != nil {
			return fmt.Errorf("store: unable to check column: %w", err)
		}
		if n == 0 {
			return models.Invalid("column_ids", fmt.Sprintf("栏目 %d 不存在 / unknown column", c))
		}
	}
	return nil
}

// Article returns one article with its column IDs, or ENOTFOUND.
func (s *Store) Article(ctx context.Context, id uint) (*models.Article, error) {
	var a models.Article
	err := s.DB.WithContext(ctx).First(&a, id).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, models.Errorf(models.ENOTFOUND, "文章 %d 不存在 / article not found", id)
	}
	if err != nil {
		return nil, fmt.Errorf("store: unable to load article: %w", err)
	}
	if err := s.fillColumns(ctx, []*models.Article{&a}); err != nil {
		return nil, err
	}
	return &a, nil
}

func (s *Store) fillColumns(ctx context.Context, arts []*models.Article) error {
	if len(arts) == 0 {
		return nil
	}
	ids := make([]uint, len(arts))
	byID := map[uint]*models.Article{}
	for i, a := range arts {
		ids[i], byID[a.ID] = a.ID, a
		a.ColumnIDs = []uint{}
	}
	var links []models.ArticleColumn
	if err := s.DB.WithContext(ctx).Where("article_id IN ?", ids).Order("column_id").Find(&links).Error; err != nil {
		return fmt.Errorf("store: unable to load article columns: %w", err)
	}
	for _, l := range links {
		byID[l.ArticleID].ColumnIDs = append(byID[l.ArticleID].ColumnIDs, l.ColumnID)
	}
	return nil
}

// ListArticles returns matching articles, newest first, and the total.
func (s *Store) ListArticles(ctx context.Context, f ArticleFilter) ([]models.Article, int64, error) {
	q := s.DB.WithContext(ctx).Model(&models.Article{})
	if f.State != "" {
		q = q.Where("state = ?", f.State)
	}
	if f.CategoryID != 0 {
		q = q.Where("category_id = ?", f.CategoryID)
	}
	if f.AuthorID != 0 {
		q = q.Where("author_id = ?", f.AuthorID)
	}
	if f.ColumnID != 0 {
		q = q.Where("id IN (?)", s.DB.Model(&models.ArticleColumn{}).Select("article_id").Where("column_id = ?", f.ColumnID))
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, fmt.Errorf("store: unable to count articles: %w", err)
	}
	var out []models.Article
	if err := q.Order("id DESC").Limit(f.Limit).Offset(f.Offset).Find(&out).Error; err != nil {
		return nil, 0, fmt.Errorf("store: unable to list articles: %w", err)
	}
	ptrs := make([]*models.Article, len(out))
	for i := range out {
		ptrs[i] = &out[i]
	}
	return out, total, s.fillColumns(ctx, ptrs)
}

// Transition moves an article from one state to another with extra column
// updates, and writes the audit entry in the same transaction. The update is
// conditional on the state the caller saw, so two concurrent reviewers (or
// a reviewer and the scheduler) cannot both succeed.
func (s *Store) Transition(ctx context.Context, id uint, from, to string, updates map[string]any, audit models.AuditEntry) error {
	return s.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		return transitionTx(tx, id, from, to, 0, updates, audit)
	})
}

// transitionTx changes the state of an article carried by publication
// pending (0 = none): an article on its way to WeChat is left alone.
func transitionTx(tx *gorm.DB, id uint, from, to string, pending uint, updates map[string]any, audit models.AuditEntry) error {
	set := map[string]any{"state": to}
	for k, v := range updates {
		set[k] = v
	}
	res := tx.Model(&models.Article{}).Where("id = ? AND state = ? AND pending_publish_id = ?", id, from, pending).Updates(set)
	if res.Error != nil {
		return fmt.Errorf("store: unable to change article state: %w", res.Error)
	}
	if res.RowsAffected == 0 {
		return models.Errorf(models.ECONFLICT, "文章状态已被他人更改或正在发布中，请刷新后重试 / the article changed meanwhile or is being published")
	}
	if err := tx.Create(&audit).Error; err != nil {
		return fmt.Errorf("store: unable to write audit entry: %w", err)
	}
	return nil
}

// PublishedInColumn returns the column's latest published articles.
func (s *Store) PublishedInColumn(ctx context.Context, columnID uint, limit, offset int) ([]models.Article, error) {
	var out []models.Article
	err := s.DB.WithContext(ctx).
		Where("state = ? AND id IN (?)", "published", s.DB.Model(&models.ArticleColumn{}).Select("article_id").Where("column_id = ?", columnID)).
		Order("published_at DESC, id DESC").Limit(limit).Offset(offset).Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("store: unable to list column articles: %w", err)
	}
	return out, nil
}

// LatestPublished returns the latest published articles of any column.
func (s *Store) LatestPublished(ctx context.Context, limit int) ([]models.Article, error) {
	var out []models.Article
	err := s.DB.WithContext(ctx).Where("state = ?", "published").
		Order("published_at DESC, id DESC").Limit(limit).Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("store: unable to list latest articles: %w", err)
	}
	return out, nil
}

// PublishedTitle is the part of a published article text search needs.
type PublishedTitle struct {
	ID          uint
	Title       string
	Digest      string
	CoverURL    string
	PublishedAt time.Time
}

// PublishedTitles returns the most recent published articles' titles.
func (s *Store) PublishedTitles(ctx context.Context, limit int) ([]PublishedTitle, error) {
	var out []PublishedTitle
	err := s.DB.WithContext(ctx).Model(&models.Article{}).Select("id, title, digest, cover_url, published_at").
		Where("state = ?", "published").Order("published_at DESC").Limit(limit).Scan(&out).Error
	if err != nil {
		return nil, fmt.Errorf("store: unable to list titles: %w", err)
	}
	return out, nil
}

// DueScheduled returns scheduled articles whose time has come and which no
// publication is carrying yet.
func (s *Store) DueScheduled(ctx context.Context, now time.Time) ([]models.Article, error) {
	var out []models.Article
	err := s.DB.WithContext(ctx).Where("state = ? AND scheduled_at <= ? AND pending_publish_id = 0", "scheduled", now).
		Order("scheduled_at, id").Limit(100).Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("store: unable to list scheduled articles: %w", err)
	}
	return out, nil
}

// SetCoverMedia caches the permanent material made from an article's cover.
func (s *Store) SetCoverMedia(ctx context.Context, id uint, mediaID, from string) error {
	err := s.DB.WithContext(ctx).Model(&models.Article{}).Where("id = ?", id).
		Updates(map[string]any{"cover_media_id": mediaID, "cover_media_from": from}).Error
	if err != nil {
		return fmt.Errorf("store: unable to save cover material: %w", err)
	}
	return nil
}

// NoteScheduleProblem shows why a scheduled article could not be published
// and stops the scheduler retrying it until the editor reschedules.
func (s *Store) NoteScheduleProblem(ctx context.Context, id uint, msg string) error {
	err := s.DB.WithContext(ctx).Model(&models.Article{}).Where("id = ? AND state = ? AND pending_publish_id = 0", id, "scheduled").
		Updates(map[string]any{"publish_error": msg, "scheduled_at": nil}).Error
	if err != nil {
		return fmt.Errorf("store: unable to note the schedule problem: %w", err)
	}
	return nil
}
