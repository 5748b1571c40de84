package handlers

import (
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"govmp/models"
)

func (s *server) listKeywordRules(c *gin.Context) {
	rules, err := s.Store.KeywordRules(c.Request.Context())
	if err != nil {
		writeError(c, s.Log, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"rules": rules})
}

// saveKeywordRule creates (POST) or replaces (PUT /:id) a rule.
func (s *server) saveKeywordRule(c *gin.Context) {
	var rule models.KeywordRule
	if err := bindJSON(c, &rule); err != nil {
		writeError(c, s.Log, err)
		return
	}
	rule.ID = 0
	if c.Param("id") != "" {
		id, err := pathID(c)
		if err != nil {
			writeError(c, s.Log, err)
			return
		}
		rule.ID = id
	}
	if err := s.Store.SaveKeywordRule(c.Request.Context(), &rule); err != nil {
		writeError(c, s.Log, err)
		return
	}
	s.Replies.Invalidate()
	s.audit(c, "reply.keyword.save", fmt.Sprintf("keyword_rule:%d", rule.ID), rule.Match+":"+rule.Keyword)
	c.JSON(http.StatusOK, gin.H{"rule": rule})
}

func (s *server) deleteKeywordRule(c *gin.Context) {
	id, err := pathID(c)
	if err != nil {
		writeError(c, s.Log, err)
		return
	}
	if err := s.Store.DeleteKeywordRule(c.Request.Context(), id); err != nil {
		writeError(c, s.Log, err)
		return
	}
	s.Replies.Invalidate()
	s.audit(c, "reply.keyword.delete", fmt.Sprintf("keyword_rule:%d", id), "")
	c.JSON(http.StatusOK, gin.H{"ok": true})
}

// replySettings are the admin-editable fixed replies.
type replySettings struct {
	Welcome *string `json:"welcome"`
	Default *string `json:"default"`
	Other   *string `json:"other"`
}

func (s *server) getReplySettings(c *gin.Context) {
	out := gin.H{}
	for name, key := range map[string]string{"welcome": models.SettingWelcome, "default": models.SettingDefaultReply, "other": models.SettingOtherReply} {
		v, err := s.Store.Setting(c.Request.Context(), key, s.Replies.Defaults[key])
		if err != nil {
			writeError(c, s.Log, err)
			return
		}
		out[name] = v
	}
	c.JSON(http.StatusOK, out)
}

func (s *server) putReplySettings(c *gin.Context) {
	var req replySettings
	if err := bindJSON(c, &req); err != nil {
		writeError(c, s.Log, err)
		return
	}
	updates := map[string]*string{models.SettingWelcome: req.Welcome, models.SettingDefaultReply: req.Default, models.SettingOtherReply: req.Other}
	for key, v := range updates {
		if v != nil && (*v == "" || len(*v) > 2048) {
			writeError(c, s.Log, models.Invalid(key, "回复内容须为1–2048字节 / a reply must be 1–2048 bytes"))
			return
		}
	}
	for key, v := range updates {
		if v == nil {
			continue
		}
		if err := s.Store.SetSetting(c.Request.Context(), key, *v); err != nil {
			writeError(c, s.Log, err)
			return
		}
		s.audit(c, "reply.setting.save", key, "")
	}
	s.Replies.Invalidate()
	s.getReplySettings(c)
}
