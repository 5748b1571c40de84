package wechattest

import (
	"net/http"
	"net/url"
	"testing"
	"time"
)

func classicToken(t *testing.T, s *Server) string {
	t.Helper()
	m, _ := do(t, s, http.MethodGet, "/cgi-bin/token", url.Values{
		"grant_type": {"client_credential"}, "appid": {s.AppID()}, "secret": {s.AppSecret()}}, nil)
	wantCode(t, m, 0)
	return m["access_token"].(string)
}

// A token that works reaches the handler, which answers 46003 for no menu.
const tokenOK = 46003

func TestTokenRotationKeepsOldTokenFiveMinutes(t *testing.T) {
	s, clk := newFake(t)
	old := classicToken(t, s)
	clk.Advance(time.Hour)
	cur := classicToken(t, s)
	if old == cur {
		t.Fatal("each /cgi-bin/token call must issue a new token")
	}
	clk.Advance(5*time.Minute - time.Second)
	wantCode(t, api(t, s, old, "/cgi-bin/menu/get", nil), tokenOK)
	clk.Advance(time.Second)
	wantCode(t, api(t, s, old, "/cgi-bin/menu/get", nil), 40001)
	wantCode(t, api(t, s, cur, "/cgi-bin/menu/get", nil), tokenOK)
	clk.Advance(2 * time.Hour)
	wantCode(t, api(t, s, cur, "/cgi-bin/menu/get", nil), 42001)
	if s.TokenCalls() != 2 || s.Calls("/cgi-bin/token") != 2 {
		t.Fatalf("token calls = %d", s.TokenCalls())
	}
}

func TestStableTokenSameUntilForced(t *testing.T) {
	s, clk := newFake(t)
	first := stableToken(t, s)
	clk.Advance(100 * time.Second)
	m, _ := do(t, s, http.MethodPost, "/cgi-bin/stable_token", nil, map[string]any{
		"grant_type": "client_credential", "appid": s.AppID(), "secret": s.AppSecret()})
	if m["access_token"] != first || num64(t, m["expires_in"]) != 7100 {
		t.Fatalf("want same token with 7100 s left, got %v", m)
	}
	m, _ = do(t, s, http.MethodPost, "/cgi-bin/stable_token", nil, map[string]any{
		"grant_type": "client_credential", "appid": s.AppID(), "secret": s.AppSecret(), "force_refresh": true})
	forced := m["access_token"].(string)
	if forced == first || num64(t, m["expires_in"]) != 7200 {
		t.Fatalf("force_refresh must issue a new full-life token: %v", m)
	}
	wantCode(t, api(t, s, first, "/cgi-bin/menu/get", nil), 40001)
	wantCode(t, api(t, s, forced, "/cgi-bin/menu/get", nil), tokenOK)

	// In its last five minutes the token is replaced; the old one still
	// works until it expires.
	clk.Advance(7200*time.Second - 4*time.Minute)
	next := stableToken(t, s)
	if next == forced {
		t.Fatal("stable_token must be replaced in its last five minutes")
	}
	wantCode(t, api(t, s, forced, "/cgi-bin/menu/get", nil), tokenOK)
	clk.Advance(4 * time.Minute)
	wantCode(t, api(t, s, forced, "/cgi-bin/menu/get", nil), 42001)
	if s.Calls("/cgi-bin/stable_token") != 4 {
		t.Fatalf("stable calls = %d", s.Calls("/cgi-bin/stable_token"))
	}
}

func TestTokenErrors(t *testing.T) {
	s, _ := newFake(t)
	wantCode(t, api(t, s, "", "/cgi-bin/menu/get", nil), 41001)
	wantCode(t, api(t, s, "forged", "/cgi-bin/menu/get", nil), 40001)

	cases := []struct {
		grant, appid, secret string
		want                 int
	}{
		{"client_credential", "wxother", s.AppSecret(), 40013},
		{"client_credential", s.AppID(), "wrong", 40125},
		{"password", s.AppID(), s.AppSecret(), 40002},
		{"client_credential", "", s.AppSecret(), 41002},
	}
	for _, c := range cases {
		m, _ := do(t, s, http.MethodGet, "/cgi-bin/token", url.Values{
			"grant_type": {c.grant}, "appid": {c.appid}, "secret": {c.secret}}, nil)
		wantCode(t, m, c.want)
		m, _ = do(t, s, http.MethodPost, "/cgi-bin/stable_token", nil, map[string]any{
			"grant_type": c.grant, "appid": c.appid, "secret": c.secret})
		wantCode(t, m, c.want)
	}
	m, _ := do(t, s, http.MethodGet, "/cgi-bin/stable_token", nil, nil)
	wantCode(t, m, 43002)
}

func TestConcurrentUse(t *testing.T) {
	s, clk := newFake(t)
	tok := stableToken(t, s)
	s.FailNext("/cgi-bin/menu/get", -1, 5)
	done := make(chan struct{})
	for range 20 {
		go func() {
			defer func() { done <- struct{}{} }()
			stableToken(t, s)
			api(t, s, tok, "/cgi-bin/menu/get", nil)
			s.Touch(s.AddFollowers(1)[0], clk.Now())
			_ = s.CustomMessages()
			_ = s.Followers()
		}()
	}
	for range 20 {
		<-done
	}
	if s.Calls("/cgi-bin/menu/get") != 20 || len(s.Followers()) != 20 {
		t.Fatalf("calls %d, followers %d", s.Calls("/cgi-bin/menu/get"), len(s.Followers()))
	}
}
