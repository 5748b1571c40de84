package handlers

import (
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"govmp/content/publishing"
	"govmp/models"
)

type publishInput struct {
	ArticleIDs []uint `json:"article_ids"`
	Mode       string `json:"mode"`
	ToAll      bool   `json:"to_all"`
	TagID      int    `json:"tag_id"`
}

// publicationView adds the lists stored as text to a record.
func publicationView(r *models.PublishRecord) gin.H {
	return gin.H{"publication": r, "article_ids": r.Articles(), "urls": r.URLList()}
}

// publishQuota tells the console, before anyone tries, whether today's mass
// send is still available and what the account may do.
func (s *server) publishQuota(c *gin.Context) {
	available, day, err := s.Content.Publisher.MassQuota(c.Request.Context())
	if err != nil {
		writeError(c, s.Log, err)
		return
	}
	note := "今日群发次数可用（订阅号每天1次） / today's mass send is available"
	if !available {
		note = "今日群发次数已用完（订阅号每天1次），可改用“发布”（不通知粉丝） / today's mass send is used"
	}
	if !s.Content.Publisher.Advanced {
		note = "未认证的公众号不能通过接口群发或发布，只能发布到H5页面 / an unverified account can publish to H5 pages only"
	}
	c.JSON(http.StatusOK, gin.H{"day": day, "mass_available": available && s.Content.Publisher.Advanced,
		"wechat_publishing": s.Content.Publisher.Advanced, "note": note})
}

// publish starts a publication. Refusals are errors; a WeChat failure is a
// 200 with the failed publication, its plain-words error and a retry link.
func (s *server) publish(c *gin.Context) {
	var in publishInput
	if err := bindJSON(c, &in); err != nil {
		writeError(c, s.Log, err)
		return
	}
	rec, err := s.Content.Publisher.Publish(c.Request.Context(), publishing.Request{ArticleIDs: in.ArticleIDs, Mode: in.Mode,
		ToAll: in.ToAll, TagID: in.TagID, Actor: currentUser(c).Username})
	if err != nil {
		writeError(c, s.Log, err)
		return
	}
	s.audit(c, "publish."+rec.Mode, fmt.Sprintf("publication:%d", rec.ID), "articles="+rec.ArticleIDs+" status="+rec.Status)
	c.JSON(http.StatusOK, publicationView(rec))
}

func (s *server) retryPublication(c *gin.Context) {
	id, err := pathID(c)
	if err != nil {
		writeError(c, s.Log, err)
		return
	}
	rec, err := s.Content.Publisher.Retry(c.Request.Context(), id)
	if err != nil {
		writeError(c, s.Log, err)
		return
	}
	s.audit(c, "publish.retry", fmt.Sprintf("publication:%d", rec.ID), "status="+rec.Status)
	c.JSON(http.StatusOK, publicationView(rec))
}

func (s *server) listPublications(c *gin.Context) {
	recs, err := s.Store.Publishes(c.Request.Context(), c.Query("status"), queryInt(c, "limit", 50, 1, 200))
	if err != nil {
		writeError(c, s.Log, err)
		return
	}
	out := make([]gin.H, len(recs))
	for i := range recs {
		out[i] = publicationView(&recs[i])
	}
	c.JSON(http.StatusOK, gin.H{"publications": out})
}
