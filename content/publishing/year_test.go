package publishing_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"govmp/content/publishing"
	"govmp/models"
	"govmp/store"
	"govmp/store/storetest"
	"govmp/wechat"
	"govmp/wechat/wechattest"
)

// TestYearOf255Articles publishes the seed report's 255 articles of 2021
// across the columns and categories, some through WeChat and most to H5,
// plus a few just outside the year, and checks the year's counts exactly.
func TestYearOf255Articles(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		p := newPublisher(t, st)
		cats, _ := st.Categories(ctx, false)
		cols, _ := st.Columns(ctx, false)
		wantCat, wantCol := map[uint]int64{}, map[uint]int64{}
		start := time.Date(2021, 1, 1, 9, 0, 0, 0, models.Beijing)
		for i := 0; i < 255; i++ {
			at := start.Add(time.Duration(i) * 34 * time.Hour) // spread over the year
			cat, colIDs := cats[(i*7)%len(cats)].ID, columnsFor(i, cols)
			wantCat[cat]++
			for _, c := range colIDs {
				wantCol[c]++
			}
			publishAt(t, p, st, at, fmt.Sprintf("2021年第%d篇", i+1), cat, colIDs, i%25 == 0)
		}
		for _, at := range []time.Time{start.Add(-10 * time.Hour), start.AddDate(1, 0, 0)} {
			publishAt(t, p, st, at, "年外", cats[0].ID, []uint{cols[0].ID}, false)
		}
		from, to := start.Add(-9*time.Hour), start.Add(-9*time.Hour).AddDate(1, 0, 0)
		byCat, err := st.CountByCategory(ctx, from, to)
		if err != nil {
			t.Fatal(err)
		}
		var total int64
		for _, c := range byCat {
			total += c.Count
			if c.Count != wantCat[c.ID] {
				t.Errorf("category %s: %d, want %d", c.Name, c.Count, wantCat[c.ID])
			}
		}
		if total != 255 {
			t.Errorf("total %d, want 255", total)
		}
		byCol, _ := st.CountByColumn(ctx, from, to)
		for _, c := range byCol {
			if c.Count != wantCol[c.ID] {
				t.Errorf("column %s: %d, want %d", c.Name, c.Count, wantCol[c.ID])
			}
		}
		pubs, _ := st.Publications(ctx, from, to)
		if len(pubs) != 255 {
			t.Errorf("%d publications in the year", len(pubs))
		}
	})
}

// columnsFor gives article i no column, one, or two.
func columnsFor(i int, cols []models.Column) []uint {
	switch i % 4 {
	case 1:
		return []uint{cols[0].ID}
	case 2:
		return []uint{cols[1].ID}
	case 3:
		return []uint{cols[2].ID, cols[0].ID}
	}
	return nil
}

// publishAt publishes one article at the given time, through WeChat's
// freepublish and its finish event when viaWeChat, else to H5 only.
func publishAt(t *testing.T, p *publishing.Publisher, st *store.Store, at time.Time, title string, cat uint, cols []uint, viaWeChat bool) {
	t.Helper()
	ctx := context.Background()
	p.Now = func() time.Time { return at }
	a := approved(t, st, title, cat, cols...)
	mode := models.ModeH5
	if viaWeChat {
		mode = models.ModeFreePublish
	}
	rec, err := p.Publish(ctx, publishing.Request{ArticleIDs: []uint{a.ID}, Mode: mode, Actor: "ed"})
	if err != nil {
		t.Fatal(err)
	}
	if viaWeChat {
		done, _ := fake.FinishPublish(rec.PublishID, wechattest.PublishSuccess)
		if err := p.FinishPublish(ctx, wechat.PublishOutcome{PublishID: rec.PublishID, URLs: done.ArticleURLs}); err != nil {
			t.Fatal(err)
		}
	}
	if got := article(t, st, a.ID); got.State != "published" {
		t.Fatalf("%s not published: %+v", title, got)
	}
}
