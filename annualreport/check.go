package annualreport

import (
	"fmt"
	"math/big"
	"regexp"
)

// Problem is one failed check. It names the cell by a stable id (e.g.
// "t3.r7.total", "t2.rules.in_force", "t4.review.total", "s1.4.articles"),
// by its table, row and column labels, and gives the two values compared.
type Problem struct {
	Check  int    `json:"check"`  // 1–8, as numbered in the official checks
	Cell   string `json:"cell"`   // stable cell id
	Table  string `json:"table"`  // e.g. 表三
	Row    string `json:"row"`    // official row label
	Column string `json:"column"` // official column label
	Got    string `json:"got"`    // the value stored (or the left side)
	Want   string `json:"want"`   // the value it should equal (or the right side)
	// Related lists other cells taking part, so renderers can highlight them.
	Related []string `json:"related,omitempty"`
	Message string   `json:"message"` // Chinese, for the officer
}

// Check runs every check of the format on a report as stored. prev is last
// year's report, or nil; without it, checks 4 and 5 use the previous-year
// figures stored in r, and are skipped where those are unknown.
func Check(r *Report, prev *Report) []Problem {
	var ps []Problem
	ps = append(ps, checkBalance(&r.Table3)...)
	ps = append(ps, checkClosed(&r.Table3)...)
	ps = append(ps, checkTotals(&r.Table3)...)
	ps = append(ps, checkCarryIn(r, prev)...)
	ps = append(ps, checkInForce(r, prev)...)
	ps = append(ps, checkTable4(&r.Table4)...)
	ps = append(ps, checkProse(r)...)
	ps = append(ps, checkNonNegative(r)...)
	return ps
}

// t3Row is a row of table 三 with its id and official label.
type t3Row struct {
	ID    string // e.g. "t3.r1", "t3.o3.2", "t3.r7"
	Label string
	Cells *Cells
}

// t3Rows lists every numeric row of table 三 in table order. Outcome rows
// beyond the 21 known codes (a malformed edit) are still listed, by code.
func t3Rows(t *Table3) []t3Row {
	rows := []t3Row{{"t3.r1", LabelNew, &t.New}, {"t3.r2", LabelCarriedIn, &t.CarriedIn}}
	for i := range t.Outcomes {
		o := &t.Outcomes[i]
		label := o.Code
		if k := outcomeIndex(o.Code); k >= 0 {
			label = Outcomes[k].Group + Outcomes[k].Label
		}
		rows = append(rows, t3Row{"t3.o" + o.Code, label, &o.Cells})
	}
	return append(rows, t3Row{"t3.r7", LabelClosed, &t.Closed}, t3Row{"t3.r4", LabelCarriedOut, &t.CarriedOut})
}

// exactSum adds counts without wrapping. A report edited by hand can hold
// counts near the int64 limits, where an int64 sum wraps round: it could
// then equal a wrong stored total and hide it, or print a nonsense sum.
func exactSum(vs ...int64) *big.Int {
	s := new(big.Int)
	for _, v := range vs {
		s.Add(s, big.NewInt(v))
	}
	return s
}

// isCount reports whether an exact sum equals the stored count v.
func isCount(sum *big.Int, v int64) bool {
	return sum.IsInt64() && sum.Int64() == v
}

// checkBalance is check 1: in every column 一 + 二 = （七） + 四.
func checkBalance(t *Table3) []Problem {
	var ps []Problem
	for i, code := range columnCodes {
		left := exactSum(*t.New.At(i), *t.CarriedIn.At(i))
		right := exactSum(*t.Closed.At(i), *t.CarriedOut.At(i))
		if left.Cmp(right) == 0 {
			continue
		}
		// 四 is the residual of the other three, so it is the cell named.
		ps = append(ps, Problem{Check: 1, Cell: "t3.r4." + code, Table: "表三", Row: LabelCarriedOut,
			Column: columnLabels[i], Got: left.String(), Want: right.String(),
			Related: []string{"t3.r1." + code, "t3.r2." + code, "t3.r7." + code},
			Message: fmt.Sprintf("表三 %s 列：一+二=%d，（七）+四=%d", columnLabels[i], left, right)})
	}
	return ps
}

// checkClosed is check 2: （七） equals the sum of the 21 leaves.
func checkClosed(t *Table3) []Problem {
	var ps []Problem
	for i, code := range columnCodes {
		sum := new(big.Int)
		for _, o := range t.Outcomes {
			sum.Add(sum, big.NewInt(*o.Cells.At(i)))
		}
		if got := *t.Closed.At(i); !isCount(sum, got) {
			ps = append(ps, Problem{Check: 2, Cell: "t3.r7." + code, Table: "表三", Row: LabelClosed,
				Column: columnLabels[i], Got: itoa(got), Want: sum.String(),
				Message: fmt.Sprintf("表三 %s 列：（七）总计=%d，各项办理结果之和=%d", columnLabels[i], got, sum)})
		}
	}
	if len(t.Outcomes) != len(Outcomes) {
		ps = append(ps, Problem{Check: 2, Cell: "t3.r7", Table: "表三", Row: LabelResults,
			Got: itoa(int64(len(t.Outcomes))), Want: itoa(int64(len(Outcomes))),
			Message: fmt.Sprintf("表三 办理结果应有%d项，实有%d项", len(Outcomes), len(t.Outcomes))})
	}
	return ps
}

// checkTotals is check 3: 总计 equals the six applicant columns in every row.
func checkTotals(t *Table3) []Problem {
	var ps []Problem
	for _, row := range t3Rows(t) {
		c := row.Cells
		sum := exactSum(c.Natural, c.Commercial, c.Research, c.PublicWelfare, c.LegalService, c.OtherOrg)
		if !isCount(sum, c.Total) {
			ps = append(ps, Problem{Check: 3, Cell: row.ID + ".total", Table: "表三", Row: row.Label,
				Column: "总计", Got: itoa(c.Total), Want: sum.String(),
				Message: fmt.Sprintf("表三 %s 行：总计=%d，各类申请人之和=%d", row.Label, row.Cells.Total, sum)})
		}
	}
	return ps
}

// checkCarryIn is check 4: this year's 二 equals last year's 四.
func checkCarryIn(r *Report, prev *Report) []Problem {
	last := r.PrevCarriedOut
	if prev != nil {
		last = &prev.Table3.CarriedOut
	}
	if last == nil {
		return nil
	}
	var ps []Problem
	for i, code := range columnCodes {
		got, want := *r.Table3.CarriedIn.At(i), *last.At(i)
		if got != want {
			ps = append(ps, Problem{Check: 4, Cell: "t3.r2." + code, Table: "表三", Row: LabelCarriedIn,
				Column: columnLabels[i], Got: itoa(got), Want: itoa(want),
				Message: fmt.Sprintf("表三 %s 列：二、上年结转=%d，上年报告四、结转下年度继续办理=%d", columnLabels[i], got, want)})
		}
	}
	return ps
}

// checkInForce is check 5: 现行有效 = last year's + 制发 − 废止.
func checkInForce(r *Report, prev *Report) []Problem {
	var ps []Problem
	rows := []struct {
		id, label string
		row       DocRow
		last      *DocRow
	}{{"t2.rules", t2Rules, r.Table2.Rules, nil}, {"t2.normative", t2Normative, r.Table2.Normative, nil}}
	if prev != nil {
		rows[0].last, rows[1].last = &prev.Table2.Rules, &prev.Table2.Normative
	}
	for _, x := range rows {
		var base int64
		switch {
		case x.last != nil:
			base = x.last.InForce
		case x.row.PrevInForce != nil:
			base = *x.row.PrevInForce
		default:
			continue
		}
		want := exactSum(base, x.row.Issued)
		want.Sub(want, big.NewInt(x.row.Abolished))
		if !isCount(want, x.row.InForce) {
			ps = append(ps, Problem{Check: 5, Cell: x.id + ".in_force", Table: "表二", Row: x.label,
				Column: t2InForce, Got: itoa(x.row.InForce), Want: want.String(),
				Related: []string{x.id + ".issued", x.id + ".abolished"},
				Message: fmt.Sprintf("表二 %s：现行有效件数=%d，上年现行有效%d+本年制发%d−本年废止%d=%d",
					x.label, x.row.InForce, base, x.row.Issued, x.row.Abolished, want)})
		}
	}
	return ps
}

// checkTable4 is check 6: each 总计 of table 四 equals its four results.
func checkTable4(t *Table4) []Problem {
	var ps []Problem
	for g, code := range t4Groups {
		row := t.group(g)
		sum := exactSum(row.Upheld, row.Corrected, row.Other, row.Pending)
		if !isCount(sum, row.Total) {
			ps = append(ps, Problem{Check: 6, Cell: "t4." + code + ".total", Table: "表四", Row: t4GroupLabel[g],
				Column: "总计", Got: itoa(row.Total), Want: sum.String(),
				Message: fmt.Sprintf("表四 %s：总计=%d，结果维持+结果纠正+其他结果+尚未审结=%d", t4GroupLabel[g], row.Total, sum)})
		}
	}
	return ps
}

// feePattern is a non-negative decimal amount.
var feePattern = regexp.MustCompile(`^[0-9]+(\.[0-9]+)?$`)

// checkNonNegative is check 8: every count is a non-negative integer, and
// the fee a non-negative decimal. Integers are guaranteed by the types.
func checkNonNegative(r *Report) []Problem {
	var ps []Problem
	neg := func(id, table, row, col string, v int64) {
		if v < 0 {
			ps = append(ps, Problem{Check: 8, Cell: id, Table: table, Row: row, Column: col, Got: itoa(v), Want: "≥0",
				Message: fmt.Sprintf("%s %s %s：%d 为负数", table, row, col, v)})
		}
	}
	for _, row := range t3Rows(&r.Table3) {
		for i, code := range columnCodes {
			neg(row.ID+"."+code, "表三", row.Label, columnLabels[i], *row.Cells.At(i))
		}
	}
	t2 := &r.Table2
	for _, d := range []struct {
		id, label string
		row       DocRow
	}{{"t2.rules", t2Rules, t2.Rules}, {"t2.normative", t2Normative, t2.Normative}} {
		neg(d.id+".issued", "表二", d.label, t2Issued, d.row.Issued)
		neg(d.id+".abolished", "表二", d.label, t2Abolished, d.row.Abolished)
		neg(d.id+".in_force", "表二", d.label, t2InForce, d.row.InForce)
	}
	neg("t2.licensing", "表二", t2Licensing, t2Decisions, t2.Licensing)
	neg("t2.penalty", "表二", t2Penalty, t2Decisions, t2.Penalty)
	neg("t2.coercion", "表二", t2Coercion, t2Decisions, t2.Coercion)
	if !feePattern.MatchString(t2.FeesWan) {
		ps = append(ps, Problem{Check: 8, Cell: "t2.fees", Table: "表二", Row: t2Fees, Column: t2FeeAmount,
			Got: t2.FeesWan, Want: "≥0", Message: fmt.Sprintf("表二 %s：收费金额“%s”不是非负数", t2Fees, t2.FeesWan)})
	}
	for g, code := range t4Groups {
		for c, col := range t4Columns {
			neg("t4."+code+"."+col, "表四", t4GroupLabel[g], t4ColLabel[c], *r.Table4.group(g).at(c))
		}
	}
	return ps
}
