package store_test

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"govmp/models"
	"govmp/store"
	"govmp/store/storetest"
)

var ctx = context.Background()

func at(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, models.Beijing)
	if err != nil {
		panic(err)
	}
	return t
}

func count(t *testing.T, st *store.Store, model any, where string, args ...any) int64 {
	t.Helper()
	var n int64
	q := st.DB.Model(model)
	if where != "" {
		q = q.Where(where, args...)
	}
	if err := q.Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

func TestRecordInboundIsIdempotentAndTracksFollowers(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		sub := store.Inbound{DedupeKey: "e:o1:100:subscribe:qrscene_poster", OpenID: "o1", MsgType: "event", Event: "subscribe", EventKey: "qrscene_poster", Scene: "poster", Time: at("2021-03-01 09:00")}
		text := store.Inbound{DedupeKey: "m:42", OpenID: "o1", MsgType: "text", Content: "你好 👋 政策", Time: at("2021-03-02 10:00")}
		for i := 0; i < 3; i++ { // WeChat retries: the same deliveries three times
			if _, err := st.RecordInbound(ctx, []store.Inbound{sub, text}); err != nil {
				t.Fatal(err)
			}
		}
		if n := count(t, st, &models.InboundMessage{}, ""); n != 2 {
			t.Fatalf("inbound rows = %d, want 2", n)
		}
		if n := count(t, st, &models.FollowerEvent{}, ""); n != 1 {
			t.Fatalf("follower events = %d, want 1", n)
		}
		f, err := st.FollowerByOpenID(ctx, "o1")
		if err != nil {
			t.Fatal(err)
		}
		if !f.Subscribed || f.QRScene != "poster" || !f.FirstSubscribedAt.Equal(at("2021-03-01 09:00")) || !f.LastInteractionAt.Equal(at("2021-03-02 10:00")) {
			t.Fatalf("follower = %+v", f)
		}
		var msg models.InboundMessage
		st.DB.Where("dedupe_key = ?", "m:42").First(&msg)
		if msg.Content != "你好 👋 政策" {
			t.Fatalf("emoji content not kept: %q", msg.Content)
		}
	})
}

func TestUnsubscribeAndLateRetry(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		sub := store.Inbound{DedupeKey: "e:o2:1:subscribe:", OpenID: "o2", MsgType: "event", Event: "subscribe", Time: at("2021-05-01 08:00")}
		unsub := store.Inbound{DedupeKey: "e:o2:2:unsubscribe:", OpenID: "o2", MsgType: "event", Event: "unsubscribe", Time: at("2021-05-03 08:00")}
		lateOld := store.Inbound{DedupeKey: "e:o2:0:subscribe:x", OpenID: "o2", MsgType: "event", Event: "subscribe", Time: at("2021-04-30 08:00")}
		for _, b := range [][]store.Inbound{{sub}, {unsub}, {lateOld}} {
			if _, err := st.RecordInbound(ctx, b); err != nil {
				t.Fatal(err)
			}
		}
		f, _ := st.FollowerByOpenID(ctx, "o2")
		if f.Subscribed || f.UnsubscribedAt == nil || !f.UnsubscribedAt.Equal(at("2021-05-03 08:00")) {
			t.Fatalf("an older delivery must not resubscribe: %+v", f)
		}
		if !f.LastInteractionAt.Equal(at("2021-05-01 08:00")) {
			t.Fatalf("unsubscribe must not open the customer window: last interaction %v", f.LastInteractionAt)
		}
	})
}

func TestFollowerDaysAndMenuClicks(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		var batch []store.Inbound
		for i := 0; i < 5; i++ {
			batch = append(batch, store.Inbound{DedupeKey: fmt.Sprintf("s%d", i), OpenID: fmt.Sprintf("u%d", i), MsgType: "event", Event: "subscribe", Time: at("2021-12-30 10:00")})
		}
		batch = append(batch,
			store.Inbound{DedupeKey: "x1", OpenID: "u0", MsgType: "event", Event: "unsubscribe", Time: at("2021-12-31 23:59")},
			store.Inbound{DedupeKey: "c1", OpenID: "u1", MsgType: "event", Event: "CLICK", EventKey: "COLUMN:dangshi", Time: at("2021-12-31 09:00")},
			store.Inbound{DedupeKey: "c2", OpenID: "u2", MsgType: "event", Event: "CLICK", EventKey: "COLUMN:dangshi", Time: at("2021-12-31 09:01")},
			store.Inbound{DedupeKey: "v1", OpenID: "u3", MsgType: "event", Event: "VIEW", EventKey: "https://example.gov.cn/h5", Time: at("2022-01-01 00:00")})
		if fresh, err := st.RecordInbound(ctx, batch); err != nil || len(fresh) != len(batch) {
			t.Fatalf("recorded %d, %v", len(fresh), err)
		}
		days, err := st.FollowerDays(ctx, "2021-12-31", "2021-12-31")
		if err != nil {
			t.Fatal(err)
		}
		want := store.DayCount{Day: "2021-12-31", New: 0, Cancelled: 1, Net: -1, Cumulative: 4}
		if len(days) != 1 || days[0] != want {
			t.Fatalf("days = %+v, want %+v", days, want)
		}
		clicks, err := st.MenuClicks(ctx, "2021-12-31", "2022-01-01")
		if err != nil {
			t.Fatal(err)
		}
		if len(clicks) != 2 || clicks[0].Key != "COLUMN:dangshi" || clicks[0].Count != 2 || clicks[1].Event != "VIEW" || clicks[1].Day != "2022-01-01" {
			t.Fatalf("clicks = %+v", clicks)
		}
	})
}

func TestRecorderGroupCommitsConcurrentCallbacks(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		rec := store.NewRecorder(st)
		var freshCount atomic.Int32
		var wg sync.WaitGroup
		for i := 0; i < 400; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				// every message twice, as WeChat's retries would arrive
				in := store.Inbound{DedupeKey: fmt.Sprintf("m:%d", i%200), OpenID: fmt.Sprintf("o%d", i%50), MsgType: "text", Content: "hi", Time: at("2021-06-01 12:00")}
				fresh, err := rec.Record(ctx, in)
				if err != nil {
					t.Error(err)
				}
				if fresh {
					freshCount.Add(1)
				}
			}(i)
		}
		wg.Wait()
		rec.Close()
		if n := count(t, st, &models.InboundMessage{}, ""); n != 200 {
			t.Fatalf("inbound rows = %d, want 200", n)
		}
		if freshCount.Load() != 200 {
			t.Fatalf("%d deliveries reported fresh, want 200 (the rest are retries)", freshCount.Load())
		}
		if n := count(t, st, &models.Follower{}, ""); n != 50 {
			t.Fatalf("followers = %d, want 50", n)
		}
		if _, err := rec.Record(ctx, store.Inbound{DedupeKey: "late"}); err != store.ErrClosed {
			t.Fatalf("record after close: %v", err)
		}
	})
}
