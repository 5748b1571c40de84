package models

import "time"

// Keyword match modes.
const (
	MatchExact    = "exact"
	MatchContains = "contains"
)

// KeywordRule is an admin-managed automatic reply to a text message.
// Higher Priority wins; among equals the exact match wins, then the lower ID.
type KeywordRule struct {
	ID        uint      `gorm:"primaryKey" json:"id"`
	Keyword   string    `gorm:"size:64;not null" json:"keyword"`
	Match     string    `gorm:"size:16;not null" json:"match"`
	Reply     string    `gorm:"type:text;not null" json:"reply"`
	Priority  int       `gorm:"not null" json:"priority"`
	Enabled   bool      `gorm:"not null" json:"enabled"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Validate checks a rule before it is stored.
func (r KeywordRule) Validate() error {
	switch {
	case r.Keyword == "":
		return Invalid("keyword", "关键词不能为空 / keyword is required")
	case len([]rune(r.Keyword)) > 64:
		return Invalid("keyword", "关键词最长64字 / keyword is at most 64 characters")
	case r.Match != MatchExact && r.Match != MatchContains:
		return Invalid("match", "匹配方式须为 exact 或 contains / match must be exact or contains")
	case r.Reply == "":
		return Invalid("reply", "回复内容不能为空 / reply is required")
	case len(r.Reply) > 2048:
		return Invalid("reply", "回复内容不能超过2048字节 / reply is at most 2048 bytes")
	}
	return nil
}

// Setting is a small admin-editable value, such as the welcome or default reply.
type Setting struct {
	Key       string    `gorm:"primaryKey;size:64" json:"key"`
	Value     string    `gorm:"type:text" json:"value"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Setting keys.
const (
	SettingWelcome      = "reply.welcome"
	SettingDefaultReply = "reply.default"
	SettingOtherReply   = "reply.other"
)
