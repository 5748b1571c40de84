package wechat

import (
	"strconv"
	"strings"

	"github.com/silenceper/wechat/v2/officialaccount/message"
)

// DedupeKey identifies one delivery of a message so WeChat's retries are
// handled once: user messages by MsgId, events by sender, CreateTime, event
// and key (WeChat retries an event with the same CreateTime).
func DedupeKey(m *message.MixMessage) string {
	if m.MsgID != 0 {
		return "m:" + strconv.FormatInt(m.MsgID, 10)
	}
	var b strings.Builder
	b.WriteString("e:")
	b.WriteString(string(m.FromUserName))
	b.WriteByte(':')
	b.WriteString(strconv.FormatInt(m.CreateTime, 10))
	b.WriteByte(':')
	b.WriteString(string(m.Event))
	b.WriteByte(':')
	key := m.EventKey
	if m.Event == message.EventMassSendJobFinish && m.TemplateMsgID != 0 {
		key = strconv.FormatInt(m.TemplateMsgID, 10)
	}
	if m.Event == message.EventPublishJobFinish {
		key = strconv.FormatInt(m.PublishEventInfo.PublishID, 10)
	}
	b.WriteString(key)
	s := b.String()
	if len(s) > 191 {
		s = s[:191] // the column size; sender+time already make it unique
	}
	return s
}
