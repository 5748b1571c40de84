//go:build chaos

package chaos

import (
	"bytes"
	"encoding/json"
	"net/http"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// scheduleArticles puts n articles in the database scheduled for the next
// seconds of the run (H5 mode: published on our own pages), for the
// scheduled-publishing job to fire while the faults happen.
func scheduleArticles(t *testing.T, db *service, n int) []int64 {
	t.Helper()
	conn := openDB(t, db)
	defer conn.Close()
	var ids []int64
	for i := 0; i < n; i++ {
		res, err := conn.Exec(`INSERT INTO articles (title, body, category_id, state, author_id, scheduled_at, scheduled_mode,
			created_at, updated_at, original, secrecy_confirmed, pending_publish_id)
			VALUES (?, '<p>定时发布</p>', 1, 'scheduled', 1, UTC_TIMESTAMP() + INTERVAL ? SECOND, 'h5', NOW(), NOW(), 1, 1, 0)`,
			"定时发布 "+strconv.Itoa(i), 1+i/2) // due across the first faults
		if err != nil {
			t.Fatal(err)
		}
		id, _ := res.LastInsertId()
		ids = append(ids, id)
	}
	return ids
}

// checkScheduledOnce asserts every scheduled article was published by
// exactly one publish record.
func checkScheduledOnce(t *testing.T, db *service, ids []int64) {
	t.Helper()
	conn := openDB(t, db)
	defer conn.Close()
	for _, id := range ids {
		var state string
		var records int
		// The job runs every second; give a late one a few ticks.
		for deadline := time.Now().Add(15 * time.Second); ; time.Sleep(200 * time.Millisecond) {
			if err := conn.QueryRow("SELECT state FROM articles WHERE id = ?", id).Scan(&state); err != nil {
				t.Fatal(err)
			}
			if state == "published" || time.Now().After(deadline) {
				break
			}
		}
		if err := conn.QueryRow("SELECT COUNT(*) FROM publish_records WHERE article_ids = ?", strconv.FormatInt(id, 10)).Scan(&records); err != nil {
			t.Fatal(err)
		}
		if state != "published" || records != 1 {
			t.Errorf("scheduled article %d: state %s, %d publish records (want published, exactly 1)", id, state, records)
		}
	}
}

// admin creates an admin with the CLI and returns a bearer token for the API.
func admin(t *testing.T, bin string, env []string, base string) string {
	t.Helper()
	cmd := exec.Command(bin, "user", "add", "--username", "chaos-admin", "--role", "admin", "--password", "chaos admin password")
	cmd.Env = append(env, "GOVMP_SPOOL_DIR="+filepath.Join(t.TempDir(), "cli"))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("user add: %v %s", err, out)
	}
	body, _ := json.Marshal(map[string]string{"username": "chaos-admin", "password": "chaos admin password"})
	resp, err := http.Post(base+"/api/v1/login", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	var cookies []*http.Cookie = resp.Cookies()
	req, _ := http.NewRequest(http.MethodPost, base+"/api/v1/tokens", nil)
	for _, c := range cookies {
		req.AddCookie(c)
		if c.Name == "govmp_csrf" {
			req.Header.Set("X-CSRF-Token", c.Value)
		}
	}
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out struct{ Token string }
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || out.Token == "" {
		t.Fatalf("token: %v", err)
	}
	return out.Token
}

// pushMenu saves and pushes a menu through one replica's API: a WeChat API
// call that needs the shared access token.
func pushMenu(t *testing.T, base, bearer string) int {
	t.Helper()
	menu := []byte(`{"button":[{"type":"click","name":"专栏","key":"COLUMN:dangshi"}]}`)
	for _, step := range []struct{ method, path string }{{http.MethodPut, "/api/v1/menu"}, {http.MethodPost, "/api/v1/menu/push"}} {
		var body *bytes.Reader
		if step.method == http.MethodPut {
			body = bytes.NewReader(menu)
		} else {
			body = bytes.NewReader(nil)
		}
		req, _ := http.NewRequest(step.method, base+step.path, body)
		req.Header.Set("Authorization", "Bearer "+bearer)
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return 0
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return resp.StatusCode
		}
	}
	return http.StatusOK
}

// recovered measures how long after a fault's end the replica is ready again.
func recovered(base string, limit time.Duration) time.Duration {
	start := time.Now()
	for time.Since(start) < limit {
		if status(base+"/readyz") == http.StatusOK {
			return time.Since(start)
		}
		time.Sleep(50 * time.Millisecond)
	}
	return limit
}

// drained measures how long until no replica has spooled callbacks left.
func drained(reps []*replica, limit time.Duration) time.Duration {
	start := time.Now()
	for time.Since(start) < limit {
		left := 0
		for _, r := range reps {
			files, _ := filepath.Glob(filepath.Join(r.spool, "inbound-*.log"))
			left += len(files)
		}
		if left == 0 {
			return time.Since(start)
		}
		time.Sleep(100 * time.Millisecond)
	}
	return limit
}

// apiWrite saves a keyword reply through the API and returns the status and
// the error message, if any.
func apiWrite(base, bearer string) (int, string) {
	body := []byte(`{"keyword":"政策","match":"contains","reply":"请看菜单","enabled":true}`)
	req, _ := http.NewRequest(http.MethodPost, base+"/api/v1/replies/keywords", bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+bearer)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err.Error()
	}
	defer resp.Body.Close()
	var out struct {
		Error struct{ Message string } `json:"error"`
	}
	_ = json.NewDecoder(resp.Body).Decode(&out)
	return resp.StatusCode, out.Error.Message
}
