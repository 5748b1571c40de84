// Package disclosure holds the rules of 依申请公开 under 《中华人民共和国政府信息公开条例》
// (国务院令第711号): who may apply and with what, when a request counts as
// received, the working-day clock and its pauses, the states a request moves
// through, fees, the 21 outcome leaves of the annual report and the year-end
// carry-over. It does no I/O: dates and the current day are always passed in.
package disclosure

import (
	"errors"
	"fmt"
	"sort"
	"sync"
	"time"

	"github.com/6tail/lunar-go/HolidayUtil"
)

// CST is China Standard Time. A fixed zone is enough because China has had no
// daylight saving since 1991, and it spares the container a tz database.
var CST = time.FixedZone("CST", 8*3600)

// DateOf returns the civil date of t in China as midnight CST. Every date the
// package stores or returns goes through it, so dates compare with Equal,
// Before and After without surprises from clock times or zones.
func DateOf(t time.Time) time.Time {
	y, m, d := t.In(CST).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, CST)
}

// MakeDate returns the civil date y-m-d as midnight CST.
func MakeDate(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, CST)
}

// ErrYearNotCovered is returned for a date in a year whose holiday notice the
// calendar does not know. Guessing from weekends alone would silently give a
// wrong legal deadline, so the caller must supply an override instead.
var ErrYearNotCovered = errors.New("disclosure: 该年度法定节假日安排未知 / holiday calendar does not cover this year")

// YearOverride is an administrator's transcription of one year's State
// Council holiday notice. It replaces the library's data for that year
// entirely: Off lists the weekdays that are 法定节假日 or part of one, and Work
// lists the weekend days that are 调休 working days. Other days follow the
// ordinary Monday–Friday rule.
type YearOverride struct {
	Year int
	Off  []time.Time
	Work []time.Time
}

// Calendar answers whether a civil date is a working day under the State
// Council's holiday notices. It is safe for concurrent use once built.
type Calendar struct {
	// days maps a date key to true for a working day and false for a day off,
	// for every date whose status differs from (or is stated explicitly
	// against) the weekday rule.
	days    map[int]bool
	covered map[int]bool
}

// libData is the library's table, read once. HolidayUtil.Fix mutates global
// state, so a snapshot keeps every Calendar consistent with itself.
var libData = sync.OnceValues(loadLibrary)

// loadLibrary reads the library's holiday table. A year counts as covered when
// at least one entry belongs to a holiday of that year (its target date), so
// the two 2001-12 entries that only serve 2002's 元旦 do not make 2001 look
// covered.
func loadLibrary() (map[int]bool, map[int]bool) {
	days := map[int]bool{}
	covered := map[int]bool{}
	for y := 2001; y <= 2001+500; y++ {
		l := HolidayUtil.GetHolidaysByYear(y)
		if l.Len() == 0 && y > 2002 {
			break
		}
		for e := l.Front(); e != nil; e = e.Next() {
			h := e.Value.(*HolidayUtil.Holiday)
			d, err := time.ParseInLocation("2006-01-02", h.GetDay(), CST)
			t, err2 := time.ParseInLocation("2006-01-02", h.GetTarget(), CST)
			if err != nil || err2 != nil {
				continue
			}
			days[dateKey(d)] = h.IsWork()
			covered[t.Year()] = true
		}
	}
	return days, covered
}

// dateKey packs a civil date into an int for map lookups.
func dateKey(d time.Time) int {
	y, m, dd := d.In(CST).Date()
	return y*10000 + int(m)*100 + dd
}

// NewCalendar builds a calendar from the library's holiday data and the given
// overrides. An override with a date outside its own year, or two overrides
// for the same year, is refused: either would mean the notice was transcribed
// wrongly.
func NewCalendar(overrides ...YearOverride) (*Calendar, error) {
	libDays, libCovered := libData()
	c := &Calendar{days: map[int]bool{}, covered: map[int]bool{}}
	replaced := map[int]bool{}
	for _, o := range overrides {
		if replaced[o.Year] {
			return nil, fmt.Errorf("disclosure: 年度 %d 的节假日安排重复 / duplicate override for %d", o.Year, o.Year)
		}
		replaced[o.Year] = true
	}
	for k, work := range libDays {
		if !replaced[k/10000] {
			c.days[k] = work
		}
	}
	for y := range libCovered {
		c.covered[y] = true
	}
	for _, o := range overrides {
		if err := c.apply(o); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// apply writes one override into the calendar.
func (c *Calendar) apply(o YearOverride) error {
	for i, list := range [][]time.Time{o.Off, o.Work} {
		for _, d := range list {
			d = DateOf(d)
			if d.Year() != o.Year {
				return fmt.Errorf("disclosure: %s 不属于 %d 年 / date outside override year", d.Format("2006-01-02"), o.Year)
			}
			c.days[dateKey(d)] = i == 1
		}
	}
	c.covered[o.Year] = true
	return nil
}

// CoveredYears lists, in ascending order, the years whose working days the
// calendar knows.
func (c *Calendar) CoveredYears() []int {
	ys := make([]int, 0, len(c.covered))
	for y := range c.covered {
		ys = append(ys, y)
	}
	sort.Ints(ys)
	return ys
}

// IsWorkday reports whether the civil date of d is a working day. It fails
// with ErrYearNotCovered for a year the calendar does not know.
func (c *Calendar) IsWorkday(d time.Time) (bool, error) {
	d = DateOf(d)
	if !c.covered[d.Year()] {
		return false, fmt.Errorf("%w: %d", ErrYearNotCovered, d.Year())
	}
	if work, ok := c.days[dateKey(d)]; ok {
		return work, nil
	}
	wd := d.Weekday()
	return wd != time.Saturday && wd != time.Sunday, nil
}

// AddWorkdays returns the n-th working day after from, counting as the law
// does: day 1 is the first working day after from, whatever from itself is.
// A negative n counts backwards (the n-th working day before from), and n = 0
// returns the date of from.
func (c *Calendar) AddWorkdays(from time.Time, n int) (time.Time, error) {
	d := DateOf(from)
	step := 1
	if n < 0 {
		step, n = -1, -n
	}
	for n > 0 {
		d = d.AddDate(0, 0, step)
		work, err := c.IsWorkday(d)
		if err != nil {
			return time.Time{}, err
		}
		if work {
			n--
		}
	}
	return d, nil
}

// WorkdaysBetween counts the working days d with a < d <= b, so that
// AddWorkdays(a, n) = b gives WorkdaysBetween(a, b) = n. When b is before a
// the count is negative: minus the working days in b < d <= a.
func (c *Calendar) WorkdaysBetween(a, b time.Time) (int, error) {
	a, b = DateOf(a), DateOf(b)
	sign := 1
	if b.Before(a) {
		a, b, sign = b, a, -1
	}
	n := 0
	for d := a.AddDate(0, 0, 1); !d.After(b); d = d.AddDate(0, 0, 1) {
		work, err := c.IsWorkday(d)
		if err != nil {
			return 0, err
		}
		if work {
			n++
		}
	}
	return sign * n, nil
}
