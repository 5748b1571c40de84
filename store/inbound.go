package store

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"govmp/models"
)

// Inbound is one message or event WeChat delivered, as the callback saw it.
type Inbound struct {
	DedupeKey string
	OpenID    string
	MsgType   string
	Event     string
	EventKey  string
	Content   string
	Scene     string // QR scene for subscribe/SCAN, without the qrscene_ prefix
	Time      time.Time
}

// RecordInbound stores a batch of inbound messages in one transaction: the
// message log, follower events and follower state. Messages whose DedupeKey
// was recorded before (WeChat's retries) are skipped, so recording is
// idempotent. It returns the DedupeKeys that were new.
func (s *Store) RecordInbound(ctx context.Context, batch []Inbound) (map[string]bool, error) {
	var fresh map[string]bool
	var err error
	for attempt := 0; attempt < 5; attempt++ {
		fresh, err = s.recordOnce(ctx, batch)
		if err == nil || !retryable(err) {
			break
		}
		// Another replica's batch touched the same followers; try again shortly.
		time.Sleep(time.Duration(attempt+1) * 5 * time.Millisecond)
	}
	if err != nil {
		return nil, fmt.Errorf("store: unable to record inbound messages: %w", err)
	}
	return fresh, nil
}

// retryable reports lock conflicts that succeed when the transaction is retried.
func retryable(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "Deadlock found") || strings.Contains(msg, "Lock wait timeout") ||
		strings.Contains(msg, "database is locked") || strings.Contains(msg, "SQLITE_BUSY")
}

func (s *Store) recordOnce(ctx context.Context, batch []Inbound) (map[string]bool, error) {
	fresh := map[string]bool{}
	// Read committed: no gap locks on missing followers, which is what made
	// concurrent batches of new followers deadlock under REPEATABLE READ.
	opts := &sql.TxOptions{}
	if s.dialect == "mysql" {
		opts.Isolation = sql.LevelReadCommitted
	}
	err := s.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		items, err := s.freshOnly(tx, batch)
		if err != nil {
			return err
		}
		clear(fresh) // a retried transaction starts over
		for _, in := range items {
			fresh[in.DedupeKey] = true
		}
		if len(items) == 0 {
			return nil
		}
		if err := insertMessages(tx, items); err != nil {
			return err
		}
		return s.applyFollowers(tx, items)
	}, opts)
	return fresh, err
}

// freshOnly drops items already in the log and repeats within the batch.
func (s *Store) freshOnly(tx *gorm.DB, batch []Inbound) ([]Inbound, error) {
	keys := make([]string, 0, len(batch))
	for _, in := range batch {
		keys = append(keys, in.DedupeKey)
	}
	var seen []string
	if err := tx.Model(&models.InboundMessage{}).Where("dedupe_key IN ?", keys).Pluck("dedupe_key", &seen).Error; err != nil {
		return nil, err
	}
	skip := make(map[string]bool, len(seen)+len(batch))
	for _, k := range seen {
		skip[k] = true
	}
	out := batch[:0:0]
	for _, in := range batch {
		if !skip[in.DedupeKey] {
			skip[in.DedupeKey] = true
			out = append(out, in)
		}
	}
	return out, nil
}

func insertMessages(tx *gorm.DB, items []Inbound) error {
	msgs := make([]models.InboundMessage, 0, len(items))
	var events []models.FollowerEvent
	for _, in := range items {
		day := models.DayOf(in.Time)
		msgs = append(msgs, models.InboundMessage{
			DedupeKey: in.DedupeKey, OpenID: in.OpenID, MsgType: in.MsgType, Event: in.Event,
			EventKey: truncate(in.EventKey, 191), Content: truncate(in.Content, 600), Day: day, EventTime: in.Time.UTC(),
		})
		if in.MsgType == "event" && (in.Event == models.EventSubscribe || in.Event == models.EventUnsubscribe || in.Event == models.EventScan) {
			events = append(events, models.FollowerEvent{
				DedupeKey: in.DedupeKey, OpenID: in.OpenID, Event: in.Event, Scene: truncate(in.Scene, 128), Day: day, EventTime: in.Time.UTC(),
			})
		}
	}
	// DoNothing keeps a concurrent replica's identical insert from failing the batch.
	if err := tx.Clauses(clause.OnConflict{DoNothing: true}).CreateInBatches(msgs, 200).Error; err != nil {
		return err
	}
	if len(events) == 0 {
		return nil
	}
	return tx.Clauses(clause.OnConflict{DoNothing: true}).CreateInBatches(events, 200).Error
}

// applyFollowers loads the batch's followers, applies the messages in order
// and writes the final states back in one upsert.
func (s *Store) applyFollowers(tx *gorm.DB, items []Inbound) error {
	ids := make([]string, 0, len(items))
	for _, in := range items {
		ids = append(ids, in.OpenID)
	}
	q := tx.Where("open_id IN ?", ids)
	if s.dialect == "mysql" {
		q = q.Clauses(clause.Locking{Strength: "UPDATE"})
	}
	var existing []models.Follower
	if err := q.Find(&existing).Error; err != nil {
		return err
	}
	byID := make(map[string]*models.Follower, len(ids))
	for i := range existing {
		byID[existing[i].OpenID] = &existing[i]
	}
	var rows []models.Follower
	for _, in := range items {
		f, ok := byID[in.OpenID]
		if !ok {
			f = &models.Follower{OpenID: in.OpenID}
			byID[in.OpenID] = f
		}
		f.Apply(in.MsgType, in.Event, in.Scene, in.Time)
	}
	for _, f := range byID {
		row := *f
		row.ID = 0 // the upsert matches on open_id; a primary key would conflict first on SQLite
		rows = append(rows, row)
	}
	// Sorted so concurrent batches lock rows in the same order (no deadlocks on MySQL).
	sort.Slice(rows, func(i, j int) bool { return rows[i].OpenID < rows[j].OpenID })
	return tx.Clauses(clause.OnConflict{
		Columns: []clause.Column{{Name: "open_id"}},
		DoUpdates: clause.AssignmentColumns([]string{"subscribed", "first_subscribed_at", "last_subscribed_at",
			"unsubscribed_at", "scene", "qr_scene", "last_interaction_at", "updated_at"}),
	}).CreateInBatches(rows, 200).Error
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n])
}
