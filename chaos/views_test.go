//go:build chaos

package chaos

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

func openDB(t *testing.T, db *service) *sql.DB {
	t.Helper()
	conn, err := sql.Open("mysql", strings.TrimPrefix(db.dsn(), "mysql://"))
	if err != nil {
		t.Fatal(err)
	}
	return conn
}

// publishArticle puts one published article straight into the database
// the replicas migrated, for the readers to load.
func publishArticle(t *testing.T, db *service) int64 {
	t.Helper()
	conn := openDB(t, db)
	defer conn.Close()
	res, err := conn.Exec(`INSERT INTO articles (title, body, category_id, state, author_id, published_at, created_at, updated_at,
		original, secrecy_confirmed, pending_publish_id) VALUES ('乡村振兴政策解读', '<p>正文</p>', 1, 'published', 1, NOW(), NOW(), NOW(), 1, 1, 0)`)
	if err != nil {
		t.Fatal(err)
	}
	id, _ := res.LastInsertId()
	return id
}

// read loads the article page on every replica in turn; a view counts as
// served when the page came back 200.
func (l *load) read(ctx context.Context, workers int, article int64) chan struct{} {
	done := make(chan struct{})
	finished := make(chan struct{}, workers)
	for w := 0; w < workers; w++ {
		go func() {
			defer func() { finished <- struct{}{} }()
			for n := int64(0); ctx.Err() == nil; n++ {
				resp, err := l.client.Get(fmt.Sprintf("%s/h5/articles/%d", l.target(n), article))
				if err != nil {
					// The replica may have counted the view and died (or
					// timed out) before answering: it may or may not count.
					l.unsure.Add(1)
				} else {
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if resp.StatusCode == http.StatusOK {
						l.views.Add(1)
					}
				}
				time.Sleep(2 * time.Millisecond)
			}
		}()
	}
	go func() {
		for i := 0; i < workers; i++ {
			<-finished
		}
		close(done)
	}()
	return done
}

// waitForViews polls until the flushed page views reach want or limit passes.
func waitForViews(t *testing.T, db *service, article, want int64, limit time.Duration) int64 {
	t.Helper()
	conn := openDB(t, db)
	defer conn.Close()
	var pv int64
	for deadline := time.Now().Add(limit); time.Now().Before(deadline); time.Sleep(time.Second) {
		if err := conn.QueryRow("SELECT COALESCE(SUM(pv),0) FROM article_view_days WHERE article_id = ?", article).Scan(&pv); err == nil && pv >= want {
			return pv
		}
	}
	return pv
}
