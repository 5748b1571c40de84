package models

import "time"

// Message is one citizen message in the 互动回应 inbox: every text, image,
// voice, video, shortvideo, location or link a follower sent. Those a
// keyword rule already answered are kept too (KeywordAnswered) so staff can
// see the whole conversation, but they start closed. Text is stored whole.
type Message struct {
	ID        uint   `gorm:"primaryKey" json:"id"`
	DedupeKey string `gorm:"size:191;uniqueIndex;not null" json:"-"`
	OpenID    string `gorm:"size:64;index;not null" json:"openid"`
	MsgType   string `gorm:"size:16;not null" json:"msg_type"`
	// Content is the text, a voice message's recognition text, or a link's title.
	Content     string `gorm:"type:text" json:"content"`
	Description string `gorm:"size:1024" json:"description,omitempty"` // a link's description
	URL         string `gorm:"size:1024" json:"url,omitempty"`         // a link's address
	// MediaID is WeChat's temporary media id (image, voice, video); it
	// expires 3 days after the message, so a job fetches it before then.
	MediaID      string  `gorm:"size:191" json:"-"`
	ThumbMediaID string  `gorm:"size:191" json:"-"`
	Format       string  `gorm:"size:16" json:"format,omitempty"` // a voice message's codec
	PicURL       string  `gorm:"size:1024" json:"-"`
	MediaState   string  `gorm:"size:16;index" json:"media_state,omitempty"`
	MediaError   string  `gorm:"size:255" json:"media_error,omitempty"`
	Latitude     float64 `json:"latitude,omitempty"`
	Longitude    float64 `json:"longitude,omitempty"`
	Scale        int     `json:"scale,omitempty"`
	Label        string  `gorm:"size:255" json:"label,omitempty"` // a location's place name

	KeywordAnswered bool       `gorm:"not null;index" json:"keyword_answered"`
	State           string     `gorm:"size:16;not null;index" json:"state"`
	Reason          string     `gorm:"size:16" json:"reason,omitempty"` // why no reply was needed
	Assignee        string     `gorm:"size:64;index" json:"assignee,omitempty"`
	TransferTarget  string     `gorm:"size:16" json:"transfer_target,omitempty"`
	TransferNote    string     `gorm:"size:500" json:"transfer_note,omitempty"`
	RequestID       *uint      `gorm:"index" json:"request_id,omitempty"` // the 依申请公开 request it became
	Flags           string     `gorm:"size:255" json:"flags,omitempty"`   // sensitive words found, comma-separated
	ReceivedAt      time.Time  `gorm:"not null;index" json:"received_at"`
	DueAt           time.Time  `gorm:"not null;index" json:"due_at"`
	FirstReplyAt    *time.Time `json:"first_reply_at,omitempty"`
	CreatedAt       time.Time  `json:"created_at"`
	UpdatedAt       time.Time  `json:"updated_at"`
}

// Media fetch states of a message.
const (
	MediaPending  = "pending"
	MediaFetched  = "fetched"
	MediaFailed   = "failed"
	MediaExpired  = "expired"
	MediaTooLarge = "too_large"
)

// MessageMedia is the image, voice or video of a message, fetched from
// WeChat's temporary media before it expired.
type MessageMedia struct {
	ID          uint      `gorm:"primaryKey" json:"id"`
	MessageID   uint      `gorm:"uniqueIndex;not null" json:"message_id"`
	ContentType string    `gorm:"size:64;not null" json:"content_type"`
	Size        int       `gorm:"not null" json:"size"`
	Data        []byte    `gorm:"type:mediumblob" json:"-"`
	CreatedAt   time.Time `json:"created_at"`
}

// MessageReply is one answer staff gave: sent as a customer-service
// message, held until the follower's next interaction (outside WeChat's
// 48-hour window), failed with WeChat's reason, or recorded as given on
// the WeChat platform (an unverified account has no customer-service API).
type MessageReply struct {
	ID        uint       `gorm:"primaryKey" json:"id"`
	MessageID uint       `gorm:"index;not null" json:"message_id"`
	OpenID    string     `gorm:"size:64;index;not null" json:"-"`
	Kind      string     `gorm:"size:16;not null" json:"kind"` // text, image, news
	Text      string     `gorm:"type:text" json:"text"`
	ImageID   *uint      `json:"image_id,omitempty"`
	ArticleID *uint      `json:"article_id,omitempty"`
	Status    string     `gorm:"size:16;not null;index" json:"status"`
	Attempts  int        `gorm:"not null" json:"attempts"`
	ErrorCode int        `json:"error_code,omitempty"`
	LastError string     `gorm:"size:255" json:"last_error,omitempty"`
	CreatedBy string     `gorm:"size:64" json:"created_by"`
	CreatedAt time.Time  `gorm:"index" json:"created_at"`
	SentAt    *time.Time `json:"sent_at,omitempty"`
}

// Reply statuses.
const (
	ReplySent     = "sent"
	ReplyHeld     = "held"
	ReplyFailed   = "failed"
	ReplyRecorded = "recorded"
)

// MessageNote is an internal note on a message; the citizen never sees it.
type MessageNote struct {
	ID        uint      `gorm:"primaryKey" json:"id"`
	MessageID uint      `gorm:"index;not null" json:"message_id"`
	Author    string    `gorm:"size:64;not null" json:"author"`
	Text      string    `gorm:"size:2000;not null" json:"text"`
	CreatedAt time.Time `json:"created_at"`
}

// ReplyTemplate is a saved answer (常用回复) staff pick from.
type ReplyTemplate struct {
	ID        uint      `gorm:"primaryKey" json:"id"`
	Title     string    `gorm:"size:64;not null" json:"title"`
	Text      string    `gorm:"size:2000;not null" json:"text"`
	CreatedBy string    `gorm:"size:64" json:"created_by"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}
