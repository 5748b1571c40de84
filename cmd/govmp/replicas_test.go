package main

import (
	"bufio"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// buildBinary compiles govmp once per test run, for tests that need real,
// separate processes.
var buildBinary = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "govmp-bin")
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "govmp")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		return "", &exec.Error{Name: string(out), Err: err}
	}
	return bin, nil
})

// startProcess runs `govmp serve` as its own process with env and returns its base URL.
func startProcess(t *testing.T, env func(string) string, vars []string) string {
	t.Helper()
	bin, err := buildBinary()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "serve", "--addr", "127.0.0.1:0")
	for _, k := range vars {
		cmd.Env = append(cmd.Env, k+"="+env(k))
	}
	// Each replica spools to its own local disk.
	cmd.Env = append(cmd.Env, "GOVMP_SPOOL_DIR="+t.TempDir())
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Signal(os.Interrupt); _ = cmd.Wait() })
	sc := bufio.NewScanner(stdout)
	deadline := time.AfterFunc(30*time.Second, func() { _ = cmd.Process.Kill() })
	defer deadline.Stop()
	for sc.Scan() {
		if u, ok := strings.CutPrefix(sc.Text(), "govmp: listening on "); ok {
			go func() { // keep draining so the process never blocks on stdout
				for sc.Scan() {
				}
			}()
			return u
		}
	}
	t.Fatal("process did not start")
	return ""
}

// TestTwoProcessesRecordARetryOnce runs two replicas sharing MariaDB and
// Redis; WeChat's three deliveries of one event land on both, and the event
// is recorded once.
func TestTwoProcessesRecordARetryOnce(t *testing.T) {
	var b backend
	for _, be := range backends(t) {
		if be.name == "mysql" && be.redis != "" {
			b = be
		}
	}
	if b.dsn == "" {
		t.Skip("needs GOVMP_TEST_MYSQL_DSN and GOVMP_TEST_REDIS_URL")
	}
	env := testEnv(b, nil)
	vars := []string{"GOVMP_DB_DSN", "GOVMP_REDIS_URL", "GOVMP_WECHAT_APPID", "GOVMP_WECHAT_APPSECRET", "GOVMP_WECHAT_TOKEN",
		"GOVMP_WECHAT_AES_KEY", "GOVMP_WECHAT_API_BASE", "GOVMP_WECHAT_VERIFIED", "GOVMP_PUBLIC_URL", "GOVMP_WELCOME_TEXT"}
	first := startProcess(t, env, vars)
	second := startProcess(t, env, append(vars[:0:0], vars...))
	st := openStore(t, b.dsn)
	openid := "oReplica" + strconv.FormatInt(time.Now().UnixNano(), 36)
	msg := callbackClient(first).Subscribe(openid, "poster")
	var wg sync.WaitGroup
	for i, base := range []string{first, second, first} { // WeChat's three deliveries, all at once
		wg.Add(1)
		go func() {
			defer wg.Done()
			r, err := callbackClient(base).Post(context.Background(), msg)
			if err != nil || r.Status != 200 || r.Content == "" {
				t.Errorf("delivery %d: %+v %v", i, r, err)
			}
		}()
	}
	wg.Wait()
	if n := countRows(t, st, "inbound_messages", "open_id = ?", openid); n != 1 {
		t.Fatalf("inbound rows = %d, want 1", n)
	}
	if n := countRows(t, st, "follower_events", "open_id = ?", openid); n != 1 {
		t.Fatalf("follower events = %d, want 1", n)
	}
}
