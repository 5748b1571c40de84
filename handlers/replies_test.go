package handlers

import (
	"context"
	"net/url"
	"strconv"
	"testing"
	"time"

	"govmp/models"
	"govmp/wechat/wechattest"
)

// TestKeywordRuleChangesTheReply edits a rule through the API and sees the
// bot answer with it through the real callback.
func TestKeywordRuleChangesTheReply(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *testServer) {
		admin := s.user(t, "admin", models.RoleAdmin)
		var saved struct{ Rule models.KeywordRule }
		if code := admin.do("POST", "/api/v1/replies/keywords", models.KeywordRule{Keyword: "公开指南", Match: "contains", Reply: "《政府信息公开指南》见菜单", Priority: 5, Enabled: true}, &saved); code != 200 {
			t.Fatalf("save: %d", code)
		}
		var e ErrorBody
		if code := admin.do("POST", "/api/v1/replies/keywords", models.KeywordRule{Keyword: "", Match: "contains", Reply: "x"}, &e); code != 400 || e.Error.Field != "keyword" {
			t.Fatalf("empty keyword: %d %+v", code, e)
		}
		if code := admin.do("PUT", "/api/v1/replies/keywords/999", models.KeywordRule{Keyword: "x", Match: "exact", Reply: "y"}, &e); code != 404 {
			t.Fatalf("unknown rule: %d", code)
		}
		cl := &wechattest.CallbackClient{URL: s.URL + "/wechat", Token: "tok", AppID: "wxtest"}
		r, err := cl.Post(context.Background(), cl.Text("oAsker", "请问公开指南在哪", time.Now().UnixNano()))
		if err != nil || r.Content != "《政府信息公开指南》见菜单" {
			t.Fatalf("reply %+v %v", r, err)
		}
		welcome := "欢迎！"
		var settings map[string]string
		if code := admin.do("PUT", "/api/v1/replies/settings", map[string]*string{"welcome": &welcome}, &settings); code != 200 || settings["welcome"] != welcome {
			t.Fatalf("settings: %d %v", code, settings)
		}
		r, _ = cl.Post(context.Background(), cl.Subscribe("oNew", ""))
		if r.Content != welcome {
			t.Fatalf("welcome %q", r.Content)
		}
		if code := admin.do("DELETE", "/api/v1/replies/keywords/"+strconv.Itoa(int(saved.Rule.ID)), nil, nil); code != 200 {
			t.Fatalf("delete: %d", code)
		}
	})
}

func TestFollowerStatsAndFilters(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *testServer) {
		viewer := s.user(t, "viewer", models.RoleViewer)
		cl := &wechattest.CallbackClient{URL: s.URL + "/wechat", Token: "tok", AppID: "wxtest"}
		for _, id := range []string{"o1", "o2", "o3"} {
			cl.Post(context.Background(), cl.Subscribe(id, ""))
		}
		cl.Post(context.Background(), cl.Unsubscribe("o3"))
		cl.Post(context.Background(), cl.Click("o1", "COLUMN:dangshi"))
		var list struct {
			Followers []models.Follower
			Total     int64
		}
		viewer.do("GET", "/api/v1/followers?subscribed=true", nil, &list)
		if list.Total != 2 {
			t.Fatalf("subscribed followers %d", list.Total)
		}
		today := models.DayOf(time.Now())
		var stats struct {
			Source string
			Days   []struct {
				Day                             string
				New, Cancelled, Net, Cumulative int64
			}
		}
		viewer.do("GET", "/api/v1/followers/stats?from="+today+"&to="+today, nil, &stats)
		if len(stats.Days) != 1 || stats.Days[0].New != 3 || stats.Days[0].Cancelled != 1 || stats.Days[0].Cumulative != 2 || stats.Source != "local" {
			t.Fatalf("stats %+v", stats)
		}
		var clicks struct {
			Clicks []struct {
				Key   string
				Count int64
			}
		}
		viewer.do("GET", "/api/v1/interactions/menu-clicks?from="+today+"&to="+today, nil, &clicks)
		if len(clicks.Clicks) != 1 || clicks.Clicks[0].Key != "COLUMN:dangshi" || clicks.Clicks[0].Count != 1 {
			t.Fatalf("clicks %+v", clicks)
		}
		// Hostile filter values are plain data, never SQL.
		var e ErrorBody
		for _, bad := range []string{"1' OR '1'='1", "2021-01-01;DROP TABLE followers", "2021-13-40"} {
			if code := viewer.do("GET", "/api/v1/followers/stats?from="+url.QueryEscape(bad), nil, &e); code != 400 {
				t.Fatalf("from=%q: HTTP %d", bad, code)
			}
		}
		if code := viewer.do("GET", "/api/v1/followers?subscribed="+url.QueryEscape("true OR 1=1"), nil, &e); code != 400 {
			t.Fatalf("subscribed filter injection: %d", code)
		}
		var n int64
		s.st.DB.Model(&models.Follower{}).Count(&n)
		if n != 3 {
			t.Fatalf("followers table changed: %d rows", n)
		}
	})
}
