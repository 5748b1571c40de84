package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// putMenu sends raw menu JSON through the API.
func (u *apiUser) putMenu(raw string) (int, apiError) {
	var e apiError
	code := u.send("PUT", "/api/v1/menu", "application/json", bytes.NewReader([]byte(raw)), &e)
	return code, e
}

const goodMenu = `{"button":[{"name":"专栏","sub_button":[{"type":"click","name":"党史学习教育","key":"COLUMN:dangshi"}]},{"type":"view","name":"最新","url":"http://govmp.test/h5/columns"}]}`

// TestMenuThroughAPIAndCLI: a menu breaking WeChat's limits is refused with
// the reasons and never stored or pushed; an unverified subscription account
// is told WeChat will not take a menu; a verified one pushes it.
func TestMenuThroughAPIAndCLI(t *testing.T) {
	b := backends(t)[0]
	unverified := testEnv(b, map[string]string{"GOVMP_WECHAT_VERIFIED": "false"})
	base := startServer(t, unverified)
	admin := signIn(t, openStore(t, b.dsn), base, "admin1", "admin")
	tooMany := `{"button":[{"type":"click","name":"一","key":"A"},{"type":"click","name":"二","key":"B"},{"type":"click","name":"三","key":"C"},{"type":"click","name":"四","key":"D"}]}`
	if code, e := admin.putMenu(tooMany); code != 400 || !strings.Contains(e.Error.Message, "一级菜单最多3个") {
		t.Fatalf("4 buttons: %d %+v", code, e)
	}
	long := `{"button":[{"type":"click","name":"这是一个非常长的菜单名称","key":"A"}]}`
	if code, e := admin.putMenu(long); code != 400 || !strings.Contains(e.Error.Message, "button[0].name") {
		t.Fatalf("long name: %d %+v", code, e)
	}
	if code, e := admin.putMenu(goodMenu); code != 200 {
		t.Fatalf("good menu: %d %+v", code, e)
	}
	// What GET returns can be sent back as it is.
	var got json.RawMessage
	if code := admin.do("GET", "/api/v1/menu", nil, &got); code != 200 {
		t.Fatalf("get menu: %d", code)
	}
	if code, e := admin.putMenu(string(got)); code != 200 {
		t.Fatalf("menu read back and sent again: %d %+v", code, e)
	}
	calls := fake.Calls("/cgi-bin/menu/create")
	var e apiError
	if code := admin.do("POST", "/api/v1/menu/push", nil, &e); code != 503 || !strings.Contains(e.Error.Message, "未认证") {
		t.Fatalf("push on an unverified account: %d %+v", code, e)
	}
	if fake.Calls("/cgi-bin/menu/create") != calls {
		t.Fatal("WeChat was called for an unverified account's menu")
	}

	// The CLI pushes the saved menu once the account is verified.
	verified := testEnv(b, nil)
	out, err := runCLI(t, verified, "menu", "push")
	if err != nil || !strings.Contains(out, "saved menu pushed") {
		t.Fatalf("menu push: %q %v", out, err)
	}
	if m, ok := fake.Menu(); !ok || len(m) != 2 || m[0].SubButtons[0].Key != "COLUMN:dangshi" {
		t.Fatalf("fake menu: %+v", m)
	}
	bad := filepath.Join(t.TempDir(), "bad.json")
	os.WriteFile(bad, []byte(tooMany), 0o600)
	calls = fake.Calls("/cgi-bin/menu/create")
	if _, err := runCLI(t, verified, "menu", "push", "--file", bad); err == nil || fake.Calls("/cgi-bin/menu/create") != calls {
		t.Fatalf("invalid file pushed: %v", err)
	}
}
