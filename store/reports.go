package store

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"govmp/models"
)

// ReportDraft returns the year's draft, or an empty one for that year.
func (s *Store) ReportDraft(ctx context.Context, year int) (*models.AnnualReportDraft, error) {
	d := models.AnnualReportDraft{}
	if err := s.DB.WithContext(ctx).Where("year = ?", year).Limit(1).Find(&d).Error; err != nil {
		return nil, fmt.Errorf("store: unable to read report draft: %w", err)
	}
	d.Year = year
	return &d, nil
}

// SaveReportDraft stores the year's draft, refusing once the year is final,
// and audits the change in the same transaction.
func (s *Store) SaveReportDraft(ctx context.Context, d *models.AnnualReportDraft, audit models.AuditEntry) error {
	return s.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var n int64
		if err := tx.Model(&models.AnnualReportFinal{}).Where("year = ?", d.Year).Count(&n).Error; err != nil {
			return fmt.Errorf("store: unable to read final reports: %w", err)
		}
		if n > 0 {
			return models.Errorf(models.ECONFLICT, "%d年度报告已定稿，不能再修改 / the report is final", d.Year)
		}
		d.UpdatedAt = time.Now().UTC()
		if err := tx.Clauses(clause.OnConflict{UpdateAll: true}).Create(d).Error; err != nil {
			return fmt.Errorf("store: unable to save report draft: %w", err)
		}
		return tx.Create(&audit).Error
	})
}

// FinalReport returns the year's final snapshot, or ENOTFOUND.
func (s *Store) FinalReport(ctx context.Context, year int) (*models.AnnualReportFinal, error) {
	var f models.AnnualReportFinal
	if err := s.DB.WithContext(ctx).Where("year = ?", year).Limit(1).Find(&f).Error; err != nil {
		return nil, fmt.Errorf("store: unable to read final report: %w", err)
	}
	if f.Year == 0 {
		return nil, models.Errorf(models.ENOTFOUND, "%d年度报告尚未定稿 / no final report for %d", year, year)
	}
	return &f, nil
}

// FinalReports lists the final reports, newest year first, without snapshots.
func (s *Store) FinalReports(ctx context.Context) ([]models.AnnualReportFinal, error) {
	var out []models.AnnualReportFinal
	err := s.DB.WithContext(ctx).Select("year, finalized_by, finalized_at").Order("year DESC").Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("store: unable to list final reports: %w", err)
	}
	return out, nil
}

// SaveFinalReport freezes a year; a year already final is ECONFLICT, so two
// officers finalising at once cannot overwrite each other's snapshot.
func (s *Store) SaveFinalReport(ctx context.Context, f *models.AnnualReportFinal, audit models.AuditEntry) error {
	return s.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		res := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(f)
		if res.Error != nil {
			return fmt.Errorf("store: unable to save final report: %w", res.Error)
		}
		if res.RowsAffected == 0 {
			return models.Errorf(models.ECONFLICT, "%d年度报告已定稿 / the report is already final", f.Year)
		}
		return tx.Create(&audit).Error
	})
}

// ReopenReport removes a year's final snapshot (an admin correcting a
// published report) and audits it; ENOTFOUND when the year is not final.
func (s *Store) ReopenReport(ctx context.Context, year int, audit models.AuditEntry) error {
	return s.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		res := tx.Where("year = ?", year).Delete(&models.AnnualReportFinal{})
		if res.Error != nil {
			return fmt.Errorf("store: unable to reopen report: %w", res.Error)
		}
		if res.RowsAffected == 0 {
			return models.Errorf(models.ENOTFOUND, "%d年度报告尚未定稿 / no final report for %d", year, year)
		}
		return tx.Create(&audit).Error
	})
}

// ContentFilter narrows article and view counts to a column and/or a
// disclosure category (0: any).
type ContentFilter struct {
	ColumnID, CategoryID uint
}

// publishedArticles is the articles that went out: published, or
// withdrawn after publication (they were published in their year all the same).
func (s *Store) publishedArticles(ctx context.Context, f ContentFilter) *gorm.DB {
	q := s.DB.WithContext(ctx).Model(&models.Article{}).Where("published_at IS NOT NULL AND state IN ?", []string{"published", "withdrawn"})
	if f.CategoryID != 0 {
		q = q.Where("category_id = ?", f.CategoryID)
	}
	if f.ColumnID != 0 {
		q = q.Where("id IN (?)", s.DB.Model(&models.ArticleColumn{}).Select("article_id").Where("column_id = ?", f.ColumnID))
	}
	return q
}

// CategoryCount is the number of articles published in one category.
type CategoryCount struct {
	CategoryID uint
	Name       string
	Count      int64
}

// PublishedByCategory counts the articles published in [from, to) by
// disclosure category, in the categories' report order; every article of a
// multi-article push counts once.
func (s *Store) PublishedByCategory(ctx context.Context, from, to time.Time) ([]CategoryCount, error) {
	var counts []struct {
		CategoryID uint
		N          int64
	}
	err := s.publishedArticles(ctx, ContentFilter{}).Select("category_id, COUNT(*) AS n").
		Where("published_at >= ? AND published_at < ?", from.UTC(), to.UTC()).Group("category_id").Scan(&counts).Error
	if err != nil {
		return nil, fmt.Errorf("store: unable to count published articles: %w", err)
	}
	cats, err := s.Categories(ctx, false)
	if err != nil {
		return nil, err
	}
	byID := map[uint]int64{}
	for _, c := range counts {
		byID[c.CategoryID] = c.N
	}
	out := make([]CategoryCount, 0, len(cats))
	for _, c := range cats {
		if c.Active || byID[c.ID] > 0 {
			out = append(out, CategoryCount{CategoryID: c.ID, Name: c.Name, Count: byID[c.ID]})
		}
	}
	return out, nil
}

// PublishedTimes returns the publication times of the matching articles
// published in [from, to), for counting by Beijing day.
func (s *Store) PublishedTimes(ctx context.Context, from, to time.Time, f ContentFilter) ([]time.Time, error) {
	var out []time.Time
	err := s.publishedArticles(ctx, f).Where("published_at >= ? AND published_at < ?", from.UTC(), to.UTC()).
		Pluck("published_at", &out).Error
	if err != nil {
		return nil, fmt.Errorf("store: unable to list publication times: %w", err)
	}
	return out, nil
}

// LocalViewsByDay sums the H5 page views govmp counted itself, by day in [from, to].
func (s *Store) LocalViewsByDay(ctx context.Context, from, to string, f ContentFilter) (map[string]int64, error) {
	var rows []struct {
		Day string
		N   int64
	}
	q := s.DB.WithContext(ctx).Model(&models.ArticleViewDay{}).Select("day, SUM(pv) AS n").Where("day BETWEEN ? AND ?", from, to)
	if f != (ContentFilter{}) {
		q = q.Where("article_id IN (?)", s.publishedArticles(ctx, f).Select("id"))
	}
	if err := q.Group("day").Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("store: unable to sum page views: %w", err)
	}
	out := make(map[string]int64, len(rows))
	for _, r := range rows {
		out[r.Day] = r.N
	}
	return out, nil
}

// ArticleMsgIDs returns the datacube msgids ("<msg_data_id>_<idx>") of the
// matching articles, from the mass sends that carried them.
func (s *Store) ArticleMsgIDs(ctx context.Context, f ContentFilter) ([]string, error) {
	var ids []uint
	if err := s.publishedArticles(ctx, f).Pluck("id", &ids).Error; err != nil {
		return nil, fmt.Errorf("store: unable to list articles: %w", err)
	}
	want := make(map[uint]bool, len(ids))
	for _, id := range ids {
		want[id] = true
	}
	var recs []models.PublishRecord
	if err := s.DB.WithContext(ctx).Where("msg_data_id <> 0").Find(&recs).Error; err != nil {
		return nil, fmt.Errorf("store: unable to list publish records: %w", err)
	}
	out := []string{}
	for _, r := range recs {
		for i, id := range r.Articles() {
			if want[id] {
				out = append(out, strconv.FormatInt(r.MsgDataID, 10)+"_"+strconv.Itoa(i+1))
			}
		}
	}
	return out, nil
}
