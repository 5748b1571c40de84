package store

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"govmp/models"
)

// SaveCube stores one datacube answer: its rows (a slice of one of the
// models.Cube* types, replacing rows with the same key) and a pull record
// for every day of the window, in one transaction, so a failure leaves the
// window unpulled and the next sync asks again.
func (s *Store) SaveCube(ctx context.Context, api string, days []string, delayed bool, rows any, n int) error {
	now := time.Now().UTC()
	pulls := make([]models.CubePull, len(days))
	for i, d := range days {
		pulls[i] = models.CubePull{API: api, Day: d, Delayed: delayed, Rows: n, PulledAt: now}
	}
	err := s.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if n > 0 {
			if err := tx.Clauses(clause.OnConflict{UpdateAll: true}).CreateInBatches(rows, 200).Error; err != nil {
				return err
			}
		}
		return tx.Clauses(clause.OnConflict{
			Columns:   []clause.Column{{Name: "api"}, {Name: "day"}},
			DoUpdates: clause.AssignmentColumns([]string{"delayed", "rows", "pulled_at"}),
		}).Create(&pulls).Error
	})
	if err != nil {
		return fmt.Errorf("store: unable to save %s statistics: %w", api, err)
	}
	return nil
}

// CubePulls returns the pull records of one endpoint for days in [from, to], by day.
func (s *Store) CubePulls(ctx context.Context, api, from, to string) (map[string]models.CubePull, error) {
	var rows []models.CubePull
	err := s.DB.WithContext(ctx).Where("api = ? AND day BETWEEN ? AND ?", api, from, to).Find(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("store: unable to read datacube pulls: %w", err)
	}
	out := make(map[string]models.CubePull, len(rows))
	for _, r := range rows {
		out[r.Day] = r
	}
	return out, nil
}

// CubeCovered returns the days in [from, to] pulled from any of apis.
func (s *Store) CubeCovered(ctx context.Context, from, to string, apis ...string) (map[string]bool, error) {
	var days []string
	err := s.DB.WithContext(ctx).Model(&models.CubePull{}).Distinct("day").
		Where("api IN ? AND day BETWEEN ? AND ?", apis, from, to).Pluck("day", &days).Error
	if err != nil {
		return nil, fmt.Errorf("store: unable to read datacube coverage: %w", err)
	}
	out := make(map[string]bool, len(days))
	for _, d := range days {
		out[d] = true
	}
	return out, nil
}

// CubeUserFigures is datacube's follower figures of one day.
type CubeUserFigures struct {
	New, Cancelled int64
	Cumulate       *int64
}

// CubeUsers returns getusersummary (summed over sources) and getusercumulate
// by day for [from, to].
func (s *Store) CubeUsers(ctx context.Context, from, to string) (map[string]*CubeUserFigures, error) {
	var sums []struct {
		Day       string
		New, Canc int64
	}
	db := s.DB.WithContext(ctx)
	err := db.Model(&models.CubeUserDay{}).Select("day, SUM(new_user) AS new, SUM(cancel_user) AS canc").
		Where("day BETWEEN ? AND ?", from, to).Group("day").Scan(&sums).Error
	if err != nil {
		return nil, fmt.Errorf("store: unable to read datacube users: %w", err)
	}
	var cums []models.CubeCumulate
	if err := db.Where("day BETWEEN ? AND ?", from, to).Find(&cums).Error; err != nil {
		return nil, fmt.Errorf("store: unable to read datacube cumulate: %w", err)
	}
	out := map[string]*CubeUserFigures{}
	get := func(d string) *CubeUserFigures {
		if out[d] == nil {
			out[d] = &CubeUserFigures{}
		}
		return out[d]
	}
	for _, r := range sums {
		f := get(r.Day)
		f.New, f.Cancelled = r.New, r.Canc
	}
	for _, c := range cums {
		v := c.CumulateUser
		get(c.Day).Cumulate = &v
	}
	return out, nil
}

// CubeReads returns datacube's article reads by day for [from, to]: the
// account total from getbizsummary where WeChat gave one, else the sum of
// getarticleread, else getuserread's page-read count (the fallback). When
// msgids is not nil, only getarticleread rows of those articles count,
// since the other endpoints cannot be split by article.
func (s *Store) CubeReads(ctx context.Context, from, to string, msgids []string) (map[string]int64, error) {
	db := s.DB.WithContext(ctx)
	type dayN struct {
		Day string
		N   int64
	}
	var art []dayN
	q := db.Model(&models.CubeArticleRead{}).Select("day, SUM(read_user) AS n").Where("day BETWEEN ? AND ?", from, to)
	if msgids != nil {
		if len(msgids) == 0 {
			return map[string]int64{}, nil
		}
		q = q.Where("msg_id IN ?", msgids)
	}
	if err := q.Group("day").Scan(&art).Error; err != nil {
		return nil, fmt.Errorf("store: unable to read article reads: %w", err)
	}
	out := map[string]int64{}
	for _, r := range art {
		out[r.Day] = r.N
	}
	if msgids != nil {
		return out, nil
	}
	var old, biz []dayN
	if err := db.Model(&models.CubeUserRead{}).Select("day, SUM(read_count) AS n").
		Where("day BETWEEN ? AND ?", from, to).Group("day").Scan(&old).Error; err != nil {
		return nil, fmt.Errorf("store: unable to read user reads: %w", err)
	}
	if err := db.Model(&models.CubeBizDay{}).Select("day, read_user AS n").
		Where("day BETWEEN ? AND ?", from, to).Scan(&biz).Error; err != nil {
		return nil, fmt.Errorf("store: unable to read account reads: %w", err)
	}
	for _, r := range old {
		if _, ok := out[r.Day]; !ok {
			out[r.Day] = r.N
		}
	}
	for _, r := range biz {
		out[r.Day] = r.N
	}
	return out, nil
}

// SyncValue returns a saved sync progress value, or "" when none.
func (s *Store) SyncValue(ctx context.Context, key string) (string, error) {
	var st models.SyncState
	if err := s.DB.WithContext(ctx).Where("`key` = ?", key).Limit(1).Find(&st).Error; err != nil {
		return "", fmt.Errorf("store: unable to read sync state: %w", err)
	}
	return st.Value, nil
}

// SetSyncValue saves sync progress; an empty value clears it.
func (s *Store) SetSyncValue(ctx context.Context, key, value string) error {
	db := s.DB.WithContext(ctx)
	var err error
	if value == "" {
		err = db.Where("`key` = ?", key).Delete(&models.SyncState{}).Error
	} else {
		err = db.Clauses(clause.OnConflict{UpdateAll: true}).Create(&models.SyncState{Key: key, Value: value, UpdatedAt: time.Now().UTC()}).Error
	}
	if err != nil {
		return fmt.Errorf("store: unable to save sync state: %w", err)
	}
	return nil
}

// FollowerTotal is the local follower count at the end of day: every
// subscribe event up to it minus every unsubscribe event.
func (s *Store) FollowerTotal(ctx context.Context, day string) (int64, error) {
	var rows []struct {
		Event string
		N     int64
	}
	err := s.DB.WithContext(ctx).Model(&models.FollowerEvent{}).Select("event, COUNT(*) AS n").
		Where("event IN ? AND day <= ?", []string{models.EventSubscribe, models.EventUnsubscribe}, day).
		Group("event").Scan(&rows).Error
	if err != nil {
		return 0, fmt.Errorf("store: unable to count followers: %w", err)
	}
	var n int64
	for _, r := range rows {
		if r.Event == models.EventSubscribe {
			n += r.N
		} else {
			n -= r.N
		}
	}
	return n, nil
}
