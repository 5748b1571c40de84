package wechattest

import (
	"encoding/json"
	"fmt"
	"time"
)

// beijing is WeChat's day boundary for quotas; China has no daylight saving,
// so a fixed zone needs no time-zone database on the machine.
var beijing = time.FixedZone("CST", 8*3600)

// MassSend is one accepted mass send (群发).
type MassSend struct {
	MsgID       int64
	MsgDataID   int64 // 0 unless mpnews
	ClientMsgID string
	MsgType     string
	MediaID     string
	Content     string
	IsToAll     bool
	TagID       int
	Articles    []Article // the draft's articles for mpnews
	Status      string    // SEND_SUCCESS unless SetMassStatus changed it
	At          time.Time
}

type massRequest struct {
	Filter struct {
		IsToAll bool `json:"is_to_all"`
		TagID   *int `json:"tag_id"`
	} `json:"filter"`
	MsgType string   `json:"msgtype"`
	MPNews  mediaRef `json:"mpnews"`
	Text    struct {
		Content string `json:"content"`
	} `json:"text"`
	Image struct {
		MediaIDs []string `json:"media_ids"`
	} `json:"images"`
	Voice       mediaRef `json:"voice"`
	MPVideo     mediaRef `json:"mpvideo"`
	ClientMsgID string   `json:"clientmsgid"`
}

// handleMassSend checks, in order, the clientmsgid (so a retry of a send
// that succeeded learns its msg_id), the payload, then the quota.
func (s *Server) handleMassSend(rq *request) any {
	var in massRequest
	if e := decode(rq, &in); e != nil {
		return *e
	}
	if len(in.ClientMsgID) > 32 {
		return fail(45067)
	}
	if prev := s.massByCID[in.ClientMsgID]; in.ClientMsgID != "" && prev != nil {
		return apiErr{code: 45065, extra: map[string]any{"msg_id": prev.MsgID}}
	}
	if !in.Filter.IsToAll && in.Filter.TagID == nil {
		return fail(40050)
	}
	m := &MassSend{ClientMsgID: in.ClientMsgID, MsgType: in.MsgType, IsToAll: in.Filter.IsToAll, Status: "SEND_SUCCESS"}
	if in.Filter.TagID != nil && !in.Filter.IsToAll {
		m.TagID = *in.Filter.TagID
	}
	if code := s.massPayload(m, &in); code != 0 {
		return fail(code)
	}
	if !s.massQuotaLeft() {
		return fail(45028)
	}
	if m.MsgType == "mpnews" {
		m.Articles = s.takeDraft(m.MediaID).Articles
		m.MsgDataID = s.nextDataID
		s.nextDataID++
	}
	m.MsgID, m.At = s.nextMsgID, s.nowLocked()
	s.nextMsgID++
	s.masses = append(s.masses, m)
	if m.ClientMsgID != "" {
		s.massByCID[m.ClientMsgID] = m
	}
	out := map[string]any{"errcode": 0, "errmsg": "send job submission success", "msg_id": m.MsgID}
	if m.MsgDataID != 0 {
		out["msg_data_id"] = m.MsgDataID
	}
	return out
}

// massPayload validates the type-specific part; mpnews must name a draft.
func (s *Server) massPayload(m *MassSend, in *massRequest) int {
	switch in.MsgType {
	case "mpnews":
		if s.draftIndex(in.MPNews.MediaID) < 0 {
			return 40007
		}
		m.MediaID = in.MPNews.MediaID
	case "text":
		if in.Text.Content == "" {
			return 44004
		}
		m.Content = in.Text.Content
	case "image":
		if len(in.Image.MediaIDs) == 0 {
			return 40007
		}
		m.MediaID = in.Image.MediaIDs[0]
	case "voice", "mpvideo":
		ref := in.Voice
		if in.MsgType == "mpvideo" {
			ref = in.MPVideo
		}
		if ref.MediaID == "" {
			return 40007
		}
		m.MediaID = ref.MediaID
	default:
		return 48008
	}
	return 0
}

// massQuotaLeft applies the account's quota: a subscription account has one
// successful send per Beijing calendar day, a service account four per
// calendar month.
func (s *Server) massQuotaLeft() bool {
	now := s.nowLocked().In(beijing)
	used := 0
	for _, m := range s.masses {
		t := m.At.In(beijing)
		sameDay := t.Format(time.DateOnly) == now.Format(time.DateOnly)
		sameMonth := t.Format("2006-01") == now.Format("2006-01")
		if (!s.serviceAccount && sameDay) || (s.serviceAccount && sameMonth) {
			used++
		}
	}
	if s.serviceAccount {
		return used < 4
	}
	return used < 1
}

// handleMassGet reports a send's status.
func (s *Server) handleMassGet(rq *request) any {
	var in struct {
		MsgID json.RawMessage `json:"msg_id"`
	}
	if e := decode(rq, &in); e != nil {
		return *e
	}
	id, valid := flexID(in.MsgID)
	if !valid {
		return fail(47001)
	}
	for _, m := range s.masses {
		if m.MsgID == id {
			return map[string]any{"msg_id": m.MsgID, "msg_status": m.Status}
		}
	}
	return fail(40007)
}

// SetMassStatus changes what mass/get reports for msgID (SENDING,
// SEND_FAIL, DELETE, …).
func (s *Server) SetMassStatus(msgID int64, status string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, m := range s.masses {
		if m.MsgID == msgID {
			m.Status = status
			return nil
		}
	}
	return fmt.Errorf("wechattest: no mass send %d", msgID)
}

// MassSends returns copies of every accepted mass send.
func (s *Server) MassSends() []MassSend {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]MassSend, len(s.masses))
	for i, m := range s.masses {
		c := *m
		c.Articles = append([]Article(nil), m.Articles...)
		out[i] = c
	}
	return out
}
