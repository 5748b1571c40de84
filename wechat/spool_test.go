package wechat

import (
	"context"
	"errors"
	"testing"
	"time"

	"govmp/models"
	"govmp/spool"
	"govmp/store"
	"govmp/store/storetest"
)

// downRecorder is a database that does not answer.
type downRecorder struct{}

func (downRecorder) Record(context.Context, store.Inbound) (bool, error) {
	return false, errors.New("dial tcp 127.0.0.1:3306: connection refused")
}

// TestDatabaseOutageSpoolsAndReplays: with the database down the citizen
// still gets the welcome and the event lands in the spool; once the
// database is back, replaying records it exactly once, even when the same
// delivery was also recorded by a retry in the meantime.
func TestDatabaseOutageSpoolsAndReplays(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		now := time.Unix(1_700_000_000, 0)
		p := testProtocol(now)
		sp, err := spool.Open(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		down := &Callbacks{Protocol: p,
			Recorder: downRecorder{}, Spool: sp,
			Router: newTestRouter(), Log: quiet}
		q := signed(p, now)
		body := encrypt(t, p, &q, subscribeXML)
		reply, out, err := down.Handle(context.Background(), q, body)
		if err != nil || !out.Spooled || out.Recorded || string(reply) == "success" {
			t.Fatalf("outage: reply %q, outcome %+v, %v", reply, out, err)
		}
		// WeChat's retry reaches a healthy replica before the replay runs.
		rec := store.NewRecorder(st)
		defer rec.Close()
		up := &Callbacks{Protocol: p,
			Recorder: rec, Router: newTestRouter(), Log: quiet}
		if _, out, err := up.Handle(context.Background(), q, body); err != nil || !out.Recorded {
			t.Fatalf("retry: %+v %v", out, err)
		}
		n, err := sp.Replay(context.Background(), func(ctx context.Context, b []store.Inbound) error {
			_, err := st.RecordInbound(ctx, b)
			return err
		})
		if err != nil || n != 1 || sp.Pending() != 0 {
			t.Fatalf("replay: %d, %v, pending %d", n, err, sp.Pending())
		}
		var events int64
		st.DB.Model(&models.FollowerEvent{}).Where("open_id = ?", "oUser").Count(&events)
		if events != 1 {
			t.Fatalf("follower events = %d, want 1", events)
		}
	})
}
