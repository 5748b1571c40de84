package store_test

import (
	"context"
	"testing"

	"govmp/models"
	"govmp/store"
	"govmp/store/storetest"
)

func newDraft(t *testing.T, st *store.Store, title string, cols ...uint) *models.Article {
	t.Helper()
	cats, err := st.Categories(context.Background(), true)
	if err != nil || len(cats) == 0 {
		t.Fatal(cats, err)
	}
	a := &models.Article{Title: title, Body: "<p>正文</p>", CategoryID: cats[0].ID, State: "draft", AuthorID: 1, Original: true}
	if err := st.CreateArticle(context.Background(), a, cols); err != nil {
		t.Fatal(err)
	}
	return a
}

func TestSeedIsIdempotentAndRespectsEdits(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		cols, _ := st.Columns(ctx, false)
		cats, _ := st.Categories(ctx, false)
		if len(cols) != 3 || cols[0].Name != "党史学习教育" || cols[1].Slug != "tuopin" || len(cats) != 5 || cats[4].Name != "乡村振兴信息" {
			t.Fatalf("seed: %+v %+v", cols, cats)
		}
		cols[2].Name = "疫情防控"
		if err := st.SaveColumn(ctx, &cols[2]); err != nil {
			t.Fatal(err)
		}
		if err := st.Migrate(); err != nil {
			t.Fatal(err)
		}
		again, _ := st.Columns(ctx, false)
		if len(again) != 3 || again[2].Name != "疫情防控" {
			t.Fatalf("re-migration undid an edit or duplicated: %+v", again)
		}
		dup := models.Column{Slug: "dangshi", Name: "重复"}
		if err := st.SaveColumn(ctx, &dup); models.ErrorCode(err) != models.ECONFLICT {
			t.Fatalf("duplicate slug: %v", err)
		}
		if err := st.SaveColumn(ctx, &models.Column{Slug: "Bad Slug", Name: "x"}); models.ErrorCode(err) != models.EINVALID {
			t.Fatalf("bad slug: %v", err)
		}
	})
}

func TestArticleTransitionsAreConditional(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a := newDraft(t, st, "测试文章", 1, 2)
		got, err := st.Article(ctx, a.ID)
		if err != nil || len(got.ColumnIDs) != 2 {
			t.Fatal(got, err)
		}
		audit := models.AuditEntry{Actor: "ed", Action: "article.submit", Target: "article:1"}
		if err := st.Transition(ctx, a.ID, "draft", "submitted", nil, audit); err != nil {
			t.Fatal(err)
		}
		// A second reviewer acting on the state they saw earlier loses.
		if err := st.Transition(ctx, a.ID, "draft", "submitted", nil, audit); models.ErrorCode(err) != models.ECONFLICT {
			t.Fatalf("stale transition: %v", err)
		}
		if err := st.UpdateArticle(ctx, a, nil); models.ErrorCode(err) != models.ECONFLICT {
			t.Fatalf("edit after submission: %v", err)
		}
	})
}

func TestOneMassSendPerDay(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a := newDraft(t, st, "一", 1)
		b := newDraft(t, st, "二", 1)
		for _, x := range []*models.Article{a, b} {
			if err := st.Transition(ctx, x.ID, "draft", "approved", nil, models.AuditEntry{Actor: "t", Action: "x"}); err != nil {
				t.Fatal(err)
			}
		}
		day := "2021-05-01"
		first := &models.PublishRecord{Mode: models.ModeMass, ArticleIDs: models.JoinIDs([]uint{a.ID}), Status: models.PublishPreparing, MassDay: &day}
		if err := st.CreatePublish(ctx, first, []string{"approved"}); err != nil {
			t.Fatal(err)
		}
		second := &models.PublishRecord{Mode: models.ModeMass, ArticleIDs: models.JoinIDs([]uint{b.ID}), Status: models.PublishPreparing, MassDay: &day}
		if err := st.CreatePublish(ctx, second, []string{"approved"}); models.ErrorCode(err) != models.ECONFLICT {
			t.Fatalf("second mass send the same day: %v", err)
		}
		// The refused record left nothing behind: b is free to publish otherwise.
		fp := &models.PublishRecord{Mode: models.ModeFreePublish, ArticleIDs: models.JoinIDs([]uint{b.ID}), Status: models.PublishPreparing}
		if err := st.CreatePublish(ctx, fp, []string{"approved"}); err != nil {
			t.Fatal(err)
		}
		// a is carried by the first record and cannot be claimed twice.
		again := &models.PublishRecord{Mode: models.ModeFreePublish, ArticleIDs: models.JoinIDs([]uint{a.ID}), Status: models.PublishPreparing}
		if err := st.CreatePublish(ctx, again, []string{"approved"}); models.ErrorCode(err) != models.ECONFLICT {
			t.Fatalf("double claim: %v", err)
		}
	})
}

func TestReplacingAColumnKeepsItsCreationTime(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		col := &models.Column{Slug: "xinwen", Name: "新闻", Active: true}
		if err := st.SaveColumn(ctx, col); err != nil {
			t.Fatal(err)
		}
		created := col.CreatedAt
		replaced := &models.Column{ID: col.ID, Slug: "xinwen", Name: "要闻", Active: true}
		if err := st.SaveColumn(ctx, replaced); err != nil {
			t.Fatal(err)
		}
		if replaced.Name != "要闻" || !replaced.CreatedAt.Equal(created) || replaced.CreatedAt.IsZero() {
			t.Fatalf("after replace: %+v (created %v)", replaced, created)
		}
		if err := st.SaveColumn(ctx, &models.Column{ID: 9999, Slug: "ghost", Name: "不存在"}); models.ErrorCode(err) != models.ENOTFOUND {
			t.Fatalf("replacing a missing column: %v", err)
		}
	})
}
