package main

import (
	"bufio"
	"context"
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"govmp/store"
	"govmp/store/storetest"
	"govmp/wechat/wechattest"
)

const (
	testToken  = "govmptesttoken"
	testAESKey = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"
)

// fake is the one fake WeChat of this test process: the SDK's API base is a
// process-wide setting, so every server in these tests talks to it.
var fake *wechattest.Server

func TestMain(m *testing.M) {
	fake = wechattest.NewServer(wechattest.WithAccount(true, false))
	fake.Start()
	code := m.Run()
	fake.Close()
	os.Exit(code)
}

// backend is a database (and cache) a whole-program test runs against.
type backend struct {
	name, dsn, redis string
}

// backends returns SQLite with the in-process cache and, when configured,
// MariaDB with Redis.
func backends(t *testing.T) []backend {
	var out []backend
	for _, b := range storetest.Backends(t) {
		be := backend{name: b.Name, dsn: b.DSN}
		if b.Name == "mysql" {
			be.redis = os.Getenv("GOVMP_TEST_REDIS_URL")
		}
		out = append(out, be)
	}
	return out
}

// testEnv is the environment of a server under test.
func testEnv(b backend, extra map[string]string) func(string) string {
	vars := map[string]string{
		"GOVMP_DB_DSN": b.dsn, "GOVMP_REDIS_URL": b.redis,
		"GOVMP_WECHAT_APPID": wechattest.DefaultAppID, "GOVMP_WECHAT_APPSECRET": wechattest.DefaultAppSecret,
		"GOVMP_WECHAT_TOKEN": testToken, "GOVMP_WECHAT_AES_KEY": testAESKey,
		"GOVMP_WECHAT_API_BASE": fake.URL(), "GOVMP_WECHAT_VERIFIED": "true",
		"GOVMP_PUBLIC_URL": "http://govmp.test", "GOVMP_WELCOME_TEXT": "欢迎关注阜新乡村振兴政务",
		// One spool per database, outside the source tree.
		"GOVMP_SPOOL_DIR": filepath.Join(os.TempDir(), "govmp-test-spool", fmt.Sprintf("%x", sha256.Sum256([]byte(b.dsn)))[:16]),
	}
	for k, v := range extra {
		vars[k] = v
	}
	return func(k string) string { return vars[k] }
}

// startServer runs the whole program (`govmp serve`) on a free loopback port
// and returns its base URL; it is stopped at cleanup.
func startServer(t *testing.T, getenv func(string) string) string {
	t.Helper()
	return startServerWithLog(t, getenv, io.Discard)
}

// startServerWithLog is startServer with the server's log kept in logs.
func startServerWithLog(t *testing.T, getenv func(string) string, logs io.Writer) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		if err := run(ctx, []string{"govmp", "serve", "--addr", "127.0.0.1:0"}, getenv, pw, logs); err != nil {
			t.Errorf("serve: %v", err)
		}
		pw.Close()
	}()
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			if u, ok := strings.CutPrefix(sc.Text(), "govmp: listening on "); ok {
				addr <- u
			}
		}
	}()
	t.Cleanup(func() { cancel(); wg.Wait() })
	select {
	case u := <-addr:
		return u
	case <-time.After(20 * time.Second):
		t.Fatal("server did not start")
	}
	return ""
}

// openStore opens the server's database to check what it wrote.
func openStore(t *testing.T, dsn string) *store.Store {
	t.Helper()
	st, err := store.Open(dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func countRows(t *testing.T, st *store.Store, table, where string, args ...any) int64 {
	t.Helper()
	var n int64
	q := st.DB.Table(table)
	if where != "" {
		q = q.Where(where, args...)
	}
	if err := q.Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

func callbackClient(base string) *wechattest.CallbackClient {
	return &wechattest.CallbackClient{URL: base + "/wechat", Token: testToken, AppID: wechattest.DefaultAppID, EncodingAESKey: testAESKey, Fake: fake}
}
