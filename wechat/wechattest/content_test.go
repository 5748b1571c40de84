package wechattest

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestMaterialLimits(t *testing.T) {
	s, _ := newFake(t)
	tok := stableToken(t, s)
	add := func(typ, name string, size int) map[string]any {
		m, _ := do(t, s, http.MethodPost, "/cgi-bin/material/add_material",
			url.Values{"access_token": {tok}, "type": {typ}}, file(t, name, size))
		return m
	}
	wantCode(t, add("pdf", "a.pdf", 10), 40004)
	wantCode(t, add("image", "a.txt", 10), 40005)
	wantCode(t, add("image", "a.png", 10<<20+1), 40009)
	m := add("image", "a.png", 10<<20)
	if !strings.HasPrefix(m["url"].(string), "http://mmbiz.qpic.cn/") || m["media_id"] == "" {
		t.Fatalf("add_material: %v", m)
	}
	img := func(name string, size int) map[string]any {
		m, _ := do(t, s, http.MethodPost, "/cgi-bin/media/uploadimg", url.Values{"access_token": {tok}}, file(t, name, size))
		return m
	}
	wantCode(t, img("a.gif", 10), 40005)
	wantCode(t, img("a.jpg", 1<<20), 40009)
	if m := img("a.jpg", 1<<20-1); m["url"] == nil {
		t.Fatalf("uploadimg: %v", m)
	}
	if got := s.Materials(); len(got) != 2 || got[1].Type != "content_image" || got[0].Size != 10<<20 {
		t.Fatalf("Materials() = %d", len(got))
	}
}

func TestDraftValidation(t *testing.T) {
	s, _ := newFake(t)
	tok := stableToken(t, s)
	thumb := upload(t, s, tok)
	draft := func(a map[string]any) map[string]any {
		return api(t, s, tok, "/cgi-bin/draft/add", map[string]any{"articles": []any{a}})
	}
	wantCode(t, draft(map[string]any{"title": strings.Repeat("字", 33), "content": "x", "thumb_media_id": thumb}), 45003)
	wantCode(t, draft(map[string]any{"title": "t", "thumb_media_id": thumb}), 44004)
	wantCode(t, draft(map[string]any{"title": "t", "content": "x", "thumb_media_id": "FAKEDRAFT_x"}), 40007)
	id := addDraft(t, s, tok, thumb)
	if n := num64(t, api(t, s, tok, "/cgi-bin/draft/count", nil)["total_count"]); n != 1 {
		t.Fatalf("count = %d", n)
	}
	got := api(t, s, tok, "/cgi-bin/draft/get", map[string]any{"media_id": id})
	if items := got["news_item"].([]any); len(items) != 1 || items[0].(map[string]any)["url"] == "" {
		t.Fatalf("draft/get: %v", got)
	}
	wantCode(t, api(t, s, tok, "/cgi-bin/draft/delete", map[string]any{"media_id": id}), 0)
	wantCode(t, api(t, s, tok, "/cgi-bin/draft/get", map[string]any{"media_id": id}), 40007)
}

func TestFreepublishNumericIDAndStatus(t *testing.T) {
	s, _ := newFake(t)
	tok := stableToken(t, s)
	draft := addDraft(t, s, tok, upload(t, s, tok))
	m, raw := do(t, s, http.MethodPost, "/cgi-bin/freepublish/submit", url.Values{"access_token": {tok}}, map[string]any{"media_id": draft})
	wantCode(t, m, 0)
	if !regexp.MustCompile(`"publish_id":\d+[,}]`).Match(raw) || !regexp.MustCompile(`"msg_data_id":\d+[,}]`).Match(raw) {
		t.Fatalf("publish_id must be a JSON number: %s", raw)
	}
	id := num64(t, m["publish_id"])
	if id <= 1<<31 {
		t.Fatalf("publish_id %d should exceed 2^31", id)
	}
	if len(s.Drafts()) != 0 {
		t.Fatal("a submitted draft leaves the box")
	}
	get := func(pid any) map[string]any {
		return api(t, s, tok, "/cgi-bin/freepublish/get", map[string]any{"publish_id": pid})
	}
	running := get(id)
	if num64(t, running["publish_status"]) != PublishRunning || running["article_id"] != nil {
		t.Fatalf("running: %v", running)
	}
	p, err := s.FinishPublish(id, PublishSuccess)
	if err != nil {
		t.Fatal(err)
	}
	done := get(strconv.FormatInt(id, 10)) // the docs send it as a string
	detail := done["article_detail"].(map[string]any)
	item := detail["item"].([]any)[0].(map[string]any)
	if num64(t, done["publish_status"]) != 0 || done["article_id"] != p.ArticleID || item["article_url"] != p.ArticleURLs[0] {
		t.Fatalf("finished: %v", done)
	}
	list := api(t, s, tok, "/cgi-bin/freepublish/batchget", map[string]any{"offset": 0, "count": 20})
	if num64(t, list["total_count"]) != 1 {
		t.Fatalf("batchget: %v", list)
	}
}

func TestFreepublishAutoFinish(t *testing.T) {
	s, clk := newFake(t, WithAutoFinishPublish(time.Minute))
	tok := stableToken(t, s)
	draft := addDraft(t, s, tok, upload(t, s, tok))
	id := num64(t, api(t, s, tok, "/cgi-bin/freepublish/submit", map[string]any{"media_id": draft})["publish_id"])
	status := func() int64 {
		return num64(t, api(t, s, tok, "/cgi-bin/freepublish/get", map[string]any{"publish_id": id})["publish_status"])
	}
	if status() != PublishRunning {
		t.Fatal("job finished too early")
	}
	clk.Advance(time.Minute)
	if status() != PublishSuccess || s.Publishes()[0].ArticleID == "" {
		t.Fatal("job should have finished")
	}
}

func TestMassSendQuotaAndClientMsgID(t *testing.T) {
	s, clk := newFake(t)
	tok := stableToken(t, s)
	thumb := upload(t, s, tok)
	send := func(draft, cid string) (map[string]any, []byte) {
		return do(t, s, http.MethodPost, "/cgi-bin/message/mass/sendall", url.Values{"access_token": {tok}}, map[string]any{
			"filter": map[string]any{"is_to_all": true}, "msgtype": "mpnews",
			"mpnews": map[string]any{"media_id": draft}, "send_ignore_reprint": 0, "clientmsgid": cid})
	}
	first := addDraft(t, s, tok, thumb)
	wantCode(t, must(send(first, strings.Repeat("x", 33))), 45067)
	m, raw := send(first, "article-42")
	wantCode(t, m, 0)
	if !regexp.MustCompile(`"msg_id":\d+[,}]`).Match(raw) || num64(t, m["msg_data_id"]) <= 1<<31 {
		t.Fatalf("ids must be numbers above 2^31: %s", raw)
	}
	again := must(send(first, "article-42"))
	wantCode(t, again, 45065)
	if num64(t, again["msg_id"]) != num64(t, m["msg_id"]) {
		t.Fatal("45065 must carry the existing msg_id")
	}
	second := addDraft(t, s, tok, thumb)
	wantCode(t, must(send(second, "article-43")), 45028)
	wantCode(t, must(send(first, "article-44")), 40007) // mass-sent drafts leave the box

	// The quota is per Beijing calendar day: 10:00 + 14 h is the next day.
	clk.Advance(14 * time.Hour)
	tok = stableToken(t, s)
	wantCode(t, must(send(second, "article-43")), 0)
	got := api(t, s, tok, "/cgi-bin/message/mass/get", map[string]any{"msg_id": num64(t, m["msg_id"])})
	if got["msg_status"] != "SEND_SUCCESS" || len(s.MassSends()) != 2 {
		t.Fatalf("mass/get: %v", got)
	}
}

func must(m map[string]any, _ []byte) map[string]any { return m }

func TestDatacubeRanges(t *testing.T) {
	s, clk := newFake(t)
	tok := stableToken(t, s)
	day := func(back int) string { return clk.Now().AddDate(0, 0, -back).Format(time.DateOnly) }
	for i := 1; i <= 8; i++ {
		s.SetUserDay(day(i), i, 1, 1000+i)
	}
	q := func(name, begin, end string) map[string]any {
		return api(t, s, tok, "/datacube/"+name, map[string]any{"begin_date": begin, "end_date": end})
	}
	wantCode(t, q("getusersummary", day(8), day(1)), 61501)
	wantCode(t, q("getusersummary", day(1), day(0)), 61501) // today is not ready
	wantCode(t, q("getusersummary", day(1), day(2)), 61501) // reversed
	wantCode(t, q("getusercumulate", "2026/03/01", day(1)), 61500)
	m := q("getusercumulate", day(7), day(1))
	if rows := m["list"].([]any); len(rows) != 7 || num64(t, rows[6].(map[string]any)["cumulate_user"]) != 1001 {
		t.Fatalf("getusercumulate: %v", m)
	}
	if _, has := m["is_delay"]; has {
		t.Fatal("only the newer endpoints carry is_delay")
	}
	wantCode(t, q("getarticleread", day(2), day(1)), 61501)
	s.SetArticleReads(day(1), "2247483663_1", 512)
	s.SetDelay(day(1), true)
	m = q("getarticleread", day(1), day(1))
	row := m["list"].([]any)[0].(map[string]any)
	if m["is_delay"] != true || row["msgid"] != "2247483663_1" || num64(t, row["detail"].(map[string]any)["read_user"]) != 512 {
		t.Fatalf("getarticleread: %v", m)
	}
	wantCode(t, q("getbizsummary", day(30), day(1)), 0)
	wantCode(t, q("getbizsummary", day(31), day(1)), 61501)
}

func TestFaultInjection(t *testing.T) {
	s, _ := newFake(t)
	tok := stableToken(t, s)
	s.FailNext("/cgi-bin/menu/get", 45009, 2)
	wantCode(t, api(t, s, tok, "/cgi-bin/menu/get", nil), 45009)
	wantCode(t, api(t, s, tok, "/cgi-bin/menu/get", nil), 45009)
	wantCode(t, api(t, s, tok, "/cgi-bin/menu/get", nil), 46003)
	s.FailHTTP("/cgi-bin/stable_token", http.StatusInternalServerError, 1)
	m, _ := do(t, s, http.MethodPost, "/cgi-bin/stable_token", nil, map[string]any{})
	if m["http_status"] != http.StatusInternalServerError {
		t.Fatalf("want HTTP 500, got %v", m)
	}
	if s.Calls("/cgi-bin/menu/get") != 3 || s.TokenCalls() != 2 {
		t.Fatalf("calls: %d, tokens %d", s.Calls("/cgi-bin/menu/get"), s.TokenCalls())
	}
}
