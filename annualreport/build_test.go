package annualreport

import (
	"strings"
	"testing"
	"time"
)

// seedData reproduces the bureau's 2021 report.
func seedData() Data {
	visits := int64(63000)
	zero := int64(0)
	return Data{
		Year:         2021,
		Organisation: "阜新市乡村振兴局",
		Account:      "阜新乡村振兴政务",
		Columns:      []string{"党史学习教育", "脱贫攻坚网上展馆", "各地疫情防控措施"},
		Proactive: []Category{{"滚动图片重要新闻", 65}, {"部门文件", 9}, {"概况类信息", 6},
			{"政务动态信息", 64}, {"乡村振兴信息", 54}},
		Platform: Platform{PublishedArticles: 255, Subscribers: 1641, Views: 51000,
			ArticlesSource: "local", SubscribersSource: "datacube", ViewsSource: "datacube", WebsiteVisits: &visits},
		Rules:     DocRow{PrevInForce: &zero},
		Normative: DocRow{Issued: 1, InForce: 1, PrevInForce: &zero},
		SignDate:  time.Date(2022, 1, 19, 0, 0, 0, 0, time.UTC),
	}
}

// busyData has requests in several columns and outcomes, and balances.
func busyData() Data {
	d := seedData()
	d.New = map[string]int{Natural: 5, Commercial: 2, PublicWelfare: 1, LegalService: 1}
	d.CarriedIn = map[string]int{Natural: 1, Commercial: 1}
	d.PrevCarriedOut = map[string]int{Natural: 1, Commercial: 1}
	d.Outcomes = map[string]map[string]int{
		Natural:       {"1": 2, "2": 1, "3.4": 1, "4.1": 1},
		Commercial:    {"1": 1, "5.2": 1},
		PublicWelfare: {"6.1": 1},
		LegalService:  {"3.2": 1},
	}
	d.CarriedOut = map[string]int{Natural: 1, Commercial: 1}
	two, four := int64(2), int64(4)
	d.Rules = DocRow{Issued: 1, InForce: 3, PrevInForce: &two}
	d.Normative = DocRow{Issued: 2, Abolished: 1, InForce: 5, PrevInForce: &four}
	d.Licensing, d.Penalty, d.Coercion = 3, 1, 0
	d.FeesYuan = 1500
	d.Review = Cases{Upheld: 1, Other: 1}
	d.Direct = Cases{Corrected: 1, Pending: 1}
	return d
}

func mustBuild(t *testing.T, d Data) *Report {
	t.Helper()
	r, err := Build(d)
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	return r
}

func TestSeedReport(t *testing.T) {
	r := mustBuild(t, seedData())
	for _, want := range []string{
		"全年发布信息255条，订阅人数为1641人，浏览量达5.1万人次",
		"我局政务新媒体开通了微信公众订阅号“阜新乡村振兴政务”，",
		"同时设有“党史学习教育”“脱贫攻坚网上展馆”“各地疫情防控措施”等专栏。",
	} {
		if !strings.Contains(r.Prose.Platform, want) {
			t.Errorf("一(四) = %q, missing %q", r.Prose.Platform, want)
		}
	}
	// The seed printed 193, but its own categories add up to 198; the
	// report states the sum (see TestSeedTotalContradiction).
	wantProactive := "我局网站全年访问总量为6.3万人次；主动公开发布信息198条，其中：滚动图片重要新闻65条，" +
		"部门文件9条，概况类信息6条，政务动态信息64条，乡村振兴信息54条。"
	if r.Prose.Proactive != wantProactive {
		t.Errorf("一(一) = %q, want %q", r.Prose.Proactive, wantProactive)
	}
	if !strings.HasSuffix(r.Prose.Requests, "2021年收到和处理政府信息公开申请0件。") {
		t.Errorf("一(二) = %q", r.Prose.Requests)
	}
	if n := r.Table2.Normative; n.Issued != 1 || n.Abolished != 0 || n.InForce != 1 {
		t.Errorf("行政规范性文件 = %d/%d/%d, want 1/0/1", n.Issued, n.Abolished, n.InForce)
	}
	if r.Table2.FeesWan != "0" {
		t.Errorf("收费 = %q, want 0", r.Table2.FeesWan)
	}
	for _, row := range t3Rows(&r.Table3) {
		for i := range columnCodes {
			if v := *row.Cells.At(i); v != 0 {
				t.Errorf("%s.%s = %d, want 0", row.ID, columnCodes[i], v)
			}
		}
	}
	if len(r.Table3.Outcomes) != 21 {
		t.Errorf("表三 has %d leaves, want 21", len(r.Table3.Outcomes))
	}
	if r.Table4 != (Table4{}) {
		t.Errorf("表四 = %+v, want zeros", r.Table4)
	}
	if ps := Check(r, nil); len(ps) != 0 {
		t.Errorf("Check = %+v, want none", ps)
	}
	if r.SignDate != "2022-01-19" || signDate(r.SignDate) != "2022年1月19日" {
		t.Errorf("sign date %q", r.SignDate)
	}
}

// TestSeedTotalContradiction: the seed's sentence as printed says 193 while
// its categories sum to 198; check 7 names the figure and both values.
func TestSeedTotalContradiction(t *testing.T) {
	d := seedData()
	d.Prose.Proactive = "我局网站全年访问总量为 6.3 万人次；主动公开发布信息 193 条，其中：滚动图片重要新闻 65 条，" +
		"部门文件 9 条，概况类信息 6 条，政务动态信息 64 条，乡村振兴信息 54 条。"
	ps := Check(mustBuild(t, d), nil)
	if len(ps) != 1 || ps[0].Check != 7 || ps[0].Cell != "s1.1.total" || ps[0].Got != "193" || ps[0].Want != "198" {
		t.Fatalf("Check = %+v, want one problem s1.1.total 193 vs 198", ps)
	}
}

func TestBusyReportCells(t *testing.T) {
	r := mustBuild(t, busyData())
	t3 := &r.Table3
	cases := []struct {
		name      string
		got, want int64
	}{
		{"一 总计", t3.New.Total, 9},
		{"二 总计", t3.CarriedIn.Total, 2},
		{"（七） 自然人", t3.Closed.Natural, 5},
		{"（七） 总计", t3.Closed.Total, 9},
		{"（一） 总计", t3.Outcomes[0].Cells.Total, 3},
		{"（三）4 自然人", t3.Outcomes[outcomeIndex("3.4")].Cells.Natural, 1},
		{"（三）2 法律服务机构", t3.Outcomes[outcomeIndex("3.2")].Cells.LegalService, 1},
		{"（六）1 社会公益组织", t3.Outcomes[outcomeIndex("6.1")].Cells.PublicWelfare, 1},
		{"四 总计", t3.CarriedOut.Total, 2},
		{"表四 行政复议 总计", r.Table4.Review.Total, 2},
		{"表四 直接起诉 总计", r.Table4.Direct.Total, 2},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("%s = %d, want %d", c.name, c.got, c.want)
		}
	}
	if r.Table2.FeesWan != "0.15" {
		t.Errorf("收费 = %q, want 0.15", r.Table2.FeesWan)
	}
	want := "2021年收到和处理政府信息公开申请9件，上年结转2件，本年办结9件，结转下年度继续办理2件。"
	if !strings.HasSuffix(r.Prose.Requests, want) {
		t.Errorf("一(二) = %q, want suffix %q", r.Prose.Requests, want)
	}
	if ps := Check(r, nil); len(ps) != 0 {
		t.Errorf("Check = %+v, want none", ps)
	}
}

func TestBuildRejectsBadInput(t *testing.T) {
	cases := map[string]func(*Data){
		"unknown applicant": func(d *Data) { d.New = map[string]int{"social_org": 1} },
		"unknown outcome":   func(d *Data) { d.Outcomes = map[string]map[string]int{Natural: {"3.9": 1}} },
		"negative":          func(d *Data) { d.CarriedOut = map[string]int{Natural: -1} },
		"negative fee":      func(d *Data) { d.FeesYuan = -1 },
		"year":              func(d *Data) { d.Year = 2020 },
		"organisation":      func(d *Data) { d.Organisation = "" },
	}
	for name, edit := range cases {
		d := seedData()
		edit(&d)
		if r, err := Build(d); err == nil {
			t.Errorf("%s: Build succeeded with %+v", name, r)
		}
	}
}

func TestProseOverrideKeepsFigures(t *testing.T) {
	d := seedData()
	d.Prose.Other = "本年度无其他事项。"
	d.Prose.Platform = "订阅号全年发布信息255条，订阅人数为1641人，浏览量达5.1万人次。"
	r := mustBuild(t, d)
	if r.Prose.Other != "本年度无其他事项。" || r.Prose.Platform != d.Prose.Platform {
		t.Errorf("override lost: %+v", r.Prose)
	}
	if r.Prose.Problems == "" || r.Prose.Management == "" {
		t.Error("defaults missing")
	}
	if len(r.Figures) == 0 {
		t.Fatal("no figures recorded")
	}
	if ps := Check(r, nil); len(ps) != 0 {
		t.Errorf("Check = %+v, want none", ps)
	}
}

func TestFormatCount(t *testing.T) {
	for n, want := range map[int64]string{
		0: "0", 9999: "9999", 10000: "1万", 10499: "1万", 10500: "1.1万", 51000: "5.1万",
		51499: "5.1万", 51500: "5.2万", 99999: "10万", 123456: "12.3万",
	} {
		if got := FormatCount(n); got != want {
			t.Errorf("FormatCount(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestYuanToWan(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 1: "0.0001", 1500: "0.15", 10000: "1", 123456: "12.3456"} {
		if got := YuanToWan(n); got != want {
			t.Errorf("YuanToWan(%d) = %q, want %q", n, got, want)
		}
	}
}
