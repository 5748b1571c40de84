package store

import (
	"context"
	"fmt"
	"sort"
	"time"

	"gorm.io/gorm/clause"

	"govmp/models"
)

// FollowerFilter narrows ListFollowers.
type FollowerFilter struct {
	Subscribed *bool
	Limit      int
	Offset     int
}

// ListFollowers returns followers, newest first, and the total matching.
func (s *Store) ListFollowers(ctx context.Context, f FollowerFilter) ([]models.Follower, int64, error) {
	q := s.DB.WithContext(ctx).Model(&models.Follower{})
	if f.Subscribed != nil {
		q = q.Where("subscribed = ?", *f.Subscribed)
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, fmt.Errorf("store: unable to count followers: %w", err)
	}
	var out []models.Follower
	if err := q.Order("id DESC").Limit(f.Limit).Offset(f.Offset).Find(&out).Error; err != nil {
		return nil, 0, fmt.Errorf("store: unable to list followers: %w", err)
	}
	return out, total, nil
}

// FollowerByOpenID returns one follower or ENOTFOUND.
func (s *Store) FollowerByOpenID(ctx context.Context, openID string) (*models.Follower, error) {
	var f models.Follower
	err := s.DB.WithContext(ctx).Where("open_id = ?", openID).Limit(1).Find(&f).Error
	if err != nil {
		return nil, fmt.Errorf("store: unable to find follower: %w", err)
	}
	if f.ID == 0 {
		return nil, models.Errorf(models.ENOTFOUND, "粉丝不存在 / follower not found")
	}
	return &f, nil
}

// DayCount is one day's local follower figures, derived from follower events.
type DayCount struct {
	Day        string `json:"day"`
	New        int64  `json:"new"`
	Cancelled  int64  `json:"cancelled"`
	Net        int64  `json:"net"`
	Cumulative int64  `json:"cumulative"`
}

// FollowerDays derives daily new, cancelled, net and cumulative counts for
// [from, to] (YYYY-MM-DD) from the event history; cumulative includes every
// earlier day.
func (s *Store) FollowerDays(ctx context.Context, from, to string) ([]DayCount, error) {
	type row struct {
		Day   string
		Event string
		N     int64
	}
	var rows []row
	err := s.DB.WithContext(ctx).Model(&models.FollowerEvent{}).
		Select("day, event, COUNT(*) AS n").Where("day <= ? AND event IN ?", to, []string{models.EventSubscribe, models.EventUnsubscribe}).
		Group("day, event").Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("store: unable to count follower events: %w", err)
	}
	byDay := map[string]*DayCount{}
	for _, r := range rows {
		d := byDay[r.Day]
		if d == nil {
			d = &DayCount{Day: r.Day}
			byDay[r.Day] = d
		}
		if r.Event == models.EventSubscribe {
			d.New += r.N
		} else {
			d.Cancelled += r.N
		}
	}
	days := make([]string, 0, len(byDay))
	for day := range byDay {
		days = append(days, day)
	}
	sort.Strings(days)
	var cum int64
	var out []DayCount
	for _, day := range days {
		d := byDay[day]
		d.Net = d.New - d.Cancelled
		cum += d.Net
		d.Cumulative = cum
		if day >= from {
			out = append(out, *d)
		}
	}
	return out, nil
}

// KeyCount is clicks on one menu key on one day.
type KeyCount struct {
	Day   string `json:"day"`
	Event string `json:"event"`
	Key   string `json:"key"`
	Count int64  `json:"count"`
}

// MenuClicks counts CLICK and VIEW events per key per day in [from, to].
func (s *Store) MenuClicks(ctx context.Context, from, to string) ([]KeyCount, error) {
	var out []KeyCount
	err := s.DB.WithContext(ctx).Model(&models.InboundMessage{}).
		Select("day, event, event_key AS `key`, COUNT(*) AS count").
		Where("day BETWEEN ? AND ? AND msg_type = ? AND event IN ?", from, to, "event", []string{"CLICK", "VIEW"}).
		Group("day, event, event_key").Order("day, event, event_key").Scan(&out).Error
	if err != nil {
		return nil, fmt.Errorf("store: unable to count menu clicks: %w", err)
	}
	return out, nil
}

// UpsertSyncedFollowers stores followers as WeChat's user API reports them.
// Idempotent and safe to resume: rows match on openid, so a repeated page
// never causes a duplicate-key error.
func (s *Store) UpsertSyncedFollowers(ctx context.Context, fs []models.Follower) error {
	if len(fs) == 0 {
		return nil
	}
	err := s.DB.WithContext(ctx).Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "open_id"}},
		DoUpdates: clause.AssignmentColumns([]string{"union_id", "subscribed", "last_subscribed_at", "scene", "qr_scene", "synced_at", "updated_at"}),
	}).CreateInBatches(fs, 200).Error
	if err != nil {
		return fmt.Errorf("store: unable to upsert followers: %w", err)
	}
	return nil
}

// UnsubscribeUnseen marks as unsubscribed the followers a complete sync
// that started at passStart did not see: they left while no event reached
// us. A follower whose subscribe event arrived after passStart is kept, the
// list WeChat gave may predate it. It returns how many were marked.
func (s *Store) UnsubscribeUnseen(ctx context.Context, passStart time.Time) (int64, error) {
	res := s.DB.WithContext(ctx).Model(&models.Follower{}).
		Where("subscribed = ? AND (synced_at IS NULL OR synced_at < ?) AND (last_subscribed_at IS NULL OR last_subscribed_at < ?)", true, passStart, passStart).
		Updates(map[string]any{"subscribed": false, "unsubscribed_at": passStart})
	if res.Error != nil {
		return 0, fmt.Errorf("store: unable to mark unseen followers: %w", res.Error)
	}
	return res.RowsAffected, nil
}
