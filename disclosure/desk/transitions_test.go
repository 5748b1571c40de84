package desk

import (
	"context"
	"strings"
	"testing"

	"govmp/disclosure"
	"govmp/models"
	"govmp/store"
	"govmp/store/storetest"
)

// allActions with data that would be valid if the state allowed the move.
func allActions() map[string]Action {
	deadline := monday.AddDate(0, 0, 20).Format("2006-01-02")
	today := monday.Format("2006-01-02")
	return map[string]Action{
		ActReceive:           {Action: ActReceive},
		ActRequestCorrection: {Action: ActRequestCorrection, Deadline: deadline, Text: "请补充所需信息的文号"},
		ActReceiveCorrection: {Action: ActReceiveCorrection},
		ActStartProcessing:   {Action: ActStartProcessing},
		ActStartConsultation: {Action: ActStartConsultation, ConsultKind: disclosure.ConsultThirdParty, Party: "某合作社"},
		ActEndConsultation:   {Action: ActEndConsultation},
		ActExtend:            {Action: ActExtend, Days: 10, Approver: "办公室主任", Text: "需调取档案"},
		ActNoticeFee:         {Action: ActNoticeFee, Method: disclosure.FeeByPage, Quantity: 50, ArrivedOn: today},
		ActPayFee:            {Action: ActPayFee},
		ActClose:             {Action: ActClose, Outcome: "1", Text: "予以公开告知书"},
		ActWithdraw:          {Action: ActWithdraw},
	}
}

// paths lead a freshly registered request to each state.
var paths = map[disclosure.State]struct {
	channel disclosure.Channel
	steps   []string
}{
	disclosure.StateSubmitted:         {disclosure.ChannelEmail, nil},
	disclosure.StateReceived:          {disclosure.ChannelInPerson, nil},
	disclosure.StateCorrectionPending: {disclosure.ChannelInPerson, []string{ActRequestCorrection}},
	disclosure.StateProcessing:        {disclosure.ChannelInPerson, []string{ActStartProcessing}},
	disclosure.StateConsulting:        {disclosure.ChannelInPerson, []string{ActStartProcessing, ActStartConsultation}},
	disclosure.StateExtended:          {disclosure.ChannelInPerson, []string{ActStartProcessing, ActExtend}},
	disclosure.StateFeePending:        {disclosure.ChannelInPerson, []string{ActStartProcessing, ActNoticeFee}},
	disclosure.StateClosed:            {disclosure.ChannelInPerson, []string{ActClose}},
	disclosure.StateWithdrawn:         {disclosure.ChannelInPerson, []string{ActWithdraw}},
}

// allowed lists, per state, the moves the law allows with allActions' data.
var allowed = map[disclosure.State][]string{
	disclosure.StateSubmitted:         {ActReceive, ActWithdraw},
	disclosure.StateReceived:          {ActRequestCorrection, ActStartProcessing, ActClose, ActWithdraw},
	disclosure.StateCorrectionPending: {ActReceiveCorrection, ActWithdraw},
	disclosure.StateProcessing:        {ActStartConsultation, ActExtend, ActNoticeFee, ActClose, ActWithdraw},
	disclosure.StateConsulting:        {ActEndConsultation, ActWithdraw},
	disclosure.StateExtended:          {ActStartConsultation, ActNoticeFee, ActClose, ActWithdraw},
	disclosure.StateFeePending:        {ActPayFee, ActWithdraw},
	disclosure.StateClosed:            nil,
	disclosure.StateWithdrawn:         nil,
}

// TestEveryIllegalTransitionIsRefusedAndChangesNothing tries every move from
// every state. The allowed ones succeed and are audited; every other one is
// refused with a Chinese explanation naming the current state, and leaves
// the row and the audit log exactly as they were.
func TestEveryIllegalTransitionIsRefusedAndChangesNothing(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		d, _, _ := newDesk(t, st, monday)
		ctx := context.Background()
		acts := allActions()
		for state, path := range paths {
			ok := map[string]bool{}
			for _, a := range allowed[state] {
				ok[a] = true
			}
			for name, act := range acts {
				rc := register(t, d, path.channel, monday)
				for _, step := range path.steps {
					if _, err := d.Act(ctx, officer, rc.ID, acts[step]); err != nil {
						t.Fatalf("reaching %s: %s: %v", state, step, err)
					}
				}
				before, audits := rawRow(t, st, rc.ID), countTable(t, st, "audit_entries")
				_, err := d.Act(ctx, officer, rc.ID, act)
				if ok[name] {
					if err != nil {
						t.Errorf("%s from %s should be allowed: %v", name, state, err)
					}
					continue
				}
				msg := models.ErrorMessage(err)
				if models.ErrorCode(err) != models.ECONFLICT || !strings.Contains(msg, "当前状态："+state.Label()) {
					t.Errorf("%s from %s: got %v, want a conflict naming the state", name, state, err)
				}
				if after := rawRow(t, st, rc.ID); !sameRow(before, after) {
					t.Errorf("%s from %s changed the row", name, state)
				}
				if n := countTable(t, st, "audit_entries"); n != audits {
					t.Errorf("%s from %s wrote %d audit entries", name, state, n-audits)
				}
			}
		}
	})
}

func TestRemindersAreRaisedOnce(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		d, _, clk := newDesk(t, st, monday)
		ctx := context.Background()
		rc := register(t, d, disclosure.ChannelInPerson, monday)
		if _, err := d.Act(ctx, officer, rc.ID, Action{Action: ActStartProcessing}); err != nil {
			t.Fatal(err)
		}
		// Received Monday 2026-11-02: the reply is due 2026-11-30, so the
		// 5-day reminder falls on Monday 2026-11-23 and the 2-day one on
		// Thursday 2026-11-26 (November 2026 has no holidays).
		for _, c := range []struct {
			day  int
			want int
		}{{20, 0}, {23, 1}, {23, 0}, {26, 1}, {27, 0}} {
			clk.t = clk.t.AddDate(0, 0, c.day-clk.t.Day())
			n, err := d.RunReminders(ctx)
			if err != nil || n != c.want {
				t.Fatalf("2026-11-%d: %d reminders, %v; want %d", c.day, n, err, c.want)
			}
		}
		list, err := d.Reminders(ctx)
		if err != nil || len(list) != 2 || list[1].DaysLeft != 5 || list[0].DaysLeft != 2 || list[0].Due != "2026-11-30" {
			t.Fatalf("reminders: %+v %v", list, err)
		}
	})
}
