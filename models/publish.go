package models

import (
	"strconv"
	"strings"
	"time"
)

// Publish modes.
const (
	// ModeMass is 群发: it notifies followers; one a day on a subscription account.
	ModeMass = "mass"
	// ModeFreePublish is 发布: the articles go online without notifying anyone.
	ModeFreePublish = "freepublish"
	// ModeH5 publishes on our own H5 pages and menu replies only, for an
	// account WeChat does not let publish through its API.
	ModeH5 = "h5"
)

// Publish record statuses.
const (
	PublishPreparing = "preparing" // uploading images and adding the draft
	PublishSubmitted = "submitted" // WeChat accepted the job; waiting for its outcome
	PublishSucceeded = "succeeded"
	PublishFailed    = "failed"
)

// PublishRecord is one push of one to eight articles to WeChat, from the
// click to WeChat's finish event.
type PublishRecord struct {
	ID         uint   `gorm:"primaryKey" json:"id"`
	Mode       string `gorm:"size:16;not null" json:"mode"`
	ArticleIDs string `gorm:"size:255;not null" json:"-"` // comma-separated, in draft order
	Status     string `gorm:"size:16;index;not null" json:"status"`
	ToAll      bool   `gorm:"not null" json:"to_all"`
	TagID      int    `gorm:"not null;default:0" json:"tag_id"`
	// MassDay reserves the day's mass send (Beijing date) while the record
	// may still reach followers; unique, so two concurrent sends cannot both
	// take the one daily send. Cleared when a send definitely failed.
	MassDay      *string `gorm:"size:10;uniqueIndex" json:"mass_day"`
	ClientMsgID  string  `gorm:"size:32" json:"clientmsgid"`
	DraftMediaID string  `gorm:"size:128" json:"draft_media_id"`
	PublishID    int64   `gorm:"index;not null;default:0" json:"publish_id"`
	MsgID        int64   `gorm:"index;not null;default:0" json:"msg_id"`
	MsgDataID    int64   `gorm:"not null;default:0" json:"msg_data_id"`
	// WxArticleID is WeChat's article_id of a freepublish job.
	WxArticleID string     `gorm:"size:128" json:"article_id"`
	URLs        string     `gorm:"column:urls;type:text" json:"-"` // newline-separated, one per article
	ErrorCode   int64      `gorm:"not null;default:0" json:"error_code"`
	Error       string     `gorm:"type:text" json:"error"`
	SentCount   int64      `gorm:"not null;default:0" json:"sent_count"`
	ErrorCount  int64      `gorm:"not null;default:0" json:"error_count"`
	CreatedBy   string     `gorm:"size:64" json:"created_by"`
	Attempts    int        `gorm:"not null;default:0" json:"attempts"`
	FinishedAt  *time.Time `json:"finished_at"`
	CreatedAt   time.Time  `json:"created_at"`
	UpdatedAt   time.Time  `json:"updated_at"`
}

// Articles returns the record's article IDs in draft order.
func (r PublishRecord) Articles() []uint {
	var out []uint
	for _, s := range strings.Split(r.ArticleIDs, ",") {
		if id, err := strconv.ParseUint(s, 10, 32); err == nil {
			out = append(out, uint(id))
		}
	}
	return out
}

// URLList returns the article URLs WeChat reported, one per article.
func (r PublishRecord) URLList() []string {
	if r.URLs == "" {
		return nil
	}
	return strings.Split(r.URLs, "\n")
}

// JoinIDs renders article IDs for PublishRecord.ArticleIDs.
func JoinIDs(ids []uint) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = strconv.FormatUint(uint64(id), 10)
	}
	return strings.Join(parts, ",")
}

// ArticleViewDay is the H5 page views and unique visitors of one article on
// one Beijing calendar day.
type ArticleViewDay struct {
	ArticleID uint   `gorm:"primaryKey;autoIncrement:false" json:"article_id"`
	Day       string `gorm:"primaryKey;size:10" json:"day"`
	PV        int64  `gorm:"column:pv;not null;default:0" json:"pv"`
	UV        int64  `gorm:"column:uv;not null;default:0" json:"uv"`
}

// ViewFlush remembers every batch of counts already added to
// ArticleViewDay, so a batch retried after a failure is not added twice.
type ViewFlush struct {
	ID        string `gorm:"primaryKey;size:64"`
	Rows      int    `gorm:"not null"`
	CreatedAt time.Time
}
