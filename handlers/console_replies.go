package handlers

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"govmp/models"
)

// replyKeys are the fixed replies an admin edits, in display order.
var replyKeys = []struct{ Key, Label, Hint string }{
	{models.SettingWelcome, "关注欢迎语", "粉丝关注公众号时自动发送。"},
	{models.SettingDefaultReply, "默认回复", "文字消息没有匹配到关键词或文章时发送。"},
	{models.SettingOtherReply, "其他消息回复", "收到图片、语音等非文字消息时发送。"},
}

// repliesPage shows the fixed replies and the keyword rules.
func (cs *console) repliesPage(c *gin.Context) {
	v := cs.newView(c, "自动回复")
	for _, k := range replyKeys {
		val, err := cs.Store.Setting(c.Request.Context(), k.Key, cs.Replies.Defaults[k.Key])
		if err != nil {
			cs.fail(c, err)
			return
		}
		v.Form.Set(k.Key, val)
	}
	v.Form.Set("match", models.MatchExact)
	cs.showReplies(c, http.StatusOK, v)
}

func (cs *console) showReplies(c *gin.Context, status int, v *view) {
	rules, err := cs.Store.KeywordRules(c.Request.Context())
	if err != nil {
		cs.fail(c, err)
		return
	}
	v.D["Rules"], v.D["Keys"] = rules, replyKeys
	cs.render(c, status, "replies", v)
}

func (cs *console) saveReplySettings(c *gin.Context) {
	v := cs.newView(c, "自动回复")
	for _, k := range replyKeys {
		val := strings.TrimSpace(c.PostForm(k.Key))
		v.Form.Set(k.Key, val)
		if val == "" || len(val) > 2048 {
			v.Errors[k.Key] = "回复内容须为1–2048字节（约680个汉字）。"
		}
	}
	v.Form.Set("match", models.MatchExact)
	if len(v.Errors) > 0 {
		cs.showReplies(c, http.StatusBadRequest, v)
		return
	}
	for _, k := range replyKeys {
		if err := cs.Store.SetSetting(c.Request.Context(), k.Key, v.Form.Get(k.Key)); err != nil {
			cs.fail(c, err)
			return
		}
		cs.audit(c, "reply.setting.save", k.Key, "")
	}
	cs.Replies.Invalidate()
	cs.redirect(c, "/admin/settings/replies", "已保存固定回复。")
}

func (cs *console) saveKeyword(c *gin.Context) {
	prio, _ := strconv.Atoi(c.PostForm("priority"))
	rule := models.KeywordRule{Keyword: strings.TrimSpace(c.PostForm("keyword")), Match: c.PostForm("match"),
		Reply: strings.TrimSpace(c.PostForm("reply")), Priority: prio, Enabled: c.PostForm("enabled") == "1"}
	if err := cs.Store.SaveKeywordRule(c.Request.Context(), &rule); err != nil {
		v := cs.newView(c, "自动回复")
		for _, k := range []string{"keyword", "match", "reply", "priority", "enabled"} {
			v.Form.Set(k, c.PostForm(k))
		}
		if !formError(v, err) {
			cs.fail(c, err)
			return
		}
		for _, k := range replyKeys {
			val, _ := cs.Store.Setting(c.Request.Context(), k.Key, cs.Replies.Defaults[k.Key])
			v.Form.Set(k.Key, val)
		}
		cs.showReplies(c, http.StatusBadRequest, v)
		return
	}
	cs.Replies.Invalidate()
	cs.audit(c, "reply.keyword.save", fmt.Sprintf("keyword_rule:%d", rule.ID), rule.Match+":"+rule.Keyword)
	cs.redirect(c, "/admin/settings/replies", "已添加关键词“"+rule.Keyword+"”。")
}

func (cs *console) deleteKeyword(c *gin.Context) {
	id, err := pathID(c)
	if err == nil {
		err = cs.Store.DeleteKeywordRule(c.Request.Context(), id)
	}
	if err != nil {
		cs.fail(c, err)
		return
	}
	cs.Replies.Invalidate()
	cs.audit(c, "reply.keyword.delete", fmt.Sprintf("keyword_rule:%d", id), "")
	cs.redirect(c, "/admin/settings/replies", "已删除关键词规则。")
}
