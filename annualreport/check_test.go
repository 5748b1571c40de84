package annualreport

import (
	"fmt"
	"strings"
	"testing"
)

// brief is the part of a Problem the tests pin down.
type brief struct {
	check     int
	cell      string
	got, want string
}

func briefs(ps []Problem) []brief {
	var out []brief
	for _, p := range ps {
		out = append(out, brief{p.Check, p.Cell, p.Got, p.Want})
	}
	return out
}

// lastYear is a previous report consistent with busyData.
func lastYear(t *testing.T) *Report {
	t.Helper()
	// Its year is not compared by any check, so the seed's year serves.
	d := seedData()
	d.CarriedOut = map[string]int{Natural: 1, Commercial: 1}
	d.New = map[string]int{Natural: 1, Commercial: 1}
	d.Rules = DocRow{InForce: 2}
	d.Normative = DocRow{InForce: 4}
	return mustBuild(t, d)
}

// checkBreaks edits a consistent report (and last year's) to break one
// check each, with the exact problems expected.
var checkBreaks = []struct {
	name string
	edit func(r, prev *Report)
	want []brief
}{
	{"1 balance", func(r, _ *Report) {
		// Move a 予以公开 from 商业企业 to 自然人, keeping every total right.
		r.Table3.Outcomes[0].Cells.Natural++
		r.Table3.Outcomes[0].Cells.Commercial--
		r.Table3.Closed.Natural++
		r.Table3.Closed.Commercial--
	}, []brief{{1, "t3.r4.natural", "6", "7"}, {1, "t3.r4.commercial", "3", "2"}}},
	{"2 closed", func(r, _ *Report) {
		r.Table3.Outcomes[0].Cells.Natural++
		r.Table3.Outcomes[0].Cells.Total++
	}, []brief{{2, "t3.r7.natural", "5", "6"}, {2, "t3.r7.total", "9", "10"}}},
	{"3 total", func(r, _ *Report) {
		r.Table3.Outcomes[1].Cells.Total = 2
	}, []brief{{2, "t3.r7.total", "9", "10"}, {3, "t3.o2.total", "2", "1"}}},
	{"4 carry-in", func(r, prev *Report) {
		prev.Table3.CarriedOut.Natural, prev.Table3.CarriedOut.Total = 2, 3
	}, []brief{{4, "t3.r2.natural", "1", "2"}, {4, "t3.r2.total", "2", "3"}}},
	{"5 in force", func(r, _ *Report) {
		r.Table2.Normative.InForce = 6
	}, []brief{{5, "t2.normative.in_force", "6", "5"}}},
	{"5 in force vs last year", func(r, prev *Report) {
		prev.Table2.Rules.InForce = 1
	}, []brief{{5, "t2.rules.in_force", "3", "2"}}},
	{"6 table 四", func(r, _ *Report) {
		r.Table4.Review.Total = 3
	}, []brief{{6, "t4.review.total", "3", "2"}}},
	{"7 articles", func(r, _ *Report) {
		r.Prose.Platform = strings.Replace(r.Prose.Platform, "255条", "256条", 1)
	}, []brief{{7, "s1.4.articles", "256", "255"}}},
	{"7 views", func(r, _ *Report) {
		r.Prose.Platform = strings.Replace(r.Prose.Platform, "5.1万", "5.3万", 1)
	}, []brief{{7, "s1.4.views", "5.3万", "5.1万"}}},
	{"7 metric changed", func(r, _ *Report) {
		r.Platform.Subscribers = 1700
	}, []brief{{7, "s1.4.subscribers", "1641", "1700"}}},
	{"7 requests", func(r, _ *Report) {
		r.Prose.Requests = strings.Replace(r.Prose.Requests, "本年办结9件", "本年办结8件", 1)
	}, []brief{{7, "s1.2.closed", "8", "9"}}},
	{"8 negative", func(r, _ *Report) {
		r.Table4.Direct.Pending, r.Table4.Direct.Total = -1, 0
	}, []brief{{8, "t4.direct.pending", "-1", "≥0"}}},
	{"8 fee", func(r, _ *Report) {
		r.Table2.FeesWan = "-0.1"
	}, []brief{{8, "t2.fees", "-0.1", "≥0"}}},
}

func TestCheckBreaks(t *testing.T) {
	for _, c := range checkBreaks {
		t.Run(c.name, func(t *testing.T) {
			r, prev := mustBuild(t, busyData()), lastYear(t)
			if ps := Check(r, prev); len(ps) != 0 {
				t.Fatalf("before edit: %+v", ps)
			}
			c.edit(r, prev)
			got := briefs(Check(r, prev))
			if fmt.Sprint(got) != fmt.Sprint(c.want) {
				t.Errorf("problems = %v, want %v", got, c.want)
			}
		})
	}
}

func TestCheckMessageAndLabels(t *testing.T) {
	r := mustBuild(t, busyData())
	r.Table3.CarriedOut.Natural = 0
	r.Table3.CarriedOut.Total = 1
	var p *Problem
	for _, x := range Check(r, nil) {
		if x.Check == 1 && x.Cell == "t3.r4.natural" {
			p = &x
		}
	}
	if p == nil {
		t.Fatal("no check-1 problem for 自然人")
	}
	if p.Message != "表三 自然人 列：一+二=6，（七）+四=5" || p.Table != "表三" || p.Column != "自然人" || p.Row != LabelCarriedOut {
		t.Errorf("problem = %+v", *p)
	}
}

func TestCheckUsesStoredPrevWithoutPrevReport(t *testing.T) {
	r := mustBuild(t, busyData())
	r.Table3.CarriedIn.Commercial = 0
	r.Table3.CarriedIn.Total = 1
	r.Table3.New.Commercial = 3
	r.Table3.New.Total = 10
	r.Prose.Requests = strings.NewReplacer("申请9件", "申请10件", "上年结转2件", "上年结转1件").Replace(r.Prose.Requests)
	got := briefs(Check(r, nil))
	want := []brief{{4, "t3.r2.commercial", "0", "1"}, {4, "t3.r2.total", "1", "2"}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("problems = %v, want %v", got, want)
	}
}

func TestQuotedEquals(t *testing.T) {
	cases := []struct {
		num  string
		wan  bool
		want int64
		ok   bool
	}{
		{"5.1", true, 51000, true}, {"5.1", true, 51234, true}, {"5", true, 51000, true}, {"5", true, 55000, false},
		{"5.12", true, 51234, true}, {"51,000", false, 51000, true}, {"1", true, 10000, true},
	}
	for _, c := range cases {
		if ok, _ := quotedEquals(c.num, c.wan, c.want); ok != c.ok {
			t.Errorf("quotedEquals(%q, %v, %d) = %v", c.num, c.wan, c.want, ok)
		}
	}
}
