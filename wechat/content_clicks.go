package wechat

import (
	"context"
	"fmt"
	"strings"

	"github.com/silenceper/wechat/v2/officialaccount/message"

	govmenu "govmp/menu"
)

// NewsItem is one article in a news reply.
type NewsItem struct {
	Title, Description, PicURL, URL string
}

func articlesOf(items []NewsItem) []*message.Article {
	out := make([]*message.Article, len(items))
	for i, it := range items {
		out[i] = message.NewArticle(it.Title, it.Description, it.PicURL, it.URL)
	}
	return out
}

// ColumnSource lists a column's latest articles for a follower (links carry
// the follower's ticket). found=false means no such column.
type ColumnSource func(ctx context.Context, slug, openID string, limit int) (name string, items []NewsItem, found bool, err error)

// ColumnClick answers CLICK "COLUMN:<slug>" with the column's latest
// articles: up to 8, WeChat's limit for an event reply. It only reads.
func ColumnClick(src ColumnSource) ClickHandler {
	return func(ctx context.Context, msg *message.MixMessage, key string) (any, error) {
		slug := strings.TrimPrefix(key, govmenu.KeyColumnPrefix)
		name, items, found, err := src(ctx, slug, string(msg.FromUserName), 8)
		if err != nil {
			return nil, err
		}
		if !found {
			return TextReply(msg, "该栏目已调整，请重新打开菜单。"), nil
		}
		if len(items) == 0 {
			return TextReply(msg, fmt.Sprintf("“%s”栏目暂无文章，敬请关注。", name)), nil
		}
		return NewsReply(msg, articlesOf(items)), nil
	}
}

// SearchSource finds the published article whose title best matches query.
type SearchSource func(ctx context.Context, query, openID string) (item NewsItem, found bool, err error)

// ArticleSearch answers a user's text with the best-matching article (one
// news item: WeChat's limit when replying to a message). Keyword rules an
// admin set up win over search, so it passes on texts they match.
func ArticleSearch(replies Replies, src SearchSource) TextHandler {
	return func(ctx context.Context, msg *message.MixMessage) (any, bool, error) {
		q := strings.TrimSpace(msg.Content)
		if q == "" || len([]rune(q)) > 64 {
			return nil, false, nil
		}
		if _, ok := replies.Keyword(ctx, q); ok {
			return nil, false, nil
		}
		item, found, err := src(ctx, q, string(msg.FromUserName))
		if err != nil || !found {
			return nil, false, err
		}
		return NewsReply(msg, articlesOf([]NewsItem{item})), true, nil
	}
}

// PublishFinishOf reads a PUBLISHJOBFINISH event.
func PublishFinishOf(msg *message.MixMessage) PublishOutcome {
	info := msg.PublishEventInfo
	out := PublishOutcome{PublishID: info.PublishID, Status: int(info.PublishStatus), ArticleID: info.ArticleID, FailIdx: info.FailIndex}
	for _, it := range info.ArticleDetail.Item {
		out.URLs = append(out.URLs, it.ArticleURL)
	}
	return out
}

// MassFinish is a MASSSENDJOBFINISH event.
type MassFinish struct {
	MsgID                          int64
	Status                         string // "send success", "send fail" or "err(N)"
	Total, Filter, Sent, ErrorSent int64
}

// MassFinishOf reads a MASSSENDJOBFINISH event. Its id element is "MsgID"
// (capital D), which the SDK reads into TemplateMsgID.
func MassFinishOf(msg *message.MixMessage) MassFinish {
	id := msg.TemplateMsgID
	if id == 0 {
		id = msg.MsgID
	}
	return MassFinish{MsgID: id, Status: msg.Status, Total: msg.TotalCount, Filter: msg.FilterCount, Sent: msg.SentCount, ErrorSent: msg.ErrorCount}
}

// PublishStatusWords explains a failed freepublish status to editors.
func PublishStatusWords(status int, failIdx []uint) string {
	which := ""
	if len(failIdx) > 0 {
		parts := make([]string, len(failIdx))
		for i, n := range failIdx {
			parts[i] = fmt.Sprint(n)
		}
		which = "（第" + strings.Join(parts, "、") + "篇）"
	}
	switch status {
	case 2:
		return "原创声明校验未通过" + which + "，请修改后重试 / the originality check failed"
	case 3:
		return "微信发布失败，请稍后重试 / WeChat failed to publish"
	case 4:
		return "微信平台审核未通过" + which + "，请修改内容后重试 / WeChat's review rejected the article"
	case 5:
		return "文章发布后已在公众平台被删除 / the article was deleted on the WeChat platform"
	case 6:
		return "文章发布后被微信系统封禁 / WeChat banned the article"
	}
	return fmt.Sprintf("微信发布状态 %d / WeChat publish status %d", status, status)
}

// massReasons explains err(N) review failures of a mass send.
var massReasons = map[string]string{
	"10001": "涉嫌广告", "20001": "涉嫌政治", "20002": "涉嫌色情", "20004": "涉嫌社会",
	"20006": "涉嫌违法犯罪", "20008": "涉嫌欺诈", "20013": "涉嫌版权", "22000": "涉嫌互推", "21000": "涉嫌其他",
}

// MassStatusWords explains a failed mass send to editors.
func MassStatusWords(status string) string {
	if code, ok := strings.CutPrefix(status, "err("); ok {
		code = strings.TrimSuffix(code, ")")
		return fmt.Sprintf("群发未通过微信审核（%s，错误 %s），请修改内容后重试 / WeChat's review stopped the mass send", massReasons[code], code)
	}
	return "群发失败（" + status + "），请稍后重试 / the mass send failed"
}
