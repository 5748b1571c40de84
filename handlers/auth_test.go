package handlers

import (
	"net/http"
	"strconv"
	"strings"
	"testing"

	"govmp/models"
)

func TestLoginSessionsAndErrorsShape(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *testServer) {
		admin := s.user(t, "admin1", models.RoleAdmin)
		var me struct{ User models.User }
		if code := admin.do("GET", "/api/v1/me", nil, &me); code != 200 || me.User.Username != "admin1" {
			t.Fatalf("me: %d %+v", code, me)
		}
		anon := &apiClient{t: t, base: s.URL, http: http.DefaultClient}
		var e ErrorBody
		if code := anon.do("GET", "/api/v1/me", nil, &e); code != 401 || e.Error.Code != "unauthorized" || e.Error.Message == "" {
			t.Fatalf("anonymous: %d %+v", code, e)
		}
		if code := anon.do("POST", "/api/v1/login", map[string]string{"username": "admin1", "password": "wrong password!"}, &e); code != 401 {
			t.Fatalf("wrong password: %d", code)
		}
		if code := anon.do("POST", "/api/v1/login", "not an object", &e); code != 400 || e.Error.Code != "invalid" {
			t.Fatalf("bad JSON: %d %+v", code, e)
		}
		var tok struct{ Token string }
		if code := admin.do("POST", "/api/v1/tokens", nil, &tok); code != 201 || len(tok.Token) != 64 {
			t.Fatalf("token: %d", code)
		}
		script := &apiClient{t: t, base: s.URL, http: http.DefaultClient, bearer: tok.Token}
		if code := script.do("POST", "/api/v1/replies/keywords", models.KeywordRule{Keyword: "指南", Match: "exact", Reply: "公开指南见菜单", Enabled: true}, nil); code != 200 {
			t.Fatalf("bearer write without CSRF: %d", code)
		}
		if code := admin.do("POST", "/api/v1/logout", nil, nil); code != 200 {
			t.Fatalf("logout: %d", code)
		}
		if code := admin.do("GET", "/api/v1/me", nil, &e); code != 401 {
			t.Fatalf("after logout: %d", code)
		}
		var n int64
		s.st.DB.Model(&models.Session{}).Where("kind = ?", "cookie").Count(&n)
		if n != 0 {
			t.Fatalf("%d cookie sessions left after logout", n)
		}
	})
}

func TestCSRFAndRoles(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *testServer) {
		admin := s.user(t, "boss", models.RoleAdmin)
		editor := s.user(t, "ed", models.RoleEditor)
		rule := models.KeywordRule{Keyword: "办事", Match: "contains", Reply: "请点击菜单", Enabled: true}

		forged := *admin
		forged.csrf = ""
		var e ErrorBody
		if code := forged.do("POST", "/api/v1/replies/keywords", rule, &e); code != 403 || !strings.Contains(e.Error.Message, "CSRF") {
			t.Fatalf("cookie write without CSRF: %d %+v", code, e)
		}
		if code := editor.do("POST", "/api/v1/replies/keywords", rule, &e); code != 403 {
			t.Fatalf("editor managing replies: %d", code)
		}
		var rules struct{ Rules []models.KeywordRule }
		admin.do("GET", "/api/v1/replies/keywords", nil, &rules)
		if len(rules.Rules) != 0 {
			t.Fatalf("refused writes changed data: %+v", rules.Rules)
		}
		var me struct{ User models.User }
		admin.do("GET", "/api/v1/me", nil, &me)
		if code := admin.do("PATCH", "/api/v1/users/"+itoa(me.User.ID), map[string]any{"role": "viewer"}, &e); code != 403 {
			t.Fatalf("changing one's own role: %d", code)
		}
		editor.do("GET", "/api/v1/me", nil, &me)
		if code := editor.do("PATCH", "/api/v1/users/"+itoa(me.User.ID), map[string]any{"role": "admin"}, &e); code != 403 {
			t.Fatalf("an editor escalating to admin: %d", code)
		}
		var u models.User
		s.st.DB.First(&u, me.User.ID)
		if u.Role != models.RoleEditor {
			t.Fatalf("role changed to %s", u.Role)
		}
		if code := admin.do("PATCH", "/api/v1/users/"+itoa(me.User.ID), map[string]any{"role": "reviewer"}, nil); code != 200 {
			t.Fatalf("admin changing another's role: %d", code)
		}
		var audit struct{ Entries []models.AuditEntry }
		admin.do("GET", "/api/v1/audit?action=user.update", nil, &audit)
		if len(audit.Entries) != 1 || audit.Entries[0].Actor != "boss" || !strings.Contains(audit.Entries[0].Detail, "reviewer") {
			t.Fatalf("audit %+v", audit.Entries)
		}
	})
}

func itoa(id uint) string { return strconv.FormatUint(uint64(id), 10) }
