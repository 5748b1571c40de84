package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"sync"
	"testing"
	"time"

	"govmp/models"
	"govmp/store"
)

// discLogBuffer collects a server's log output safely across goroutines.
type discLogBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *discLogBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *discLogBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// addUser runs `govmp user add` against the test database.
func discAddUser(t *testing.T, getenv func(string) string, name, role string) {
	t.Helper()
	err := run(context.Background(), []string{"govmp", "user", "add", "--username", name, "--role", role, "--password", "pw-" + name + "-123456"},
		getenv, io.Discard, io.Discard)
	if err != nil {
		t.Fatalf("user add %s: %v", name, err)
	}
}

// discAPI calls the admin API with a bearer token.
type discAPI struct {
	t     *testing.T
	base  string
	token string
}

// login signs in and exchanges the session for a bearer token.
func discLogin(t *testing.T, base, name string) *discAPI {
	t.Helper()
	jar := &discAPI{t: t, base: base}
	body, _ := json.Marshal(map[string]string{"username": name, "password": "pw-" + name + "-123456"})
	resp, err := http.Post(base+"/api/v1/login", "application/json", bytes.NewReader(body))
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("login %s: %v %v", name, err, resp)
	}
	var out struct {
		CSRF string `json:"csrf_token"`
	}
	_ = json.NewDecoder(resp.Body).Decode(&out)
	resp.Body.Close()
	req, _ := http.NewRequest(http.MethodPost, base+"/api/v1/tokens", nil)
	for _, c := range resp.Cookies() {
		req.AddCookie(c)
	}
	req.Header.Set("X-CSRF-Token", out.CSRF)
	resp, err = http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != 201 {
		t.Fatalf("token %s: %v %v", name, err, resp)
	}
	var tok struct {
		Token string `json:"token"`
	}
	_ = json.NewDecoder(resp.Body).Decode(&tok)
	resp.Body.Close()
	jar.token = tok.Token
	return jar
}

// do sends a JSON request and returns the status and raw body.
func (a *discAPI) do(method, path string, body any) (int, []byte) {
	a.t.Helper()
	var r io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		r = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, a.base+path, r)
	req.Header.Set("Authorization", "Bearer "+a.token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		a.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, raw
}

// must sends a request that has to succeed and decodes the answer into out.
func (a *discAPI) must(method, path string, body, out any) {
	a.t.Helper()
	status, raw := a.do(method, path, body)
	if status/100 != 2 {
		a.t.Fatalf("%s %s: HTTP %d %s", method, path, status, raw)
	}
	if out != nil {
		if err := json.Unmarshal(raw, out); err != nil {
			a.t.Fatalf("%s %s: %v", method, path, err)
		}
	}
}

// postForm posts an H5 form and returns the status and the page.
func discPostForm(t *testing.T, u string, form url.Values) (int, string) {
	t.Helper()
	resp, err := http.PostForm(u, form)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func discGet(t *testing.T, u string) (int, string) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// setLastInteraction moves the server's record of a follower's last
// interaction, standing in for the two days that pass in real life.
func setLastInteraction(t *testing.T, st *store.Store, openid string, at time.Time) {
	t.Helper()
	err := st.DB.Model(&models.Follower{}).Where("open_id = ?", openid).Update("last_interaction_at", at.UTC()).Error
	if err != nil {
		t.Fatal(err)
	}
}

// customTexts returns the customer messages the fake accepted for openid.
func customTexts(openid string) []string {
	var out []string
	for _, m := range fake.CustomMessages() {
		if m.ToUser == openid {
			out = append(out, m.Content)
		}
	}
	return out
}

// waitFor polls cond until it holds or 10 s pass.
func discWaitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
