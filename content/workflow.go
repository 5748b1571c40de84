// Package content holds the pure rules for the bureau's articles: the review
// workflow (先审查、后发布), the 涉密 marker scan, HTML sanitising, inline
// image handling, the 国办秘函〔2019〕19号 freshness oversight, WeChat reply
// limits and title search. Nothing here touches a database, the network or
// the clock: callers pass every fact in and persist what comes back.
package content

import (
	"fmt"
	"slices"
	"strings"

	"govmp/models"
)

// State is the lifecycle state of an article.
type State string

// Article states. The string values are stored in the database and shown in
// audit logs, so they must never change.
const (
	StateDraft     State = "draft"
	StateSubmitted State = "submitted"
	StateApproved  State = "approved"
	StateRejected  State = "rejected"
	StateScheduled State = "scheduled"
	StatePublished State = "published"
	StateWithdrawn State = "withdrawn"
)

// Action is something a user (or the scheduler) asks to do to an article.
type Action string

// Workflow actions.
const (
	// ActionSubmit sends a draft for review (draft → submitted).
	ActionSubmit Action = "submit"
	// ActionRetract lets the editor take a submission back before anyone
	// has reviewed it (submitted → draft).
	ActionRetract Action = "retract"
	// ActionApprove passes review (submitted → approved).
	ActionApprove Action = "approve"
	// ActionReject fails review with a reason (submitted → rejected).
	ActionReject Action = "reject"
	// ActionEdit reopens a rejected or withdrawn article for editing
	// (→ draft); it must then go through review again.
	ActionEdit Action = "edit"
	// ActionSchedule sets a future publish time (approved → scheduled).
	ActionSchedule Action = "schedule"
	// ActionUnschedule cancels a scheduled publication (scheduled → approved).
	ActionUnschedule Action = "unschedule"
	// ActionPublish publishes now, or fires a schedule (approved|scheduled → published).
	ActionPublish Action = "publish"
	// ActionWithdraw takes a published article down (published → withdrawn).
	ActionWithdraw Action = "withdraw"
)

// Console roles: the user roles stored for console accounts.
const (
	RoleAdmin    = models.RoleAdmin
	RoleReviewer = models.RoleReviewer
	RoleEditor   = models.RoleEditor
	RoleOfficer  = models.RoleOfficer
	RoleViewer   = models.RoleViewer
	// RoleSystem is held only by the in-process scheduler, so a scheduled
	// article can be published without pretending a human pressed the button.
	RoleSystem = "system"
)

// Actor is whoever asks for a transition.
type Actor struct {
	ID    string
	Roles []string
}

// Has reports whether the actor holds any of roles; admins hold them all.
func (a Actor) Has(roles ...string) bool {
	if slices.Contains(a.Roles, RoleAdmin) {
		return true
	}
	for _, r := range roles {
		if slices.Contains(a.Roles, r) {
			return true
		}
	}
	return false
}

// Facts are what the workflow needs to know about the article and the request.
type Facts struct {
	// AuthorID is the ID of the article's author; the reviewer must differ.
	AuthorID string
	// SecrecyConfirmed is the reviewer's explicit 不涉密 confirmation.
	SecrecyConfirmed bool
	// RejectReason is required when rejecting.
	RejectReason string
	// SecrecyMatches is the result of ScanSecrecy over title, digest and
	// body; any match blocks submission.
	SecrecyMatches []Match
}

// Change is the outcome of an allowed transition, to be written to the audit log.
type Change struct {
	ActorID string
	Action  Action
	From    State
	To      State
	// Reason is the rejection reason, empty for other actions.
	Reason string
	// SecrecyConfirmed records that the approver confirmed 不涉密.
	SecrecyConfirmed bool
}

// rule is one edge of the state machine and who may walk it.
type rule struct {
	to    State
	roles []string
}

// edges is the whole state machine; anything not listed is refused.
var edges = map[State]map[Action]rule{
	StateDraft: {
		ActionSubmit: {StateSubmitted, []string{RoleEditor}},
	},
	StateSubmitted: {
		ActionRetract: {StateDraft, []string{RoleEditor}},
		ActionApprove: {StateApproved, []string{RoleReviewer}},
		ActionReject:  {StateRejected, []string{RoleReviewer}},
	},
	StateRejected: {
		ActionEdit: {StateDraft, []string{RoleEditor}},
	},
	StateApproved: {
		ActionSchedule: {StateScheduled, []string{RoleEditor}},
		ActionPublish:  {StatePublished, []string{RoleEditor}},
	},
	StateScheduled: {
		ActionUnschedule: {StateApproved, []string{RoleEditor}},
		ActionPublish:    {StatePublished, []string{RoleEditor, RoleSystem}},
	},
	StatePublished: {
		// Reviewers may pull an article too: whoever spots a problem in a
		// government publication should be able to stop it spreading.
		ActionWithdraw: {StateWithdrawn, []string{RoleEditor, RoleReviewer}},
	},
	StateWithdrawn: {
		ActionEdit: {StateDraft, []string{RoleEditor}},
	},
}

// Transition applies action to an article in state from. On success it
// returns the Change to audit; on failure it returns an *Error and the
// caller must leave the article in from.
func Transition(from State, action Action, actor Actor, f Facts) (Change, error) {
	r, ok := edges[from][action]
	if !ok {
		return Change{}, errorf(CodeInvalidTransition, "文章处于“%s”状态，不能执行“%s”", from.Label(), action.Label())
	}
	if strings.TrimSpace(actor.ID) == "" || !actor.Has(r.roles...) {
		return Change{}, errorf(CodeForbidden, "当前账号无权对“%s”状态的文章执行“%s”", from.Label(), action.Label())
	}
	if err := checkFacts(from, action, actor, f); err != nil {
		return Change{}, err
	}
	c := Change{ActorID: actor.ID, Action: action, From: from, To: r.to}
	switch action {
	case ActionReject:
		c.Reason = strings.TrimSpace(f.RejectReason)
	case ActionApprove:
		c.SecrecyConfirmed = true
	}
	return c, nil
}

// checkFacts enforces the per-action rules beyond roles.
func checkFacts(from State, action Action, actor Actor, f Facts) error {
	switch action {
	case ActionSubmit:
		if len(f.SecrecyMatches) > 0 {
			words := make([]string, 0, len(f.SecrecyMatches))
			for _, m := range f.SecrecyMatches {
				if !slices.Contains(words, m.Word) {
					words = append(words, m.Word)
				}
			}
			return errorf(CodeInvalid, "文章含涉密标识（%s），不能提交审核", strings.Join(words, "、"))
		}
	case ActionApprove, ActionReject:
		// Separation of duties holds for admins too: nobody reviews their own work.
		if f.AuthorID != "" && actor.ID == f.AuthorID {
			return errorf(CodeForbidden, "作者不能审核自己的文章（“%s”状态，“%s”）", from.Label(), action.Label())
		}
		if action == ActionApprove && !f.SecrecyConfirmed {
			return errorf(CodeInvalid, "审核通过前须确认文章不涉密（“%s”状态，“%s”）", from.Label(), action.Label())
		}
		if action == ActionReject && strings.TrimSpace(f.RejectReason) == "" {
			return errorf(CodeInvalid, "退回文章须填写原因（“%s”状态，“%s”）", from.Label(), action.Label())
		}
	}
	return nil
}

// Label is the Chinese name of the state shown to console users.
func (s State) Label() string {
	switch s {
	case StateDraft:
		return "草稿"
	case StateSubmitted:
		return "待审核"
	case StateApproved:
		return "审核通过"
	case StateRejected:
		return "已退回"
	case StateScheduled:
		return "定时发布"
	case StatePublished:
		return "已发布"
	case StateWithdrawn:
		return "已撤回"
	}
	return string(s)
}

// Label is the Chinese name of the action shown to console users.
func (a Action) Label() string {
	switch a {
	case ActionSubmit:
		return "提交审核"
	case ActionRetract:
		return "撤回提交"
	case ActionApprove:
		return "审核通过"
	case ActionReject:
		return "退回"
	case ActionEdit:
		return "重新编辑"
	case ActionSchedule:
		return "定时发布"
	case ActionUnschedule:
		return "取消定时"
	case ActionPublish:
		return "发布"
	case ActionWithdraw:
		return "撤回已发布文章"
	}
	return string(a)
}

// States lists every state, in lifecycle order.
func States() []State {
	return []State{StateDraft, StateSubmitted, StateApproved, StateRejected, StateScheduled, StatePublished, StateWithdrawn}
}

// Actions lists every action.
func Actions() []Action {
	return []Action{ActionSubmit, ActionRetract, ActionApprove, ActionReject, ActionEdit, ActionSchedule, ActionUnschedule, ActionPublish, ActionWithdraw}
}

// Error codes of workflow and validation failures; handlers map them to HTTP statuses.
const (
	CodeInvalidTransition = "invalid_transition"
	CodeForbidden         = "forbidden"
	CodeInvalid           = "invalid"
)

// Error is a refused transition: a stable Code for programs and a Chinese
// Message for people.
type Error struct {
	Code    string
	Message string
}

// Error implements error.
func (e *Error) Error() string { return e.Code + ": " + e.Message }

func errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}
