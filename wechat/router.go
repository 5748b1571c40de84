package wechat

import (
	"context"
	"strings"
	"time"

	"github.com/silenceper/wechat/v2/officialaccount/message"

	"govmp/content"
)

// Replies supplies the admin-managed reply texts. Implemented over the store
// with a short cache so every callback does not query the database.
type Replies interface {
	Welcome(ctx context.Context) string
	Default(ctx context.Context) string
	Other(ctx context.Context) string
	Keyword(ctx context.Context, text string) (string, bool)
}

// ClickHandler answers a menu CLICK whose EventKey starts with its prefix.
// It returns nil for no reply. Handlers must not change state: a retried
// callback is routed again (only recording is deduplicated).
type ClickHandler func(ctx context.Context, msg *message.MixMessage, key string) (any, error)

// TextHandler may answer a user's text before keyword rules (article search,
// request lookup …); handled=false passes it on.
type TextHandler func(ctx context.Context, msg *message.MixMessage) (reply any, handled bool, err error)

// EventHook observes an event (publish or mass-send finished …) after it is recorded.
type EventHook func(ctx context.Context, msg *message.MixMessage) error

// Router decides the passive reply to each message.
type Router struct {
	replies Replies
	clicks  map[string]ClickHandler
	texts   []TextHandler
	hooks   map[message.EventType][]EventHook
	// textLimit, when set, counts each text of a follower; see LimitTexts.
	textLimit func(ctx context.Context, openID string) bool
}

// SearchBusyText answers a follower or address over the search rate limit.
const SearchBusyText = "查询过于频繁，请稍后再试。"

// LimitTexts caps how many texts one follower may send through the text
// handlers (article search, request lookup): each costs database reads, and
// "查询 <code>" must not become a way to guess query codes. allow counts one
// text and reports whether it is within the limit. Over the limit, keyword
// replies (cached) are still given; anything else gets SearchBusyText.
// A retry of the same message is counted again: WeChat retries at most
// three times, which a limit sized for people absorbs.
func (r *Router) LimitTexts(allow func(ctx context.Context, openID string) bool) { r.textLimit = allow }

// NewRouter returns a router with no plug-ins.
func NewRouter(r Replies) *Router {
	return &Router{replies: r, clicks: map[string]ClickHandler{}, hooks: map[message.EventType][]EventHook{}}
}

// HandleClick registers h for menu keys "PREFIX:…"; prefix is given without the colon.
func (r *Router) HandleClick(prefix string, h ClickHandler) { r.clicks[prefix] = h }

// HandleText appends a text handler; they run in registration order.
func (r *Router) HandleText(h TextHandler) { r.texts = append(r.texts, h) }

// OnEvent registers a hook for an event type.
func (r *Router) OnEvent(ev message.EventType, h EventHook) { r.hooks[ev] = append(r.hooks[ev], h) }

// Route returns the reply for msg (nil = "success"). Errors from plug-ins
// become a polite text so a citizen never meets silence.
func (r *Router) Route(ctx context.Context, msg *message.MixMessage) any {
	reply, err := r.route(ctx, msg)
	if err != nil {
		return TextReply(msg, "系统繁忙，请稍后再试。")
	}
	return reply
}

func (r *Router) route(ctx context.Context, msg *message.MixMessage) (any, error) {
	switch msg.MsgType {
	case message.MsgTypeEvent:
		return r.event(ctx, msg)
	case message.MsgTypeText:
		return r.text(ctx, msg)
	}
	return TextReply(msg, r.replies.Other(ctx)), nil
}

func (r *Router) event(ctx context.Context, msg *message.MixMessage) (any, error) {
	for _, h := range r.hooks[msg.Event] {
		if err := h(ctx, msg); err != nil {
			return nil, err
		}
	}
	switch msg.Event {
	case message.EventSubscribe:
		return TextReply(msg, r.replies.Welcome(ctx)), nil
	case message.EventClick:
		prefix, _, _ := strings.Cut(msg.EventKey, ":")
		if h, ok := r.clicks[prefix]; ok {
			return h(ctx, msg, msg.EventKey)
		}
		return TextReply(msg, "该菜单功能正在建设中，敬请期待。您也可以直接发送关键词查询。"), nil
	}
	return nil, nil
}

func (r *Router) text(ctx context.Context, msg *message.MixMessage) (any, error) {
	body := strings.TrimSpace(msg.Content)
	if len(r.texts) > 0 && r.textLimit != nil && !r.textLimit(ctx, string(msg.FromUserName)) {
		if answer, ok := r.replies.Keyword(ctx, body); ok {
			return TextReply(msg, answer), nil
		}
		return TextReply(msg, SearchBusyText), nil
	}
	for _, h := range r.texts {
		reply, handled, err := h(ctx, msg)
		if err != nil || handled {
			return reply, err
		}
	}
	if answer, ok := r.replies.Keyword(ctx, body); ok {
		return TextReply(msg, answer), nil
	}
	return TextReply(msg, r.replies.Default(ctx)), nil
}

// TextReply builds a passive text reply to msg (sender and recipient swapped),
// cut to WeChat's 2048-byte limit on a character boundary. An empty content
// gives an untyped nil (no reply), never a typed nil inside an interface.
func TextReply(msg *message.MixMessage, text string) any {
	if text == "" {
		return nil
	}
	t := message.NewText(content.TruncateBytes(text, content.MaxTextReplyBytes))
	t.SetToUserName(msg.FromUserName)
	t.SetFromUserName(msg.ToUserName)
	t.SetCreateTime(time.Now().Unix())
	t.SetMsgType(message.MsgTypeText)
	return t
}

// NewsReply builds a passive news reply. WeChat shows at most 8 items for an
// event and only 1 when answering a user's message.
func NewsReply(msg *message.MixMessage, articles []*message.Article) *message.News {
	n := message.NewNews(content.LimitNewsItems(articles, msg.MsgType == message.MsgTypeEvent))
	n.SetToUserName(msg.FromUserName)
	n.SetFromUserName(msg.ToUserName)
	n.SetCreateTime(time.Now().Unix())
	n.SetMsgType(message.MsgTypeNews)
	return n
}
