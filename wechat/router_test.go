package wechat

import (
	"context"
	"encoding/xml"
	"strings"
	"testing"

	"github.com/silenceper/wechat/v2/officialaccount/message"

	"govmp/models"
)

type fakeSource struct {
	rules    []models.KeywordRule
	settings map[string]string
}

func (f fakeSource) KeywordRules(context.Context) ([]models.KeywordRule, error) { return f.rules, nil }
func (f fakeSource) Setting(_ context.Context, key, def string) (string, error) {
	if v, ok := f.settings[key]; ok {
		return v, nil
	}
	return def, nil
}

func newTestRouter(rules ...models.KeywordRule) *Router {
	book := &ReplyBook{Source: fakeSource{rules: rules, settings: map[string]string{models.SettingWelcome: "欢迎关注阜新乡村振兴政务"}}, Defaults: DefaultReplies, Log: quiet}
	return NewRouter(book)
}

func textOf(t *testing.T, reply any) string {
	t.Helper()
	if reply == nil {
		return ""
	}
	b, err := xml.Marshal(reply)
	if err != nil {
		t.Fatal(err)
	}
	var m message.MixMessage
	_ = xml.Unmarshal(b, &m)
	return m.Content
}

func msg(mt message.MsgType, ev message.EventType, key, content string) *message.MixMessage {
	m := &message.MixMessage{Content: content, EventKey: key}
	m.FromUserName, m.ToUserName, m.MsgType, m.Event = "oUser", "gh_1", mt, ev
	return m
}

func TestRouterReplies(t *testing.T) {
	r := newTestRouter(
		models.KeywordRule{ID: 1, Keyword: "政策", Match: models.MatchContains, Reply: "contains-政策", Priority: 1, Enabled: true},
		models.KeywordRule{ID: 2, Keyword: "政策", Match: models.MatchExact, Reply: "exact-政策", Priority: 1, Enabled: true},
		models.KeywordRule{ID: 3, Keyword: "补贴", Match: models.MatchContains, Reply: "high", Priority: 9, Enabled: true},
		models.KeywordRule{ID: 4, Keyword: "补贴", Match: models.MatchExact, Reply: "disabled", Priority: 99, Enabled: false},
	)
	r.HandleClick("COLUMN", func(_ context.Context, m *message.MixMessage, key string) (any, error) {
		return TextReply(m, "column "+strings.TrimPrefix(key, "COLUMN:")), nil
	})
	ctx := context.Background()
	cases := []struct {
		name string
		in   *message.MixMessage
		want string
	}{
		{"welcome", msg(message.MsgTypeEvent, message.EventSubscribe, "", ""), "欢迎关注阜新乡村振兴政务"},
		{"exact beats contains", msg(message.MsgTypeText, "", "", "政策"), "exact-政策"},
		{"contains", msg(message.MsgTypeText, "", "", "最新政策文件"), "contains-政策"},
		{"priority, disabled ignored", msg(message.MsgTypeText, "", "", "补贴"), "high"},
		{"default", msg(message.MsgTypeText, "", "", "随便问问"), DefaultReplies[models.SettingDefaultReply]},
		{"image gets the polite default", msg(message.MsgTypeImage, "", "", ""), DefaultReplies[models.SettingOtherReply]},
		{"registered click", msg(message.MsgTypeEvent, message.EventClick, "COLUMN:dangshi", ""), "column dangshi"},
		{"unknown click is not silent", msg(message.MsgTypeEvent, message.EventClick, "NOPE:1", ""), "该菜单功能正在建设中，敬请期待。您也可以直接发送关键词查询。"},
		{"unsubscribe has no reply", msg(message.MsgTypeEvent, message.EventUnsubscribe, "", ""), ""},
		{"view has no reply", msg(message.MsgTypeEvent, message.EventView, "https://x", ""), ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := textOf(t, r.Route(ctx, c.in)); got != c.want {
				t.Fatalf("reply %q, want %q", got, c.want)
			}
		})
	}
}

func TestNewsReplyLimits(t *testing.T) {
	arts := make([]*message.Article, 10)
	for i := range arts {
		arts[i] = message.NewArticle("t", "d", "", "https://x")
	}
	if n := NewsReply(msg(message.MsgTypeEvent, message.EventClick, "", ""), arts).ArticleCount; n != 8 {
		t.Fatalf("event reply carries %d items, want 8", n)
	}
	if n := NewsReply(msg(message.MsgTypeText, "", "", "q"), arts).ArticleCount; n != 1 {
		t.Fatalf("message reply carries %d items, want 1", n)
	}
}

func TestTextReplyIsCutOnACharacterBoundary(t *testing.T) {
	long := strings.Repeat("政", 1000) // 3000 bytes
	got := textOf(t, TextReply(msg(message.MsgTypeText, "", "", ""), long))
	if len(got) > 2048 || !strings.HasPrefix(long, got) || len(got)%3 != 0 {
		t.Fatalf("cut to %d bytes", len(got))
	}
}
