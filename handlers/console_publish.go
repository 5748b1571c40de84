package handlers

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"govmp/content/publishing"
	"govmp/models"
)

// publishStatus says in plain words where a publication stands.
var publishStatus = map[string]string{
	models.PublishPreparing: "正在上传图片和草稿", models.PublishSubmitted: "已提交微信，等待微信处理结果",
	models.PublishSucceeded: "发布成功", models.PublishFailed: "发布失败",
}

var publishModes = map[string]string{models.ModeMass: "群发（通知粉丝）", models.ModeFreePublish: "发布（不通知粉丝）", models.ModeH5: "仅H5页面"}

// publish sends approved articles to WeChat from the publish dialog. A
// refusal comes back next to the mode choice; a WeChat failure is recorded
// and shown on the publications page with a retry button.
func (cs *console) publish(c *gin.Context) {
	var ids []uint
	for _, s := range c.PostFormArray("article_ids") {
		if id, err := strconv.ParseUint(s, 10, 32); err == nil {
			ids = append(ids, uint(id))
		}
	}
	mode := c.PostForm("mode")
	rec, err := cs.Content.Publisher.Publish(c.Request.Context(), publishing.Request{ArticleIDs: ids, Mode: mode,
		ToAll: c.PostForm("to_all") != "0", Actor: currentUser(c).Username})
	if err != nil {
		if models.ErrorCode(err) == models.EINTERNAL || len(ids) == 0 {
			cs.fail(c, err)
			return
		}
		a, lerr := cs.Store.Article(c.Request.Context(), ids[0])
		if lerr != nil {
			cs.fail(c, lerr)
			return
		}
		v := cs.newView(c, a.Title)
		v.Form.Set("mode", mode)
		v.Errors["mode"] = zh(models.ErrorMessage(err))
		cs.showArticle(c, statusOf[models.ErrorCode(err)], v, a)
		return
	}
	cs.audit(c, "publish."+rec.Mode, fmt.Sprintf("publication:%d", rec.ID), "articles="+rec.ArticleIDs+" status="+rec.Status)
	msg := fmt.Sprintf("发布记录 #%d：%s。", rec.ID, publishStatus[rec.Status])
	if rec.Status == models.PublishFailed {
		msg = "!" + msg + rec.Error
	}
	cs.redirect(c, "/admin/publications", msg)
}

// publicationsPage lists publications with their status, errors and retry.
func (cs *console) publicationsPage(c *gin.Context) {
	v := cs.newView(c, "发布记录")
	recs, err := cs.Store.Publishes(c.Request.Context(), c.Query("status"), 100)
	if err != nil {
		cs.fail(c, err)
		return
	}
	titles := map[uint]string{}
	type row struct {
		models.PublishRecord
		StatusLabel, ModeLabel string
		IDs                    []uint
		URLs                   []string
	}
	rows := make([]row, len(recs))
	for i, r := range recs {
		rows[i] = row{PublishRecord: r, StatusLabel: publishStatus[r.Status], ModeLabel: publishModes[r.Mode], IDs: r.Articles(), URLs: r.URLList()}
		for _, id := range rows[i].IDs {
			if _, ok := titles[id]; !ok {
				if a, err := cs.Store.Article(c.Request.Context(), id); err == nil {
					titles[id] = a.Title
				}
			}
		}
	}
	v.Form.Set("status", c.Query("status"))
	v.D["Rows"], v.D["Titles"] = rows, titles
	cs.render(c, http.StatusOK, "publications", v)
}

func (cs *console) retryPublication(c *gin.Context) {
	id, err := pathID(c)
	if err != nil {
		cs.fail(c, err)
		return
	}
	rec, err := cs.Content.Publisher.Retry(c.Request.Context(), id)
	if err != nil {
		cs.redirect(c, "/admin/publications", "!重试失败："+zh(models.ErrorMessage(err)))
		return
	}
	cs.audit(c, "publish.retry", fmt.Sprintf("publication:%d", rec.ID), "status="+rec.Status)
	cs.redirect(c, "/admin/publications", fmt.Sprintf("已重试发布记录 #%d：%s。", rec.ID, publishStatus[rec.Status]))
}
