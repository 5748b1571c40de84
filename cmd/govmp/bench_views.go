package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"govmp/store"
)

// benchViews loads H5 article pages across one or more replicas, measures
// a static page of the same binary in the same run, and then waits for the
// view flush to bring the database's count to exactly the views served.
func benchViews(ctx context.Context, env *environment, args []string) error {
	fs := flag.NewFlagSet("bench views", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	urls := fs.String("urls", "http://127.0.0.1"+portOf(env.cfg.HTTPAddr), "comma-separated base URLs of the replicas")
	article := fs.Uint("article", 0, "id of a published article")
	n := fs.Int("n", 50000, "page views to send")
	c := fs.Int("c", 32, "concurrent readers")
	wait := fs.Duration("wait", 90*time.Second, "how long to wait for the flush to reach the database")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *article == 0 {
		return fmt.Errorf("bench views: --article is required")
	}
	bases := strings.Split(*urls, ",")
	st, err := store.Open(env.cfg.DBDSN)
	if err != nil {
		return err
	}
	defer st.Close()
	before, err := articlePV(ctx, st, *article)
	if err != nil {
		return err
	}
	client := benchClient(*c * len(bases))
	get := func(path string) func(i int) bool {
		return func(i int) bool {
			resp, err := client.Get(bases[i%len(bases)] + path)
			if err != nil {
				return false
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			return resp.StatusCode == http.StatusOK
		}
	}
	measure(ctx, *n, *c, get("/h5/static/ping.html")).print(env, "static page (same binary)")
	res := measure(ctx, *n, *c, get(fmt.Sprintf("/h5/articles/%d", *article)))
	res.print(env, fmt.Sprintf("article page across %d replica(s)", len(bases)))
	want := before + int64(res.sent-res.errors)
	got, err := waitForPV(ctx, st, *article, want, *wait)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "database: %d of %d views recorded\n", got-before, want-before)
	if got != want {
		return fmt.Errorf("bench: the database counts %d views, %d were served", got-before, want-before)
	}
	return nil
}

func articlePV(ctx context.Context, st *store.Store, id uint) (int64, error) {
	days, err := st.ArticleViews(ctx, id)
	var pv int64
	for _, d := range days {
		pv += d.PV
	}
	return pv, err
}

// waitForPV polls until the flushed count reaches want (or passes it: a
// double count) or the wait is over.
func waitForPV(ctx context.Context, st *store.Store, id uint, want int64, wait time.Duration) (int64, error) {
	deadline := time.Now().Add(wait)
	for {
		got, err := articlePV(ctx, st, id)
		if err != nil || got >= want || time.Now().After(deadline) {
			return got, err
		}
		time.Sleep(500 * time.Millisecond)
	}
}
