package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"govmp/inbox"
	"govmp/models"
)

// MessageFilter narrows the inbox list. Zero values mean "any".
type MessageFilter struct {
	State    string
	Assignee string
	OpenID   string
	Since    time.Time
	Q        string // substring of the text, link title or place name
	// WithKeyword includes the messages a keyword rule already answered.
	WithKeyword bool
	Limit       int
	Offset      int
}

// InsertMessages stores new inbox messages inside an existing transaction
// (the callback's group commit), skipping ones recorded before.
func InsertMessages(tx *gorm.DB, msgs []models.Message) error {
	if len(msgs) == 0 {
		return nil
	}
	err := tx.Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "dedupe_key"}}, DoNothing: true}).
		CreateInBatches(msgs, 200).Error
	if err != nil {
		return fmt.Errorf("store: unable to store inbox messages: %w", err)
	}
	return nil
}

// Messages lists the inbox, newest first, with the total for paging.
func (s *Store) Messages(ctx context.Context, f MessageFilter) ([]models.Message, int64, error) {
	q := s.DB.WithContext(ctx).Model(&models.Message{})
	if f.State != "" {
		q = q.Where("state = ?", f.State)
	}
	if f.Assignee != "" {
		q = q.Where("assignee = ?", f.Assignee)
	}
	if f.OpenID != "" {
		q = q.Where("open_id = ?", f.OpenID)
	}
	if !f.Since.IsZero() {
		q = q.Where("received_at >= ?", f.Since)
	}
	if !f.WithKeyword {
		q = q.Where("keyword_answered = ?", false)
	}
	if f.Q != "" {
		like := "%" + escapeLike(f.Q) + "%"
		q = q.Where("(content LIKE ? ESCAPE '!' OR label LIKE ? ESCAPE '!' OR description LIKE ? ESCAPE '!')", like, like, like)
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, fmt.Errorf("store: unable to count messages: %w", err)
	}
	limit := f.Limit
	if limit <= 0 || limit > 200 {
		limit = 50
	}
	var out []models.Message
	if err := q.Order("received_at DESC, id DESC").Limit(limit).Offset(f.Offset).Find(&out).Error; err != nil {
		return nil, 0, fmt.Errorf("store: unable to list messages: %w", err)
	}
	return out, total, nil
}

// escapeLike escapes LIKE's wildcards with '!' so a search for "50%" finds
// exactly that.
func escapeLike(s string) string {
	return strings.NewReplacer("!", "!!", "%", "!%", "_", "!_").Replace(s)
}

// Message returns one message; a missing id is ENOTFOUND.
func (s *Store) Message(ctx context.Context, id uint) (*models.Message, error) {
	var m models.Message
	err := s.DB.WithContext(ctx).First(&m, id).Error
	if err == gorm.ErrRecordNotFound {
		return nil, models.Errorf(models.ENOTFOUND, "留言不存在")
	}
	if err != nil {
		return nil, fmt.Errorf("store: unable to read message: %w", err)
	}
	return &m, nil
}

// Thread is a follower's conversation: their messages (oldest first, up to
// limit of the latest) and every reply to them.
type Thread struct {
	Messages []models.Message
	Replies  []models.MessageReply
	Notes    []models.MessageNote
}

// ThreadOf returns the latest limit messages of openID with their replies and notes.
func (s *Store) ThreadOf(ctx context.Context, openID string, limit int) (*Thread, error) {
	var t Thread
	db := s.DB.WithContext(ctx)
	if err := db.Where("open_id = ?", openID).Order("received_at DESC, id DESC").Limit(limit).Find(&t.Messages).Error; err != nil {
		return nil, fmt.Errorf("store: unable to read thread: %w", err)
	}
	for i, j := 0, len(t.Messages)-1; i < j; i, j = i+1, j-1 {
		t.Messages[i], t.Messages[j] = t.Messages[j], t.Messages[i]
	}
	ids := make([]uint, len(t.Messages))
	for i, m := range t.Messages {
		ids[i] = m.ID
	}
	if len(ids) == 0 {
		return &t, nil
	}
	if err := db.Where("message_id IN ?", ids).Order("created_at, id").Find(&t.Replies).Error; err != nil {
		return nil, fmt.Errorf("store: unable to read replies: %w", err)
	}
	if err := db.Where("message_id IN ?", ids).Order("created_at, id").Find(&t.Notes).Error; err != nil {
		return nil, fmt.Errorf("store: unable to read notes: %w", err)
	}
	return &t, nil
}

// MessageChange is a state change of one or more messages with its audit
// entry: columns to set, and the state the caller saw (so two staff members
// acting at once cannot both succeed).
type MessageChange struct {
	IDs   []uint
	From  []string // allowed current states
	Set   map[string]any
	Audit models.AuditEntry
}

// ChangeMessages applies c in one transaction with its audit entry. If any
// message is missing or no longer in an allowed state, nothing changes.
func (s *Store) ChangeMessages(ctx context.Context, c MessageChange) error {
	return s.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		return changeMessagesTx(tx, c)
	})
}

func changeMessagesTx(tx *gorm.DB, c MessageChange) error {
	q := tx.Model(&models.Message{}).Where("id IN ?", c.IDs)
	if len(c.From) > 0 {
		q = q.Where("state IN ?", c.From)
	}
	res := q.Updates(c.Set)
	if res.Error != nil {
		return fmt.Errorf("store: unable to change messages: %w", res.Error)
	}
	if res.RowsAffected != int64(len(c.IDs)) {
		return models.Errorf(models.ECONFLICT, "留言已被他人处理或不存在，请刷新后重试")
	}
	return auditTx(tx, c.Audit)
}

// AddMessageReply records a reply and moves its message to state (replied,
// held or recorded as replied), setting the first reply time once.
func (s *Store) AddMessageReply(ctx context.Context, r *models.MessageReply, state string, audit models.AuditEntry) error {
	return s.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Create(r).Error; err != nil {
			return fmt.Errorf("store: unable to store reply: %w", err)
		}
		set := map[string]any{"state": state}
		if err := changeMessagesTx(tx, MessageChange{IDs: []uint{r.MessageID}, Set: set, Audit: audit}); err != nil {
			return err
		}
		return tx.Model(&models.Message{}).Where("id = ? AND first_reply_at IS NULL", r.MessageID).
			Update("first_reply_at", r.CreatedAt).Error
	})
}

// HeldReplies returns the replies waiting for openID's next interaction, oldest first.
func (s *Store) HeldReplies(ctx context.Context, openID string) ([]models.MessageReply, error) {
	var out []models.MessageReply
	err := s.DB.WithContext(ctx).Where("open_id = ? AND status = ?", openID, models.ReplyHeld).Order("id").Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("store: unable to read held replies: %w", err)
	}
	return out, nil
}

// SettleReply records the outcome of sending a reply: sent (the message
// becomes replied if it was waiting on this reply) or failed with WeChat's
// code and a plain reason.
func (s *Store) SettleReply(ctx context.Context, id uint, at time.Time, sent bool, code int, reason string) error {
	return s.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var r models.MessageReply
		if err := tx.First(&r, id).Error; err != nil {
			return fmt.Errorf("store: unable to read reply: %w", err)
		}
		set := map[string]any{"attempts": gorm.Expr("attempts + 1"), "error_code": code, "last_error": reason}
		if sent {
			set["status"], set["sent_at"] = models.ReplySent, at
		} else if code != 0 {
			set["status"] = models.ReplyFailed
		}
		if err := tx.Model(&models.MessageReply{}).Where("id = ?", id).Updates(set).Error; err != nil {
			return fmt.Errorf("store: unable to settle reply: %w", err)
		}
		if sent {
			return tx.Model(&models.Message{}).Where("id = ? AND state = ?", r.MessageID, inbox.StateHeld).
				Update("state", inbox.StateReplied).Error
		}
		return nil
	})
}

// AddMessageNote stores an internal note with its audit entry.
func (s *Store) AddMessageNote(ctx context.Context, n *models.MessageNote, audit models.AuditEntry) error {
	return s.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Create(n).Error; err != nil {
			return fmt.Errorf("store: unable to store note: %w", err)
		}
		return auditTx(tx, audit)
	})
}

// auditTx writes an audit entry inside the caller's transaction: the change
// and its record commit together or not at all.
func auditTx(tx *gorm.DB, a models.AuditEntry) error {
	if err := tx.Create(&a).Error; err != nil {
		return fmt.Errorf("store: unable to write audit entry: %w", err)
	}
	return nil
}
