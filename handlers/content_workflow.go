package handlers

import (
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"govmp/content"
	"govmp/models"
)

// actionInput carries the facts some workflow actions need.
type actionInput struct {
	SecrecyConfirmed bool       `json:"secrecy_confirmed"`
	Reason           string     `json:"reason"`
	At               *time.Time `json:"at"`
	Mode             string     `json:"mode"`
}

// workflowActions are the actions reachable through /articles/:id/:action;
// publishing goes through /publish, which talks to WeChat.
var workflowActions = map[string]content.Action{
	"submit": content.ActionSubmit, "retract": content.ActionRetract, "approve": content.ActionApprove,
	"reject": content.ActionReject, "edit": content.ActionEdit, "schedule": content.ActionSchedule,
	"unschedule": content.ActionUnschedule, "withdraw": content.ActionWithdraw,
}

// articleAction walks one edge of the review workflow and audits it.
func (s *server) articleAction(c *gin.Context) {
	action, ok := workflowActions[c.Param("action")]
	if !ok {
		writeError(c, s.Log, models.Errorf(models.ENOTFOUND, "未知操作 / unknown action"))
		return
	}
	id, err := pathID(c)
	if err != nil {
		writeError(c, s.Log, err)
		return
	}
	var in actionInput
	if c.Request.ContentLength != 0 {
		if err := bindJSON(c, &in); err != nil {
			writeError(c, s.Log, err)
			return
		}
	}
	a, err := s.Store.Article(c.Request.Context(), id)
	if err != nil {
		writeError(c, s.Log, err)
		return
	}
	change, updates, err := s.decide(c, a, action, in)
	if err != nil {
		writeError(c, s.Log, err)
		return
	}
	u := currentUser(c)
	detail := fmt.Sprintf("%s→%s", change.From, change.To)
	if change.Reason != "" {
		detail += " 原因：" + change.Reason
	}
	if change.SecrecyConfirmed {
		detail += " 已确认不涉密"
	}
	audit := models.AuditEntry{Actor: u.Username, Action: "article." + string(action), Target: fmt.Sprintf("article:%d", id), Detail: detail}
	if err := s.Store.Transition(c.Request.Context(), id, string(change.From), string(change.To), updates, audit); err != nil {
		writeError(c, s.Log, err)
		return
	}
	s.getArticle(c)
}

// decide applies the workflow rules and returns the change and the columns
// that go with it.
func (s *server) decide(c *gin.Context, a *models.Article, action content.Action, in actionInput) (content.Change, map[string]any, error) {
	u := currentUser(c)
	facts := content.Facts{AuthorID: strconv.FormatUint(uint64(a.AuthorID), 10), SecrecyConfirmed: in.SecrecyConfirmed, RejectReason: in.Reason}
	if action == content.ActionSubmit {
		markers, err := s.Store.SecrecyMarkers(c.Request.Context(), content.DefaultSecrecyMarkers())
		if err != nil {
			return content.Change{}, nil, err
		}
		facts.SecrecyMatches = content.ScanSecrecy(markers, a.Title, a.Digest, a.Body)
	}
	actor := content.Actor{ID: strconv.FormatUint(uint64(u.ID), 10), Roles: []string{u.Role}}
	change, err := content.Transition(content.State(a.State), action, actor, facts)
	if err != nil {
		return change, nil, workflowError(err)
	}
	updates := map[string]any{}
	switch action {
	case content.ActionSubmit:
		updates["reject_reason"] = ""
	case content.ActionApprove:
		updates["reviewer_id"], updates["secrecy_confirmed"], updates["reject_reason"] = u.ID, true, ""
	case content.ActionReject:
		updates["reviewer_id"], updates["reject_reason"] = u.ID, change.Reason
	case content.ActionEdit:
		updates["reviewer_id"], updates["secrecy_confirmed"] = 0, false
	case content.ActionSchedule:
		if err := s.checkSchedule(in); err != nil {
			return change, nil, err
		}
		updates["scheduled_at"], updates["scheduled_mode"], updates["publish_error"] = in.At.UTC(), in.Mode, ""
	case content.ActionUnschedule:
		updates["scheduled_at"] = nil
	}
	return change, updates, nil
}

func (s *server) checkSchedule(in actionInput) error {
	if in.At == nil || !in.At.After(s.Content.Now()) {
		return models.Invalid("at", "定时发布时间须晚于现在 / the time must be in the future")
	}
	switch in.Mode {
	case models.ModeMass, models.ModeFreePublish, models.ModeH5:
		return nil
	}
	return models.Invalid("mode", "发布方式须为 mass、freepublish 或 h5 / unknown mode")
}

// workflowError maps the workflow's refusals onto the API's error codes.
func workflowError(err error) error {
	var we *content.Error
	if !errors.As(err, &we) {
		return err
	}
	switch we.Code {
	case content.CodeInvalidTransition:
		return models.Errorf(models.ECONFLICT, "%s", we.Message)
	case content.CodeForbidden:
		return models.Errorf(models.EFORBIDDEN, "%s", we.Message)
	}
	return models.Errorf(models.EINVALID, "%s", we.Message)
}
