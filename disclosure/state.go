package disclosure

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// State is where a request stands.
type State string

// States. A request moves submitted → received → (correction_pending →
// received) → processing → (consulting | extended | fee_pending) → closed,
// and may be withdrawn by the applicant at any point before it is closed.
const (
	StateSubmitted         State = "submitted"          // 待确认收到
	StateReceived          State = "received"           // 已收到
	StateCorrectionPending State = "correction_pending" // 待补正
	StateProcessing        State = "processing"         // 办理中
	StateConsulting        State = "consulting"         // 征求意见中
	StateExtended          State = "extended"           // 已延期
	StateFeePending        State = "fee_pending"        // 待缴费
	StateClosed            State = "closed"             // 已办结
	StateWithdrawn         State = "withdrawn"          // 已撤回
)

var stateLabels = map[State]string{
	StateSubmitted:         "待确认收到",
	StateReceived:          "已收到",
	StateCorrectionPending: "待补正",
	StateProcessing:        "办理中",
	StateConsulting:        "征求意见中",
	StateExtended:          "已延期",
	StateFeePending:        "待缴费",
	StateClosed:            "已办结",
	StateWithdrawn:         "已撤回",
}

// Label returns the Chinese name of the state.
func (s State) Label() string {
	if l, ok := stateLabels[s]; ok {
		return l
	}
	return string(s)
}

// Open reports whether the request is still in the office's hands, i.e.
// counts as 结转 if the year ends now.
func (s State) Open() bool {
	return s != StateClosed && s != StateWithdrawn
}

// Sentinel kinds of TransitionError, for errors.Is.
var (
	// ErrIllegalTransition: the move is not allowed from the current state.
	ErrIllegalTransition = errors.New("disclosure: illegal state transition")
	// ErrInvalidArgument: the move is allowed but its data is not.
	ErrInvalidArgument = errors.New("disclosure: invalid argument")
)

// TransitionError explains, in Chinese for the officer and English for the
// log, why a move was refused. The request is left unchanged.
type TransitionError struct {
	Action string
	From   State
	Zh     string
	En     string
	kind   error
}

// Error combines both languages.
func (e *TransitionError) Error() string {
	return fmt.Sprintf("disclosure: %s（当前状态：%s）/ %s from %s: %s",
		e.Zh, e.From.Label(), e.Action, e.From, e.En)
}

// Unwrap returns ErrIllegalTransition or ErrInvalidArgument.
func (e *TransitionError) Unwrap() error { return e.kind }

// illegal builds the error for a move the state does not allow.
func (r *Request) illegal(action, zh string) error {
	return &TransitionError{Action: action, From: r.State, Zh: zh, En: "not allowed in this state", kind: ErrIllegalTransition}
}

// invalid builds the error for a move whose data is wrong.
func (r *Request) invalid(action, zh, en string) error {
	return &TransitionError{Action: action, From: r.State, Zh: zh, En: en, kind: ErrInvalidArgument}
}

// in reports whether the request is in one of the given states.
func (r *Request) in(states ...State) bool {
	for _, s := range states {
		if r.State == s {
			return true
		}
	}
	return false
}

// NewRequest starts a request. One handed in person is received at once
// (Art. 31); any other waits in StateSubmitted for Receive. The applicant's
// data is not checked here: call Validate, whose field errors suit a form.
func NewRequest(ch Channel, submittedAt time.Time, a Applicant, info InfoSought) (*Request, error) {
	r := &Request{Channel: ch, SubmittedAt: submittedAt, Applicant: a, Info: info, State: StateSubmitted}
	if ch == ChannelInPerson {
		if err := r.Receive(time.Time{}); err != nil {
			return nil, err
		}
		return r, nil
	}
	// Confirming "at submission" checks the channel and time without
	// fixing a receipt date.
	if _, err := ReceiptDate(ch, submittedAt, submittedAt); err != nil {
		return nil, err
	}
	return r, nil
}

// Receive records the signature or confirmation that fixes the date of
// receipt under Art. 31 and starts the clock.
func (r *Request) Receive(ackAt time.Time) error {
	if r.State != StateSubmitted {
		return r.illegal("receive", "申请已确认收到，不能重复确认")
	}
	d, err := ReceiptDate(r.Channel, r.SubmittedAt, ackAt)
	if err != nil {
		return r.invalid("receive", "无法确定收到申请日期", err.Error())
	}
	r.ReceivedOn, r.State = d, StateReceived
	return nil
}

// RequestCorrection records the 补正 notice. Art. 30 allows one notice that
// lists everything to correct, so a second one is refused; deadline is the
// reasonable period the office set and must fall after the notice.
func (r *Request) RequestCorrection(at, deadline time.Time) error {
	const act = "request_correction"
	switch {
	case r.Correction != nil:
		return r.illegal(act, "补正只能一次性告知，不能再次要求补正")
	case r.State != StateReceived:
		return r.illegal(act, "只有已收到、尚未办理的申请才能要求补正")
	case at.IsZero() || DateOf(at).Before(r.ReceivedOn):
		return r.invalid(act, "补正告知日期不能早于收到申请日期", "notice before receipt")
	case !DateOf(deadline).After(DateOf(at)):
		return r.invalid(act, "补正期限应晚于告知日期", "deadline not after notice")
	}
	r.Correction = &Correction{NoticeAt: at, Deadline: DateOf(deadline)}
	r.State = StateCorrectionPending
	return nil
}

// ReceiveCorrection records the corrected request; the reply period starts
// again from that day (Art. 30). A late correction is still accepted, since
// only a late one without good reason lapses and that is the officer's call.
func (r *Request) ReceiveCorrection(at time.Time) error {
	const act = "receive_correction"
	if r.State != StateCorrectionPending {
		return r.illegal(act, "申请不在待补正状态")
	}
	if at.IsZero() || DateOf(at).Before(DateOf(r.Correction.NoticeAt)) {
		return r.invalid(act, "补正材料收到日期不能早于补正告知日期", "correction before notice")
	}
	r.Correction.ReceivedOn = DateOf(at)
	r.State = StateReceived
	return nil
}

// StartProcessing moves a received request into processing.
func (r *Request) StartProcessing() error {
	if r.State != StateReceived {
		return r.illegal("start_processing", "只有已收到的申请才能开始办理")
	}
	r.State = StateProcessing
	return nil
}

// StartConsultation records asking a third party (Art. 32) or another agency
// (Art. 34); its time will not count toward the reply period.
func (r *Request) StartConsultation(kind, party string, at time.Time) error {
	const act = "start_consultation"
	switch {
	case !r.in(StateProcessing, StateExtended):
		return r.illegal(act, "只有办理中的申请才能征求意见")
	case kind != ConsultThirdParty && kind != ConsultOtherAgency:
		return r.invalid(act, "征求意见类型无效", "unknown consultation kind")
	case strings.TrimSpace(party) == "":
		return r.invalid(act, "请填写被征求意见方", "party missing")
	case at.IsZero() || DateOf(at).Before(r.ClockStart()):
		return r.invalid(act, "征求意见日期不能早于收到申请日期", "consultation before receipt")
	}
	r.Consultations = append(r.Consultations, Consultation{Kind: kind, Party: party, Start: DateOf(at)})
	r.State = StateConsulting
	return nil
}

// EndConsultation records the answer (or the end of waiting for one) and
// returns the request to where it was.
func (r *Request) EndConsultation(at time.Time) error {
	const act = "end_consultation"
	if r.State != StateConsulting {
		return r.illegal(act, "申请不在征求意见状态")
	}
	c := &r.Consultations[len(r.Consultations)-1]
	if at.IsZero() || DateOf(at).Before(c.Start) {
		return r.invalid(act, "征求意见结束日期不能早于开始日期", "end before start")
	}
	c.End = DateOf(at)
	r.State = r.resumeState()
	return nil
}

// resumeState is where a paused request goes back to: extended stays
// visible after a pause so the one-extension rule keeps showing.
func (r *Request) resumeState() State {
	if r.Extension != nil {
		return StateExtended
	}
	return StateProcessing
}

// MaxExtensionDays is the longest extension Art. 33 allows.
const MaxExtensionDays = 20

// Extend records the single extension of Art. 33: at most 20 working days,
// approved by the head of the disclosure office and notified to the applicant.
func (r *Request) Extend(days int, approver string, noticeAt time.Time, reason string) error {
	const act = "extend"
	switch {
	case r.Extension != nil:
		return r.illegal(act, "答复期限只能延长一次")
	case r.State != StateProcessing:
		return r.illegal(act, "只有办理中的申请才能延期")
	case days < 1 || days > MaxExtensionDays:
		return r.invalid(act, "延长期限应为1至20个工作日", "extension must be 1..20 working days")
	case strings.TrimSpace(approver) == "":
		return r.invalid(act, "请填写批准延期的负责人", "approver missing")
	case noticeAt.IsZero() || DateOf(noticeAt).Before(r.ClockStart()):
		return r.invalid(act, "请填写有效的延期告知日期", "notice date missing or before receipt")
	}
	r.Extension = &Extension{Days: days, Approver: approver, NoticeAt: noticeAt, Reason: reason}
	r.State = StateExtended
	return nil
}

// Close records the reply and its outcome. Outcomes with a precondition are
// checked: 其他处理 1 only after the 补正 deadline passed, 其他处理 2 only
// while a fee is unpaid, 无法提供 3 only after a correction arrived.
func (r *Request) Close(code, replyText string, sentAt time.Time) error {
	const act = "close"
	o, err := OutcomeByCode(code)
	if err != nil {
		return r.invalid(act, "办理结果无效", err.Error())
	}
	if err := r.closeAllowed(o.Code); err != nil {
		return err
	}
	switch {
	case strings.TrimSpace(replyText) == "":
		return r.invalid(act, "请填写答复内容", "reply text missing")
	case sentAt.IsZero() || DateOf(sentAt).Before(r.ReceivedOn):
		return r.invalid(act, "答复日期不能早于收到申请日期", "reply before receipt")
	case code == OutcomeNoCorrection && !DateOf(sentAt).After(r.Correction.Deadline):
		return r.invalid(act, "补正期限尚未届满", "correction period has not run out")
	}
	r.Outcome, r.ReplyText, r.ReplySentAt = o.Code, replyText, sentAt
	r.ClosedOn, r.State = DateOf(sentAt), StateClosed
	return nil
}

// closeAllowed checks the outcome against the state.
func (r *Request) closeAllowed(code string) error {
	const act = "close"
	switch {
	case r.State == StateCorrectionPending:
		if code != OutcomeNoCorrection {
			return r.illegal(act, "待补正的申请只能以“逾期不补正”办结")
		}
	case r.State == StateFeePending:
		if code != OutcomeFeeUnpaid {
			return r.illegal(act, "待缴费的申请只能以“逾期未缴纳费用”办结")
		}
	case r.in(StateReceived, StateProcessing, StateExtended):
		if code == OutcomeNoCorrection || code == OutcomeFeeUnpaid {
			return r.illegal(act, "申请不在待补正或待缴费状态，不能以该结果办结")
		}
		if code == OutcomeUnclearAfterCorrection && (r.Correction == nil || r.Correction.ReceivedOn.IsZero()) {
			return r.illegal(act, "未经补正的申请不能以“补正后申请内容仍不明确”办结")
		}
	case r.State == StateConsulting:
		return r.illegal(act, "请先结束征求意见再办结")
	default:
		return r.illegal(act, "申请已办结或已撤回")
	}
	return nil
}

// Withdraw records the applicant's withdrawal. It is counted as 其他处理 3 in
// the annual report, since a request received in the year must land in one
// leaf for 一 + 二 = （七） + 四 to hold.
func (r *Request) Withdraw(at time.Time) error {
	const act = "withdraw"
	if !r.State.Open() {
		return r.illegal(act, "申请已办结或已撤回")
	}
	if at.IsZero() || (!r.ReceivedOn.IsZero() && DateOf(at).Before(r.ReceivedOn)) {
		return r.invalid(act, "撤回日期不能早于收到申请日期", "withdrawal before receipt")
	}
	r.Outcome, r.ClosedOn, r.State = OutcomeOther, DateOf(at), StateWithdrawn
	return nil
}
