package handlers

import (
	"fmt"
	"html/template"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"govmp/content"
	"govmp/models"
	"govmp/store"
	consoleweb "govmp/web/console"
)

// articlePage shows one article with its history, reads and the actions
// its state and the user's role allow.
func (cs *console) articlePage(c *gin.Context) {
	a, ok := cs.loadArticle(c)
	if !ok {
		return
	}
	v := cs.newView(c, a.Title)
	v.Form.Set("mode", models.ModeFreePublish)
	cs.showArticle(c, http.StatusOK, v, a)
}

func (cs *console) showArticle(c *gin.Context, status int, v *view, a *models.Article) {
	if err := cs.articleDetails(c, v, a); err != nil {
		cs.fail(c, err)
		return
	}
	cs.render(c, status, "article", v)
}

// articleDetails gathers everything the article page shows.
func (cs *console) articleDetails(c *gin.Context, v *view, a *models.Article) error {
	if err := cs.articleChoices(c, v); err != nil {
		return err
	}
	var history []models.AuditEntry
	err := cs.Store.DB.WithContext(c.Request.Context()).Where("target = ?", fmt.Sprintf("article:%d", a.ID)).Order("id DESC").Limit(100).Find(&history).Error
	if err != nil {
		return fmt.Errorf("handlers: article history: %w", err)
	}
	days, err := cs.Store.ArticleViews(c.Request.Context(), a.ID)
	if err != nil {
		return err
	}
	var pv, uv int64
	labels, pvs, uvs := []string{}, []float64{}, []float64{}
	for _, d := range days {
		pv, uv = pv+d.PV, uv+d.UV
		labels, pvs, uvs = append(labels, d.Day[5:]), append(pvs, float64(d.PV)), append(uvs, float64(d.UV))
	}
	v.D["Article"], v.D["History"], v.D["PV"], v.D["UV"] = a, history, pv, uv
	v.D["Body"] = cs.localImages(content.SanitizeHTML(a.Body)) // stored sanitised; cleaned again in case the policy grew stricter
	v.D["ViewsChart"] = consoleweb.Chart{Title: "每日浏览", Labels: labels, Series: []consoleweb.Series{
		{Name: "浏览次数", Color: "#0d4a8a", Values: pvs}, {Name: "访客数", Color: "#e67e22", Values: uvs}}}
	if cs.Content.Bot != nil && a.State == string(content.StatePublished) {
		v.D["H5URL"] = cs.Content.Bot.ArticleURL(a.ID, "")
	}
	if a.State == string(content.StateApproved) {
		available, day, err := cs.Content.Publisher.MassQuota(c.Request.Context())
		if err != nil {
			return err
		}
		v.D["MassAvailable"], v.D["QuotaDay"] = available && cs.Content.Publisher.Advanced, day
		v.D["Advanced"] = cs.Content.Publisher.Advanced
	}
	return nil
}

// actionField is where a refused action's message is shown.
var actionField = map[content.Action]string{
	content.ActionApprove: "secrecy_confirmed", content.ActionReject: "reason", content.ActionSchedule: "at",
	content.ActionSubmit: "submit",
}

// articleAction walks one edge of the review workflow from a form.
func (cs *console) articleAction(c *gin.Context) {
	action, ok := workflowActions[c.Param("action")]
	if !ok {
		cs.fail(c, models.Errorf(models.ENOTFOUND, "未知操作"))
		return
	}
	a, ok := cs.loadArticle(c)
	if !ok {
		return
	}
	in := actionInput{SecrecyConfirmed: c.PostForm("secrecy_confirmed") == "1", Reason: c.PostForm("reason"), Mode: c.PostForm("mode")}
	if at := c.PostForm("at"); at != "" {
		if t, err := time.ParseInLocation("2006-01-02T15:04", at, models.Beijing); err == nil {
			in.At = &t
		}
	}
	cs.walk(c, a, action, in)
}

// walk applies the workflow rules exactly as the API does, audits the
// change, and shows a refusal next to the field it concerns.
func (cs *console) walk(c *gin.Context, a *models.Article, action content.Action, in actionInput) {
	change, updates, err := cs.decide(c, a, action, in)
	if err == nil {
		u := currentUser(c)
		detail := fmt.Sprintf("%s→%s", change.From, change.To)
		if change.Reason != "" {
			detail += " 原因：" + change.Reason
		}
		if change.SecrecyConfirmed {
			detail += " 已确认不涉密"
		}
		audit := models.AuditEntry{Actor: u.Username, Action: "article." + string(action), Target: fmt.Sprintf("article:%d", a.ID), Detail: detail}
		err = cs.Store.Transition(c.Request.Context(), a.ID, string(change.From), string(change.To), updates, audit)
	}
	if err != nil {
		v := cs.newView(c, a.Title)
		v.Form.Set("reason", in.Reason)
		v.Form.Set("mode", in.Mode)
		v.Form.Set("at", c.PostForm("at"))
		field := actionField[action]
		var me *models.Error
		if asModelError(err, &me) && me.Field != "" {
			field = me.Field
		}
		if field == "" {
			field = "_form"
		}
		if models.ErrorCode(err) == models.EINTERNAL {
			cs.fail(c, err)
			return
		}
		v.Errors[field] = zh(models.ErrorMessage(err))
		fresh, lerr := cs.Store.Article(c.Request.Context(), a.ID)
		if lerr != nil {
			cs.fail(c, lerr)
			return
		}
		cs.showArticle(c, statusOf[models.ErrorCode(err)], v, fresh)
		return
	}
	next := fmt.Sprintf("/admin/articles/%d", a.ID)
	if action == content.ActionEdit {
		next += "/edit"
	}
	cs.redirect(c, next, fmt.Sprintf("已%s：%s（%s）", action.Label(), a.Title, change.To.Label()))
}

// reviewPage is the reviewer's queue: every submitted article, oldest first.
func (cs *console) reviewPage(c *gin.Context) {
	v := cs.newView(c, "待审核")
	arts, _, err := cs.Store.ListArticles(c.Request.Context(), store.ArticleFilter{State: string(content.StateSubmitted), Limit: 200})
	if err == nil {
		err = cs.articleChoices(c, v)
	}
	if err != nil {
		cs.fail(c, err)
		return
	}
	type item struct {
		models.Article
		Safe template.HTML
	}
	items := make([]item, len(arts))
	for i, a := range arts {
		items[len(arts)-1-i] = item{Article: a, Safe: cs.localImages(content.SanitizeHTML(a.Body))}
	}
	v.D["Items"] = items
	cs.render(c, http.StatusOK, "review", v)
}
