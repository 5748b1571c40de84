package content

import (
	"unicode/utf8"
)

// WeChat's limits on passive replies (2018 rule): a news reply to a user's
// message may carry one item; replies to events (subscribe, CLICK…) up to 8.
const (
	MaxEventNewsItems   = 8
	MaxMessageNewsItems = 1
	// MaxTextReplyBytes is the documented cap on a text reply's Content.
	MaxTextReplyBytes = 2048
)

// LimitNewsItems keeps the first items WeChat will accept: 8 for an event
// reply, 1 for a reply to a user's message. WeChat would drop the rest
// anyway; trimming here keeps what the user sees predictable.
func LimitNewsItems[T any](items []T, isEventReply bool) []T {
	limit := MaxMessageNewsItems
	if isEventReply {
		limit = MaxEventNewsItems
	}
	if len(items) > limit {
		return items[:limit]
	}
	return items
}

// TruncateBytes cuts s to at most maxBytes bytes without splitting a UTF-8
// character.
func TruncateBytes(s string, maxBytes int) string {
	if maxBytes <= 0 {
		return ""
	}
	if len(s) <= maxBytes {
		return s
	}
	cut := maxBytes
	// Step back to the start of the character that straddles the limit.
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut]
}

// ellipsis marks a reply that was cut short.
const ellipsis = "…"

// TruncateTextReply fits a text reply into MaxTextReplyBytes, ending it with
// "…" when something had to be cut so the reader knows there is more.
func TruncateTextReply(s string) string {
	if len(s) <= MaxTextReplyBytes {
		return s
	}
	return TruncateBytes(s, MaxTextReplyBytes-len(ellipsis)) + ellipsis
}
