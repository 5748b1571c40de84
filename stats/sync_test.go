package stats_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"govmp/models"
	"govmp/stats"
	"govmp/store"
	"govmp/store/storetest"
	"govmp/wechat"
)

func TestLatestDay(t *testing.T) {
	for now, want := range map[string]string{
		"2026-03-10 07:59": "2026-03-08", // yesterday is not ready before 08:00
		"2026-03-10 08:00": "2026-03-09",
		"2026-03-10 23:59": "2026-03-09",
	} {
		if got := stats.LatestDay(beijing(now)); got != want {
			t.Errorf("LatestDay(%s) = %s, want %s", now, got, want)
		}
	}
}

func TestSyncUserWindowsAndClamps(t *testing.T) {
	setClock("2026-03-10 07:00")
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		for d := 1; d <= 28; d++ {
			day := time.Date(2026, 2, d, 0, 0, 0, 0, models.Beijing).Format(time.DateOnly)
			fake.SetUserDay(day, 10, 2, 1000+8*d)
		}
		fake.ResetCalls()
		s := syncer(st)
		res, err := s.SyncCube(ctx, "2026-02-01", "2026-02-20", false, models.APIUserSummary, models.APIUserCumulate)
		if err != nil {
			t.Fatal(err)
		}
		// 20 days in windows of at most 7: 3 calls per endpoint.
		if fake.Calls("/datacube/getusersummary") != 3 || fake.Calls("/datacube/getusercumulate") != 3 || res.Days[models.APIUserSummary] != 20 {
			t.Fatalf("calls = %d/%d, res %+v", fake.Calls("/datacube/getusersummary"), fake.Calls("/datacube/getusercumulate"), res)
		}
		// A window WeChat would refuse (8 days) is refused before any call.
		if _, err := client.Datacube(ctx, models.APIUserSummary, "2026-02-01", "2026-02-08"); models.ErrorCode(err) != models.EINVALID {
			t.Fatalf("8-day window: %v", err)
		}
		// Nothing before 2014-12-01, nothing after the latest ready day.
		res, err = s.SyncCube(ctx, "2014-11-20", "2014-12-02", false, models.APIUserCumulate)
		if err != nil || res.From != "2014-12-01" || res.Days[models.APIUserCumulate] != 2 {
			t.Fatalf("epoch: %+v %v", res, err)
		}
		res, _ = s.SyncCube(ctx, "2026-03-01", "2026-03-20", false, models.APIUserCumulate)
		if res.To != "2026-03-08" {
			t.Fatalf("to = %s, want 2026-03-08 (before 08:00)", res.To)
		}
		m := stats.Metrics{Src: stats.StoreSources(st)}
		series, err := m.Series(ctx, stats.Query{Metric: stats.MetricSubscribers, From: "2026-02-01", To: "2026-02-20", Granularity: stats.ByMonth})
		if err != nil {
			t.Fatal(err)
		}
		cum := series.Total.Figures["cumulative"]
		if cum.Source != stats.SourceDatacube || cum.Value != 1160 || cum.Local == nil || *cum.Difference != 1160 {
			t.Fatalf("cumulative = %+v", cum)
		}
		if nw := series.Total.Figures["new"]; nw.Value != 200 || nw.Source != stats.SourceDatacube {
			t.Fatalf("new = %+v", nw)
		}
	})
}

func TestSyncRepullsWhileDelayed(t *testing.T) {
	setClock("2026-03-10 09:00")
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		fake.SetArticleReads("2026-03-01", "2247483663_1", 100)
		fake.SetArticleReads("2026-03-02", "2247483663_1", 50)
		fake.SetDelay("2026-03-01", true)
		fake.ResetCalls()
		s := syncer(st)
		sync := func() stats.SyncResult {
			t.Helper()
			res, err := s.SyncCube(ctx, "2026-03-01", "2026-03-03", false, models.APIArticleRead)
			if err != nil {
				t.Fatal(err)
			}
			return res
		}
		if res := sync(); res.Calls != 3 || res.Delayed != 1 {
			t.Fatalf("first: %+v", res)
		}
		if res := sync(); res.Calls != 1 || res.Delayed != 1 { // only the delayed day
			t.Fatalf("second: %+v", res)
		}
		fake.SetArticleReads("2026-03-01", "2247483663_1", 120) // WeChat's correction
		fake.SetDelay("2026-03-01", false)
		if res := sync(); res.Calls != 1 || res.Delayed != 0 {
			t.Fatalf("third: %+v", res)
		}
		if res := sync(); res.Calls != 0 {
			t.Fatalf("settled days were pulled again: %+v", res)
		}
		reads, err := st.CubeReads(ctx, "2026-03-01", "2026-03-03", nil)
		if err != nil || reads["2026-03-01"] != 120 || reads["2026-03-02"] != 50 {
			t.Fatalf("reads = %v %v", reads, err)
		}
		if fake.Calls("/datacube/getarticleread") != 5 {
			t.Fatalf("calls = %d", fake.Calls("/datacube/getarticleread"))
		}
	})
}

func TestSyncResumesAfterFailure(t *testing.T) {
	setClock("2026-03-10 09:00")
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		s := syncer(st)
		if _, err := s.SyncCube(ctx, "2026-02-01", "2026-02-07", false, models.APIUserCumulate); err != nil {
			t.Fatal(err)
		}
		fake.ResetCalls()
		fake.FailNext("/datacube/getusercumulate", -1, 1)
		res, err := s.SyncCube(ctx, "2026-02-01", "2026-02-21", false, models.APIUserCumulate)
		var ae *wechat.APIError
		if !errors.As(err, &ae) || ae.Code != -1 || res.Calls != 1 {
			t.Fatalf("failure: %+v %v", res, err)
		}
		res, err = s.SyncCube(ctx, "2026-02-01", "2026-02-21", false, models.APIUserCumulate)
		// The first week was kept; the two missing weeks are pulled once each.
		if err != nil || res.Calls != 2 || fake.Calls("/datacube/getusercumulate") != 3 {
			t.Fatalf("resume: %+v %v, calls %d", res, err, fake.Calls("/datacube/getusercumulate"))
		}
	})
}

// failingInfo lets the n-th batchget fail once, as a network cut would.
type failingInfo struct {
	*wechat.Client
	n, calls int
}

func (f *failingInfo) FollowerInfo(ctx context.Context, ids []string) ([]wechat.FollowerInfo, error) {
	f.calls++
	if f.calls == f.n {
		return nil, errors.New("connection reset")
	}
	return f.Client.FollowerInfo(ctx, ids)
}

func TestFollowerSyncResumes(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		s := syncer(st)
		s.WeChat = &failingInfo{Client: client, n: 2}
		n, err := s.SyncFollowers(ctx)
		if err == nil || n != 100 {
			t.Fatalf("first run: %d %v", n, err)
		}
		fake.ResetCalls()
		n, err = s.SyncFollowers(ctx)
		// Resumed after the first 100: two batches, no duplicates.
		if err != nil || n != fakeFollowers-100 || fake.Calls("/cgi-bin/user/info/batchget") != 2 {
			t.Fatalf("resume: %d %v, batchget calls %d", n, err, fake.Calls("/cgi-bin/user/info/batchget"))
		}
		// Someone who left while no event reached us is still marked subscribed.
		gone := models.Follower{OpenID: "oLeftUnseen", Subscribed: true}
		if err := st.UpsertSyncedFollowers(ctx, []models.Follower{gone}); err != nil {
			t.Fatal(err)
		}
		st.DB.Model(&models.Follower{}).Where("open_id = ?", gone.OpenID).Update("synced_at", nil)
		// A full run again is idempotent, and marks the one WeChat no longer lists.
		if n, err = s.SyncFollowers(ctx); err != nil || n != fakeFollowers {
			t.Fatalf("again: %d %v", n, err)
		}
		left, err := st.FollowerByOpenID(ctx, gone.OpenID)
		if err != nil || left.Subscribed || left.UnsubscribedAt == nil {
			t.Fatalf("a follower WeChat no longer lists: %+v %v", left, err)
		}
		yes := true
		list, total, err := st.ListFollowers(ctx, store.FollowerFilter{Limit: 500, Subscribed: &yes})
		if err != nil || total != fakeFollowers || !list[0].Subscribed {
			t.Fatalf("followers: %d %v", total, err)
		}
	})
}
