package disclosure

import (
	"errors"
	"time"
)

// Periods of the law, in working days.
const (
	// ReplyPeriod is the 20 working days of Art. 33.
	ReplyPeriod = 20
	// CorrectionNoticePeriod is the 7 working days of Art. 30 within which
	// the office must ask for a 补正.
	CorrectionNoticePeriod = 7
)

// ErrClockStopped is returned by Due when no reply period is running: the
// request is not yet received, or a 补正 was asked for and never arrived (the
// period would start again from scratch once it did).
var ErrClockStopped = errors.New("disclosure: 答复期限未在计算 / reply period not running")

// Due is the date the reply is due: 20 working days from the clock start
// (receipt, or the corrected request), plus the extension, plus the working
// days spent waiting on consultations and on an unpaid fee, which Art. 33 and
// the fee measures leave out of the period. A wait that has not ended is
// measured up to asOf, so while paused the due date moves day by day.
func (r *Request) Due(cal *Calendar, asOf time.Time) (time.Time, error) {
	awaitingCorrection := r.Correction != nil && r.Correction.ReceivedOn.IsZero()
	if r.State == StateSubmitted || r.ReceivedOn.IsZero() || awaitingCorrection {
		return time.Time{}, ErrClockStopped
	}
	paused, err := r.pausedDays(cal, asOf)
	if err != nil {
		return time.Time{}, err
	}
	n := ReplyPeriod + paused
	if r.Extension != nil {
		n += r.Extension.Days
	}
	return cal.AddWorkdays(r.ClockStart(), n)
}

// pausedDays counts the working days of consultations and fee waits. A wait
// from start S to end E excludes the working days after S up to and including
// E: the day the letter goes out is still the office's day, the day the answer
// arrives is not.
func (r *Request) pausedDays(cal *Calendar, asOf time.Time) (int, error) {
	type span struct{ from, to time.Time }
	var spans []span
	for _, c := range r.Consultations {
		spans = append(spans, span{c.Start, c.End})
	}
	if r.Fee != nil {
		spans = append(spans, span{DateOf(r.Fee.NoticeSentAt), r.Fee.PaidOn})
	}
	total := 0
	for _, s := range spans {
		to := s.to
		if to.IsZero() {
			to = r.openWaitEnd(asOf)
		}
		n, err := cal.WorkdaysBetween(s.from, to)
		if err != nil {
			return 0, err
		}
		if n > 0 {
			total += n
		}
	}
	return total, nil
}

// openWaitEnd is where an unfinished wait is measured to: asOf while the
// request is open, and the closing day once it is closed (a fee left unpaid
// until the request lapsed).
func (r *Request) openWaitEnd(asOf time.Time) time.Time {
	if !r.State.Open() {
		return r.ClosedOn
	}
	return DateOf(asOf)
}

// DaysLeft is the number of working days from today to the due date: 0 when
// due today, negative when overdue.
func (r *Request) DaysLeft(cal *Calendar, today time.Time) (int, error) {
	due, err := r.Due(cal, today)
	if err != nil {
		return 0, err
	}
	return cal.WorkdaysBetween(today, due)
}

// Overdue reports whether an open request is past its due date today. A
// request whose clock is stopped is not overdue.
func (r *Request) Overdue(cal *Calendar, today time.Time) (bool, error) {
	if !r.State.Open() {
		return false, nil
	}
	due, err := r.Due(cal, today)
	if errors.Is(err, ErrClockStopped) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return DateOf(today).After(due), nil
}

// RepliedLate reports whether a closed request was replied to after its due
// date, for the office's own statistics.
func (r *Request) RepliedLate(cal *Calendar) (bool, error) {
	if r.State != StateClosed {
		return false, nil
	}
	due, err := r.Due(cal, r.ClosedOn)
	if errors.Is(err, ErrClockStopped) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return r.ClosedOn.After(due), nil
}

// CorrectionNoticeDue is the last day to send a 补正 notice: 7 working days
// after receipt (Art. 30).
func (r *Request) CorrectionNoticeDue(cal *Calendar) (time.Time, error) {
	if r.ReceivedOn.IsZero() {
		return time.Time{}, ErrClockStopped
	}
	return cal.AddWorkdays(r.ReceivedOn, CorrectionNoticePeriod)
}
