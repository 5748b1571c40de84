package disclosure

import (
	"errors"
	"sort"
	"time"
)

// Deadline kinds.
const (
	// DeadlineReply is the Art. 33 reply due date (office).
	DeadlineReply = "reply"
	// DeadlineCorrectionNotice is the Art. 30 7-day limit for asking a 补正 (office).
	DeadlineCorrectionNotice = "correction_notice"
	// DeadlineCorrection is the period the applicant was given to correct;
	// once past, the officer may close the request as 其他处理 1.
	DeadlineCorrection = "correction"
	// DeadlineConsultation is the 15 working days a consulted party has.
	DeadlineConsultation = "consultation"
	// DeadlinePayment is the applicant's 20 working days to pay a fee.
	DeadlinePayment = "payment"
)

// ReminderDays are how many working days before a deadline a reminder goes out.
var ReminderDays = []int{5, 2}

// Deadline is one date a request must meet, with the working days left.
type Deadline struct {
	RequestID string
	Kind      string
	Due       time.Time
	// DaysLeft is 0 on the day itself and negative once passed.
	DaysLeft int
}

// Deadlines lists the deadlines that apply to the request today, earliest
// first. Closed and withdrawn requests have none.
func (r *Request) Deadlines(cal *Calendar, today time.Time) ([]Deadline, error) {
	if !r.State.Open() || r.State == StateSubmitted {
		return nil, nil
	}
	var out []Deadline
	add := func(kind string, due time.Time, err error) error {
		if err != nil {
			return err
		}
		left, err := cal.WorkdaysBetween(today, due)
		if err != nil {
			return err
		}
		out = append(out, Deadline{RequestID: r.ID, Kind: kind, Due: due, DaysLeft: left})
		return nil
	}
	var err error
	switch r.State {
	case StateReceived:
		if r.Correction == nil {
			due, e := r.CorrectionNoticeDue(cal)
			err = add(DeadlineCorrectionNotice, due, e)
		}
	case StateCorrectionPending:
		err = add(DeadlineCorrection, r.Correction.Deadline, nil)
	case StateConsulting:
		c := r.Consultations[len(r.Consultations)-1]
		due, e := cal.AddWorkdays(c.Start, ConsultationPeriod)
		err = add(DeadlineConsultation, due, e)
	case StateFeePending:
		due, e := PaymentDue(cal, r.Fee.NoticeArrivedOn)
		err = add(DeadlinePayment, due, e)
	}
	if err != nil {
		return nil, err
	}
	// While a consultation or fee wait pauses the clock the reply date moves
	// with each day, so it would nag daily; the pause's own deadline stands in.
	if r.in(StateConsulting, StateFeePending) {
		return out, nil
	}
	if due, e := r.Due(cal, today); !errors.Is(e, ErrClockStopped) {
		if err := add(DeadlineReply, due, e); err != nil {
			return nil, err
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Due.Before(out[j].Due) })
	return out, nil
}

// Reminders returns the deadlines that call for a reminder today: those
// exactly 5 or 2 working days away. Nothing is sent on a day off, so a
// reminder is not repeated over a weekend whose days all show the same count.
func Reminders(cal *Calendar, reqs []*Request, today time.Time) ([]Deadline, error) {
	work, err := cal.IsWorkday(today)
	if err != nil || !work {
		return nil, err
	}
	var out []Deadline
	for _, r := range reqs {
		ds, err := r.Deadlines(cal, today)
		if err != nil {
			return nil, err
		}
		for _, d := range ds {
			for _, n := range ReminderDays {
				if d.DaysLeft == n {
					out = append(out, d)
				}
			}
		}
	}
	return out, nil
}

// ByUrgency returns each open request's nearest deadline, most urgent first
// (overdue ones at the top, most overdue first). Requests with no running
// deadline are left out. Ties keep the input order.
func ByUrgency(cal *Calendar, reqs []*Request, today time.Time) ([]Deadline, error) {
	var out []Deadline
	for _, r := range reqs {
		ds, err := r.Deadlines(cal, today)
		if err != nil {
			return nil, err
		}
		if len(ds) > 0 {
			out = append(out, ds[0])
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].DaysLeft != out[j].DaysLeft {
			return out[i].DaysLeft < out[j].DaysLeft
		}
		return out[i].Due.Before(out[j].Due)
	})
	return out, nil
}
