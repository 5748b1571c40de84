package stats_test

import (
	"context"
	"io"
	"log/slog"
	"os"
	"testing"
	"time"

	"govmp/config"
	"govmp/kv"
	"govmp/models"
	"govmp/stats"
	"govmp/store"
	"govmp/wechat"
	"govmp/wechat/wechattest"
)

// The SDK's API base and HTTP client are process globals, so the whole
// package shares one fake WeChat and one client pointed at it.
var (
	fake   *wechattest.Server
	clock  *wechattest.Clock
	client *wechat.Client
	ctx    = context.Background()
	quiet  = slog.New(slog.NewTextHandler(io.Discard, nil))
)

// fakeFollowers is how many followers the fake account has.
const fakeFollowers = 250

func TestMain(m *testing.M) {
	clock = wechattest.NewClock(time.Date(2022, 1, 19, 10, 0, 0, 0, models.Beijing))
	fake = wechattest.NewServer(wechattest.WithClock(clock.Now)).Start()
	cfg := config.Default()
	cfg.APIBase, cfg.AppID, cfg.AppSecret, cfg.Verified = fake.URL(), fake.AppID(), fake.AppSecret(), true
	client = wechat.NewClient(cfg, kv.NewMemory(), quiet)
	fake.AddFollowers(fakeFollowers)
	code := m.Run()
	fake.Close()
	os.Exit(code)
}

// syncer returns a sync on the fake and st, on the fake's clock.
func syncer(st *store.Store) *stats.Syncer {
	return &stats.Syncer{WeChat: client, Store: st, Now: clock.Now, Log: quiet}
}

// beijing parses "2006-01-02 15:04" in Beijing time.
func beijing(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, models.Beijing)
	if err != nil {
		panic(err)
	}
	return t
}

// setClock moves the fake's clock and refreshes the token it invalidates
// (the fake expires tokens on its own clock), so call counts that follow
// hold no token retries.
func setClock(s string) {
	clock.Set(beijing(s))
	day := stats.LatestDay(clock.Now())
	_, _ = client.Datacube(ctx, models.APIUserCumulate, day, day)
}
