package wechattest

import (
	"bytes"
	"encoding/xml"
	"strconv"
	"strings"
)

// HelperOpenID is the FromUserName of PUBLISHJOBFINISH and
// MASSSENDJOBFINISH events (WeChat's "mass-send helper" account).
const HelperOpenID = "omHFAKEmasssendhelper0000000"

// Message is a callback WeChat pushes: the common header plus the
// type-specific elements in order. Fields is open so tests can build
// messages the builders do not cover.
type Message struct {
	ToUserName   string
	FromUserName string
	CreateTime   int64
	MsgType      string
	Fields       []Field
}

// Field is one XML element. Text goes in CDATA unless Number is set; an
// element with Children nests them instead (PublishEventInfo).
type Field struct {
	Name     string
	Value    string
	Number   bool
	Children []Field
}

// text and num build fields the way WeChat writes them.
func text(name, v string) Field { return Field{Name: name, Value: v} }
func num(name string, v int64) Field {
	return Field{Name: name, Value: strconv.FormatInt(v, 10), Number: true}
}

// Get returns the value of the first top-level field called name.
func (m Message) Get(name string) string {
	for _, f := range m.Fields {
		if f.Name == name {
			return f.Value
		}
	}
	return ""
}

// Event returns the Event field ("" for user messages).
func (m Message) Event() string { return m.Get("Event") }

// XML renders the message as WeChat does: strings in CDATA, numbers bare.
func (m Message) XML() []byte {
	var b bytes.Buffer
	b.WriteString("<xml>")
	fields := append([]Field{
		text("ToUserName", m.ToUserName),
		text("FromUserName", m.FromUserName),
		num("CreateTime", m.CreateTime),
		text("MsgType", m.MsgType),
	}, m.Fields...)
	for _, f := range fields {
		writeField(&b, f)
	}
	b.WriteString("</xml>")
	return b.Bytes()
}

func writeField(b *bytes.Buffer, f Field) {
	b.WriteString("<" + f.Name + ">")
	switch {
	case len(f.Children) > 0:
		for _, c := range f.Children {
			writeField(b, c)
		}
	case f.Number:
		_ = xml.EscapeText(b, []byte(f.Value))
	default:
		// "]]>" cannot appear inside one CDATA section; split it across two.
		b.WriteString("<![CDATA[" + strings.ReplaceAll(f.Value, "]]>", "]]]]><![CDATA[>") + "]]>")
	}
	b.WriteString("</" + f.Name + ">")
}

// message starts a message from openid to the account at the client's now.
func (c *CallbackClient) message(from, msgType string, fields ...Field) Message {
	return Message{
		ToUserName:   c.toUser(),
		FromUserName: from,
		CreateTime:   c.now().Unix(),
		MsgType:      msgType,
		Fields:       fields,
	}
}

// Subscribe is a follow; with a scene it came from a parametric QR code and
// carries EventKey "qrscene_<scene>" and a Ticket.
func (c *CallbackClient) Subscribe(openid, scene string) Message {
	if scene == "" {
		return c.message(openid, "event", text("Event", "subscribe"), text("EventKey", ""))
	}
	return c.message(openid, "event", text("Event", "subscribe"),
		text("EventKey", "qrscene_"+scene), text("Ticket", "gQFAKE"+scene))
}

// Unsubscribe is an unfollow.
func (c *CallbackClient) Unsubscribe(openid string) Message {
	return c.message(openid, "event", text("Event", "unsubscribe"), text("EventKey", ""))
}

// Scan is a follower scanning a parametric QR code: EventKey has no prefix.
func (c *CallbackClient) Scan(openid, scene string) Message {
	return c.message(openid, "event", text("Event", "SCAN"), text("EventKey", scene), text("Ticket", "gQFAKE"+scene))
}

// Click is a tap on a click-type menu button.
func (c *CallbackClient) Click(openid, key string) Message {
	return c.message(openid, "event", text("Event", "CLICK"), text("EventKey", key))
}

// View is a tap on a view-type menu button; MenuId comes from the fake when
// the client has one.
func (c *CallbackClient) View(openid, url string) Message {
	var menuID int64
	if c.Fake != nil {
		menuID = c.Fake.MenuID()
	}
	return c.message(openid, "event", text("Event", "VIEW"), text("EventKey", url), num("MenuId", menuID))
}

// Text is a text message from a user.
func (c *CallbackClient) Text(openid, content string, msgID int64) Message {
	return c.message(openid, "text", text("Content", content), num("MsgId", msgID))
}

// Image is an image message from a user.
func (c *CallbackClient) Image(openid, picURL, mediaID string, msgID int64) Message {
	return c.message(openid, "image", text("PicUrl", picURL), text("MediaId", mediaID), num("MsgId", msgID))
}

// Location is a location message from a user.
func (c *CallbackClient) Location(openid string, lat, lng float64, label string, msgID int64) Message {
	f := func(v float64) string { return strconv.FormatFloat(v, 'f', 6, 64) }
	return c.message(openid, "location",
		Field{Name: "Location_X", Value: f(lat), Number: true},
		Field{Name: "Location_Y", Value: f(lng), Number: true},
		num("Scale", 15), text("Label", label), num("MsgId", msgID))
}

// PublishJobFinish is the PUBLISHJOBFINISH event. On status 0 it carries
// the article id and one article_url per article; on 2 or 4 a fail_idx.
// Its children are lower_snake_case, unlike the rest of the message.
func (c *CallbackClient) PublishJobFinish(publishID int64, status int, articleID string, urls []string) Message {
	info := []Field{num("publish_id", publishID), num("publish_status", int64(status))}
	switch status {
	case PublishSuccess:
		detail := []Field{num("count", int64(len(urls)))}
		for i, u := range urls {
			detail = append(detail, Field{Name: "item", Children: []Field{num("idx", int64(i+1)), text("article_url", u)}})
		}
		info = append(info, text("article_id", articleID), Field{Name: "article_detail", Children: detail})
	case PublishOriginalErr, PublishRejected:
		info = append(info, num("fail_idx", 1))
	}
	return c.message(HelperOpenID, "event", text("Event", "PUBLISHJOBFINISH"),
		Field{Name: "PublishEventInfo", Children: info})
}

// MassSendJobFinish is the MASSSENDJOBFINISH event. Note MsgID with a
// capital D here, where user messages say MsgId.
func (c *CallbackClient) MassSendJobFinish(msgID int64, status string, total, filter, sent, errCount int) Message {
	return c.message(HelperOpenID, "event", text("Event", "MASSSENDJOBFINISH"),
		num("MsgID", msgID), text("Status", status),
		num("TotalCount", int64(total)), num("FilterCount", int64(filter)),
		num("SentCount", int64(sent)), num("ErrorCount", int64(errCount)),
		Field{Name: "CopyrightCheckResult", Children: []Field{
			num("Count", 0), {Name: "ResultList", Number: true}, num("CheckState", 1),
		}})
}
