package wechattest

import (
	"encoding/json"
	"time"
)

// customWindow is how long after a user's last interaction the account may
// send them customer messages.
const customWindow = 48 * time.Hour

// NewsArticle is one item of a "news" customer message.
type NewsArticle struct {
	Title       string `json:"title"`
	Description string `json:"description"`
	URL         string `json:"url"`
	PicURL      string `json:"picurl"`
}

// CustomMessage is one customer message the fake accepted.
type CustomMessage struct {
	ToUser    string
	MsgType   string
	Content   string        // text
	Articles  []NewsArticle // news
	MediaID   string        // image, voice, video, mpnews
	ArticleID string        // mpnewsarticle
	Raw       json.RawMessage
	At        time.Time
}

type customRequest struct {
	ToUser  string `json:"touser"`
	MsgType string `json:"msgtype"`
	Text    struct {
		Content string `json:"content"`
	} `json:"text"`
	News struct {
		Articles []NewsArticle `json:"articles"`
	} `json:"news"`
	Image         mediaRef `json:"image"`
	Voice         mediaRef `json:"voice"`
	Video         mediaRef `json:"video"`
	MPNews        mediaRef `json:"mpnews"`
	MPNewsArticle struct {
		ArticleID string `json:"article_id"`
	} `json:"mpnewsarticle"`
}

type mediaRef struct {
	MediaID string `json:"media_id"`
}

// handleCustomSend checks the receiver, the 48-hour window and the payload,
// and records the message.
func (s *Server) handleCustomSend(rq *request) any {
	var in customRequest
	if e := decode(rq, &in); e != nil {
		return *e
	}
	u := s.userIdx[in.ToUser]
	if u == nil {
		return fail(40003)
	}
	last, seen := s.lastSeen[in.ToUser]
	if !u.Subscribed || !seen || s.nowLocked().Sub(last) > customWindow {
		return fail(45015)
	}
	msg := CustomMessage{ToUser: in.ToUser, MsgType: in.MsgType, Raw: append(json.RawMessage{}, rq.body...), At: s.nowLocked()}
	if code := fillCustom(&msg, &in); code != 0 {
		return fail(code)
	}
	s.custom = append(s.custom, msg)
	return ok()
}

// fillCustom validates the type-specific part and copies it into msg.
func fillCustom(msg *CustomMessage, in *customRequest) int {
	switch in.MsgType {
	case "text":
		if in.Text.Content == "" {
			return 44004
		}
		if len(in.Text.Content) > 2048 {
			return 45002
		}
		msg.Content = in.Text.Content
	case "news":
		if len(in.News.Articles) == 0 {
			return 44003
		}
		if len(in.News.Articles) > 1 {
			return 45008
		}
		msg.Articles = append([]NewsArticle{}, in.News.Articles...)
	case "image", "voice", "video", "mpnews":
		ref := map[string]mediaRef{"image": in.Image, "voice": in.Voice, "video": in.Video, "mpnews": in.MPNews}[in.MsgType]
		if ref.MediaID == "" {
			return 40007
		}
		msg.MediaID = ref.MediaID
	case "mpnewsarticle":
		if in.MPNewsArticle.ArticleID == "" {
			return 40007
		}
		msg.ArticleID = in.MPNewsArticle.ArticleID
	case "msgmenu", "wxcard", "miniprogrampage":
		// Accepted and recorded raw; the product does not send these.
	default:
		return 40008
	}
	return 0
}

// CustomMessages returns copies of every accepted customer message.
func (s *Server) CustomMessages() []CustomMessage {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]CustomMessage, len(s.custom))
	for i, m := range s.custom {
		m.Articles = append([]NewsArticle(nil), m.Articles...)
		m.Raw = append(json.RawMessage(nil), m.Raw...)
		out[i] = m
	}
	return out
}
