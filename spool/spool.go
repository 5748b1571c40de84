// Package spool keeps inbound WeChat messages on local disk while the
// database is unreachable, so a callback can still be answered and nothing
// is lost; a replay loop writes them once the database is back. Replay is
// safe to repeat because recording is idempotent (messages carry their
// dedupe key).
package spool

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"govmp/store"
)

// Spool is an append-only journal of inbound messages in a directory of
// this replica's own.
type Spool struct {
	dir string
	mu  sync.Mutex
	f   *os.File
}

// Open creates dir if needed.
func Open(dir string) (*Spool, error) {
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("spool: unable to create %s: %w", dir, err)
	}
	return &Spool{dir: dir}, nil
}

// Append writes in durably (fsync) before returning.
func (s *Spool) Append(in store.Inbound) error {
	line, err := json.Marshal(in)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.f == nil {
		name := filepath.Join(s.dir, fmt.Sprintf("inbound-%d-%d.jsonl", time.Now().UnixNano(), os.Getpid()))
		if s.f, err = os.OpenFile(name, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o640); err != nil {
			return fmt.Errorf("spool: %w", err)
		}
	}
	if _, err := s.f.Write(append(line, '\n')); err != nil {
		return fmt.Errorf("spool: %w", err)
	}
	return s.f.Sync()
}

// Pending reports how many spooled files wait for replay.
func (s *Spool) Pending() int {
	files, _ := filepath.Glob(filepath.Join(s.dir, "inbound-*.jsonl"))
	return len(files)
}

// Replay hands every spooled message to record, oldest file first, and
// deletes a file only after record succeeded for all of it. The file being
// appended to is closed first so new messages go to a new file.
func (s *Spool) Replay(ctx context.Context, record func(context.Context, []store.Inbound) error) (int, error) {
	// List under the lock, right after closing the open journal: every file
	// listed is then complete, and later appends go to a file not listed.
	s.mu.Lock()
	if s.f != nil {
		s.f.Close()
		s.f = nil
	}
	files, err := filepath.Glob(filepath.Join(s.dir, "inbound-*.jsonl"))
	s.mu.Unlock()
	if err != nil {
		return 0, err
	}
	sort.Strings(files)
	total := 0
	for _, name := range files {
		batch, err := readFile(name)
		if err != nil {
			return total, err
		}
		if len(batch) > 0 {
			if err := record(ctx, batch); err != nil {
				return total, err
			}
		}
		total += len(batch)
		if err := os.Remove(name); err != nil && !errors.Is(err, os.ErrNotExist) {
			return total, err
		}
	}
	return total, nil
}

// readFile reads a journal; a torn last line (a crash mid-write, before the
// fsync acknowledged it) is skipped: its callback was never answered, so
// WeChat retries it.
func readFile(name string) ([]store.Inbound, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []store.Inbound
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 4<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var in store.Inbound
		if err := json.Unmarshal([]byte(line), &in); err != nil {
			continue
		}
		out = append(out, in)
	}
	return out, sc.Err()
}

// Close closes the current journal file.
func (s *Spool) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.f == nil {
		return nil
	}
	err := s.f.Close()
	s.f = nil
	return err
}
