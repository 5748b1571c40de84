package annualreport

import (
	"errors"
	"fmt"
	"sort"
	"time"
)

// Data is everything the report is built from. The caller gathers it from
// its own stores; Build only arranges and totals it.
type Data struct {
	Year         int
	Organisation string // e.g. 阜新市乡村振兴局
	Account      string // the subscription account's name, e.g. 阜新乡村振兴政务
	Columns      []string

	// Proactive lists proactive disclosure counts by category, in the order
	// the sentence of 一(一) should name them.
	Proactive []Category
	// Platform holds the 一(四) figures; its WebsiteVisits feeds 一(一).
	Platform Platform
	// PlatformPurpose and PlatformClosing surround the figures in 一(四);
	// empty means the bureau's usual wording.
	PlatformPurpose string
	PlatformClosing string

	// Requests, keyed by the applicant codes (Natural, Commercial, …);
	// Outcomes is keyed by applicant code, then by outcome code ("1", "3.2").
	New        map[string]int
	CarriedIn  map[string]int
	Outcomes   map[string]map[string]int
	CarriedOut map[string]int
	// PrevCarriedOut is last year's table 三 row 四; nil when unknown.
	PrevCarriedOut map[string]int

	Rules, Normative             DocRow
	Licensing, Penalty, Coercion int64
	// FeesYuan is the fee total in whole 元 (fees are charged in whole 元:
	// 10元/页, 100元/件); Build prints it in 万元 with up to 4 decimals, exactly.
	FeesYuan int64

	Review, Direct, AfterReview Cases

	// Prose overrides the text sections; an empty field gets the generated
	// sentence (一(一), 一(二), 一(四)) or a default.
	Prose    Prose
	SignDate time.Time
}

// Cases is one group of table 四 as input; its 总计 is computed by Build.
type Cases struct {
	Upheld, Corrected, Other, Pending int64
}

// Build produces the whole report from data. It is pure: the same data gives
// the same report. It fails on unknown codes or negative input, naming them.
func Build(d Data) (*Report, error) {
	if err := validate(d); err != nil {
		return nil, err
	}
	r := &Report{
		Format:       FormatVersion,
		Year:         d.Year,
		Organisation: d.Organisation,
		Account:      d.Account,
		Columns:      append([]string{}, d.Columns...),
		Proactive:    append([]Category{}, d.Proactive...),
		Platform:     d.Platform,
	}
	if !d.SignDate.IsZero() {
		r.SignDate = d.SignDate.Format("2006-01-02")
	}
	r.Table2 = buildTable2(d)
	r.Table3 = buildTable3(d)
	r.Table4 = Table4{Review: caseRow(d.Review), Direct: caseRow(d.Direct), AfterReview: caseRow(d.AfterReview)}
	if d.PrevCarriedOut != nil {
		c := cellsFrom(d.PrevCarriedOut)
		r.PrevCarriedOut = &c
	}
	r.Prose, r.Figures = buildProse(d, r)
	return r, nil
}

// validate rejects input Build cannot represent faithfully.
func validate(d Data) error {
	var errs []error
	if d.Year < 2021 {
		// The 2021 format (国办公开办函〔2021〕30号) applies from the 2021 report on.
		errs = append(errs, fmt.Errorf("年度 %d 无效：本格式适用于2021年及以后的年度报告", d.Year))
	}
	if d.Organisation == "" {
		errs = append(errs, errors.New("缺少机关名称"))
	}
	for name, m := range map[string]map[string]int{"本年新收": d.New, "上年结转": d.CarriedIn,
		"结转下年度": d.CarriedOut, "上年结转下年度": d.PrevCarriedOut} {
		errs = append(errs, checkApplicantMap(name, m)...)
	}
	for a, m := range d.Outcomes {
		if applicantIndex(a) < 0 {
			errs = append(errs, fmt.Errorf("办理结果：未知申请人类型 %q", a))
		}
		for o, n := range m {
			if outcomeIndex(o) < 0 {
				errs = append(errs, fmt.Errorf("办理结果：未知办理结果代码 %q", o))
			} else if n < 0 {
				errs = append(errs, fmt.Errorf("办理结果 %s/%s 为负数 %d", a, o, n))
			}
		}
	}
	for _, c := range d.Proactive {
		if c.Count < 0 {
			errs = append(errs, fmt.Errorf("主动公开类别 %q 为负数 %d", c.Name, c.Count))
		}
	}
	ints := map[string]int64{"规章制发": d.Rules.Issued, "规章废止": d.Rules.Abolished,
		"规章现行有效": d.Rules.InForce, "规范性文件制发": d.Normative.Issued,
		"规范性文件废止": d.Normative.Abolished, "规范性文件现行有效": d.Normative.InForce,
		"行政许可": d.Licensing, "行政处罚": d.Penalty, "行政强制": d.Coercion, "收费": d.FeesYuan,
		"发布信息": d.Platform.PublishedArticles, "订阅人数": d.Platform.Subscribers, "浏览量": d.Platform.Views}
	for i, c := range []Cases{d.Review, d.Direct, d.AfterReview} {
		for j, v := range []int64{c.Upheld, c.Corrected, c.Other, c.Pending} {
			ints[t4GroupLabel[i]+t4ColLabel[j]] = v
		}
	}
	if v := d.Platform.WebsiteVisits; v != nil {
		ints["网站访问量"] = *v
	}
	for name, v := range ints {
		if v < 0 {
			errs = append(errs, fmt.Errorf("%s 为负数 %d", name, v))
		}
	}
	// Maps iterate in random order; sort so the same bad input gives the same error.
	sort.Slice(errs, func(i, j int) bool { return errs[i].Error() < errs[j].Error() })
	return errors.Join(errs...)
}

// checkApplicantMap validates one map keyed by applicant code.
func checkApplicantMap(name string, m map[string]int) []error {
	var errs []error
	for a, n := range m {
		if applicantIndex(a) < 0 {
			errs = append(errs, fmt.Errorf("%s：未知申请人类型 %q", name, a))
		} else if n < 0 {
			errs = append(errs, fmt.Errorf("%s %s 为负数 %d", name, a, n))
		}
	}
	return errs
}

// cellsFrom lays out an applicant map as a row and computes its 总计.
func cellsFrom(m map[string]int) Cells {
	var c Cells
	for i, a := range Applicants {
		*c.At(i) = int64(m[a])
	}
	c.Total = c.applicantSum()
	return c
}

// buildTable3 lays out table 三; （七） is the sum of the leaves and 总计 the
// sum of the applicant columns, as the official format defines them.
func buildTable3(d Data) Table3 {
	t := Table3{
		New:        cellsFrom(d.New),
		CarriedIn:  cellsFrom(d.CarriedIn),
		CarriedOut: cellsFrom(d.CarriedOut),
	}
	for _, o := range Outcomes {
		col := map[string]int{}
		for a, m := range d.Outcomes {
			col[a] = m[o.Code]
		}
		t.Outcomes = append(t.Outcomes, OutcomeRow{Code: o.Code, Cells: cellsFrom(col)})
	}
	for i := range columnCodes {
		var s int64
		for _, row := range t.Outcomes {
			s += *row.Cells.At(i)
		}
		*t.Closed.At(i) = s
	}
	return t
}

// buildTable2 copies the registers and converts the fee to 万元.
func buildTable2(d Data) Table2 {
	return Table2{
		Rules:     copyDocRow(d.Rules),
		Normative: copyDocRow(d.Normative),
		Licensing: d.Licensing,
		Penalty:   d.Penalty,
		Coercion:  d.Coercion,
		FeesWan:   YuanToWan(d.FeesYuan),
	}
}

// copyDocRow copies a row so the report does not share the caller's pointer.
func copyDocRow(r DocRow) DocRow {
	if r.PrevInForce != nil {
		v := *r.PrevInForce
		r.PrevInForce = &v
	}
	return r
}

// caseRow computes a table 四 group's 总计.
func caseRow(c Cases) CaseRow {
	return CaseRow{Upheld: c.Upheld, Corrected: c.Corrected, Other: c.Other, Pending: c.Pending,
		Total: c.Upheld + c.Corrected + c.Other + c.Pending}
}
