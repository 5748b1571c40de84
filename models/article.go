package models

import (
	"strings"
	"time"
	"unicode/utf8"
)

// Column is a 专栏: a menu entry that lists its latest articles.
type Column struct {
	ID          uint      `gorm:"primaryKey" json:"id"`
	Slug        string    `gorm:"size:64;uniqueIndex;not null" json:"slug"`
	Name        string    `gorm:"size:64;not null" json:"name"`
	Description string    `gorm:"type:text" json:"description"`
	SortOrder   int       `gorm:"not null;default:0" json:"sort_order"`
	Active      bool      `gorm:"not null" json:"active"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
}

// Validate checks a column before it is stored. Slugs end up in menu keys
// ("COLUMN:<slug>", at most 128 bytes) and URLs, so they stay plain ASCII.
func (c Column) Validate() error {
	switch {
	case c.Slug == "" || len(c.Slug) > 64:
		return Invalid("slug", "栏目标识须为1–64个字符 / slug must be 1–64 characters")
	case strings.Trim(c.Slug, "abcdefghijklmnopqrstuvwxyz0123456789-_") != "":
		return Invalid("slug", "栏目标识只能含小写字母、数字、- 和 _ / slug may hold a-z, 0-9, - and _ only")
	case strings.TrimSpace(c.Name) == "" || utf8.RuneCountInString(c.Name) > 30:
		return Invalid("name", "栏目名称须为1–30个字 / name must be 1–30 characters")
	}
	return nil
}

// Category is a disclosure category of report section 一(一).
type Category struct {
	ID        uint      `gorm:"primaryKey" json:"id"`
	Name      string    `gorm:"size:64;uniqueIndex;not null" json:"name"`
	SortOrder int       `gorm:"not null;default:0" json:"sort_order"`
	Active    bool      `gorm:"not null" json:"active"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Validate checks a category before it is stored.
func (c Category) Validate() error {
	if strings.TrimSpace(c.Name) == "" || utf8.RuneCountInString(c.Name) > 30 {
		return Invalid("name", "类别名称须为1–30个字 / name must be 1–30 characters")
	}
	return nil
}

// Article is one piece the bureau writes, reviews and publishes. State holds
// a content.State value; the workflow rules live in package content.
type Article struct {
	ID         uint   `gorm:"primaryKey" json:"id"`
	Title      string `gorm:"size:128;not null" json:"title"`
	Author     string `gorm:"size:64" json:"author"`
	Digest     string `gorm:"size:512" json:"digest"`
	Body       string `gorm:"type:mediumtext" json:"body"`
	CoverURL   string `gorm:"size:1024" json:"cover_url"`
	SourceURL  string `gorm:"size:1024" json:"source_url"`
	CategoryID uint   `gorm:"index;not null" json:"category_id"`
	// ColumnIDs is filled from article_columns when an article is loaded.
	ColumnIDs []uint `gorm:"-" json:"column_ids"`

	// Policy metadata (政策文件).
	IndexNo           string `gorm:"size:64" json:"index_no"`     // 索引号
	DocNo             string `gorm:"size:64" json:"doc_no"`       // 发文字号
	Issuer            string `gorm:"size:128" json:"issuer"`      // 发文机关
	InterpretationURL string `gorm:"size:1024" json:"interp_url"` // 政策解读
	Original          bool   `gorm:"not null" json:"original"`    // 原创 (false: 转载)

	State            string     `gorm:"size:16;index;not null" json:"state"`
	AuthorID         uint       `gorm:"index;not null" json:"author_id"`
	ReviewerID       uint       `json:"reviewer_id"`
	RejectReason     string     `gorm:"type:text" json:"reject_reason"`
	SecrecyConfirmed bool       `gorm:"not null" json:"secrecy_confirmed"`
	ScheduledAt      *time.Time `gorm:"index" json:"scheduled_at"`
	ScheduledMode    string     `gorm:"size:16" json:"scheduled_mode"`
	PublishedAt      *time.Time `gorm:"index" json:"published_at"`
	// PendingPublishID is the publish record now carrying the article to
	// WeChat (0 = none). Claiming it with a conditional update is what
	// keeps two clicks or two replicas from publishing the same article.
	PendingPublishID uint   `gorm:"index;not null;default:0" json:"pending_publish_id"`
	WeChatURL        string `gorm:"column:wechat_url;size:1024" json:"wechat_url"`
	PublishError     string `gorm:"type:text" json:"publish_error"`
	// CoverMediaID caches the permanent material made from CoverMediaFrom,
	// so a retried publication does not upload the same cover again.
	CoverMediaID   string    `gorm:"size:128" json:"-"`
	CoverMediaFrom string    `gorm:"size:1024" json:"-"`
	CreatedAt      time.Time `json:"created_at"`
	UpdatedAt      time.Time `json:"updated_at"`
}

// Validate checks the fields an editor fills in. WeChat's draft limits
// (title ≤ 32, author ≤ 16, digest ≤ 128 characters) apply here already so
// that an approved article never fails at publication for its length.
func (a Article) Validate() error {
	n := utf8.RuneCountInString
	switch {
	case strings.TrimSpace(a.Title) == "" || n(a.Title) > 32:
		return Invalid("title", "标题须为1–32个字（微信限制） / title must be 1–32 characters")
	case n(a.Author) > 16:
		return Invalid("author", "作者最多16个字（微信限制） / author is at most 16 characters")
	case n(a.Digest) > 128:
		return Invalid("digest", "摘要最多128个字（微信限制） / digest is at most 128 characters")
	case strings.TrimSpace(a.Body) == "":
		return Invalid("body", "正文不能为空 / body is required")
	case n(a.Body) >= 20000 || len(a.Body) >= 1<<20:
		return Invalid("body", "正文须少于2万字（微信限制） / body must be under 20,000 characters")
	case a.CategoryID == 0:
		return Invalid("category_id", "请选择信息类别 / choose a category")
	case !httpURLOrEmpty(a.CoverURL):
		return Invalid("cover_url", "封面须为 http(s) 地址 / cover must be an http(s) URL")
	case !httpURLOrEmpty(a.SourceURL):
		return Invalid("source_url", "原文链接须为 http(s) 地址 / source URL must be http(s)")
	case !httpURLOrEmpty(a.InterpretationURL):
		return Invalid("interp_url", "政策解读链接须为 http(s) 地址 / interpretation URL must be http(s)")
	case len(a.IndexNo) > 64 || len(a.DocNo) > 64 || len(a.Issuer) > 128:
		return Invalid("index_no", "索引号、发文字号或发文机关过长 / policy metadata too long")
	}
	return nil
}

func httpURLOrEmpty(s string) bool {
	return s == "" || strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

// ArticleColumn links an article to one of its columns.
type ArticleColumn struct {
	ArticleID uint `gorm:"primaryKey;autoIncrement:false"`
	ColumnID  uint `gorm:"primaryKey;autoIncrement:false;index"`
}

// Image is a picture an editor uploaded for a cover or an article body,
// served from /h5/images/:id and uploaded to WeChat at publication.
type Image struct {
	ID          uint      `gorm:"primaryKey" json:"id"`
	Name        string    `gorm:"size:128;not null" json:"name"`
	ContentType string    `gorm:"size:64;not null" json:"content_type"`
	Data        []byte    `gorm:"type:mediumblob" json:"-"`
	Size        int       `gorm:"not null" json:"size"`
	CreatedBy   string    `gorm:"size:64" json:"created_by"`
	CreatedAt   time.Time `json:"created_at"`
}
