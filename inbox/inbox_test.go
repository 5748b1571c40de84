package inbox

import (
	"strings"
	"testing"
	"time"

	"govmp/disclosure"
)

func cal(t *testing.T) *disclosure.Calendar {
	t.Helper()
	c, err := disclosure.NewCalendar()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func at(s string) time.Time {
	v, err := time.ParseInLocation("2006-01-02 15:04", s, disclosure.CST)
	if err != nil {
		panic(err)
	}
	return v
}

// 2024's National Day holiday ran 1–7 October, with Sunday 29 September and
// Saturday 12 October worked instead (国办发明电〔2023〕7号).
func TestDueAcrossHoliday(t *testing.T) {
	c := cal(t)
	cases := []struct{ received, due string }{
		{"2024-09-30 10:00", "2024-10-10 00:00"}, // day 1 = 8 Oct, day 2 = 9 Oct
		{"2024-09-27 18:00", "2024-10-01 00:00"}, // day 1 = Sun 29 Sep (worked), day 2 = 30 Sep
		{"2024-10-03 09:00", "2024-10-10 00:00"}, // received in the holiday
	}
	for _, tc := range cases {
		got, err := Due(c, at(tc.received), 2)
		if err != nil {
			t.Fatal(err)
		}
		if !got.Equal(at(tc.due)) {
			t.Errorf("received %s: due %s, want %s", tc.received, got.Format("2006-01-02 15:04"), tc.due)
		}
	}
	if !Overdue(StatePending, at("2024-10-10 00:00"), at("2024-10-10 00:00")) {
		t.Error("a pending message is overdue at its due instant")
	}
	if Overdue(StateReplied, at("2024-10-10 00:00"), at("2024-10-11 00:00")) {
		t.Error("a replied message is never overdue")
	}
}

func TestOfficeDuration(t *testing.T) {
	c := cal(t)
	cases := []struct {
		from, to string
		want     time.Duration
	}{
		{"2024-09-27 16:30", "2024-09-29 09:30", 2 * time.Hour}, // Fri 16:30–17:30 + worked Sun 08:30–09:30
		{"2024-09-30 20:00", "2024-10-08 08:45", 15 * time.Minute},
		{"2024-10-08 09:00", "2024-10-08 09:00", 0},
		{"2024-10-08 12:00", "2024-10-08 11:00", 0},
		{"2024-10-05 10:00", "2024-10-06 10:00", 0}, // inside the holiday
	}
	for _, tc := range cases {
		got, err := OfficeDuration(c, DefaultHours, at(tc.from), at(tc.to))
		if err != nil {
			t.Fatal(err)
		}
		if got != tc.want {
			t.Errorf("%s → %s: %v, want %v", tc.from, tc.to, got, tc.want)
		}
	}
}

func TestAckSaysWhen(t *testing.T) {
	c := cal(t)
	in := Ack(c, DefaultHours, 2, at("2024-10-08 10:00"))
	out := Ack(c, DefaultHours, 2, at("2024-10-05 10:00"))
	if !strings.Contains(in, "2个工作日内答复") || strings.Contains(in, "非工作时间") {
		t.Errorf("office hours: %q", in)
	}
	if !strings.Contains(out, "非工作时间") || !strings.Contains(out, "2个工作日内答复") {
		t.Errorf("holiday: %q", out)
	}
	if evening := Ack(c, DefaultHours, 3, at("2024-10-08 19:00")); !strings.Contains(evening, "非工作时间") || !strings.Contains(evening, "3个工作日") {
		t.Errorf("evening: %q", evening)
	}
}

func TestParseHours(t *testing.T) {
	h, err := ParseHours("09:00-17:00")
	if err != nil || h.Start != 540 || h.End != 1020 {
		t.Fatalf("%+v %v", h, err)
	}
	for _, bad := range []string{"", "17:00-09:00", "9-5", "08:30-25:00", "08:61-17:00"} {
		if _, err := ParseHours(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestMaskText(t *testing.T) {
	cases := map[string]string{
		"我的电话13812345678，请回电":           "我的电话138****5678，请回电",
		"身份证210902199001011234办理":       "身份证2109**********1234办理",
		"13812345678":                   "138****5678",
		"订单号2109021990010112345678不是证件": "订单号2109021990010112345678不是证件",
		"两个号码13812345678 13987654321":   "两个号码138****5678 139****4321",
		"没有号码":                          "没有号码",
	}
	for in, want := range cases {
		if got := MaskText(in); got != want {
			t.Errorf("MaskText(%q) = %q, want %q", in, got, want)
		}
	}
	if !HasPersonalNumbers("电话13812345678") || HasPersonalNumbers("没有号码") {
		t.Error("HasPersonalNumbers")
	}
}

func TestFlagsNeverDrop(t *testing.T) {
	got := Flags([]string{"诈骗", " ", "ABC"}, "有人冒充贵局诈骗，abc")
	if strings.Join(got, ",") != "诈骗,ABC" {
		t.Fatalf("flags %q", got)
	}
}

func TestTransitions(t *testing.T) {
	ok := [][2]string{{StatePending, StateReplied}, {StatePending, StateHeld}, {StateHeld, StateReplied},
		{StatePending, StateNoReply}, {StatePending, StateTransferred}, {StateNoReply, StateReplied}}
	for _, m := range ok {
		if err := CanMove(m[0], m[1]); err != nil {
			t.Errorf("%s → %s refused: %v", m[0], m[1], err)
		}
	}
	bad := [][2]string{{StateReplied, StatePending}, {StateReplied, StateNoReply}, {StateTransferred, StateNoReply}, {StatePending, "bogus"}}
	for _, m := range bad {
		err := CanMove(m[0], m[1])
		if err == nil {
			t.Errorf("%s → %s allowed", m[0], m[1])
		} else if strings.ContainsAny(err.Error(), "abcdefghijklmnopqrstuvwxyz_") && m[1] != "bogus" {
			t.Errorf("error speaks codes: %v", err)
		}
	}
}

// The figures against a hand count: March 2024 has four messages (two
// replied after 1 h and 3 h of office time, one closed as an advert, one
// pending), April one replied after 2 h.
func TestFiguresAgainstHandCount(t *testing.T) {
	c := cal(t)
	facts := []Fact{
		{Received: at("2024-03-04 09:00"), State: StateReplied, FirstReplyAt: at("2024-03-04 10:00")},
		{Received: at("2024-03-04 16:30"), State: StateReplied, FirstReplyAt: at("2024-03-05 10:30")},
		{Received: at("2024-03-05 09:00"), State: StateNoReply},
		{Received: at("2024-03-06 09:00"), State: StatePending},
		{Received: at("2024-04-01 09:00"), State: StateHeld, FirstReplyAt: at("2024-04-01 11:00")},
	}
	months, err := Figures(c, DefaultHours, facts, "month")
	if err != nil {
		t.Fatal(err)
	}
	if len(months) != 2 {
		t.Fatalf("%d periods", len(months))
	}
	m := months[0]
	if m.Period != "2024-03" || m.Received != 4 || m.Replied != 2 || m.NoReply != 1 {
		t.Fatalf("March %+v", m)
	}
	if *m.ReplyRate != 66.7 || *m.MedianHours != 1 || *m.P90Hours != 3 {
		t.Fatalf("March rate %v median %v p90 %v", *m.ReplyRate, *m.MedianHours, *m.P90Hours)
	}
	years, _ := Figures(c, DefaultHours, facts, "year")
	y := years[0]
	if y.Period != "2024" || y.Received != 5 || y.Replied != 3 || *y.ReplyRate != 75 || *y.MedianHours != 2 || *y.P90Hours != 3 {
		t.Fatalf("year %+v", y)
	}
	if got := Prose(y); got != "全年收到网民留言5条，回复3条，另有1条经甄别无需回复。" {
		t.Errorf("prose %q", got)
	}
	if got := Prose(Period{Received: 4, Replied: 4}); got != "全年收到网民留言4条，已全部回复。" {
		t.Errorf("prose %q", got)
	}
	if got := Prose(Period{Received: 4, Replied: 3}); got != "全年收到网民留言4条，回复3条。" {
		t.Errorf("prose %q", got)
	}
}

func TestPercentileNearestRank(t *testing.T) {
	v := []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
	if percentile(v, 50) != 5 || percentile(v, 90) != 9 || percentile([]float64{7}, 90) != 7 {
		t.Fatal("nearest rank")
	}
}
