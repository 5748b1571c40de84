package wechattest

import (
	"encoding/json"
	"fmt"
	"strconv"
	"time"
)

// Publish statuses, as freepublish/get reports them.
const (
	PublishSuccess     = 0
	PublishRunning     = 1
	PublishOriginalErr = 2
	PublishFailed      = 3
	PublishRejected    = 4
	PublishUserDeleted = 5
	PublishBanned      = 6
)

// Publish is one freepublish job.
type Publish struct {
	PublishID   int64
	MsgDataID   int64
	MediaID     string // the draft it came from
	Articles    []Article
	Status      int
	ArticleID   string   // set on success
	ArticleURLs []string // one per article, set on success
	FailIdx     []int    // 1-based, set for statuses 2 and 4
	Submitted   time.Time
	Finished    time.Time
}

// handlePublishSubmit takes a draft out of the box and starts a job.
func (s *Server) handlePublishSubmit(rq *request) any {
	var in mediaIDBody
	if e := decode(rq, &in); e != nil {
		return *e
	}
	d := s.takeDraft(in.MediaID)
	if d == nil {
		return fail(40007)
	}
	p := &Publish{
		PublishID: s.nextPubID,
		MsgDataID: s.nextDataID,
		MediaID:   d.MediaID,
		Articles:  d.Articles,
		Status:    PublishRunning,
		Submitted: s.nowLocked(),
	}
	s.nextPubID++
	s.nextDataID++
	s.publishes = append(s.publishes, p)
	return map[string]any{"errcode": 0, "errmsg": "ok", "publish_id": p.PublishID, "msg_data_id": p.MsgDataID}
}

// findPublish returns the job, finishing it first when auto-finish is on
// and its time has come; callers hold s.mu.
func (s *Server) findPublish(id int64) *Publish {
	for _, p := range s.publishes {
		if p.PublishID != id {
			continue
		}
		if s.autoPublish != nil && p.Status == PublishRunning && !s.nowLocked().Before(p.Submitted.Add(*s.autoPublish)) {
			s.finish(p, PublishSuccess)
		}
		return p
	}
	return nil
}

// finish sets a job's outcome and the fields that come with it.
func (s *Server) finish(p *Publish, status int) {
	p.Status = status
	p.Finished = s.nowLocked()
	p.ArticleID, p.ArticleURLs, p.FailIdx = "", nil, nil
	switch status {
	case PublishSuccess, PublishUserDeleted, PublishBanned:
		p.ArticleID = fmt.Sprintf("FAKEART_%d", p.PublishID)
		for i := range p.Articles {
			p.ArticleURLs = append(p.ArticleURLs,
				fmt.Sprintf("https://mp.weixin.qq.com/s?__biz=FAKE&mid=%d&idx=%d", p.MsgDataID, i+1))
		}
	case PublishOriginalErr, PublishRejected:
		p.FailIdx = []int{1}
	}
}

// FinishPublish ends a job with status (PublishSuccess, PublishFailed, …)
// and returns a copy of it, so a test can then deliver the matching
// PUBLISHJOBFINISH event with the article id and URLs it got.
func (s *Server) FinishPublish(publishID int64, status int) (Publish, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.findPublish(publishID)
	if p == nil {
		return Publish{}, fmt.Errorf("wechattest: no publish job %d", publishID)
	}
	s.finish(p, status)
	return clonePublish(p), nil
}

// flexID accepts an ID sent as a JSON number or a string: WeChat's docs
// show strings while the server and SDKs use numbers.
func flexID(raw json.RawMessage) (int64, bool) {
	var n json.Number
	if json.Unmarshal(raw, &n) == nil {
		v, err := n.Int64()
		return v, err == nil
	}
	var str string
	if json.Unmarshal(raw, &str) == nil {
		v, err := strconv.ParseInt(str, 10, 64)
		return v, err == nil
	}
	return 0, false
}

// handlePublishGet reports a job's status in WeChat's shape: article fields
// only on success, fail_idx always present.
func (s *Server) handlePublishGet(rq *request) any {
	var in struct {
		PublishID json.RawMessage `json:"publish_id"`
	}
	if e := decode(rq, &in); e != nil {
		return *e
	}
	id, valid := flexID(in.PublishID)
	if !valid {
		return fail(47001)
	}
	p := s.findPublish(id)
	if p == nil {
		return fail(40007) // the real code for an unknown job is not documented
	}
	out := map[string]any{"publish_id": p.PublishID, "publish_status": p.Status, "fail_idx": append([]int{}, p.FailIdx...)}
	if p.Status == PublishSuccess {
		out["article_id"] = p.ArticleID
		out["article_detail"] = articleDetail(p.ArticleURLs)
	}
	return out
}

func articleDetail(urls []string) map[string]any {
	items := make([]map[string]any, len(urls))
	for i, u := range urls {
		items[i] = map[string]any{"idx": i + 1, "article_url": u}
	}
	return map[string]any{"count": len(urls), "item": items}
}

// handlePublishBatchGet lists successfully published articles, newest first.
func (s *Server) handlePublishBatchGet(rq *request) any {
	var in struct {
		Offset    int `json:"offset"`
		Count     int `json:"count"`
		NoContent int `json:"no_content"`
	}
	if e := decode(rq, &in); e != nil {
		return *e
	}
	if in.Count < 1 || in.Count > 20 || in.Offset < 0 {
		return fail(47001)
	}
	var done []*Publish
	for i := len(s.publishes) - 1; i >= 0; i-- {
		if p := s.findPublish(s.publishes[i].PublishID); p.Status == PublishSuccess {
			done = append(done, p)
		}
	}
	page := done[min(in.Offset, len(done)):min(in.Offset+in.Count, len(done))]
	items := make([]map[string]any, len(page))
	for i, p := range page {
		news := newsItems(p.Articles, p.MediaID)
		for j, n := range news {
			n["url"], n["is_deleted"] = p.ArticleURLs[j], false
			if in.NoContent == 1 {
				delete(n, "content")
			}
		}
		items[i] = map[string]any{"article_id": p.ArticleID, "content": map[string]any{"news_item": news}, "update_time": p.Finished.Unix()}
	}
	return map[string]any{"total_count": len(done), "item_count": len(items), "item": items}
}

// Publishes returns copies of every publish job, in submission order.
func (s *Server) Publishes() []Publish {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Publish, len(s.publishes))
	for i, p := range s.publishes {
		out[i] = clonePublish(s.findPublish(p.PublishID))
	}
	return out
}

func clonePublish(p *Publish) Publish {
	c := *p
	c.Articles = append([]Article(nil), p.Articles...)
	c.ArticleURLs = append([]string(nil), p.ArticleURLs...)
	c.FailIdx = append([]int(nil), p.FailIdx...)
	return c
}
