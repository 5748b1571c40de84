package wechat

import (
	"context"
	"regexp"
	"strings"

	"github.com/silenceper/wechat/v2/officialaccount/message"
)

// Menu keys of 依申请公开.
const (
	KeyDisclosureApply = "DISCLOSURE:APPLY"
	KeyDisclosureQuery = "DISCLOSURE:QUERY"
	KeyDisclosureGuide = "DISCLOSURE:GUIDE"
)

// DisclosureDesk is what the disclosure menu and the "查询" text need. Every
// method only reads: a retried callback is routed again.
type DisclosureDesk interface {
	// ApplyLink is the H5 form link for the follower (signed ticket or OAuth).
	ApplyLink(openID string) string
	// MineText lists the follower's requests with status and due date.
	MineText(ctx context.Context, openID string) (string, error)
	// LookupText answers "查询 <number or code>"; handled=false passes it on.
	LookupText(ctx context.Context, openID, q string) (text string, handled bool, err error)
	// Guide is the admin-editable 政府信息公开指南.
	Guide(ctx context.Context) (string, error)
}

// applyDescription is shown under the form link: the 一事一申请 hint and the
// link's short life.
const applyDescription = "请遵循“一事一申请”原则，一份申请只针对一项政府信息。链接2小时内有效，过期请重新点击菜单。"

// DisclosureClick answers the DISCLOSURE:* menu keys.
func DisclosureClick(d DisclosureDesk) ClickHandler {
	return func(ctx context.Context, msg *message.MixMessage, key string) (any, error) {
		openID := string(msg.FromUserName)
		switch key {
		case KeyDisclosureApply:
			art := message.NewArticle("在线提交政府信息公开申请", applyDescription, "", d.ApplyLink(openID))
			return NewsReply(msg, []*message.Article{art}), nil
		case KeyDisclosureQuery:
			text, err := d.MineText(ctx, openID)
			if err != nil {
				return nil, err
			}
			return TextReply(msg, text), nil
		case KeyDisclosureGuide:
			text, err := d.Guide(ctx)
			if err != nil {
				return nil, err
			}
			return TextReply(msg, text), nil
		}
		return TextReply(msg, "该菜单功能正在建设中，敬请期待。"), nil
	}
}

var lookupRe = regexp.MustCompile(`^查询[\s:：]*(\S+)$`)

// DisclosureLookup answers the text "查询 <number or query code>".
func DisclosureLookup(d DisclosureDesk) TextHandler {
	return func(ctx context.Context, msg *message.MixMessage) (any, bool, error) {
		m := lookupRe.FindStringSubmatch(strings.TrimSpace(msg.Content))
		if m == nil {
			return nil, false, nil
		}
		text, handled, err := d.LookupText(ctx, string(msg.FromUserName), m[1])
		if err != nil || !handled {
			return nil, handled, err
		}
		return TextReply(msg, text), true, nil
	}
}
