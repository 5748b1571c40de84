package spool

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"govmp/store"
)

func TestAppendReplayAndFailureKeepsFiles(t *testing.T) {
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 5; i++ {
		if err := s.Append(store.Inbound{DedupeKey: fmt.Sprint("k", i), OpenID: "o", MsgType: "text", Content: "数据库宕机时的留言"}); err != nil {
			t.Fatal(err)
		}
	}
	boom := errors.New("database still down")
	if _, err := s.Replay(context.Background(), func(context.Context, []store.Inbound) error { return boom }); !errors.Is(err, boom) {
		t.Fatalf("replay error %v", err)
	}
	if s.Pending() != 1 {
		t.Fatal("a failed replay must keep the journal")
	}
	var got []store.Inbound
	n, err := s.Replay(context.Background(), func(_ context.Context, b []store.Inbound) error { got = append(got, b...); return nil })
	if err != nil || n != 5 || len(got) != 5 || got[4].Content != "数据库宕机时的留言" || s.Pending() != 0 {
		t.Fatalf("replayed %d (%v), pending %d", n, err, s.Pending())
	}
}

func TestTornLastLineIsSkipped(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "inbound-1-1.log"), []byte(`{"DedupeKey":"a","OpenID":"o"}`+"\n"+`{"DedupeKey":"b","Op`), 0o640)
	s, _ := Open(dir)
	var keys []string
	s.Replay(context.Background(), func(_ context.Context, b []store.Inbound) error {
		for _, in := range b {
			keys = append(keys, in.DedupeKey)
		}
		return nil
	})
	if len(keys) != 1 || keys[0] != "a" {
		t.Fatalf("keys %v", keys)
	}
}

func TestConcurrentAppendsDuringReplayAreNotLost(t *testing.T) {
	s, _ := Open(t.TempDir())
	var mu sync.Mutex
	seen := map[string]int{}
	record := func(_ context.Context, b []store.Inbound) error {
		mu.Lock()
		defer mu.Unlock()
		for _, in := range b {
			seen[in.DedupeKey]++
		}
		return nil
	}
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				s.Append(store.Inbound{DedupeKey: fmt.Sprintf("%d-%d", w, i)})
			}
		}()
	}
	for i := 0; i < 20; i++ {
		s.Replay(context.Background(), record)
	}
	wg.Wait()
	s.Replay(context.Background(), record)
	if len(seen) != 800 {
		t.Fatalf("%d distinct messages replayed, want 800", len(seen))
	}
	for k, n := range seen {
		if n != 1 {
			t.Fatalf("%s replayed %d times", k, n)
		}
	}
}
