package inbox

import (
	"fmt"
	"sort"
	"time"

	"govmp/disclosure"
)

// Fact is what the figures need of one message: when it arrived, its state,
// and when staff first answered it (zero if never).
type Fact struct {
	Received     time.Time
	State        string
	FirstReplyAt time.Time
}

// Period is one row of the figures: a month ("2026-03") or a year ("2026").
type Period struct {
	Period   string `json:"period"`
	Received int    `json:"received"`
	Replied  int    `json:"replied"`
	NoReply  int    `json:"no_reply"`
	// ReplyRate is replied ÷ (received − 无需回复), in percent with one
	// decimal; nil when every message needed no reply.
	ReplyRate *float64 `json:"reply_rate"`
	// Median and P90 are office hours to the first reply, over the replied
	// messages; nil when none was replied.
	MedianHours *float64 `json:"median_hours"`
	P90Hours    *float64 `json:"p90_hours"`
}

// Figures groups facts by month ("month") or year ("year") of arrival, in
// Beijing time, in order. Time to reply is counted in office hours.
func Figures(cal *disclosure.Calendar, h Hours, facts []Fact, by string) ([]Period, error) {
	layout := "2006-01"
	if by == "year" {
		layout = "2006"
	}
	rows := map[string]*Period{}
	waits := map[string][]float64{}
	for _, f := range facts {
		key := f.Received.In(disclosure.CST).Format(layout)
		p := rows[key]
		if p == nil {
			p = &Period{Period: key}
			rows[key] = p
		}
		p.Received++
		switch {
		case f.State == StateNoReply:
			p.NoReply++
		case !f.FirstReplyAt.IsZero():
			p.Replied++
			d, err := OfficeDuration(cal, h, f.Received, f.FirstReplyAt)
			if err != nil {
				return nil, err
			}
			waits[key] = append(waits[key], d.Hours())
		}
	}
	out := make([]Period, 0, len(rows))
	for key, p := range rows {
		if need := p.Received - p.NoReply; need > 0 {
			p.ReplyRate = round1(float64(p.Replied) * 100 / float64(need))
		}
		if w := waits[key]; len(w) > 0 {
			sort.Float64s(w)
			p.MedianHours, p.P90Hours = round1(percentile(w, 50)), round1(percentile(w, 90))
		}
		out = append(out, *p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Period < out[j].Period })
	return out, nil
}

// percentile is the nearest-rank percentile of sorted values: the smallest
// value with at least p% of the values at or below it.
func percentile(sorted []float64, p int) float64 {
	rank := (p*len(sorted) + 99) / 100 // ceil(p/100 × n)
	if rank < 1 {
		rank = 1
	}
	return sorted[rank-1]
}

func round1(v float64) *float64 {
	r := float64(int64(v*10+0.5)) / 10
	return &r
}

// Prose is the annual report's sentence on 互动回应, written from the year's
// figures. "已全部回复" is said only when every message that needed an answer
// got one, and messages closed without a reply are named as such.
func Prose(year Period) string {
	need := year.Received - year.NoReply
	switch {
	case year.Received == 0:
		return "全年未收到网民留言。"
	case year.NoReply == 0 && year.Replied >= need:
		return fmt.Sprintf("全年收到网民留言%d条，已全部回复。", year.Received)
	case year.NoReply == 0:
		return fmt.Sprintf("全年收到网民留言%d条，回复%d条。", year.Received, year.Replied)
	default:
		return fmt.Sprintf("全年收到网民留言%d条，回复%d条，另有%d条经甄别无需回复。", year.Received, year.Replied, year.NoReply)
	}
}
