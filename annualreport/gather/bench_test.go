package gather_test

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"govmp/annualreport"
	"govmp/models"

	"govmp/annualreport/gather"
	"govmp/stats"
	"govmp/store"
	"govmp/store/storetest"
)

// BenchmarkReportAtScale builds a year's report on MariaDB from 1,000,000
// follower events, 10,000,000 H5 views (aggregated per article per day, as
// the view counter flushes them) and 10,000 requests.
func BenchmarkReportAtScale(b *testing.B) {
	base := os.Getenv("GOVMP_TEST_MYSQL_DSN")
	if base == "" {
		b.Skip("GOVMP_TEST_MYSQL_DSN not set: the benchmark runs on MariaDB")
	}
	st := storetest.OpenDSN(b, storetest.FreshMySQL(b, base))
	setClock("2026-01-20 10:00")
	fillScale(b, st)
	rs := &gather.Reports{Src: stats.StoreSources(st), Now: clock.Now}
	b.ResetTimer()
	for b.Loop() {
		res, err := rs.Live(ctx, 2025)
		if err != nil {
			b.Fatal(err)
		}
		if res.Report.Platform.Views != 10_000_000 || res.Report.Table3.New.Total != 10_000 {
			b.Fatalf("views %d, requests %d", res.Report.Platform.Views, res.Report.Table3.New.Total)
		}
	}
}

// insertRows runs multi-row INSERTs of n rows, batch rows at a time.
func insertRows(b *testing.B, st *store.Store, table, cols string, n, batch int, row func(i int) []any) {
	b.Helper()
	width := strings.Count(cols, ",") + 1
	one := "(" + strings.TrimSuffix(strings.Repeat("?,", width), ",") + ")"
	for start := 0; start < n; start += batch {
		end := min(start+batch, n)
		args := make([]any, 0, (end-start)*width)
		for i := start; i < end; i++ {
			args = append(args, row(i)...)
		}
		q := "INSERT INTO " + table + " (" + cols + ") VALUES " + strings.TrimSuffix(strings.Repeat(one+",", end-start), ",")
		if err := st.DB.Exec(q, args...).Error; err != nil {
			b.Fatal(err)
		}
	}
}

func fillScale(b *testing.B, st *store.Store) {
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, models.Beijing)
	now := time.Now().UTC()
	// 1,000,000 events over two years: four follows for every unfollow.
	insertRows(b, st, "follower_events", "dedupe_key, open_id, event, day, event_time, created_at", 1_000_000, 5000, func(i int) []any {
		at := start.Add(time.Duration(i) * 63 * time.Second)
		ev := models.EventSubscribe
		if i%5 == 4 {
			ev = models.EventUnsubscribe
		}
		return []any{fmt.Sprintf("e%d", i), fmt.Sprintf("o%d", i%400000), ev, models.DayOf(at), at.UTC(), now}
	})
	cats, _ := st.Categories(ctx, true)
	const articles = 300
	insertRows(b, st, "articles", "title, body, category_id, state, author_id, published_at, original, secrecy_confirmed, pending_publish_id, created_at, updated_at", articles, 300, func(i int) []any {
		at := time.Date(2025, 1, 1, 9, 0, 0, 0, models.Beijing).Add(time.Duration(i) * 29 * time.Hour)
		return []any{fmt.Sprintf("文章%d", i), "<p>正文</p>", cats[i%len(cats)].ID, "published", 1, at.UTC(), true, true, 0, now, now}
	})
	// 300 articles × 365 days, 10,000,000 views in all.
	days := 365
	insertRows(b, st, "article_view_days", "article_id, day, pv, uv", articles*days, 5000, func(i int) []any {
		pv := int64(10_000_000 / (articles * days))
		if i < 10_000_000%(articles*days) {
			pv++
		}
		return []any{i%articles + 1, time.Date(2025, 1, 1+i/articles, 0, 0, 0, 0, time.UTC).Format(time.DateOnly), pv, pv / 2}
	})
	outcomes := annualreport.Outcomes
	insertRows(b, st, "disclosure_requests", "number, channel, submitted_at, received_on, state, applicant_kind, outcome, closed_on, version, created_at, updated_at", 10_000, 2000, func(i int) []any {
		recv := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i%330)
		return []any{fmt.Sprintf("YSQ-2025-%05d", i), "web", recv, recv.Format(time.DateOnly), "closed",
			annualreport.Applicants[i%6], outcomes[i%len(outcomes)].Code, recv.AddDate(0, 0, 20).Format(time.DateOnly), 1, now, now}
	})
}
