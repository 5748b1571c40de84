package wechattest

import (
	"fmt"
	"time"
	"unicode/utf8"
)

// Article is one article of a draft, with the fields draft/add takes.
type Article struct {
	ArticleType        string `json:"article_type,omitempty"`
	Title              string `json:"title"`
	Author             string `json:"author"`
	Digest             string `json:"digest"`
	Content            string `json:"content"`
	ContentSourceURL   string `json:"content_source_url"`
	ThumbMediaID       string `json:"thumb_media_id"`
	NeedOpenComment    int    `json:"need_open_comment"`
	OnlyFansCanComment int    `json:"only_fans_can_comment"`
	PicCrop2351        string `json:"pic_crop_235_1,omitempty"`
	PicCrop11          string `json:"pic_crop_1_1,omitempty"`
}

// Draft is one draft in the draft box.
type Draft struct {
	MediaID  string
	Articles []Article
	Created  time.Time
	Updated  time.Time
}

// validateArticle applies draft/add's limits. Lengths are in characters.
func (s *Server) validateArticle(a Article) int {
	n := utf8.RuneCountInString
	switch {
	case a.Title == "" || n(a.Title) > 32:
		return 45003
	case n(a.Author) > 16:
		return 45110
	case n(a.Digest) > 128:
		return 45004
	case a.Content == "":
		return 44004
	case n(a.Content) >= 20000 || len(a.Content) >= 1<<20:
		return 45002
	case a.ArticleType != "newspic" && !s.permanentImage(a.ThumbMediaID):
		return 40007
	}
	return 0
}

// handleDraftAdd validates every article and stores the draft.
func (s *Server) handleDraftAdd(rq *request) any {
	var in struct {
		Articles []Article `json:"articles"`
	}
	if e := decode(rq, &in); e != nil {
		return *e
	}
	if len(in.Articles) == 0 || len(in.Articles) > 8 {
		return fail(44003)
	}
	for _, a := range in.Articles {
		if code := s.validateArticle(a); code != 0 {
			return fail(code)
		}
	}
	now := s.nowLocked()
	d := &Draft{
		MediaID:  fmt.Sprintf("FAKEDRAFT_%012d", s.nextSeq()),
		Articles: append([]Article{}, in.Articles...),
		Created:  now,
		Updated:  now,
	}
	s.drafts = append(s.drafts, d)
	return map[string]any{"media_id": d.MediaID, "item": []any{}}
}

// mediaIDBody is the {"media_id"} body several endpoints take.
type mediaIDBody struct {
	MediaID string `json:"media_id"`
}

// draftIndex returns the position of the draft in the box, or -1.
func (s *Server) draftIndex(id string) int {
	for i, d := range s.drafts {
		if d.MediaID == id {
			return i
		}
	}
	return -1
}

// handleDraftGet returns the draft's articles with a temporary URL each.
func (s *Server) handleDraftGet(rq *request) any {
	var in mediaIDBody
	if e := decode(rq, &in); e != nil {
		return *e
	}
	i := s.draftIndex(in.MediaID)
	if i < 0 {
		return fail(40007)
	}
	d := s.drafts[i]
	return map[string]any{
		"news_item":   newsItems(d.Articles, d.MediaID),
		"create_time": d.Created.Unix(),
		"update_time": d.Updated.Unix(),
	}
}

// newsItems renders articles as the read endpoints do, adding url and
// show_cover_pic.
func newsItems(arts []Article, mediaID string) []map[string]any {
	out := make([]map[string]any, len(arts))
	for i, a := range arts {
		out[i] = map[string]any{
			"article_type": orDefault(a.ArticleType, "news"), "title": a.Title,
			"author": a.Author, "digest": a.Digest, "content": a.Content,
			"content_source_url": a.ContentSourceURL, "thumb_media_id": a.ThumbMediaID,
			"need_open_comment": a.NeedOpenComment, "only_fans_can_comment": a.OnlyFansCanComment,
			"show_cover_pic": 0, "thumb_url": "http://mmbiz.qpic.cn/fake/thumb/" + a.ThumbMediaID,
			"url": fmt.Sprintf("http://mp.weixin.qq.com/s?__biz=FAKE&tempkey=%s_%d", mediaID, i+1),
		}
	}
	return out
}

func orDefault(v, def string) string {
	if v == "" {
		return def
	}
	return v
}

// handleDraftUpdate replaces one article (0-based index) of a draft.
func (s *Server) handleDraftUpdate(rq *request) any {
	var in struct {
		MediaID  string  `json:"media_id"`
		Index    int     `json:"index"`
		Articles Article `json:"articles"`
	}
	if e := decode(rq, &in); e != nil {
		return *e
	}
	i := s.draftIndex(in.MediaID)
	if i < 0 {
		return fail(40007)
	}
	d := s.drafts[i]
	if in.Index < 0 || in.Index >= len(d.Articles) {
		return fail(40114)
	}
	if code := s.validateArticle(in.Articles); code != 0 {
		return fail(code)
	}
	d.Articles[in.Index] = in.Articles
	d.Updated = s.nowLocked()
	return ok()
}

// handleDraftDelete removes a draft.
func (s *Server) handleDraftDelete(rq *request) any {
	var in mediaIDBody
	if e := decode(rq, &in); e != nil {
		return *e
	}
	if s.takeDraft(in.MediaID) == nil {
		return fail(40007)
	}
	return ok()
}

// takeDraft removes and returns a draft: publishing or mass-sending it
// empties it from the box, as on WeChat.
func (s *Server) takeDraft(id string) *Draft {
	i := s.draftIndex(id)
	if i < 0 {
		return nil
	}
	d := s.drafts[i]
	s.drafts = append(s.drafts[:i:i], s.drafts[i+1:]...)
	return d
}

// handleDraftCount returns how many drafts are in the box.
func (s *Server) handleDraftCount(*request) any {
	return map[string]any{"total_count": len(s.drafts)}
}

// Drafts returns copies of the drafts still in the box.
func (s *Server) Drafts() []Draft {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Draft, len(s.drafts))
	for i, d := range s.drafts {
		c := *d
		c.Articles = append([]Article(nil), d.Articles...)
		out[i] = c
	}
	return out
}
