package publishing_test

import (
	"context"
	"testing"
	"time"

	"govmp/content/publishing"
	"govmp/models"
	"govmp/store"
	"govmp/store/storetest"
)

// TestRecoverRetriesTransientAndInterruptedOnly: a publication left
// "preparing" by a replica that died is failed and retried; a transient
// failure is retried after its backoff; a refusal is left for the editor.
func TestRecoverRetriesTransientAndInterruptedOnly(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		p := newPublisher(t, st)

		busy := approved(t, st, "微信繁忙", 2)
		fake.FailNext("/cgi-bin/draft/add", -1, 1)
		recBusy, _ := p.Publish(ctx, publishing.Request{ArticleIDs: []uint{busy.ID}, Mode: models.ModeFreePublish, Actor: "ed"})

		refused := approved(t, st, "素材无效", 2)
		fake.FailNext("/cgi-bin/draft/add", 40007, 1)
		recRefused, _ := p.Publish(ctx, publishing.Request{ArticleIDs: []uint{refused.ID}, Mode: models.ModeFreePublish, Actor: "ed"})

		// No cover: govmp refuses before calling WeChat, and that is no
		// "no answer" to retry five times.
		bare := approved(t, st, "没有封面", 2)
		st.DB.Model(&models.Article{}).Where("id = ?", bare.ID).Update("cover_url", "")
		recBare, _ := p.Publish(ctx, publishing.Request{ArticleIDs: []uint{bare.ID}, Mode: models.ModeFreePublish, Actor: "ed"})
		if rec, _ := st.Publish(ctx, recBare.ID); rec.ErrorCode != publishing.CodeRefused || rec.Status != models.PublishFailed {
			t.Fatalf("no cover: %+v", rec)
		}

		cut := approved(t, st, "进程中断", 2)
		recCut, err := p.Publish(ctx, publishing.Request{ArticleIDs: []uint{cut.ID}, Mode: models.ModeFreePublish, Actor: "ed"})
		if err != nil {
			t.Fatal(err)
		}
		// The replica died before recording WeChat's answer: still preparing, article claimed.
		st.DB.Model(&models.PublishRecord{}).Where("id = ?", recCut.ID).
			UpdateColumns(map[string]any{"status": models.PublishPreparing, "updated_at": time.Now().Add(-3 * time.Minute)})

		drafts := fake.Calls("/cgi-bin/draft/add")
		if err := p.Recover(ctx); err != nil { // nothing is due yet: the backoff has not passed
			t.Fatal(err)
		}
		if fake.Calls("/cgi-bin/draft/add") != drafts {
			t.Fatal("retried before the backoff")
		}
		clock.Advance(publishing.StaleAfter + time.Minute)
		if err := p.Recover(ctx); err != nil {
			t.Fatal(err)
		}
		check := func(id uint, status string, attempts int) {
			t.Helper()
			rec, err := st.Publish(ctx, id)
			if err != nil || rec.Status != status || rec.Attempts != attempts {
				t.Fatalf("publication %d: %+v %v (want %s after %d attempts)", id, rec, err, status, attempts)
			}
		}
		check(recBusy.ID, models.PublishSubmitted, 2)
		check(recCut.ID, models.PublishSubmitted, 2)
		check(recRefused.ID, models.PublishFailed, 1)
		check(recBare.ID, models.PublishFailed, 1)
		if got := fake.Calls("/cgi-bin/draft/add") - drafts; got != 2 {
			t.Fatalf("%d drafts added by recovery, want 2", got)
		}
	})
}
