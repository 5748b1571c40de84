package content

import (
	"testing"
	"time"
)

func TestFreshness(t *testing.T) {
	cst := time.FixedZone("CST", 8*3600)
	now := time.Date(2024, 3, 20, 9, 0, 0, 0, cst)
	cases := []struct {
		days  int
		level Level
	}{{0, LevelOK}, {6, LevelOK}, {7, LevelWarn}, {13, LevelWarn}, {14, LevelAlarm}, {40, LevelAlarm}}
	for _, tc := range cases {
		// Published late in the evening: calendar days, not 24-hour periods, count.
		last := time.Date(2024, 3, 20-tc.days, 23, 30, 0, 0, cst)
		if tc.days == 0 {
			last = now.Add(-time.Hour)
		}
		got := Freshness(last, now)
		if got.Level != tc.level || got.Days != tc.days || got.Never {
			t.Errorf("%d days: got %+v, want %s", tc.days, got, tc.level)
		}
	}
	// A UTC timestamp is judged on the China calendar of now.
	utc := time.Date(2024, 3, 12, 17, 0, 0, 0, time.UTC) // 2024-03-13 01:00 CST
	if got := Freshness(utc, now); got.Days != 7 {
		t.Errorf("utc input: %+v", got)
	}
	if got := Freshness(time.Time{}, now); got.Level != LevelAlarm || !got.Never {
		t.Errorf("never published: %+v", got)
	}
}

func TestMonthlyCounts(t *testing.T) {
	pubs := []Publication{
		{time.Date(2024, 2, 10, 0, 0, 0, 0, time.UTC), true},
		{time.Date(2024, 1, 5, 0, 0, 0, 0, time.UTC), true},
		{time.Date(2024, 1, 31, 17, 0, 0, 0, time.UTC), false}, // 2024-02-01 in China
		{time.Date(2024, 1, 20, 0, 0, 0, 0, time.UTC), false},
		{time.Date(2024, 1, 21, 0, 0, 0, 0, time.UTC), true},
	}
	got := MonthlyCounts(pubs, nil)
	want := []MonthCount{{"2024-01", 2, 1}, {"2024-02", 1, 1}}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Fatalf("got %+v, want %+v", got, want)
	}
	if got[0].Total() != 3 {
		t.Fatalf("total %d", got[0].Total())
	}
	if len(MonthlyCounts(nil, time.UTC)) != 0 {
		t.Fatal("empty input")
	}
}
