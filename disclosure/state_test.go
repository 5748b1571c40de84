package disclosure

import (
	"errors"
	"reflect"
	"testing"
	"time"
)

func person() Applicant {
	return Applicant{Kind: KindNatural, Name: "张三", IDType: IDResidentCard,
		IDNumber: "210902199001011230", Phone: "13812345678"}
}

func info() InfoSought {
	return InfoSought{Description: "2021年衔接推进乡村振兴补助资金分配文件", Form: FormElectronic, Way: WayEmail}
}

// at gives a clock time in China on a civil date.
func at(y int, m time.Month, day, hour int) time.Time {
	return time.Date(y, m, day, hour, 0, 0, 0, CST)
}

// fixture builds a request received 2021-09-28 and driven into state s.
func fixture(t *testing.T, s State) *Request {
	t.Helper()
	r, err := NewRequest(ChannelWeChat, at(2021, 9, 28, 9), person(), info())
	if err != nil {
		t.Fatal(err)
	}
	steps := map[State][]func() error{
		StateSubmitted:         {},
		StateReceived:          {rcv(r)},
		StateCorrectionPending: {rcv(r), func() error { return r.RequestCorrection(at(2021, 10, 8, 10), d(2021, 10, 22)) }},
		StateProcessing:        {rcv(r), r.StartProcessing},
		StateConsulting:        {rcv(r), r.StartProcessing, func() error { return r.StartConsultation(ConsultThirdParty, "某公司", at(2021, 10, 11, 9)) }},
		StateExtended:          {rcv(r), r.StartProcessing, func() error { return r.Extend(10, "李主任", at(2021, 10, 11, 9), "需调档") }},
		StateFeePending:        {rcv(r), r.StartProcessing, func() error { return r.NoticeFee(FeeByPage, 50, at(2021, 10, 11, 9), d(2021, 10, 12)) }},
		StateClosed:            {rcv(r), r.StartProcessing, func() error { return r.Close("1", "予以公开", at(2021, 10, 15, 9)) }},
		StateWithdrawn:         {rcv(r), func() error { return r.Withdraw(at(2021, 10, 8, 9)) }},
	}
	for _, step := range steps[s] {
		if err := step(); err != nil {
			t.Fatalf("fixture %s: %v", s, err)
		}
	}
	if r.State != s {
		t.Fatalf("fixture in %s, want %s", r.State, s)
	}
	return r
}

func rcv(r *Request) func() error { return func() error { return r.Receive(at(2021, 9, 28, 15)) } }

var allStates = []State{StateSubmitted, StateReceived, StateCorrectionPending, StateProcessing,
	StateConsulting, StateExtended, StateFeePending, StateClosed, StateWithdrawn}

// actions are every move, with arguments valid in the state that allows it,
// so a refusal can only come from the state.
var actions = map[string]func(r *Request) error{
	"receive":            func(r *Request) error { return r.Receive(at(2021, 9, 28, 15)) },
	"request_correction": func(r *Request) error { return r.RequestCorrection(at(2021, 10, 8, 10), d(2021, 10, 22)) },
	"receive_correction": func(r *Request) error { return r.ReceiveCorrection(at(2021, 10, 20, 10)) },
	"start_processing":   func(r *Request) error { return r.StartProcessing() },
	"start_consultation": func(r *Request) error {
		return r.StartConsultation(ConsultOtherAgency, "县财政局", at(2021, 10, 25, 9))
	},
	"end_consultation": func(r *Request) error { return r.EndConsultation(at(2021, 10, 27, 9)) },
	"extend":           func(r *Request) error { return r.Extend(20, "李主任", at(2021, 10, 26, 9), "需调档") },
	"notice_fee":       func(r *Request) error { return r.NoticeFee(FeeByPage, 50, at(2021, 10, 26, 9), d(2021, 10, 27)) },
	"pay_fee":          func(r *Request) error { return r.PayFee(at(2021, 10, 28, 9)) },
	"close":            func(r *Request) error { return r.Close("1", "予以公开", at(2021, 10, 29, 9)) },
	"withdraw":         func(r *Request) error { return r.Withdraw(at(2021, 10, 29, 9)) },
}

var allowed = map[State][]string{
	StateSubmitted:         {"receive", "withdraw"},
	StateReceived:          {"request_correction", "start_processing", "close", "withdraw"},
	StateCorrectionPending: {"receive_correction", "withdraw"},
	StateProcessing:        {"start_consultation", "extend", "notice_fee", "close", "withdraw"},
	StateConsulting:        {"end_consultation", "withdraw"},
	StateExtended:          {"start_consultation", "notice_fee", "close", "withdraw"},
	StateFeePending:        {"pay_fee", "withdraw"},
}

func TestTransitionMatrix(t *testing.T) {
	for _, s := range allStates {
		ok := map[string]bool{}
		for _, a := range allowed[s] {
			ok[a] = true
		}
		for name, act := range actions {
			r := fixture(t, s)
			err := act(r)
			if ok[name] {
				if err != nil {
					t.Errorf("%s from %s refused: %v", name, s, err)
				}
				continue
			}
			if !errors.Is(err, ErrIllegalTransition) {
				t.Errorf("%s from %s: err = %v, want ErrIllegalTransition", name, s, err)
			}
			if !reflect.DeepEqual(r, fixture(t, s)) {
				t.Errorf("%s from %s: refused move changed the request", name, s)
			}
		}
	}
}

func TestCorrectionRestartsClock(t *testing.T) {
	cal := mustCal(t)
	r := fixture(t, StateCorrectionPending)
	if _, err := r.Due(cal, d(2021, 10, 12)); !errors.Is(err, ErrClockStopped) {
		t.Errorf("due while awaiting 补正: %v", err)
	}
	// A second 补正 notice is refused even after the first was answered.
	if err := r.ReceiveCorrection(at(2021, 10, 20, 10)); err != nil {
		t.Fatal(err)
	}
	if err := r.RequestCorrection(at(2021, 10, 21, 9), d(2021, 11, 5)); !errors.Is(err, ErrIllegalTransition) {
		t.Errorf("second 补正: %v", err)
	}
	// From 10-20 (Wed): 21(1) 22(2) 25..29(7) 11-1..5(12) 8..12(17) 15(18)
	// 16(19) 17(20).
	due, err := r.Due(cal, d(2021, 10, 20))
	if err != nil || !due.Equal(d(2021, 11, 17)) {
		t.Errorf("due after 补正 = %s, %v; want 2021-11-17", due.Format(time.DateOnly), err)
	}
}

func TestCorrectionLapse(t *testing.T) {
	r := fixture(t, StateCorrectionPending)
	if err := r.Close(OutcomeNoCorrection, "逾期未补正", at(2021, 10, 22, 17)); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("6.1 on the deadline day: %v", err)
	}
	if err := r.Close(OutcomeNoCorrection, "逾期未补正", at(2021, 10, 25, 9)); err != nil || r.Outcome != "6.1" {
		t.Errorf("6.1 after the deadline: %v, outcome %q", err, r.Outcome)
	}
	// 无法提供 3 needs a correction that arrived.
	r = fixture(t, StateProcessing)
	if err := r.Close(OutcomeUnclearAfterCorrection, "仍不明确", at(2021, 10, 25, 9)); !errors.Is(err, ErrIllegalTransition) {
		t.Errorf("4.3 without 补正: %v", err)
	}
	if err := r.Close("9.9", "x", at(2021, 10, 25, 9)); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("unknown outcome: %v", err)
	}
}

func TestConsultationExcluded(t *testing.T) {
	cal := mustCal(t)
	r := fixture(t, StateProcessing)
	if err := r.StartConsultation(ConsultThirdParty, "某公司", at(2021, 10, 8, 9)); err != nil {
		t.Fatal(err)
	}
	// Open since 10-8: on 10-13 the days 10-9, 11, 12, 13 (4) are not counted,
	// so 11-1 moves 4 working days to 11-5.
	if due, _ := r.Due(cal, d(2021, 10, 13)); !due.Equal(d(2021, 11, 5)) {
		t.Errorf("due during consultation = %s, want 2021-11-05", due.Format(time.DateOnly))
	}
	if err := r.EndConsultation(at(2021, 10, 15, 16)); err != nil {
		t.Fatal(err)
	}
	// 10-9, 11, 12, 13, 14, 15 = 6 working days: 11-1 + 6 = 11-9.
	due, err := r.Due(cal, d(2021, 10, 20))
	if err != nil || !due.Equal(d(2021, 11, 9)) {
		t.Errorf("due after consultation = %s, %v; want 2021-11-09", due.Format(time.DateOnly), err)
	}
	if r.State != StateProcessing {
		t.Errorf("state after consultation = %s", r.State)
	}
}

func TestExtension(t *testing.T) {
	cal := mustCal(t)
	for _, days := range []int{0, 21, -1} {
		r := fixture(t, StateProcessing)
		if err := r.Extend(days, "李主任", at(2021, 10, 20, 9), ""); !errors.Is(err, ErrInvalidArgument) || r.Extension != nil {
			t.Errorf("extend %d: %v", days, err)
		}
	}
	r := fixture(t, StateProcessing)
	if err := r.Extend(20, "", at(2021, 10, 20, 9), ""); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("no approver: %v", err)
	}
	if err := r.Extend(20, "李主任", at(2021, 10, 20, 9), "需调档"); err != nil {
		t.Fatal(err)
	}
	// 11-1 + 20: 11-2..5(4) 8..12(9) 15..19(14) 22..26(19) 29(20).
	if due, _ := r.Due(cal, d(2021, 10, 20)); !due.Equal(d(2021, 11, 29)) {
		t.Errorf("extended due = %s, want 2021-11-29", due.Format(time.DateOnly))
	}
	// Still only one after a consultation brings it back to extended.
	_ = r.StartConsultation(ConsultThirdParty, "某公司", at(2021, 10, 21, 9))
	_ = r.EndConsultation(at(2021, 10, 22, 9))
	if r.State != StateExtended {
		t.Fatalf("state = %s", r.State)
	}
	if err := r.Extend(1, "李主任", at(2021, 10, 25, 9), ""); !errors.Is(err, ErrIllegalTransition) {
		t.Errorf("second extension: %v", err)
	}
}

func TestFeePauseAndLapse(t *testing.T) {
	cal := mustCal(t)
	r := fixture(t, StateProcessing)
	if err := r.NoticeFee(FeeByPage, 20, at(2021, 10, 11, 9), d(2021, 10, 12)); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("free request noticed: %v", err)
	}
	if err := r.NoticeFee(FeeByPage, 50, at(2021, 10, 11, 9), d(2021, 10, 12)); err != nil || r.Fee.Amount != 200 {
		t.Fatalf("notice: %v %+v", err, r.Fee)
	}
	// 10-13(1) 14 15(3) 18..22(8) 25..29(13) 11-1..5(18) 8(19) 9(20).
	if due, _ := PaymentDue(cal, r.Fee.NoticeArrivedOn); !due.Equal(d(2021, 11, 9)) {
		t.Errorf("payment due = %s, want 2021-11-09", due.Format(time.DateOnly))
	}
	for _, c := range []struct {
		today  time.Time
		lapsed bool
	}{{d(2021, 11, 9), false}, {d(2021, 11, 10), true}} {
		if got, _ := r.FeeLapsed(cal, c.today); got != c.lapsed {
			t.Errorf("lapsed on %s = %v", c.today.Format(time.DateOnly), got)
		}
	}
	paid := *r
	paid.Fee = &Fee{}
	*paid.Fee = *r.Fee
	if err := paid.PayFee(at(2021, 10, 14, 9)); err != nil {
		t.Fatal(err)
	}
	// Paused 10-12, 13, 14: 11-1 + 3 = 11-4.
	if due, _ := paid.Due(cal, d(2021, 10, 20)); !due.Equal(d(2021, 11, 4)) {
		t.Errorf("due after payment = %s, want 2021-11-04", due.Format(time.DateOnly))
	}
	if err := r.Close(OutcomeFeeUnpaid, "逾期未缴费", at(2021, 11, 10, 9)); err != nil {
		t.Errorf("6.2: %v", err)
	}
}

func TestDaysLeftAndOverdue(t *testing.T) {
	cal := mustCal(t)
	r := fixture(t, StateProcessing) // due 2021-11-01
	for _, c := range []struct {
		today   time.Time
		left    int
		overdue bool
	}{
		{d(2021, 10, 29), 1, false},
		{d(2021, 10, 30), 1, false},
		{d(2021, 11, 1), 0, false},
		{d(2021, 11, 2), -1, true},
	} {
		left, err := r.DaysLeft(cal, c.today)
		over, _ := r.Overdue(cal, c.today)
		if err != nil || left != c.left || over != c.overdue {
			t.Errorf("%s: left %d overdue %v (%v); want %d %v", c.today.Format(time.DateOnly), left, over, err, c.left, c.overdue)
		}
	}
	if err := r.Close("2", "部分公开", at(2021, 11, 2, 9)); err != nil {
		t.Fatal(err)
	}
	if late, _ := r.RepliedLate(cal); !late {
		t.Error("reply on 11-02 should be late")
	}
	if over, _ := r.Overdue(cal, d(2021, 12, 1)); over {
		t.Error("closed request reported overdue")
	}
}

func TestReceiptDate(t *testing.T) {
	sub := at(2021, 9, 28, 9)
	ack := at(2021, 9, 30, 14)
	for _, c := range []struct {
		ch   Channel
		ack  time.Time
		want time.Time
	}{
		{ChannelInPerson, ack, d(2021, 9, 28)},
		{ChannelInPerson, time.Time{}, d(2021, 9, 28)},
		{ChannelSignedMail, ack, d(2021, 9, 30)},
		{ChannelOrdinaryMail, ack, d(2021, 9, 30)},
		{ChannelWeChat, ack, d(2021, 9, 30)},
		{ChannelWeb, ack, d(2021, 9, 30)},
		{ChannelFax, ack, d(2021, 9, 30)},
		{ChannelEmail, ack, d(2021, 9, 30)},
	} {
		got, err := ReceiptDate(c.ch, sub, c.ack)
		if err != nil || !got.Equal(c.want) {
			t.Errorf("%s: %s, %v", c.ch, got.Format(time.DateOnly), err)
		}
	}
	if _, err := ReceiptDate(ChannelWeChat, sub, time.Time{}); !errors.Is(err, ErrNotReceived) {
		t.Errorf("unconfirmed: %v", err)
	}
	if _, err := ReceiptDate(ChannelEmail, sub, at(2021, 9, 27, 9)); err == nil {
		t.Error("confirmation before submission accepted")
	}
	if _, err := ReceiptDate("pigeon", sub, ack); err == nil {
		t.Error("unknown channel accepted")
	}
	r, err := NewRequest(ChannelInPerson, sub, person(), info())
	if err != nil || r.State != StateReceived || !r.ReceivedOn.Equal(d(2021, 9, 28)) {
		t.Errorf("in person: %v %+v", err, r)
	}
}
