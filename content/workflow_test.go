package content

import (
	"errors"
	"strings"
	"testing"
)

var (
	editor   = Actor{ID: "e1", Roles: []string{RoleEditor}}
	reviewer = Actor{ID: "r1", Roles: []string{RoleReviewer}}
	admin    = Actor{ID: "a1", Roles: []string{RoleAdmin}}
	officer  = Actor{ID: "o1", Roles: []string{RoleOfficer}}
	viewer   = Actor{ID: "v1", Roles: []string{RoleViewer}}
	system   = Actor{ID: "scheduler", Roles: []string{RoleSystem}}
)

// goodFacts satisfies every fact-based rule, so only state and role matter.
var goodFacts = Facts{AuthorID: "e1", SecrecyConfirmed: true, RejectReason: "标题有误"}

func codeOf(t *testing.T, err error) string {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v is not *Error", err)
	}
	if e.Message == "" {
		t.Fatalf("error %v has no message", err)
	}
	return e.Code
}

func TestLegalTransitions(t *testing.T) {
	legal := []struct {
		from   State
		action Action
		actor  Actor
		to     State
	}{
		{StateDraft, ActionSubmit, editor, StateSubmitted},
		{StateDraft, ActionSubmit, admin, StateSubmitted},
		{StateSubmitted, ActionRetract, editor, StateDraft},
		{StateSubmitted, ActionApprove, reviewer, StateApproved},
		{StateSubmitted, ActionApprove, admin, StateApproved},
		{StateSubmitted, ActionReject, reviewer, StateRejected},
		{StateSubmitted, ActionReject, admin, StateRejected},
		{StateRejected, ActionEdit, editor, StateDraft},
		{StateApproved, ActionSchedule, editor, StateScheduled},
		{StateApproved, ActionPublish, editor, StatePublished},
		{StateApproved, ActionPublish, admin, StatePublished},
		{StateScheduled, ActionUnschedule, editor, StateApproved},
		{StateScheduled, ActionPublish, system, StatePublished},
		{StateScheduled, ActionPublish, editor, StatePublished},
		{StatePublished, ActionWithdraw, editor, StateWithdrawn},
		{StatePublished, ActionWithdraw, reviewer, StateWithdrawn},
		{StateWithdrawn, ActionEdit, editor, StateDraft},
	}
	for _, tc := range legal {
		t.Run(string(tc.from)+"/"+string(tc.action)+"/"+tc.actor.ID, func(t *testing.T) {
			c, err := Transition(tc.from, tc.action, tc.actor, goodFacts)
			if err != nil {
				t.Fatalf("refused: %v", err)
			}
			want := Change{ActorID: tc.actor.ID, Action: tc.action, From: tc.from, To: tc.to}
			switch tc.action {
			case ActionReject:
				want.Reason = "标题有误"
			case ActionApprove:
				want.SecrecyConfirmed = true
			}
			if c != want {
				t.Fatalf("got %+v, want %+v", c, want)
			}
		})
	}
}

func TestEveryOtherTransitionRefused(t *testing.T) {
	for _, from := range append(States(), State("bogus")) {
		for _, action := range append(Actions(), Action("delete")) {
			if _, ok := edges[from][action]; ok {
				continue
			}
			c, err := Transition(from, action, admin, goodFacts)
			if err == nil {
				t.Fatalf("%s/%s allowed: %+v", from, action, c)
			}
			if got := codeOf(t, err); got != CodeInvalidTransition {
				t.Errorf("%s/%s: code %q", from, action, got)
			}
			if c != (Change{}) {
				t.Errorf("%s/%s: refused transition returned a change %+v", from, action, c)
			}
			msg := err.(*Error).Message
			if !strings.Contains(msg, from.Label()) || !strings.Contains(msg, action.Label()) {
				t.Errorf("message %q does not name state and action", msg)
			}
		}
	}
}

func TestRolesRefused(t *testing.T) {
	cases := []struct {
		from   State
		action Action
		actor  Actor
	}{
		{StateDraft, ActionSubmit, reviewer},
		{StateDraft, ActionSubmit, officer},
		{StateDraft, ActionSubmit, viewer},
		{StateSubmitted, ActionApprove, editor},
		{StateSubmitted, ActionApprove, officer},
		{StateSubmitted, ActionReject, editor},
		{StateSubmitted, ActionReject, viewer},
		{StateApproved, ActionPublish, viewer},
		{StateApproved, ActionPublish, system},
		{StatePublished, ActionWithdraw, officer},
		{StateDraft, ActionSubmit, Actor{Roles: []string{RoleEditor}}},
	}
	for _, tc := range cases {
		_, err := Transition(tc.from, tc.action, tc.actor, goodFacts)
		if err == nil || codeOf(t, err) != CodeForbidden {
			t.Errorf("%s/%s by %v: got %v, want forbidden", tc.from, tc.action, tc.actor, err)
		}
	}
}

func TestReviewRules(t *testing.T) {
	cases := []struct {
		name   string
		action Action
		actor  Actor
		facts  Facts
		code   string
	}{
		{"author approves own", ActionApprove, Actor{ID: "e1", Roles: []string{RoleEditor, RoleReviewer}}, goodFacts, CodeForbidden},
		{"admin approves own", ActionApprove, admin, Facts{AuthorID: "a1", SecrecyConfirmed: true}, CodeForbidden},
		{"admin rejects own", ActionReject, admin, Facts{AuthorID: "a1", RejectReason: "x"}, CodeForbidden},
		{"no secrecy confirmation", ActionApprove, reviewer, Facts{AuthorID: "e1"}, CodeInvalid},
		{"reject without reason", ActionReject, reviewer, Facts{AuthorID: "e1"}, CodeInvalid},
		{"reject blank reason", ActionReject, reviewer, Facts{AuthorID: "e1", RejectReason: "  \n"}, CodeInvalid},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Transition(StateSubmitted, tc.action, tc.actor, tc.facts)
			if err == nil {
				t.Fatalf("allowed: %+v", c)
			}
			if got := codeOf(t, err); got != tc.code {
				t.Fatalf("code %q, want %q (%v)", got, tc.code, err)
			}
		})
	}
}

func TestSubmitBlockedBySecrecyMatch(t *testing.T) {
	f := goodFacts
	f.SecrecyMatches = ScanSecrecy(DefaultSecrecyMarkers(), "关于机密文件的通知")
	_, err := Transition(StateDraft, ActionSubmit, editor, f)
	if err == nil || codeOf(t, err) != CodeInvalid || !strings.Contains(err.Error(), "机密") {
		t.Fatalf("got %v, want invalid naming 机密", err)
	}
}
