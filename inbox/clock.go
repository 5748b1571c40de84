package inbox

import (
	"fmt"
	"time"

	"govmp/disclosure"
)

// Hours is the office's working day, in minutes after midnight Beijing time.
// Time to reply is counted only inside it, on working days.
type Hours struct {
	Start int // e.g. 8*60+30 for 08:30
	End   int // e.g. 17*60+30 for 17:30
}

// DefaultHours is 08:30–17:30, the usual day of a government office.
var DefaultHours = Hours{Start: 8*60 + 30, End: 17*60 + 30}

// ParseHours reads "08:30-17:30".
func ParseHours(s string) (Hours, error) {
	var h1, m1, h2, m2 int
	if _, err := fmt.Sscanf(s, "%d:%d-%d:%d", &h1, &m1, &h2, &m2); err != nil {
		return Hours{}, fmt.Errorf("办公时间应写作 08:30-17:30：%q", s)
	}
	h := Hours{Start: h1*60 + m1, End: h2*60 + m2}
	if h1 < 0 || h2 > 24 || m1 < 0 || m1 > 59 || m2 < 0 || m2 > 59 || h.End <= h.Start || h.End > 24*60 {
		return Hours{}, fmt.Errorf("办公时间无效：%q", s)
	}
	return h, nil
}

// Due is the reply deadline of a message received at t: the end of the n-th
// working day after the day it arrived, counted as the disclosure clock
// counts (day 1 is the first working day after arrival, whatever the
// arrival day is), so a message sent on the eve of a holiday is due n
// working days after the holiday.
func Due(cal *disclosure.Calendar, received time.Time, n int) (time.Time, error) {
	d, err := cal.AddWorkdays(received, n)
	if err != nil {
		return time.Time{}, err
	}
	return d.AddDate(0, 0, 1), nil // midnight that ends the n-th working day
}

// Overdue reports whether a message still open at now has passed its due.
func Overdue(state string, due, now time.Time) bool {
	return Open(state) && !now.Before(due)
}

// InOfficeHours reports whether t falls inside office hours on a working day.
func InOfficeHours(cal *disclosure.Calendar, h Hours, t time.Time) bool {
	work, err := cal.IsWorkday(t)
	if err != nil || !work {
		return false
	}
	t = t.In(disclosure.CST)
	m := t.Hour()*60 + t.Minute()
	return m >= h.Start && m < h.End
}

// OfficeDuration is the office time between from and to: the parts of the
// interval that lie inside office hours on working days. It is how long the
// citizen waited for staff who were at work, the figure 互动回应 is judged on.
func OfficeDuration(cal *disclosure.Calendar, h Hours, from, to time.Time) (time.Duration, error) {
	if !to.After(from) {
		return 0, nil
	}
	var total time.Duration
	for day := disclosure.DateOf(from); day.Before(to); day = day.AddDate(0, 0, 1) {
		work, err := cal.IsWorkday(day)
		if err != nil {
			return 0, err
		}
		if !work {
			continue
		}
		open := day.Add(time.Duration(h.Start) * time.Minute)
		shut := day.Add(time.Duration(h.End) * time.Minute)
		a, b := later(open, from), earlier(shut, to)
		if b.After(a) {
			total += b.Sub(a)
		}
	}
	return total, nil
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func earlier(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
