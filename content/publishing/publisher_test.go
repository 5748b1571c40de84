package publishing_test

import (
	"context"
	"io"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"govmp/config"
	"govmp/content/publishing"
	"govmp/kv"
	"govmp/models"
	"govmp/store"
	"govmp/store/storetest"
	"govmp/wechat"
	"govmp/wechat/wechattest"
)

// One fake WeChat for the package: the SDK's API base is process-wide.
var (
	fake   *wechattest.Server
	clock  *wechattest.Clock
	client *wechat.Client
)

func TestMain(m *testing.M) {
	clock = wechattest.NewClock(time.Date(2021, 3, 1, 10, 0, 0, 0, models.Beijing))
	fake = wechattest.NewServer(wechattest.WithClock(clock.Now)).Start()
	cfg := config.Default()
	cfg.APIBase, cfg.AppID, cfg.AppSecret, cfg.Verified = fake.URL(), fake.AppID(), fake.AppSecret(), true
	client = wechat.NewClient(cfg, kv.NewMemory(), slog.New(slog.NewTextHandler(io.Discard, nil)))
	code := m.Run()
	fake.Close()
	os.Exit(code)
}

// tinyPNG is a valid 1×1 PNG.
var tinyPNG = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")

const prefix = "http://govmp.test/h5/images/"

// newPublisher starts a new fake day (the mass quota is per day) and
// returns a publisher on st.
func newPublisher(t *testing.T, st *store.Store) *publishing.Publisher {
	clock.Advance(24 * time.Hour)
	return &publishing.Publisher{Store: st, WeChat: client, Advanced: true, Now: clock.Now,
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Images: &publishing.Images{Store: st, LocalPrefix: prefix}}
}

// approved creates an approved article in category cat and columns cols,
// with a cover and an inline image uploaded to our store.
func approved(t *testing.T, st *store.Store, title string, cat uint, cols ...uint) *models.Article {
	t.Helper()
	ctx := context.Background()
	img := &models.Image{Name: "a.png", ContentType: "image/png", Data: tinyPNG, Size: len(tinyPNG)}
	if err := st.SaveImage(ctx, img); err != nil {
		t.Fatal(err)
	}
	url := prefix + strconv.FormatUint(uint64(img.ID), 10)
	a := &models.Article{Title: title, Body: `<p>正文</p><img src="` + url + `">`, CoverURL: url, CategoryID: cat,
		State: "draft", AuthorID: 1, Original: true}
	if err := st.CreateArticle(ctx, a, cols); err != nil {
		t.Fatal(err)
	}
	if err := st.Transition(ctx, a.ID, "draft", "approved", nil, models.AuditEntry{Actor: "rev", Action: "article.approve"}); err != nil {
		t.Fatal(err)
	}
	return a
}

func article(t *testing.T, st *store.Store, id uint) *models.Article {
	t.Helper()
	a, err := st.Article(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestFreePublishCompletesFromEventAndPoll(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		p := newPublisher(t, st)
		a := approved(t, st, "乡村振兴政策解读", 5, 1)
		rec, err := p.Publish(ctx, publishing.Request{ArticleIDs: []uint{a.ID}, Mode: models.ModeFreePublish, Actor: "ed"})
		if err != nil || rec.Status != models.PublishSubmitted || rec.PublishID < 1<<31 || rec.DraftMediaID == "" {
			t.Fatalf("publish: %+v %v", rec, err)
		}
		pubs := fake.Publishes()
		last := pubs[len(pubs)-1]
		if !strings.Contains(last.Articles[0].Content, "mmbiz.qpic.cn/fake_content/") || strings.Contains(last.Articles[0].Content, prefix) {
			t.Fatalf("inline image not rewritten: %s", last.Articles[0].Content)
		}
		if got := article(t, st, a.ID); got.State != "approved" || got.PendingPublishID != rec.ID {
			t.Fatalf("before the finish event: %+v", got)
		}
		done, _ := fake.FinishPublish(rec.PublishID, wechattest.PublishSuccess)
		o := wechat.PublishOutcome{PublishID: rec.PublishID, Status: 0, ArticleID: done.ArticleID, URLs: done.ArticleURLs}
		for i := 0; i < 2; i++ { // WeChat retries the event; the second changes nothing
			if err := p.FinishPublish(ctx, o); err != nil {
				t.Fatal(err)
			}
		}
		got := article(t, st, a.ID)
		if got.State != "published" || got.WeChatURL != done.ArticleURLs[0] || got.PublishedAt == nil || got.PendingPublishID != 0 {
			t.Fatalf("after the event: %+v", got)
		}
		// No event this time: the poll completes it.
		b := approved(t, st, "第二篇", 5)
		rec2, _ := p.Publish(ctx, publishing.Request{ArticleIDs: []uint{b.ID}, Mode: models.ModeFreePublish, Actor: "ed"})
		if _, err := fake.FinishPublish(rec2.PublishID, wechattest.PublishRejected); err != nil {
			t.Fatal(err)
		}
		if err := p.Poll(ctx); err != nil {
			t.Fatal(err)
		}
		got = article(t, st, b.ID)
		if got.State != "approved" || !strings.Contains(got.PublishError, "审核未通过") || got.PendingPublishID != 0 {
			t.Fatalf("rejected by WeChat: %+v", got)
		}
	})
}

func TestSecondMassSendRefusedBeforeWeChat(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		p := newPublisher(t, st)
		a, b := approved(t, st, "群发一", 1), approved(t, st, "群发二", 1)
		rec, err := p.Publish(ctx, publishing.Request{ArticleIDs: []uint{a.ID}, Mode: models.ModeMass, ToAll: true, Actor: "ed"})
		if err != nil || rec.Status != models.PublishSubmitted || rec.MsgID == 0 || rec.MsgDataID == 0 {
			t.Fatalf("first mass send: %+v %v", rec, err)
		}
		if ok, _, _ := p.MassQuota(ctx); ok {
			t.Fatal("quota still shown as available")
		}
		sends, drafts := fake.Calls("/cgi-bin/message/mass/sendall"), fake.Calls("/cgi-bin/draft/add")
		_, err = p.Publish(ctx, publishing.Request{ArticleIDs: []uint{b.ID}, Mode: models.ModeMass, ToAll: true, Actor: "ed"})
		if models.ErrorCode(err) != models.ECONFLICT || !strings.Contains(models.ErrorMessage(err), "每天只能群发1次") {
			t.Fatalf("second mass send: %v", err)
		}
		if fake.Calls("/cgi-bin/message/mass/sendall") != sends || fake.Calls("/cgi-bin/draft/add") != drafts {
			t.Fatal("WeChat was called for a refused mass send")
		}
		if got := article(t, st, b.ID); got.PendingPublishID != 0 || got.State != "approved" {
			t.Fatalf("refused article changed: %+v", got)
		}
		if err := p.FinishMass(ctx, wechat.MassFinish{MsgID: rec.MsgID, Status: "send success", Sent: 10}); err != nil {
			t.Fatal(err)
		}
		if got := article(t, st, a.ID); got.State != "published" {
			t.Fatalf("mass finish: %+v", got)
		}
	})
}

func TestFailuresInPlainWordsAndRetry(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		p := newPublisher(t, st)
		a := approved(t, st, "失败重试", 2)
		fake.FailNext("/cgi-bin/draft/add", 45009, 1)
		rec, err := p.Publish(ctx, publishing.Request{ArticleIDs: []uint{a.ID}, Mode: models.ModeFreePublish, Actor: "ed"})
		if err != nil || rec.Status != models.PublishFailed || rec.ErrorCode != 45009 || !strings.Contains(rec.Error, "调用次数已用完") {
			t.Fatalf("failed publish: %+v %v", rec, err)
		}
		if got := article(t, st, a.ID); !strings.Contains(got.PublishError, "调用次数已用完") || got.PendingPublishID != 0 {
			t.Fatalf("article after failure: %+v", got)
		}
		rec, err = p.Retry(ctx, rec.ID)
		if err != nil || rec.Status != models.PublishSubmitted || rec.Attempts != 2 {
			t.Fatalf("retry: %+v %v", rec, err)
		}

		// A mass send whose answer is lost keeps the day's quota; the retry
		// reuses the clientmsgid so WeChat could never send it twice.
		b := approved(t, st, "群发重试", 2)
		fake.FailHTTP("/cgi-bin/message/mass/sendall", 502, 1)
		rec, err = p.Publish(ctx, publishing.Request{ArticleIDs: []uint{b.ID}, Mode: models.ModeMass, ToAll: true, Actor: "ed"})
		if err != nil || rec.Status != models.PublishFailed || rec.MassDay == nil {
			t.Fatalf("lost mass answer: %+v %v", rec, err)
		}
		cid := rec.ClientMsgID
		rec, err = p.Retry(ctx, rec.ID)
		if err != nil || rec.Status != models.PublishSubmitted || rec.ClientMsgID != cid {
			t.Fatalf("mass retry: %+v %v", rec, err)
		}
		sends := fake.MassSends()
		if sends[len(sends)-1].ClientMsgID != cid {
			t.Fatalf("clientmsgid not sent: %+v", sends[len(sends)-1])
		}

		// 45028 from WeChat (quota used elsewhere, e.g. on the website).
		c := approved(t, st, "配额", 2)
		clock.Advance(24 * time.Hour)
		fake.FailNext("/cgi-bin/message/mass/sendall", 45028, 1)
		rec, _ = p.Publish(ctx, publishing.Request{ArticleIDs: []uint{c.ID}, Mode: models.ModeMass, ToAll: true, Actor: "ed"})
		if rec.Status != models.PublishFailed || !strings.Contains(rec.Error, "群发次数已用完") || rec.MassDay == nil {
			t.Fatalf("45028: %+v", rec)
		}
		if ok, _, _ := p.MassQuota(ctx); ok {
			t.Fatal("after 45028 the day's mass send must show as used")
		}
	})
}

func TestUnverifiedAccountPublishesToH5Only(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		p := newPublisher(t, st)
		p.Advanced = false
		a := approved(t, st, "仅H5", 3, 2)
		drafts := fake.Calls("/cgi-bin/draft/add")
		_, err := p.Publish(ctx, publishing.Request{ArticleIDs: []uint{a.ID}, Mode: models.ModeFreePublish, Actor: "ed"})
		if models.ErrorCode(err) != models.EUNAVAILABLE || fake.Calls("/cgi-bin/draft/add") != drafts {
			t.Fatalf("unverified freepublish: %v", err)
		}
		rec, err := p.Publish(ctx, publishing.Request{ArticleIDs: []uint{a.ID}, Mode: models.ModeH5, Actor: "ed"})
		if err != nil || rec.Status != models.PublishSucceeded || article(t, st, a.ID).State != "published" {
			t.Fatalf("h5 publish: %+v %v", rec, err)
		}
	})
}

// TestScheduledFiresOnce runs the scheduler on several "replicas" at once
// (no job lease here): every due article is published exactly once.
func TestScheduledFiresOnce(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		p := newPublisher(t, st)
		var ids []uint
		for i := 0; i < 3; i++ {
			a := approved(t, st, "定时"+strconv.Itoa(i), 4)
			due := clock.Now().Add(-time.Minute)
			err := st.Transition(ctx, a.ID, "approved", "scheduled", map[string]any{"scheduled_at": due, "scheduled_mode": models.ModeFreePublish},
				models.AuditEntry{Actor: "ed", Action: "article.schedule"})
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, a.ID)
		}
		later := approved(t, st, "以后", 4)
		_ = st.Transition(ctx, later.ID, "approved", "scheduled", map[string]any{"scheduled_at": clock.Now().Add(time.Hour)}, models.AuditEntry{Actor: "ed", Action: "x"})
		before := len(fake.Publishes())
		var wg sync.WaitGroup
		for r := 0; r < 4; r++ {
			wg.Add(1)
			go func() { defer wg.Done(); _ = p.RunScheduled(ctx) }()
		}
		wg.Wait()
		if n := len(fake.Publishes()) - before; n != 3 {
			t.Fatalf("%d publish jobs for 3 due articles", n)
		}
		recs, _ := st.Publishes(ctx, "", 100)
		per := map[string]int{}
		for _, r := range recs {
			per[r.ArticleIDs]++
		}
		for _, id := range ids {
			if per[strconv.Itoa(int(id))] != 1 {
				t.Fatalf("article %d has %d publications", id, per[strconv.Itoa(int(id))])
			}
		}
		if got := article(t, st, later.ID); got.PendingPublishID != 0 {
			t.Fatal("a future schedule fired")
		}
	})
}
