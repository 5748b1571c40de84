package wechat

import (
	"context"
	"log/slog"
	"strings"
	"sync"
	"time"

	"govmp/models"
)

// ReplySource is the part of the store the reply book reads.
type ReplySource interface {
	KeywordRules(ctx context.Context) ([]models.KeywordRule, error)
	Setting(ctx context.Context, key, def string) (string, error)
}

// ReplyBook implements Replies over the store, cached for TTL so that a
// burst of callbacks costs one query; an admin's edit shows within TTL on
// every replica.
type ReplyBook struct {
	Source   ReplySource
	Defaults map[string]string
	TTL      time.Duration
	Log      *slog.Logger

	mu       sync.Mutex
	loadedAt time.Time
	rules    []models.KeywordRule
	settings map[string]string
}

// Default texts used until an admin sets their own.
var DefaultReplies = map[string]string{
	models.SettingWelcome:      "欢迎关注！",
	models.SettingDefaultReply: "您好，您的留言已收到。可发送关键词查询政策文章，或点击菜单“依申请公开”提交政府信息公开申请。",
	models.SettingOtherReply:   "您好，目前仅支持文字消息。请发送文字关键词，或使用底部菜单。",
}

func (b *ReplyBook) snapshot(ctx context.Context) ([]models.KeywordRule, map[string]string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.settings != nil && time.Since(b.loadedAt) < b.TTL {
		return b.rules, b.settings
	}
	rules, err := b.Source.KeywordRules(ctx)
	settings := map[string]string{}
	for k, def := range b.Defaults {
		v, serr := b.Source.Setting(ctx, k, def)
		if serr != nil {
			err = serr
		}
		settings[k] = v
	}
	if err != nil {
		b.Log.Warn("wechat: unable to refresh replies, keeping the last ones", "err", err)
		if b.settings != nil {
			return b.rules, b.settings
		}
		return nil, b.Defaults
	}
	b.rules, b.settings, b.loadedAt = rules, settings, time.Now()
	return rules, settings
}

// Invalidate makes the next reply re-read the store (after an edit on this replica).
func (b *ReplyBook) Invalidate() {
	b.mu.Lock()
	b.loadedAt = time.Time{}
	b.mu.Unlock()
}

func (b *ReplyBook) setting(ctx context.Context, key string) string {
	_, s := b.snapshot(ctx)
	return s[key]
}

// Welcome implements Replies.
func (b *ReplyBook) Welcome(ctx context.Context) string { return b.setting(ctx, models.SettingWelcome) }

// Default implements Replies.
func (b *ReplyBook) Default(ctx context.Context) string {
	return b.setting(ctx, models.SettingDefaultReply)
}

// Other implements Replies.
func (b *ReplyBook) Other(ctx context.Context) string {
	return b.setting(ctx, models.SettingOtherReply)
}

// Keyword implements Replies: the enabled rule of highest priority that
// matches wins; at equal priority an exact match beats a contains match.
func (b *ReplyBook) Keyword(ctx context.Context, text string) (string, bool) {
	rules, _ := b.snapshot(ctx)
	var best *models.KeywordRule
	for i := range rules {
		r := &rules[i]
		if !r.Enabled || !matches(r, text) {
			continue
		}
		if best == nil || r.Priority > best.Priority ||
			(r.Priority == best.Priority && r.Match == models.MatchExact && best.Match != models.MatchExact) {
			best = r
		}
	}
	if best == nil {
		return "", false
	}
	return best.Reply, true
}

func matches(r *models.KeywordRule, text string) bool {
	if r.Match == models.MatchExact {
		return strings.EqualFold(strings.TrimSpace(text), r.Keyword)
	}
	return strings.Contains(strings.ToLower(text), strings.ToLower(r.Keyword))
}
