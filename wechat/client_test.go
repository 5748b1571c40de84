package wechat

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/silenceper/wechat/v2/officialaccount/menu"

	"govmp/config"
	"govmp/kv"
	"govmp/models"
	"govmp/wechat/wechattest"
)

// fake is the one fake WeChat of this package: the SDK's API base is a
// process-wide setting.
var fake *wechattest.Server

func TestMain(m *testing.M) {
	fake = wechattest.NewServer()
	fake.Start()
	code := m.Run()
	fake.Close()
	os.Exit(code)
}

func testClient(t *testing.T, verified bool) *Client {
	t.Helper()
	cfg := config.Default()
	cfg.AppID, cfg.AppSecret, cfg.Token = wechattest.DefaultAppID, wechattest.DefaultAppSecret, "tok"
	cfg.APIBase, cfg.Verified = fake.URL(), verified
	return NewClient(cfg, kv.NewMemory(), quiet)
}

func TestClientSharesOneTokenAndRetriesOnceAfter40001(t *testing.T) {
	c := testClient(t, true)
	ctx := context.Background()
	openids := fake.AddFollowers(1)
	fake.Touch(openids[0], time.Now())
	before := fake.TokenCalls()
	for i := 0; i < 5; i++ {
		if err := c.SendText(ctx, openids[0], "您的申请已受理"); err != nil {
			t.Fatal(err)
		}
	}
	if got := fake.TokenCalls() - before; got != 1 {
		t.Fatalf("5 calls fetched the token %d times, want 1", got)
	}
	// WeChat rejects the cached token once: the client drops it and retries.
	fake.FailNext("/cgi-bin/message/custom/send", 40001, 1)
	if err := c.SendText(ctx, openids[0], "retry"); err != nil {
		t.Fatalf("a single 40001 must be retried: %v", err)
	}
	if got := fake.TokenCalls() - before; got != 2 {
		t.Fatalf("token fetched %d times after a 40001, want 2", got)
	}
	// Twice in a row: one retry only, then the plain-words error.
	fake.FailNext("/cgi-bin/message/custom/send", 42001, 2)
	err := c.SendText(ctx, openids[0], "again")
	var ae *APIError
	if !errors.As(err, &ae) || ae.Code != 42001 || !strings.Contains(ae.Plain(), "过期") {
		t.Fatalf("want a plain 42001, got %v", err)
	}
	msgs := fake.CustomMessages()
	if last := msgs[len(msgs)-1]; last.Content != "retry" || last.ToUser != openids[0] {
		t.Fatalf("last delivered message %+v", last)
	}
}

func TestClientErrorsInPlainWords(t *testing.T) {
	c := testClient(t, true)
	ctx := context.Background()
	ids := fake.AddFollowers(1)
	// Never interacted: the 48-hour window is closed.
	err := c.SendText(ctx, ids[0], "hello")
	var ae *APIError
	if !errors.As(err, &ae) || ae.Code != 45015 {
		t.Fatalf("want 45015, got %v", err)
	}
	ue := UserError(err)
	if models.ErrorCode(ue) != models.EUNAVAILABLE || !strings.Contains(models.ErrorMessage(ue), "48小时") {
		t.Fatalf("console message %q", models.ErrorMessage(ue))
	}
	fake.FailNext("/cgi-bin/menu/create", 45009, 1)
	err = c.PushMenu(ctx, []*menu.Button{{Type: "click", Name: "专栏", Key: "COLUMN:dangshi"}})
	if !errors.As(err, &ae) || ae.Code != 45009 || !strings.Contains(ae.Plain(), "次数") {
		t.Fatalf("want a plain 45009, got %v", err)
	}
}

func TestUnverifiedAccountIsRefusedBeforeCallingWeChat(t *testing.T) {
	c := testClient(t, false)
	before := fake.Calls("/cgi-bin/menu/create")
	err := c.PushMenu(context.Background(), []*menu.Button{{Type: "click", Name: "专栏", Key: "COLUMN:dangshi"}})
	if models.ErrorCode(err) != models.EUNAVAILABLE || !strings.Contains(models.ErrorMessage(err), "48001") {
		t.Fatalf("want a plain refusal, got %v", err)
	}
	if fake.Calls("/cgi-bin/menu/create") != before {
		t.Fatal("an unverified account must not call WeChat")
	}
}

func TestFollowerListAndInfo(t *testing.T) {
	c := testClient(t, true)
	ctx := context.Background()
	ids, next, total, err := c.ListFollowerIDs(ctx, "")
	if err != nil || len(ids) == 0 || total < len(ids) {
		t.Fatalf("list: %d ids, next %q, total %d, %v", len(ids), next, total, err)
	}
	infos, err := c.FollowerInfo(ctx, ids[:1])
	if err != nil || len(infos) != 1 || infos[0].OpenID != ids[0] || !infos[0].Subscribed {
		t.Fatalf("info: %+v %v", infos, err)
	}
}

func TestCircuitBreakerStopsAFlood(t *testing.T) {
	c := testClient(t, true)
	now := time.Now()
	c.breaker.Now = func() time.Time { return now }
	ctx := context.Background()
	ids := fake.AddFollowers(1)
	fake.Touch(ids[0], time.Now())
	fake.FailNext("/cgi-bin/message/custom/send", -1, 100)
	before := fake.Calls("/cgi-bin/message/custom/send")
	for i := 0; i < 50; i++ {
		_ = c.SendText(ctx, ids[0], "busy")
	}
	if sent := fake.Calls("/cgi-bin/message/custom/send") - before; sent != 5 {
		t.Fatalf("%d calls reached WeChat during the storm, want 5 before the breaker opened", sent)
	}
	if err := c.SendText(ctx, ids[0], "x"); !errors.Is(err, ErrCircuitOpen) || !strings.Contains(models.ErrorMessage(UserError(err)), "暂停") {
		t.Fatalf("open breaker: %v", err)
	}
	fake.FailNext("/cgi-bin/message/custom/send", -1, 0)
	now = now.Add(31 * time.Second) // cooldown over: one trial call, which succeeds
	if err := c.SendText(ctx, ids[0], "back"); err != nil {
		t.Fatalf("trial call: %v", err)
	}
	if err := c.SendText(ctx, ids[0], "normal"); err != nil {
		t.Fatalf("closed again: %v", err)
	}
}
