package gather

import (
	"fmt"
	"strconv"

	"govmp/annualreport"
	"govmp/store"
)

// RequestFact is what table 三 needs of one request (see store.RequestFact).
type RequestFact = store.RequestFact

// RequestCounts are table 三's inputs for one year, keyed as report.Data wants.
type RequestCounts struct {
	New, CarriedIn, CarriedOut map[string]int
	Outcomes                   map[string]map[string]int
	// Anomalies name requests that could not be placed. They are left out of
	// the leaves on purpose: the 勾稽关系 check then names the column.
	Anomalies []string
}

// openAt reports whether a request was in the office's hands at the end of day.
func openAt(f RequestFact, day string) bool {
	return f.ReceivedOn <= day && (f.ClosedOn == "" || f.ClosedOn > day)
}

// CountRequests places every request in table 三 of year: new if received
// in the year, carried in if open at the end of last year, carried out if
// open at the end of this year, and under its outcome if closed in the year.
func CountRequests(facts []RequestFact, year int) RequestCounts {
	y := strconv.Itoa(year)
	start, end, prevEnd := y+"-01-01", y+"-12-31", strconv.Itoa(year-1)+"-12-31"
	c := RequestCounts{New: map[string]int{}, CarriedIn: map[string]int{}, CarriedOut: map[string]int{},
		Outcomes: map[string]map[string]int{}}
	for _, f := range facts {
		if !knownApplicant(f.Kind) {
			c.Anomalies = append(c.Anomalies, fmt.Sprintf("申请 %s 的申请人类型 %q 无效", f.ID, f.Kind))
			continue
		}
		if f.ReceivedOn >= start && f.ReceivedOn <= end {
			c.New[f.Kind]++
		}
		if openAt(f, prevEnd) {
			c.CarriedIn[f.Kind]++
		}
		if openAt(f, end) {
			c.CarriedOut[f.Kind]++
		}
		if f.ClosedOn < start || f.ClosedOn > end {
			continue
		}
		switch {
		case !knownOutcome(f.Outcome):
			c.Anomalies = append(c.Anomalies, fmt.Sprintf("申请 %s 的办理结果 %q 无效", f.ID, f.Outcome))
		case f.ClosedOn < f.ReceivedOn:
			c.Anomalies = append(c.Anomalies, fmt.Sprintf("申请 %s 办结日期早于收到日期", f.ID))
		default:
			if c.Outcomes[f.Kind] == nil {
				c.Outcomes[f.Kind] = map[string]int{}
			}
			c.Outcomes[f.Kind][f.Outcome]++
		}
	}
	return c
}

func knownApplicant(k string) bool {
	for _, a := range annualreport.Applicants {
		if a == k {
			return true
		}
	}
	return false
}

func knownOutcome(code string) bool {
	for _, o := range annualreport.Outcomes {
		if o.Code == code {
			return true
		}
	}
	return false
}
