package disclosure

import (
	"errors"
	"testing"
	"time"
)

func d(y int, m time.Month, day int) time.Time { return MakeDate(y, m, day) }

func mustCal(t *testing.T, o ...YearOverride) *Calendar {
	t.Helper()
	c, err := NewCalendar(o...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestNoticeDays checks the library against the State Council notices
// (国办发明电) as published.
func TestNoticeDays(t *testing.T) {
	cal := mustCal(t)
	cases := []struct {
		day  time.Time
		work bool
		why  string
	}{
		{d(2021, 9, 26), true, "2021 国庆调休 Sunday worked"},
		{d(2021, 10, 1), false, "2021 国庆"},
		{d(2021, 10, 7), false, "2021 国庆 last day"},
		{d(2021, 10, 8), true, "ordinary Friday"},
		{d(2021, 10, 9), true, "2021 国庆调休 Saturday worked"},
		{d(2021, 10, 10), false, "ordinary Sunday"},
		{d(2022, 1, 29), true, "2022 春节调休 Saturday worked"},
		{d(2022, 1, 30), true, "2022 春节调休 Sunday worked"},
		{d(2022, 1, 31), false, "2022 春节 first day"},
		{d(2022, 2, 4), false, "2022 春节"},
		{d(2022, 2, 6), false, "2022 春节 last day"},
		{d(2022, 2, 7), true, "back to work"},
		{d(2023, 12, 30), false, "Saturday before 2024 元旦"},
		{d(2024, 1, 1), false, "2024 元旦"},
		{d(2024, 1, 2), true, "ordinary Tuesday"},
		{d(2024, 2, 4), true, "2024 春节调休 Sunday worked"},
		{d(2024, 2, 9), true, "2024 除夕 is officially a working Friday"},
		{d(2024, 2, 10), false, "2024 春节 first day"},
		{d(2024, 2, 17), false, "2024 春节 last day"},
		{d(2024, 2, 18), true, "2024 春节调休 Sunday worked"},
	}
	for _, c := range cases {
		got, err := cal.IsWorkday(c.day)
		if err != nil || got != c.work {
			t.Errorf("%s (%s): got %v, %v; want %v", c.day.Format("2006-01-02"), c.why, got, err, c.work)
		}
	}
}

// TestReplyDue checks the Art. 33 (20 days) and Art. 30 (7 days) dates. Each
// expectation was counted by hand, day 1 being the first working day after
// receipt.
func TestReplyDue(t *testing.T) {
	cal := mustCal(t)
	cases := []struct {
		received, notice, reply time.Time
	}{
		// Tue. 9-29(1) 9-30(2); 10-1..7 国庆 off; 10-8 Fri(3) 10-9 Sat 调休(4)
		// 10-11(5) 10-12(6) 10-13(7) → notice; 10-14(8) 15(9) 18(10) 19(11)
		// 20(12) 21(13) 22(14) 25(15) 26(16) 27(17) 28(18) 29(19) 11-1(20).
		{d(2021, 9, 28), d(2021, 10, 13), d(2021, 11, 1)},
		// Thu. 10-1..7 off; 10-8(1) 10-9 调休(2) 11(3) 12(4) 13(5) 14(6)
		// 15(7) → notice; 18(8) 19(9) 20(10) 21(11) 22(12) 25(13) 26(14)
		// 27(15) 28(16) 29(17) 11-1(18) 11-2(19) 11-3(20).
		{d(2021, 9, 30), d(2021, 10, 15), d(2021, 11, 3)},
		// Received on a holiday (email confirmed 10-2): counting starts 10-8
		// and lands where a 9-30 receipt does.
		{d(2021, 10, 2), d(2021, 10, 15), d(2021, 11, 3)},
		// Fri. 1-29 Sat 调休(1) 1-30 Sun 调休(2); 1-31..2-6 春节 off; 2-7(3)
		// 8(4) 9(5) 10(6) 11(7) → notice; 14(8) 15(9) 16(10) 17(11) 18(12)
		// 21(13) 22(14) 23(15) 24(16) 25(17) 28(18) 3-1(19) 3-2(20).
		{d(2022, 1, 28), d(2022, 2, 11), d(2022, 3, 2)},
		// Fri. 10-1..7 国庆 off; 10-8 Sat 调休(1) 10-9 Sun 调休(2) 10(3)
		// 11(4) 12(5) 13(6) 14(7) → notice; 17(8)..21(12) 24(13)..28(17)
		// 31(18) 11-1(19) 11-2(20).
		{d(2022, 9, 30), d(2022, 10, 14), d(2022, 11, 2)},
		// Fri. 12-30/31 weekend; 2024-1-1 元旦 off; 1-2(1) 3(2) 4(3) 5(4)
		// 8(5) 9(6) 10(7) → notice; 11(8) 12(9) 15(10)..19(14) 22(15)..26(19)
		// 29(20).
		{d(2023, 12, 29), d(2024, 1, 10), d(2024, 1, 29)},
		// Fri. 1-29(1) 30(2) 31(3) 2-1(4) 2-2(5) 2-4 Sun 调休(6) 2-5(7) →
		// notice; 6(8) 7(9) 8(10) 9 除夕 Fri worked(11); 2-10..17 春节 off;
		// 2-18 Sun 调休(12) 19(13) 20(14) 21(15) 22(16) 23(17) 26(18) 27(19)
		// 28(20).
		{d(2024, 1, 26), d(2024, 2, 5), d(2024, 2, 28)},
	}
	for _, c := range cases {
		r := &Request{ReceivedOn: c.received, State: StateReceived}
		notice, err := r.CorrectionNoticeDue(cal)
		if err != nil || !notice.Equal(c.notice) {
			t.Errorf("received %s: notice due %s, %v; want %s", c.received.Format(time.DateOnly), notice.Format(time.DateOnly), err, c.notice.Format(time.DateOnly))
		}
		due, err := r.Due(cal, c.received)
		if err != nil || !due.Equal(c.reply) {
			t.Errorf("received %s: reply due %s, %v; want %s", c.received.Format(time.DateOnly), due.Format(time.DateOnly), err, c.reply.Format(time.DateOnly))
		}
		n, err := cal.WorkdaysBetween(c.received, c.reply)
		if err != nil || n != ReplyPeriod {
			t.Errorf("received %s: WorkdaysBetween = %d, %v; want 20", c.received.Format(time.DateOnly), n, err)
		}
	}
}

func TestCalendarArithmetic(t *testing.T) {
	cal := mustCal(t)
	// Backwards: 5 working days before 2021-11-01 are 10-29, 28, 27, 26, 25.
	got, err := cal.AddWorkdays(d(2021, 11, 1), -5)
	if err != nil || !got.Equal(d(2021, 10, 25)) {
		t.Errorf("AddWorkdays(-5) = %s, %v", got, err)
	}
	if got, _ := cal.AddWorkdays(d(2021, 10, 2), 0); !got.Equal(d(2021, 10, 2)) {
		t.Errorf("AddWorkdays(0) = %s", got)
	}
	if n, _ := cal.WorkdaysBetween(d(2021, 11, 1), d(2021, 9, 28)); n != -20 {
		t.Errorf("reverse WorkdaysBetween = %d, want -20", n)
	}
	// A clock time late in the UTC day is already the next day in China.
	utc := time.Date(2021, 9, 27, 17, 0, 0, 0, time.UTC)
	if !DateOf(utc).Equal(d(2021, 9, 28)) {
		t.Errorf("DateOf(%s) = %s", utc, DateOf(utc))
	}
}

func TestCoverage(t *testing.T) {
	cal := mustCal(t)
	years := cal.CoveredYears()
	if years[0] != 2002 || years[len(years)-1] != 2027 || len(years) != 26 {
		t.Errorf("covered years = %v, want 2002..2027", years)
	}
	for _, day := range []time.Time{d(2001, 6, 1), d(2028, 1, 5), d(2100, 3, 1)} {
		if _, err := cal.IsWorkday(day); !errors.Is(err, ErrYearNotCovered) {
			t.Errorf("%s: err = %v, want ErrYearNotCovered", day.Format(time.DateOnly), err)
		}
	}
	// A count that runs into an unknown year fails rather than guessing.
	if _, err := cal.AddWorkdays(d(2027, 12, 20), 20); !errors.Is(err, ErrYearNotCovered) {
		t.Errorf("AddWorkdays into 2028: err = %v", err)
	}
}

func TestOverride(t *testing.T) {
	// Replacing 2021 with an empty notice makes 国庆 ordinary days again.
	cal := mustCal(t, YearOverride{Year: 2021})
	if w, _ := cal.IsWorkday(d(2021, 10, 1)); !w {
		t.Error("override: 2021-10-01 (Fri) should be a working day")
	}
	if w, _ := cal.IsWorkday(d(2021, 10, 9)); w {
		t.Error("override: 2021-10-09 (Sat) should be off")
	}
	if w, _ := cal.IsWorkday(d(2022, 1, 31)); w {
		t.Error("override of 2021 must leave 2022 alone")
	}
	// A new year becomes covered with its own days.
	cal = mustCal(t, YearOverride{Year: 2028, Off: []time.Time{d(2028, 1, 3)}, Work: []time.Time{d(2028, 1, 8)}})
	for _, c := range []struct {
		day  time.Time
		work bool
	}{{d(2028, 1, 3), false}, {d(2028, 1, 4), true}, {d(2028, 1, 8), true}, {d(2028, 1, 9), false}} {
		if w, err := cal.IsWorkday(c.day); err != nil || w != c.work {
			t.Errorf("%s: %v, %v; want %v", c.day.Format(time.DateOnly), w, err, c.work)
		}
	}
	if ys := cal.CoveredYears(); ys[len(ys)-1] != 2028 {
		t.Errorf("covered = %v", ys)
	}
	if _, err := NewCalendar(YearOverride{Year: 2028, Off: []time.Time{d(2027, 12, 31)}}); err == nil {
		t.Error("date outside the override year accepted")
	}
	if _, err := NewCalendar(YearOverride{Year: 2028}, YearOverride{Year: 2028}); err == nil {
		t.Error("duplicate override accepted")
	}
}
