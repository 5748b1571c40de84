//go:build chaos

package chaos

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestFiftyThousandViewsOnTwoReplicas runs the load generator against two
// replicas sharing MariaDB and Redis: 50,000 article page views while the
// flush job runs, then the database must count exactly the views served.
// It also measures the binary's static page in the same run.
func TestFiftyThousandViewsOnTwoReplicas(t *testing.T) {
	dir := t.TempDir()
	db := startMariaDB(t, dir)
	cache := startRedis(t, dir)
	bin := buildGovmp(t, dir)
	env := []string{"GOVMP_DB_DSN=" + db.dsn(), "GOVMP_REDIS_URL=" + cache.url(), "GOVMP_WECHAT_APPID=" + appID,
		"GOVMP_WECHAT_TOKEN=" + token, "GOVMP_WECHAT_API_BASE=http://127.0.0.1:1", "GOVMP_LOG_FORMAT=json"}
	var urls []string
	for i := 0; i < 2; i++ {
		r := &replica{t: t, bin: bin, env: env, spool: filepath.Join(dir, fmt.Sprintf("spool%d", i))}
		r.start()
		defer r.stop(syscall.SIGTERM)
		urls = append(urls, r.url)
	}
	article := publishArticle(t, db)
	cmd := exec.Command(bin, "bench", "views", "--urls", strings.Join(urls, ","), "--article", fmt.Sprint(article), "--n", "50000", "--c", "32")
	cmd.Env = append(env, "GOVMP_SPOOL_DIR="+filepath.Join(dir, "bench"))
	out, err := cmd.CombinedOutput()
	t.Logf("load generator:\n%s", out)
	if err != nil {
		t.Fatalf("views lost or doubled: %v", err)
	}
	if !strings.Contains(string(out), "50000 of 50000 views recorded") {
		t.Fatal("the load generator did not confirm every view")
	}
}
