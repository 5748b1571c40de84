//go:build chaos

// Package chaos runs three replicas on a private MariaDB and Redis, drives
// WeChat callbacks at them, and restarts Redis, restarts MariaDB and kills a
// replica with SIGKILL mid-load. Run with `go test -tags chaos ./chaos/`.
package chaos

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	_ "github.com/go-sql-driver/mysql"

	"govmp/wechat/wechattest"
)

const (
	token  = "chaostoken"
	appID  = "wxchaos000000001"
	aesKey = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"
)

func TestChaos(t *testing.T) {
	dir := t.TempDir()
	db := startMariaDB(t, dir)
	cache := startRedis(t, dir)
	fake := wechattest.NewServer(wechattest.WithCredentials(appID, "secret"))
	fake.Start()
	defer fake.Close()
	bin := buildGovmp(t, dir)
	env := []string{"GOVMP_DB_DSN=" + db.dsn(), "GOVMP_REDIS_URL=" + cache.url(), "GOVMP_WECHAT_APPID=" + appID,
		"GOVMP_WECHAT_APPSECRET=secret", "GOVMP_WECHAT_TOKEN=" + token, "GOVMP_WECHAT_AES_KEY=" + aesKey,
		"GOVMP_WECHAT_API_BASE=" + fake.URL(), "GOVMP_LOG_FORMAT=json", "GOVMP_WECHAT_VERIFIED=true",
		"GOVMP_PUBLISH_SCHEDULE_INTERVAL=1s"}
	t.Cleanup(func() {
		if t.Failed() { // the replicas' own account of what went wrong
			logs, _ := filepath.Glob(filepath.Join(dir, "*.log"))
			for _, name := range logs {
				b, _ := os.ReadFile(name)
				lines := strings.Split(strings.TrimSpace(string(b)), "\n")
				t.Logf("--- %s (last lines)\n%s", filepath.Base(name), strings.Join(lines[max(0, len(lines)-15):], "\n"))
			}
		}
	})
	reps := make([]*replica, 3)
	for i := range reps {
		reps[i] = &replica{t: t, bin: bin, env: env, spool: filepath.Join(dir, fmt.Sprintf("spool%d", i))}
		reps[i].start()
		defer reps[i].stop(syscall.SIGTERM)
	}
	article := publishArticle(t, db)
	scheduled := scheduleArticles(t, db, 20)
	bearer := admin(t, bin, env, reps[0].url)
	tokenCalls := func() int { return fake.Calls("/cgi-bin/stable_token") + fake.Calls("/cgi-bin/token") }
	pushAll := func(when string) {
		for i, r := range reps {
			if r.cmd == nil {
				continue
			}
			if code := pushMenu(t, r.url, bearer); code != http.StatusOK {
				t.Errorf("menu push through replica %d %s: HTTP %d", i, when, code)
			}
		}
	}
	pushAll("before the faults")
	load := newLoad(reps)
	ctx, stop := context.WithCancel(context.Background())
	done := load.run(ctx, 8)
	readers := load.read(ctx, 4, article)

	time.Sleep(3 * time.Second)
	t.Log("restarting Redis")
	cache.stop(syscall.SIGTERM)
	time.Sleep(time.Second)
	cache.start()
	t.Logf("recovery after the Redis restart: ready in %s", recovered(reps[0].url, 30*time.Second))
	pushAll("after the Redis restart")

	time.Sleep(3 * time.Second)
	t.Log("stopping MariaDB")
	db.stop(syscall.SIGTERM)
	time.Sleep(time.Second)
	if code := status(reps[0].url + "/readyz"); code != http.StatusServiceUnavailable {
		t.Errorf("/readyz with MariaDB down: HTTP %d, want 503", code)
	}
	if code, msg := apiWrite(reps[1].url, bearer); code != http.StatusServiceUnavailable || !strings.Contains(msg, "数据库暂时无法连接") {
		t.Errorf("a console write with MariaDB down: HTTP %d %q, want 503 saying the database is unavailable", code, msg)
	}
	time.Sleep(2 * time.Second)
	t.Log("starting MariaDB")
	db.start()
	t.Logf("recovery after the MariaDB restart: ready in %s, spooled callbacks written in %s",
		recovered(reps[0].url, 30*time.Second), drained(reps, 30*time.Second))
	pushAll("after the MariaDB restart")

	time.Sleep(3 * time.Second)
	t.Log("killing replica 2 with SIGKILL")
	load.drop(2)
	time.Sleep(100 * time.Millisecond) // let its last answered requests land
	killedUncertain := metricSum(reps[2:], "govmp_views_uncertain_total", "")
	reps[2].stop(syscall.SIGKILL)

	time.Sleep(3 * time.Second)
	stop()
	<-done
	<-readers
	t.Log("restarting replica 2 on its own spool")
	restart := time.Now()
	reps[2].start()
	t.Logf("recovery of the killed replica: serving in %s, its spool written in %s", time.Since(restart), drained(reps, 30*time.Second))
	pushAll("after the replica restart")
	if n := tokenCalls(); n != 1 {
		t.Errorf("%d access-token requests reached WeChat across 3 replicas and the faults, want 1", n)
	}
	checkScheduledOnce(t, db, scheduled)

	sent, acked, unanswered := load.summary()
	t.Logf("callbacks: %d messages, %d acknowledged, %d never answered within WeChat's 5 s and 4 deliveries", sent, acked, unanswered)
	if unanswered != 0 {
		t.Errorf("%d callbacks were never answered", unanswered)
	}
	got := waitForRows(t, db, load.prefix, int64(acked), 60*time.Second)
	if got != int64(acked) {
		t.Fatalf("database holds %d messages, acknowledged %d: lost or duplicated", got, acked)
	}
	views, unsure := load.views.Load(), load.unsure.Load()
	// The killed replica's counter restarted from zero: add what it had said.
	uncertain := int64(metricSum(reps, "govmp_views_uncertain_total", "") + killedUncertain)
	pv := waitForViews(t, db, article, views-uncertain, 60*time.Second)
	t.Logf("page views: %d served, %d unanswered, %d with a timed-out count, %d counted", views, unsure, uncertain, pv)
	if pv < views-uncertain || pv > views+unsure {
		t.Fatalf("database counts %d page views; %d were served (%d uncertain) and %d more may have been", pv, views, uncertain, unsure)
	}
	if spooled := metricSum(reps, "govmp_callbacks_total", `outcome="spooled"`); spooled == 0 {
		t.Error("the MariaDB outage never exercised the spool")
	}
}

// load sends unique callbacks, each delivered up to 4 times (WeChat's
// retries) until a replica answers within 5 s.
type load struct {
	prefix  string
	mu      sync.Mutex
	targets []string
	next    atomic.Int64
	sent    atomic.Int64
	acked   atomic.Int64
	failed  atomic.Int64
	views   atomic.Int64 // article pages served with 200
	unsure  atomic.Int64 // article requests that got no answer
	client  *http.Client
	sealer  *wechattest.CallbackClient
}

func newLoad(reps []*replica) *load {
	l := &load{prefix: fmt.Sprintf("ch%x", time.Now().UnixNano()&0xffffff), client: &http.Client{Timeout: 5 * time.Second},
		sealer: &wechattest.CallbackClient{Token: token, AppID: appID, EncodingAESKey: aesKey}}
	for _, r := range reps {
		l.targets = append(l.targets, r.url)
	}
	return l
}

// drop stops sending to replica i (the load balancer's health check).
func (l *load) drop(i int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.targets = append(l.targets[:i:i], l.targets[i+1:]...)
}

func (l *load) target(n int64) string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.targets[int(n)%len(l.targets)]
}

func (l *load) run(ctx context.Context, workers int) chan struct{} {
	done := make(chan struct{})
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				l.one(l.next.Add(1))
				time.Sleep(5 * time.Millisecond)
			}
		}()
	}
	go func() { wg.Wait(); close(done) }()
	return done
}

func (l *load) one(n int64) {
	l.sent.Add(1)
	openid := fmt.Sprintf("%so%07d", l.prefix, n)
	msg := l.sealer.Subscribe(openid, "")
	if n%2 == 0 {
		msg = l.sealer.Text(openid, "政策", n)
	}
	for attempt := int64(0); attempt < 4; attempt++ {
		q, body, err := l.sealer.Seal(msg)
		if err != nil {
			panic(err)
		}
		req, _ := http.NewRequest(http.MethodPost, l.target(n+attempt)+"/wechat?"+q.Encode(), strings.NewReader(string(body)))
		resp, err := l.client.Do(req)
		if err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				l.acked.Add(1)
				return
			}
		}
		time.Sleep(200 * time.Millisecond)
	}
	l.failed.Add(1)
}

func (l *load) summary() (sent, acked, failed int64) {
	return l.sent.Load(), l.acked.Load(), l.failed.Load()
}

func status(url string) int {
	resp, err := http.Get(url)
	if err != nil {
		return 0
	}
	resp.Body.Close()
	return resp.StatusCode
}

// waitForRows polls until the database holds want messages of the run (the
// spools replay every few seconds) or limit passes.
func waitForRows(t *testing.T, db *service, prefix string, want int64, limit time.Duration) int64 {
	t.Helper()
	conn, err := sql.Open("mysql", strings.TrimPrefix(db.dsn(), "mysql://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var n int64
	for deadline := time.Now().Add(limit); time.Now().Before(deadline); time.Sleep(time.Second) {
		if err := conn.QueryRow("SELECT COUNT(*) FROM inbound_messages WHERE open_id LIKE ?", prefix+"o%").Scan(&n); err == nil && n >= want {
			return n
		}
	}
	return n
}

// metricSum adds up a metric's series matching label across replicas.
func metricSum(reps []*replica, name, label string) int {
	total := 0
	for _, r := range reps {
		resp, err := http.Get(r.url + "/metrics")
		if err != nil {
			continue
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		for _, line := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(line, name) && strings.Contains(line, label) {
				var v float64
				fmt.Sscanf(line[strings.LastIndex(line, " ")+1:], "%g", &v)
				total += int(v)
			}
		}
	}
	return total
}
