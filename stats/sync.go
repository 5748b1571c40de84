package stats

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"time"

	"govmp/models"
	"govmp/wechat"
)

// CubeAPIs are the datacube endpoints the sync keeps, in the order it pulls them.
var CubeAPIs = []string{models.APIUserSummary, models.APIUserCumulate, models.APIArticleRead,
	models.APIBizSummary, models.APIArticleTotalDetail, models.APIUserRead}

// maxWindow caps every request at 7 days even where an endpoint allows
// more (getbizsummary: 30), so one is_delay answer marks few days.
const maxWindow = 7

// totalDetailDays is how long after publication getarticletotaldetail
// keeps adding days to an article's statistics.
const totalDetailDays = 30

// Syncer keeps WeChat's statistics and follower list in the local store.
type Syncer struct {
	WeChat CubeSource
	Store  SyncStore
	Now    func() time.Time
	Log    *slog.Logger
}

// SyncResult says what a sync did.
type SyncResult struct {
	From      string         `json:"from"`
	To        string         `json:"to"`
	Calls     int            `json:"calls"`
	Days      map[string]int `json:"days"`    // days pulled per endpoint
	Delayed   int            `json:"delayed"` // days WeChat still marks is_delay
	Followers int            `json:"followers,omitempty"`
}

// LatestDay is the last day datacube can answer for at now: yesterday from
// 08:00 Beijing time, when WeChat has finished it, the day before until then.
func LatestDay(now time.Time) string {
	t := now.In(models.Beijing)
	back := 1
	if t.Hour() < 8 {
		back = 2
	}
	return t.AddDate(0, 0, -back).Format(time.DateOnly)
}

// SyncCube pulls apis (all when none) for [from, to], clamped to
// [2014-12-01, LatestDay]: every day not pulled yet, still marked is_delay,
// or (getarticletotaldetail) still inside its 30 days; force pulls all.
// Each window is stored as it arrives, so after a failure the next run
// resumes with the windows still missing.
func (s *Syncer) SyncCube(ctx context.Context, from, to string, force bool, apis ...string) (SyncResult, error) {
	if len(apis) == 0 {
		apis = CubeAPIs
	}
	from, to = max(from, models.CubeEpoch), min(to, LatestDay(s.Now()))
	res := SyncResult{From: from, To: to, Days: map[string]int{}}
	if from > to {
		return res, nil
	}
	for _, api := range apis {
		if wechat.CubeMaxDays(api) == 0 {
			return res, models.Invalid("api", "未知的数据统计接口 / unknown datacube endpoint "+api)
		}
		if err := s.syncAPI(ctx, api, from, to, force, &res); err != nil {
			return res, err
		}
	}
	return res, nil
}

// syncAPI pulls one endpoint's missing windows.
func (s *Syncer) syncAPI(ctx context.Context, api, from, to string, force bool, res *SyncResult) error {
	pulls, err := s.Store.CubePulls(ctx, api, from, to)
	if err != nil {
		return err
	}
	var need []string
	for _, d := range daysBetween(from, to) {
		p, ok := pulls[d]
		if force || !ok || p.Delayed || (api == models.APIArticleTotalDetail && stillGrowing(d, p.PulledAt)) {
			need = append(need, d)
		}
	}
	for _, w := range windows(need, min(wechat.CubeMaxDays(api), maxWindow)) {
		res.Calls++
		r, err := s.WeChat.Datacube(ctx, api, w[0], w[len(w)-1])
		var ae *wechat.APIError
		if errors.As(err, &ae) && ae.Code == 61503 {
			// Not ready yet: the next run asks again.
			return nil
		}
		if err != nil {
			return fmt.Errorf("reporting: sync %s %s..%s: %w", api, w[0], w[len(w)-1], err)
		}
		rows, n := r.Rows()
		if err := s.Store.SaveCube(ctx, api, w, r.Delayed, rows, n); err != nil {
			return err
		}
		res.Days[api] += len(w)
		if r.Delayed {
			res.Delayed += len(w)
		}
	}
	return nil
}

// stillGrowing reports whether an article-total pull of day happened
// before WeChat stopped adding to it.
func stillGrowing(day string, pulledAt time.Time) bool {
	d, _ := time.ParseInLocation(time.DateOnly, day, models.Beijing)
	return pulledAt.Before(d.AddDate(0, 0, totalDetailDays+1))
}

// windows splits sorted days into runs of consecutive days of at most n.
func windows(days []string, n int) [][]string {
	var out [][]string
	for i := 0; i < len(days); {
		j := i + 1
		for j < len(days) && j-i < n && nextDay(days[j-1]) == days[j] {
			j++
		}
		out = append(out, days[i:j])
		i = j
	}
	return out
}

func nextDay(d string) string {
	t, _ := time.Parse(time.DateOnly, d)
	return t.AddDate(0, 0, 1).Format(time.DateOnly)
}

// Daily is the scheduled sync: the last 30 days, so that new days arrive,
// is_delay days are re-pulled and article totals keep growing; days pulled
// and settled cost nothing.
func (s *Syncer) Daily(ctx context.Context) error {
	latest := LatestDay(s.Now())
	t, _ := time.Parse(time.DateOnly, latest)
	res, err := s.SyncCube(ctx, t.AddDate(0, 0, -totalDetailDays).Format(time.DateOnly), latest, false)
	if s.Log != nil {
		s.Log.Info("reporting: datacube sync", "calls", res.Calls, "delayed", res.Delayed, "err", err)
	}
	return err
}

// followerCursor is the key of the follower sync's resume point.
const followerCursor = "followers.next_openid"

// followerPassStart records when the current full follower pass began.
const followerPassStart = "followers.pass_started"

// batchSize is user/info/batchget's limit.
const batchSize = 100

// SyncFollowers pulls the whole follower list (user/get pages of 10,000,
// details in batches of 100) into the followers table. It is idempotent,
// and resumable: the last openid stored is saved after every batch, and a
// run after a failure continues from it.
func (s *Syncer) SyncFollowers(ctx context.Context) (int, error) {
	cursor, err := s.Store.SyncValue(ctx, followerCursor)
	if err != nil {
		return 0, err
	}
	passStart, err := s.passStart(ctx, cursor)
	if err != nil {
		return 0, err
	}
	stored := 0
	for {
		ids, next, _, err := s.WeChat.ListFollowerIDs(ctx, cursor)
		if err != nil {
			return stored, err
		}
		for chunk := range slices.Chunk(ids, batchSize) {
			infos, err := s.WeChat.FollowerInfo(ctx, chunk)
			if err != nil {
				return stored, err
			}
			if err := s.Store.UpsertSyncedFollowers(ctx, followersOf(infos, time.Now().UTC())); err != nil {
				return stored, err
			}
			stored += len(infos)
			if err := s.Store.SetSyncValue(ctx, followerCursor, chunk[len(chunk)-1]); err != nil {
				return stored, err
			}
		}
		if len(ids) == 0 || next == "" {
			// The pass saw everyone WeChat lists: whoever it did not see has left.
			if _, err := s.Store.UnsubscribeUnseen(ctx, passStart); err != nil {
				return stored, err
			}
			return stored, s.Store.SetSyncValue(ctx, followerCursor, "")
		}
		cursor = next
	}
}

// passStart returns when the current full pass began, recording now when a
// new pass starts (an empty cursor), so a resumed pass keeps its start.
func (s *Syncer) passStart(ctx context.Context, cursor string) (time.Time, error) {
	if cursor != "" {
		v, err := s.Store.SyncValue(ctx, followerPassStart)
		if err != nil {
			return time.Time{}, err
		}
		if t, perr := time.Parse(time.RFC3339Nano, v); perr == nil {
			return t, nil
		}
	}
	// Whole seconds: the database may keep synced_at at a coarser precision,
	// and a follower seen by this pass must never compare as older than it.
	now := time.Now().UTC().Truncate(time.Second)
	return now, s.Store.SetSyncValue(ctx, followerPassStart, now.Format(time.RFC3339Nano))
}

// followersOf converts WeChat's user info to follower rows seen at now.
func followersOf(infos []wechat.FollowerInfo, now time.Time) []models.Follower {
	out := make([]models.Follower, 0, len(infos))
	for _, in := range infos {
		f := models.Follower{OpenID: in.OpenID, UnionID: in.UnionID, Subscribed: in.Subscribed, Scene: in.Scene, QRScene: in.QRScene, SyncedAt: &now}
		if in.Subscribed && in.SubscribedAt.Unix() > 0 {
			t := in.SubscribedAt.UTC()
			f.FirstSubscribedAt, f.LastSubscribedAt = &t, &t
		}
		out = append(out, f)
	}
	return out
}
