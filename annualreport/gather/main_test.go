package gather_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"testing"
	"time"

	"govmp/annualreport/gather"
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

// reports returns the report service on st with the given request source.
func reports(st *store.Store, req stats.RequestCounter) *gather.Reports {
	src := stats.StoreSources(st)
	src.Requests = req
	return &gather.Reports{Src: src, Now: clock.Now}
}

// facts is an in-memory request source.
type facts []gather.RequestFact

func (f facts) RequestFacts(_ context.Context, through string) ([]gather.RequestFact, error) {
	var out []gather.RequestFact
	for _, x := range f {
		if x.ReceivedOn <= through {
			out = append(out, x)
		}
	}
	return out, nil
}

// beijing parses "2006-01-02 15:04" in Beijing time.
func beijing(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, models.Beijing)
	if err != nil {
		panic(err)
	}
	return t
}

// followEvents records subscribes and unsubscribes as the callback would.
func followEvents(t *testing.T, st *store.Store, subs, unsubs int, first time.Time) {
	t.Helper()
	var batch []store.Inbound
	for i := range subs {
		at := first.Add(time.Duration(i) * 3 * time.Hour)
		batch = append(batch, store.Inbound{DedupeKey: fmt.Sprintf("sub:%d", i), OpenID: fmt.Sprintf("o%05d", i),
			MsgType: "event", Event: models.EventSubscribe, Time: at})
	}
	for i := range unsubs {
		at := first.Add(time.Duration(i)*3*time.Hour + 90*time.Minute)
		batch = append(batch, store.Inbound{DedupeKey: fmt.Sprintf("unsub:%d", i), OpenID: fmt.Sprintf("o%05d", i),
			MsgType: "event", Event: models.EventUnsubscribe, Time: at})
	}
	for i := 0; i < len(batch); i += 500 {
		if _, err := st.RecordInbound(ctx, batch[i:min(i+500, len(batch))]); err != nil {
			t.Fatal(err)
		}
	}
}

// publish takes an article through the content workflow (draft, review,
// publication) with the given publication time.
func publish(t *testing.T, st *store.Store, title string, categoryID uint, columns []uint, at time.Time) uint {
	t.Helper()
	a := &models.Article{Title: title, Body: "<p>正文</p>", CategoryID: categoryID, State: "draft", AuthorID: 1, Original: true}
	if err := st.CreateArticle(ctx, a, columns); err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		from, to string
		set      map[string]any
	}{
		{"draft", "submitted", nil},
		{"submitted", "approved", map[string]any{"reviewer_id": 2, "secrecy_confirmed": true}},
		{"approved", "published", map[string]any{"published_at": at.UTC()}},
	}
	for _, s := range steps {
		audit := models.AuditEntry{Actor: "test", Action: "article." + s.to, Target: fmt.Sprint(a.ID)}
		if err := st.Transition(ctx, a.ID, s.from, s.to, s.set, audit); err != nil {
			t.Fatal(err)
		}
	}
	return a.ID
}

// saveDoc registers a 规章 or 行政规范性文件.
func saveDoc(t *testing.T, st *store.Store, kind, title, issued string, abolished *string) {
	t.Helper()
	d := models.RegisterDocument{Kind: kind, Title: title, IssuedOn: issued, AbolishedOn: abolished}
	if err := d.Validate(); err != nil {
		t.Fatal(err)
	}
	if err := store.SaveRegister(ctx, st, &d, 0, models.AuditEntry{Actor: "test", Action: "register.save"}); err != nil {
		t.Fatal(err)
	}
}

func strp(s string) *string { return &s }

// setClock moves the fake's clock and refreshes the token it invalidates
// (the fake expires tokens on its own clock), so call counts that follow
// hold no token retries.
func setClock(s string) {
	clock.Set(beijing(s))
	day := stats.LatestDay(clock.Now())
	_, _ = client.Datacube(ctx, models.APIUserCumulate, day, day)
}
