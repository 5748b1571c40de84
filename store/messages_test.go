package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"gorm.io/gorm"

	"govmp/inbox"
	"govmp/models"
	"govmp/store"
	"govmp/store/storetest"
)

func inboxMsg(key, openID, text string, at time.Time) models.Message {
	return models.Message{DedupeKey: key, OpenID: openID, MsgType: "text", Content: text,
		State: inbox.StatePending, ReceivedAt: at, DueAt: at.Add(48 * time.Hour)}
}

func TestInboxLifecycle(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		t0 := time.Date(2024, 3, 4, 9, 0, 0, 0, models.Beijing)
		long := ""
		for i := 0; i < 500; i++ {
			long += "长文本"
		}
		msgs := []models.Message{
			inboxMsg("msg:1", "oA", long, t0),
			inboxMsg("msg:2", "oA", "低保怎么申请？100%需要吗", t0.Add(time.Minute)),
			inboxMsg("msg:3", "oB", "广告", t0.Add(2*time.Minute)),
		}
		kw := inboxMsg("msg:4", "oB", "COLUMN", t0.Add(3*time.Minute))
		kw.KeywordAnswered, kw.State = true, inbox.StateReplied
		msgs = append(msgs, kw)
		if err := st.DB.Transaction(func(tx *gorm.DB) error { return store.InsertMessages(tx, msgs) }); err != nil {
			t.Fatal(err)
		}
		// A retry of the same delivery adds nothing.
		if err := st.DB.Transaction(func(tx *gorm.DB) error { return store.InsertMessages(tx, msgs[:1]) }); err != nil {
			t.Fatal(err)
		}
		list, total, err := st.Messages(ctx, store.MessageFilter{})
		if err != nil || total != 3 || len(list) != 3 {
			t.Fatalf("list %d/%d %v", len(list), total, err)
		}
		if _, total, _ = st.Messages(ctx, store.MessageFilter{WithKeyword: true}); total != 4 {
			t.Fatalf("with keyword-answered: %d", total)
		}
		first, _ := st.Message(ctx, list[2].ID)
		if first.Content != long {
			t.Fatalf("text cut to %d runes", len([]rune(first.Content)))
		}
		if hit, _, _ := st.Messages(ctx, store.MessageFilter{Q: "100%"}); len(hit) != 1 || hit[0].DedupeKey != "msg:2" {
			t.Fatalf("search 100%%: %+v", hit)
		}
		if hit, _, _ := st.Messages(ctx, store.MessageFilter{Q: "1_0"}); len(hit) != 0 {
			t.Fatalf("_ is not a wildcard: %+v", hit)
		}

		// Close the advert, then a second close of it conflicts and changes nothing.
		ad := list[0]
		close := store.MessageChange{IDs: []uint{ad.ID}, From: []string{inbox.StatePending},
			Set:   map[string]any{"state": inbox.StateNoReply, "reason": inbox.ReasonAdvert},
			Audit: models.AuditEntry{Actor: "officer", Action: "message.close", Target: fmt.Sprint(ad.ID)}}
		if err := st.ChangeMessages(ctx, close); err != nil {
			t.Fatal(err)
		}
		if err := st.ChangeMessages(ctx, close); models.ErrorCode(err) != models.ECONFLICT {
			t.Fatalf("second close: %v", err)
		}

		// Reply outside the window: held, first reply time set; sending it settles the state.
		q := list[1]
		r := &models.MessageReply{MessageID: q.ID, OpenID: "oA", Kind: "text", Text: "请到乡镇民政所办理", Status: models.ReplyHeld,
			CreatedBy: "officer", CreatedAt: t0.Add(time.Hour)}
		if err := st.AddMessageReply(ctx, r, inbox.StateHeld, models.AuditEntry{Actor: "officer", Action: "message.reply"}); err != nil {
			t.Fatal(err)
		}
		held, _ := st.HeldReplies(ctx, "oA")
		if len(held) != 1 || held[0].Text != r.Text {
			t.Fatalf("held %+v", held)
		}
		if err := st.SettleReply(ctx, r.ID, t0.Add(30*time.Hour), true, 0, ""); err != nil {
			t.Fatal(err)
		}
		got, _ := st.Message(ctx, q.ID)
		if got.State != inbox.StateReplied || got.FirstReplyAt == nil || !got.FirstReplyAt.Equal(t0.Add(time.Hour)) {
			t.Fatalf("after send: %s %v", got.State, got.FirstReplyAt)
		}
		if held, _ := st.HeldReplies(ctx, "oA"); len(held) != 0 {
			t.Fatalf("still held: %+v", held)
		}

		facts, _ := st.MessageFacts(ctx, t0.Add(-time.Hour), t0.Add(time.Hour))
		if len(facts) != 3 {
			t.Fatalf("facts %d", len(facts))
		}
		n, oldest, _ := st.OverdueMessages(ctx, t0.Add(72*time.Hour))
		if n != 1 || !oldest.Equal(t0.Add(48*time.Hour)) {
			t.Fatalf("overdue %d %v", n, oldest)
		}
		th, _ := st.ThreadOf(ctx, "oA", 10)
		if len(th.Messages) != 2 || th.Messages[0].DedupeKey != "msg:1" || len(th.Replies) != 1 {
			t.Fatalf("thread %+v", th)
		}
		var audits int64
		st.DB.Model(&models.AuditEntry{}).Where("action IN ?", []string{"message.close", "message.reply"}).Count(&audits)
		if audits != 2 {
			t.Fatalf("audit entries %d, want 2 (the conflicting close wrote none)", audits)
		}

		if n, err := st.PurgeMessages(ctx, t0.Add(90*time.Second), models.AuditEntry{Actor: "system", Action: "message.purge"}); err != nil || n != 2 {
			t.Fatalf("purge %d %v", n, err)
		}
		var replies int64
		st.DB.Model(&models.MessageReply{}).Count(&replies)
		if replies != 0 {
			t.Fatalf("replies of purged messages left: %d", replies)
		}
	})
}
