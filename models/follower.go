// Package models holds govmp's persistent records (GORM structs), their status
// constants and small pure methods. It knows nothing of HTTP or WeChat calls.
package models

import "time"

// Follower is one WeChat user of the account, kept with their subscription history.
type Follower struct {
	ID                uint       `gorm:"primaryKey" json:"id"`
	OpenID            string     `gorm:"size:64;uniqueIndex;not null" json:"openid"`
	UnionID           string     `gorm:"size:64;index" json:"unionid,omitempty"`
	Subscribed        bool       `gorm:"not null;index" json:"subscribed"`
	FirstSubscribedAt *time.Time `json:"first_subscribed_at,omitempty"`
	LastSubscribedAt  *time.Time `json:"last_subscribed_at,omitempty"`
	UnsubscribedAt    *time.Time `json:"unsubscribed_at,omitempty"`
	Scene             string     `gorm:"size:64" json:"scene,omitempty"`
	QRScene           string     `gorm:"size:128" json:"qr_scene,omitempty"`
	LastInteractionAt *time.Time `gorm:"index" json:"last_interaction_at,omitempty"`
	// SyncedAt is when a full sync from WeChat's user list last saw the follower.
	SyncedAt  *time.Time `json:"synced_at,omitempty"`
	CreatedAt time.Time  `json:"created_at"`
	UpdatedAt time.Time  `json:"updated_at"`
}

// CustomerWindow is how long after a follower's last interaction WeChat
// accepts customer-service messages to them.
const CustomerWindow = 48 * time.Hour

// WindowOpen reports whether a customer message to this follower can be sent at now.
func (f Follower) WindowOpen(now time.Time) bool {
	return f.LastInteractionAt != nil && now.Sub(*f.LastInteractionAt) < CustomerWindow
}

// Follower event kinds, as WeChat names the events.
const (
	EventSubscribe   = "subscribe"
	EventUnsubscribe = "unsubscribe"
	EventScan        = "SCAN"
)

// FollowerEvent is one subscribe, unsubscribe or SCAN event; the history from
// which daily new/cancelled/cumulative counts are derived.
type FollowerEvent struct {
	ID        uint      `gorm:"primaryKey" json:"id"`
	DedupeKey string    `gorm:"size:191;uniqueIndex;not null" json:"-"`
	OpenID    string    `gorm:"size:64;index;not null" json:"openid"`
	Event     string    `gorm:"size:16;not null;index:idx_follower_events_event_day,priority:1" json:"event"`
	Scene     string    `gorm:"size:128" json:"scene,omitempty"`
	Day       string    `gorm:"size:10;index;not null;index:idx_follower_events_event_day,priority:2" json:"day"`
	EventTime time.Time `gorm:"not null" json:"event_time"`
	CreatedAt time.Time `json:"created_at"`
}

// InboundMessage logs every message and event WeChat delivered, once, for the
// report's interaction statistics (menu clicks per key per day among them).
type InboundMessage struct {
	ID        uint      `gorm:"primaryKey" json:"id"`
	DedupeKey string    `gorm:"size:191;uniqueIndex;not null" json:"-"`
	OpenID    string    `gorm:"size:64;index;not null" json:"openid"`
	MsgType   string    `gorm:"size:32;not null;index:idx_inbound_kind,priority:2" json:"msg_type"`
	Event     string    `gorm:"size:32;index:idx_inbound_kind,priority:3" json:"event,omitempty"`
	EventKey  string    `gorm:"size:191" json:"event_key,omitempty"`
	Content   string    `gorm:"size:600" json:"content,omitempty"`
	Day       string    `gorm:"size:10;not null;index:idx_inbound_kind,priority:1" json:"day"`
	EventTime time.Time `gorm:"not null" json:"event_time"`
	CreatedAt time.Time `json:"created_at"`
}
