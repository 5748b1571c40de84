package disclosure

import (
	"fmt"
	"time"
)

// OpenAt reports whether the request was in the office's hands at the end of
// the given day: received on or before it and not closed or withdrawn by then.
// A request open at the end of 31 December is 结转: it counts in that year's
// 四 and the next year's 二.
func OpenAt(r *Request, date time.Time) bool {
	d := DateOf(date)
	if r.ReceivedOn.IsZero() || r.ReceivedOn.After(d) {
		return false
	}
	if !r.State.Open() && !r.ClosedOn.After(d) {
		return false
	}
	return true
}

// CarriedOver reports whether the request is carried from year into year+1.
func CarriedOver(r *Request, year int) bool {
	return OpenAt(r, MakeDate(year, time.December, 31))
}

// YearCounts are the figures of table 三 for one year, keyed by applicant
// kind (the column codes). Closed is keyed by outcome code, then kind.
type YearCounts struct {
	Year       int
	New        map[string]int
	CarriedIn  map[string]int
	Closed     map[string]map[string]int
	CarriedOut map[string]int
}

// ClosedTotal is row （七） for one column: the sum of the 21 leaves.
func (c YearCounts) ClosedTotal(kind string) int {
	n := 0
	for _, byKind := range c.Closed {
		n += byKind[kind]
	}
	return n
}

// CountYear computes table 三 for a year from every request the office holds
// (requests never received are ignored). A request closed or withdrawn in the
// year counts under its outcome; a withdrawal counts as 其他处理 3. It fails
// on a request that cannot be placed, because a report that does not balance
// is worse than no report.
func CountYear(reqs []*Request, year int) (YearCounts, error) {
	c := YearCounts{Year: year, New: map[string]int{}, CarriedIn: map[string]int{},
		Closed: map[string]map[string]int{}, CarriedOut: map[string]int{}}
	for _, o := range outcomes {
		c.Closed[o.Code] = map[string]int{}
	}
	for _, r := range reqs {
		if r.ReceivedOn.IsZero() {
			continue
		}
		if kindLabels[r.Applicant.Kind] == "" {
			return c, fmt.Errorf("disclosure: 申请 %s 的申请人类型无效 / request %s has unknown applicant kind %q", r.ID, r.ID, r.Applicant.Kind)
		}
		if err := c.add(r); err != nil {
			return c, err
		}
	}
	return c, c.Check()
}

// add places one request in the counts.
func (c *YearCounts) add(r *Request) error {
	kind := r.Applicant.Kind
	if r.ReceivedOn.Year() == c.Year {
		c.New[kind]++
	}
	if CarriedOver(r, c.Year-1) {
		c.CarriedIn[kind]++
	}
	if CarriedOver(r, c.Year) {
		c.CarriedOut[kind]++
	}
	if r.State.Open() || r.ClosedOn.Year() != c.Year {
		return nil
	}
	code := r.Outcome
	if r.State == StateWithdrawn && code == "" {
		code = OutcomeOther
	}
	if _, ok := c.Closed[code]; !ok {
		return fmt.Errorf("disclosure: 申请 %s 的办理结果无效 / request %s closed with unknown outcome %q", r.ID, r.ID, code)
	}
	if r.ClosedOn.Before(r.ReceivedOn) {
		return fmt.Errorf("disclosure: 申请 %s 办结日期早于收到日期 / request %s closed before it was received", r.ID, r.ID)
	}
	c.Closed[code][kind]++
	return nil
}

// Check applies the official 勾稽关系 to every column: 一 + 二 = （七） + 四.
func (c YearCounts) Check() error {
	for _, k := range ApplicantKinds {
		left := c.New[k] + c.CarriedIn[k]
		right := c.ClosedTotal(k) + c.CarriedOut[k]
		if left != right {
			return fmt.Errorf("disclosure: %d 年“%s”列不平衡：一+二=%d，（七）+四=%d / column %s does not balance",
				c.Year, kindLabels[k], left, right, k)
		}
	}
	return nil
}
