package handlers

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"
	"time"

	"govmp/models"
)

// browser is a cookie-keeping client that posts console forms and does not
// follow redirects, so tests see where the console sends the user.
type browser struct {
	t    *testing.T
	base string
	http *http.Client
}

func newBrowser(t *testing.T, base string) *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{t: t, base: base, http: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
}

func (b *browser) get(path string) (int, string, string) {
	b.t.Helper()
	resp, err := b.http.Get(b.base + path)
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("Location"), string(raw)
}

// post submits a form with the CSRF cookie echoed, as the console's forms do.
func (b *browser) post(path string, form url.Values) (int, string, string) {
	b.t.Helper()
	if form == nil {
		form = url.Values{}
	}
	if form.Get("_csrf") == "" {
		form.Set("_csrf", b.cookie(csrfCookie))
	}
	resp, err := b.http.PostForm(b.base+path, form)
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("Location"), string(raw)
}

func (b *browser) cookie(name string) string {
	u, _ := url.Parse(b.base + "/admin/")
	for _, c := range b.http.Jar.Cookies(u) {
		if c.Name == name {
			return c.Value
		}
	}
	return ""
}

func (b *browser) login(name, password string) {
	b.t.Helper()
	b.get("/admin/login") // sets the CSRF cookie the login form echoes
	code, loc, body := b.post("/admin/login", url.Values{"username": {name}, "password": {password}, "next": {"/admin/"}})
	if code != http.StatusSeeOther || loc != "/admin/" {
		b.t.Fatalf("login %s: %d %s %s", name, code, loc, body)
	}
}

func TestConsoleLoginLogoutAndExpiry(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *testServer) {
		if _, err := s.st.CreateUser(context.Background(), "boss", "局长", models.RoleAdmin, "correct horse battery"); err != nil {
			t.Fatal(err)
		}
		b := newBrowser(t, s.URL)
		if code, loc, _ := b.get("/admin/settings/users"); code != http.StatusSeeOther || !strings.HasPrefix(loc, "/admin/login?next=%2Fadmin%2Fsettings%2Fusers") {
			t.Fatalf("anonymous: %d %s", code, loc)
		}
		b.get("/admin/login")
		code, _, body := b.post("/admin/login", url.Values{"username": {"boss"}, "password": {"wrong password!"}})
		if code != http.StatusUnauthorized || !strings.Contains(body, "用户名或密码错误") || !strings.Contains(body, `value="boss"`) {
			t.Fatalf("wrong password: %d %s", code, body)
		}
		if code, _, body := b.post("/admin/login", url.Values{"username": {"boss"}, "password": {"x"}, "_csrf": {"forged"}}); code != http.StatusForbidden {
			t.Fatalf("login without the CSRF token: %d %s", code, body)
		}
		b.login("boss", "correct horse battery")
		if code, _, body := b.get("/admin/"); code != 200 || !strings.Contains(body, "局长（管理员）") || !strings.Contains(body, "<svg") {
			t.Fatalf("dashboard: %d %s", code, body)
		}
		// A form without the token is refused, whatever the session.
		if code, _, body := b.post("/admin/settings/users", url.Values{"_csrf": {"nope"}, "username": {"x"}}); code != http.StatusForbidden || !strings.Contains(body, "CSRF") {
			t.Fatalf("CSRF: %d %s", code, body)
		}
		// The session expires: the next page asks to sign in again, saying why.
		s.st.DB.Model(&models.Session{}).Where("1 = 1").Update("expires_at", time.Now().Add(-time.Minute))
		if code, loc, _ := b.get("/admin/"); code != http.StatusSeeOther || !strings.Contains(loc, "expired=1") {
			t.Fatalf("expired session: %d %s", code, loc)
		}
		if _, _, body := b.get("/admin/login?expired=1"); !strings.Contains(body, "登录已过期") {
			t.Fatalf("expiry message missing: %s", body)
		}
		b.login("boss", "correct horse battery")
		if code, loc, _ := b.post("/admin/logout", nil); code != http.StatusSeeOther || loc != "/admin/login" {
			t.Fatalf("logout: %d %s", code, loc)
		}
		if code, _, _ := b.get("/admin/"); code != http.StatusSeeOther {
			t.Fatalf("after logout: %d", code)
		}
	})
}

// TestConsoleRoleMatrix: each role opens exactly its pages; every other page
// and action answers 403 with the console's page, not a redirect or a 404.
func TestConsoleRoleMatrix(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *testServer) {
		pages := map[string][]string{
			"/admin/":                 rolesStaff,
			"/admin/settings/users":   rolesAdmin,
			"/admin/settings/audit":   rolesAdmin,
			"/admin/settings/replies": rolesAdmin,
			"/admin/settings/account": rolesAdmin,
		}
		actions := map[string][]string{
			"/admin/settings/users":                     rolesAdmin,
			"/admin/settings/users/1":                   rolesAdmin,
			"/admin/settings/replies/settings":          rolesAdmin,
			"/admin/settings/replies/keywords":          rolesAdmin,
			"/admin/settings/replies/keywords/1/delete": rolesAdmin,
		}
		for _, role := range models.Roles {
			if _, err := s.st.CreateUser(context.Background(), "u-"+role, "", role, "correct horse battery"); err != nil {
				t.Fatal(err)
			}
			b := newBrowser(t, s.URL)
			b.login("u-"+role, "correct horse battery")
			for path, roles := range pages {
				code, _, body := b.get(path)
				allowed := role == models.RoleAdmin || contains(roles, role)
				if allowed != (code == 200) || (!allowed && (code != 403 || !strings.Contains(body, "无权访问"))) {
					t.Errorf("%s GET %s: %d", role, path, code)
				}
			}
			for path, roles := range actions {
				code, _, _ := b.post(path, url.Values{})
				if allowed := role == models.RoleAdmin || contains(roles, role); !allowed && code != 403 {
					t.Errorf("%s POST %s: %d, want 403", role, path, code)
				}
			}
		}
	})
}

func TestConsoleFormsKeepInputAndShowFieldErrors(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *testServer) {
		if _, err := s.st.CreateUser(context.Background(), "boss", "", models.RoleAdmin, "correct horse battery"); err != nil {
			t.Fatal(err)
		}
		b := newBrowser(t, s.URL)
		b.login("boss", "correct horse battery")
		code, _, body := b.post("/admin/settings/users", url.Values{"username": {"新编辑"}, "display_name": {"王小明"}, "role": {"editor"}, "password": {"short"}})
		if code != 400 || !strings.Contains(body, "密码至少10个字符") || !strings.Contains(body, `value="王小明"`) || strings.Contains(body, "/ password") {
			t.Fatalf("short password: %d %s", code, body)
		}
		code, loc, _ := b.post("/admin/settings/users", url.Values{"username": {"ed"}, "role": {"editor"}, "password": {"correct horse battery"}})
		if code != http.StatusSeeOther || loc != "/admin/settings/users" {
			t.Fatalf("create user: %d %s", code, loc)
		}
		if _, _, body := b.get("/admin/settings/users"); !strings.Contains(body, "已添加用户 ed（编辑）") {
			t.Fatalf("flash missing: %s", body)
		}
		code, _, body = b.post("/admin/settings/replies/keywords", url.Values{"keyword": {""}, "match": {"exact"}, "reply": {"办事指南见菜单"}})
		if code != 400 || !strings.Contains(body, "关键词不能为空") || !strings.Contains(body, "办事指南见菜单") {
			t.Fatalf("empty keyword: %d %s", code, body)
		}
		if code, _, _ := b.post("/admin/settings/replies/keywords", url.Values{"keyword": {"指南"}, "match": {"contains"}, "reply": {"办事指南见菜单"}, "enabled": {"1"}}); code != http.StatusSeeOther {
			t.Fatalf("keyword: %d", code)
		}
		if _, _, body := b.get("/admin/settings/audit?action=reply.keyword.save"); !strings.Contains(body, "contains:指南") {
			t.Fatalf("audit log: %s", body)
		}
	})
}
