package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"govmp/models"
)

func runCLI(t *testing.T, env func(string) string, args ...string) (string, error) {
	t.Helper()
	var out bytes.Buffer
	err := run(context.Background(), append([]string{"govmp"}, args...), env, &out, io.Discard)
	return out.String(), err
}

func TestMigrateTwiceAndUserAdd(t *testing.T) {
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			env := testEnv(b, nil)
			for i := 0; i < 2; i++ {
				if out, err := runCLI(t, env, "migrate"); err != nil || !strings.Contains(out, "migrated") {
					t.Fatalf("migrate #%d: %q %v", i+1, out, err)
				}
			}
			out, err := runCLI(t, env, "user", "add", "--username", "li.officer", "--role", "officer", "--password", "long enough password")
			if err != nil || !strings.Contains(out, "li.officer") {
				t.Fatalf("user add: %q %v", out, err)
			}
			if _, err := runCLI(t, env, "user", "add", "--username", "li.officer", "--role", "officer", "--password", "long enough password"); err == nil {
				t.Fatal("a duplicate username must be refused")
			}
			if _, err := runCLI(t, env, "user", "add", "--username", "x", "--role", "superuser", "--password", "long enough password"); err == nil {
				t.Fatal("an unknown role must be refused")
			}
			st := openStore(t, b.dsn)
			var u models.User
			st.DB.Where("username = ?", "li.officer").First(&u)
			if u.Role != models.RoleOfficer || u.PasswordHash == "" || strings.Contains(u.PasswordHash, "long enough") {
				t.Fatalf("stored user %+v", u)
			}
			if n := countRows(t, st, "audit_entries", "action = ? AND target = ?", "user.create", "user:li.officer"); n != 1 {
				t.Fatalf("audit entries %d", n)
			}
		})
	}
}

func TestStartupErrorsNameTheVariable(t *testing.T) {
	env := testEnv(backend{dsn: "sqlite://" + filepath.Join(t.TempDir(), "x.db")}, map[string]string{"GOVMP_WECHAT_AES_KEY": "too-short"})
	_, err := runCLI(t, env, "serve")
	if err == nil || !strings.Contains(err.Error(), "GOVMP_WECHAT_AES_KEY") {
		t.Fatalf("error %v", err)
	}
	if _, err := runCLI(t, env, "no-such-command"); err == nil {
		t.Fatal("unknown command accepted")
	}
	if out, err := runCLI(t, env, "version"); err != nil || !strings.HasPrefix(out, "govmp ") {
		t.Fatalf("version: %q %v", out, err)
	}
}

// TestReadinessAndDegradedCache: with Redis unreachable the replica reports
// not ready, yet WeChat still gets its reply and the event is recorded once
// (dedupe falls back to the database).
func TestReadinessAndDegradedCache(t *testing.T) {
	b := backends(t)[0]
	b.redis = "redis://127.0.0.1:1/0" // nothing listens there
	base := startServer(t, testEnv(b, nil))
	resp, err := http.Get(base + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(string(body), `"cache":"unreachable"`) {
		t.Fatalf("readyz: %d %s", resp.StatusCode, body)
	}
	cl := callbackClient(base)
	msg := cl.Text("oDegraded", "你好", 99)
	for i := 0; i < 3; i++ {
		r, err := cl.Post(context.Background(), msg)
		if err != nil || r.Status != 200 || r.Content == "" {
			t.Fatalf("delivery %d without Redis: %+v %v", i, r, err)
		}
	}
	if n := countRows(t, openStore(t, b.dsn), "inbound_messages", "open_id = ?", "oDegraded"); n != 1 {
		t.Fatalf("rows %d, want 1", n)
	}
	resp, _ = http.Get(base + "/metrics")
	metrics, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(metrics), `govmp_callbacks_total{kind="text",outcome="recorded"} 1`) ||
		!strings.Contains(string(metrics), `govmp_callbacks_total{kind="text",outcome="duplicate"} 2`) {
		t.Fatalf("metrics do not count the callback:\n%s", grepLines(string(metrics), "govmp_callbacks_total"))
	}
}

func grepLines(s, substr string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, substr) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

func TestBackupCopiesTheSQLiteDatabase(t *testing.T) {
	dir := t.TempDir()
	b := backend{name: "sqlite", dsn: "sqlite://" + filepath.Join(dir, "live.db")}
	env := testEnv(b, nil)
	if _, err := runCLI(t, env, "user", "add", "--username", "kept", "--role", "viewer", "--password", "long enough password"); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "copy.db")
	if msg, err := runCLI(t, env, "backup", "--out", out); err != nil || !strings.Contains(msg, out) {
		t.Fatalf("backup: %q %v", msg, err)
	}
	copyStore := openStore(t, "sqlite://"+out)
	if n := countRows(t, copyStore, "users", "username = ?", "kept"); n != 1 {
		t.Fatalf("the copy holds %d matching users", n)
	}
	if _, err := runCLI(t, env, "backup", "--out", out); err == nil {
		t.Fatal("overwriting an existing backup must be refused")
	}
}

// TestSimulatePrintsTheRepliesWeChatWouldGet drives a running server with
// `govmp simulate`, signed and encrypted as WeChat does.
func TestSimulatePrintsTheRepliesWeChatWouldGet(t *testing.T) {
	b := backends(t)[0]
	env := testEnv(b, nil)
	base := startServer(t, env)
	out, err := runCLI(t, env, "simulate", "--url", base+"/wechat", "--followers", "2", "--click", "NOPE:1", "--text", "你好", "--openid-prefix", "oSimTest")
	if err != nil {
		t.Fatalf("simulate: %v\n%s", err, out)
	}
	for _, want := range []string{"verify: HTTP 200", "(encrypted): 欢迎关注阜新乡村振兴政务", "click NOPE:1 → HTTP 200 text (encrypted): 该菜单功能正在建设中", "text 你好 → HTTP 200"} {
		if !strings.Contains(out, want) {
			t.Fatalf("output lacks %q:\n%s", want, out)
		}
	}
	if n := countRows(t, openStore(t, b.dsn), "followers", "open_id LIKE ?", "oSimTest%"); n != 2 {
		t.Fatalf("%d simulated followers stored, want 2", n)
	}
}
