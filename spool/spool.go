// Package spool keeps what must not be lost on this replica's local disk
// while a shared service is unreachable: inbound WeChat messages while the
// database is down (so a callback can still be answered), and page views
// while Redis is down. Replay is safe to repeat: messages carry their dedupe
// key, and view files are applied under their file name.
package spool

import (
	"context"
	"encoding/json"

	"govmp/store"
)

// Spool journals inbound messages.
type Spool struct {
	j *Journal
}

// Open creates dir if needed.
func Open(dir string) (*Spool, error) {
	j, err := OpenJournal(dir, "inbound")
	if err != nil {
		return nil, err
	}
	return &Spool{j: j}, nil
}

// Append writes in durably (fsync) before returning: the callback is
// answered as recorded on the strength of it.
func (s *Spool) Append(in store.Inbound) error {
	line, err := json.Marshal(in)
	if err != nil {
		return err
	}
	return s.j.Append(line, true)
}

// Pending reports how many spooled files wait for replay.
func (s *Spool) Pending() int { return s.j.Pending() }

// Replay hands every spooled message to record, oldest file first, and
// deletes a file only after record succeeded for all of it.
func (s *Spool) Replay(ctx context.Context, record func(context.Context, []store.Inbound) error) (int, error) {
	return s.j.Consume(func(_ string, lines [][]byte) error {
		batch := make([]store.Inbound, 0, len(lines))
		for _, line := range lines {
			var in store.Inbound
			if json.Unmarshal(line, &in) == nil {
				batch = append(batch, in)
			}
		}
		if len(batch) == 0 {
			return nil
		}
		return record(ctx, batch)
	})
}

// Close closes the current journal file.
func (s *Spool) Close() error { return s.j.Close() }
