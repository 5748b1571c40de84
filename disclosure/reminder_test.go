package disclosure

import (
	"testing"
	"time"
)

func TestReminders(t *testing.T) {
	cal := mustCal(t)
	r := fixture(t, StateProcessing) // reply due 2021-11-01
	r.ID = "R1"
	// 5 working days before 11-01 is 10-25 and 2 before is 10-28.
	for _, c := range []struct {
		today time.Time
		left  int // 0: no reminder
	}{
		{d(2021, 10, 22), 0},
		{d(2021, 10, 23), 0}, // Saturday: nothing is sent on a day off
		{d(2021, 10, 25), 5},
		{d(2021, 10, 26), 0},
		{d(2021, 10, 28), 2},
		{d(2021, 10, 29), 0},
	} {
		got, err := Reminders(cal, []*Request{r}, c.today)
		if err != nil {
			t.Fatal(err)
		}
		if c.left == 0 {
			if len(got) != 0 {
				t.Errorf("%s: unexpected %+v", c.today.Format(time.DateOnly), got)
			}
			continue
		}
		if len(got) != 1 || got[0].DaysLeft != c.left || got[0].Kind != DeadlineReply || got[0].RequestID != "R1" {
			t.Errorf("%s: %+v, want one reply reminder with %d left", c.today.Format(time.DateOnly), got, c.left)
		}
	}
	// A fresh request has two deadlines: the 补正 notice (7 working days, due
	// 10-13) before the reply (20, due 11-01).
	fresh := fixture(t, StateReceived)
	ds, err := fresh.Deadlines(cal, d(2021, 9, 28))
	if err != nil || len(ds) != 2 || ds[0].Kind != DeadlineCorrectionNotice || !ds[0].Due.Equal(d(2021, 10, 13)) || ds[0].DaysLeft != 7 {
		t.Errorf("deadlines of a fresh request: %+v, %v", ds, err)
	}
}

func TestByUrgency(t *testing.T) {
	cal := mustCal(t)
	late := fixture(t, StateProcessing) // due 11-01
	late.ID = "late"
	extended := fixture(t, StateExtended) // 10 more days: due 11-15
	extended.ID = "extended"
	// Consultation from 10-11: 12(1)..15(4) 18..22(9) 25..29(14) 11-1(15).
	consulting := fixture(t, StateConsulting)
	consulting.ID = "consulting"
	closed := fixture(t, StateClosed)
	got, err := ByUrgency(cal, []*Request{extended, closed, consulting, late}, d(2021, 11, 3))
	if err != nil {
		t.Fatal(err)
	}
	ids := []string{}
	for _, g := range got {
		ids = append(ids, g.RequestID+":"+g.Kind)
	}
	want := []string{"consulting:consultation", "late:reply", "extended:reply"}
	if len(ids) != len(want) {
		t.Fatalf("order %v, want %v", ids, want)
	}
	for i := range want {
		if ids[i] != want[i] {
			t.Fatalf("order %v, want %v", ids, want)
		}
	}
	if got[1].DaysLeft != -2 {
		t.Errorf("late: %d days left, want -2", got[1].DaysLeft)
	}
}
