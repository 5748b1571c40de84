package wechattest

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

func click(name, key string) map[string]any {
	return map[string]any{"type": "click", "name": name, "key": key}
}

func TestMenuLimits(t *testing.T) {
	s, _ := newFake(t)
	tok := stableToken(t, s)
	sub := func(n int, b map[string]any) []any {
		out := []any{}
		for range n {
			out = append(out, b)
		}
		return out
	}
	long := func(n int) string { return strings.Repeat("a", n) }
	cases := []struct {
		name    string
		buttons []any
		want    int
	}{
		{"none", []any{}, 40016},
		{"four top", sub(4, click("专栏", "K")), 40016},
		{"six subs", []any{map[string]any{"name": "政务公开", "sub_button": sub(6, click("指南", "K"))}}, 40023},
		{"top name 18 bytes", []any{click("乡村振兴政务", "K")}, 40018},
		{"top name 16 bytes ok", []any{click(long(16), "K")}, 0},
		{"bad type", []any{map[string]any{"type": "clickk", "name": "A", "key": "K"}}, 40017},
		{"key 129", []any{click("A", long(129))}, 40019},
		{"url 1025", []any{map[string]any{"type": "view", "name": "A", "url": "https://x/" + long(1015)}}, 40020},
		{"sub name 61", []any{map[string]any{"name": "A", "sub_button": []any{click(long(61), "K")}}}, 40025},
		{"sub type", []any{map[string]any{"name": "A", "sub_button": []any{map[string]any{"type": "nope", "name": "B"}}}}, 40024},
		{"sub key", []any{map[string]any{"name": "A", "sub_button": []any{click("B", long(129))}}}, 40026},
		{"sub url", []any{map[string]any{"name": "A", "sub_button": []any{map[string]any{"type": "view", "name": "B", "url": long(1025)}}}}, 40027},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			wantCode(t, api(t, s, tok, "/cgi-bin/menu/create", map[string]any{"button": c.buttons}), c.want)
		})
	}
}

func TestMenuCreateGetDelete(t *testing.T) {
	s, _ := newFake(t)
	tok := stableToken(t, s)
	wantCode(t, api(t, s, tok, "/cgi-bin/menu/get", nil), 46003)
	menu := []any{
		click("最新", "COLUMN:dangshi"),
		map[string]any{"name": "政务公开", "sub_button": []any{click("申请公开", "DISCLOSURE:apply"),
			map[string]any{"type": "view", "name": "年度报告", "url": "https://example.gov.cn/r"}}},
	}
	wantCode(t, api(t, s, tok, "/cgi-bin/menu/create", map[string]any{"button": menu}), 0)
	m := api(t, s, tok, "/cgi-bin/menu/get", nil)
	inner, _ := m["menu"].(map[string]any)
	if buttons, _ := inner["button"].([]any); len(buttons) != 2 || num64(t, inner["menuid"]) == 0 {
		t.Fatalf("menu/get shape: %v", m)
	}
	if got, ok := s.Menu(); !ok || got[1].SubButtons[0].Key != "DISCLOSURE:apply" {
		t.Fatalf("Menu() = %+v", got)
	}
	wantCode(t, api(t, s, tok, "/cgi-bin/menu/delete", nil), 0)
	wantCode(t, api(t, s, tok, "/cgi-bin/menu/get", nil), 46003)
}

func TestUnverifiedSubscriptionAccountIsRefused(t *testing.T) {
	s, clk := newFake(t, WithAccount(false, false))
	tok := stableToken(t, s)
	yesterday := clk.Now().AddDate(0, 0, -1).Format(time.DateOnly)
	calls := map[string]any{
		"/cgi-bin/menu/create":          map[string]any{"button": []any{click("A", "K")}},
		"/cgi-bin/menu/get":             nil,
		"/cgi-bin/message/custom/send":  map[string]any{"touser": "o1", "msgtype": "text", "text": map[string]any{"content": "hi"}},
		"/cgi-bin/user/get":             nil,
		"/cgi-bin/user/info/batchget":   map[string]any{"user_list": []any{map[string]any{"openid": "o1"}}},
		"/cgi-bin/draft/count":          nil,
		"/cgi-bin/freepublish/submit":   map[string]any{"media_id": "x"},
		"/cgi-bin/message/mass/sendall": map[string]any{"filter": map[string]any{"is_to_all": true}, "msgtype": "text", "text": map[string]any{"content": "hi"}},
		"/datacube/getusersummary":      map[string]any{"begin_date": yesterday, "end_date": yesterday},
	}
	for path, body := range calls {
		t.Run(path, func(t *testing.T) { wantCode(t, api(t, s, tok, path, body), 48001) })
	}
	// A service account keeps its menu even before verification.
	svc, _ := newFake(t, WithAccount(false, true))
	wantCode(t, api(t, svc, stableToken(t, svc), "/cgi-bin/menu/get", nil), 46003)
}

func TestUserGetPagesOf10000(t *testing.T) {
	s, _ := newFake(t)
	tok := stableToken(t, s)
	_, raw := do(t, s, http.MethodGet, "/cgi-bin/user/get", url.Values{"access_token": {tok}}, nil)
	if strings.TrimSpace(string(raw)) != `{"count":0,"next_openid":"","total":0}` {
		t.Fatalf("empty list shape: %s", raw)
	}
	want := s.AddFollowers(25000)
	var got []string
	next := ""
	for page := 0; ; page++ {
		m, _ := do(t, s, http.MethodGet, "/cgi-bin/user/get", url.Values{"access_token": {tok}, "next_openid": {next}}, nil)
		wantCode(t, m, 0)
		if num64(t, m["total"]) != 25000 || page > 4 {
			t.Fatalf("page %d: %v", page, m["total"])
		}
		count := num64(t, m["count"])
		if count == 0 {
			if _, has := m["data"]; has {
				t.Fatal("an empty page has no data")
			}
			break
		}
		ids := m["data"].(map[string]any)["openid"].([]any)
		if int64(len(ids)) != count || count > 10000 {
			t.Fatalf("count %d, ids %d", count, len(ids))
		}
		for _, id := range ids {
			got = append(got, id.(string))
		}
		next = m["next_openid"].(string)
	}
	if len(got) != len(want) || got[0] != want[0] || got[24999] != want[24999] || len(want[0]) != 28 {
		t.Fatalf("paged %d openids, want %d", len(got), len(want))
	}
}

func TestBatchGetLimitAndFields(t *testing.T) {
	s, _ := newFake(t)
	tok := stableToken(t, s)
	ids := s.AddFollowers(101)
	list := func(n int) map[string]any {
		var l []any
		for _, id := range ids[:n] {
			l = append(l, map[string]any{"openid": id, "lang": "zh_CN"})
		}
		return map[string]any{"user_list": l}
	}
	wantCode(t, api(t, s, tok, "/cgi-bin/user/info/batchget", list(101)), 40003)
	m := api(t, s, tok, "/cgi-bin/user/info/batchget", list(100))
	wantCode(t, m, 0)
	items := m["user_info_list"].([]any)
	first := items[0].(map[string]any)
	if len(items) != 100 || num64(t, first["subscribe"]) != 1 || num64(t, first["subscribe_time"]) != t0.Unix() {
		t.Fatalf("batchget: %v", first)
	}
	if _, has := first["nickname"]; has {
		t.Fatal("nickname is no longer returned")
	}
}

func TestCustomSendWindow(t *testing.T) {
	s, clk := newFake(t)
	tok := stableToken(t, s)
	id := s.AddFollowers(1)[0]
	text := func(to string) map[string]any {
		return map[string]any{"touser": to, "msgtype": "text", "text": map[string]any{"content": "您的申请已受理"}}
	}
	wantCode(t, api(t, s, tok, "/cgi-bin/message/custom/send", text("oNOBODY")), 40003)
	wantCode(t, api(t, s, tok, "/cgi-bin/message/custom/send", text(id)), 45015)
	s.Touch(id, clk.Now())
	clk.Advance(48 * time.Hour)
	tok = stableToken(t, s) // the first one expired meanwhile
	wantCode(t, api(t, s, tok, "/cgi-bin/message/custom/send", text(id)), 0)
	news := map[string]any{"touser": id, "msgtype": "news", "news": map[string]any{"articles": []any{
		map[string]any{"title": "a"}, map[string]any{"title": "b"}}}}
	wantCode(t, api(t, s, tok, "/cgi-bin/message/custom/send", news), 45008)
	clk.Advance(time.Second)
	wantCode(t, api(t, s, tok, "/cgi-bin/message/custom/send", text(id)), 45015)
	msgs := s.CustomMessages()
	if len(msgs) != 1 || msgs[0].Content != "您的申请已受理" || msgs[0].ToUser != id {
		t.Fatalf("recorded %+v", msgs)
	}
}
