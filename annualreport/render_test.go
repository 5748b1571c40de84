package annualreport

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestLabelsVerbatim(t *testing.T) {
	r := mustBuild(t, busyData())
	outputs := map[string]string{"markdown": string(Markdown(r)), "html": string(HTML(r))}
	for name, out := range outputs {
		for _, o := range Outcomes {
			if !strings.Contains(out, o.Label) {
				t.Errorf("%s: missing leaf label %q", name, o.Label)
			}
		}
		for _, want := range []string{"社会公益组织", "其他法律行政法规禁止公开", Corner, "法人或其他组织",
			LabelNew, LabelCarriedIn, LabelResults, LabelClosed, LabelCarriedOut,
			"（三）不予公开", "（四）无法提供", "（五）不予处理", "（六）其他处理",
			"未经复议直接起诉", "复议后起诉", "本年收费金额（单位：万元）", "第二十条第（八）项",
			h1, h2, h3, h4, h5, h6, "全年发布信息255条"} {
			if !strings.Contains(out, want) {
				t.Errorf("%s: missing %q", name, want)
			}
		}
		for _, bad := range []string{"| 社会组织 |", ">社会组织<", "其他法律法规禁止公开"} {
			if strings.Contains(out, bad) {
				t.Errorf("%s: contains the seed's wrong label %q", name, bad)
			}
		}
	}
}

func TestHTMLLayoutAndHighlight(t *testing.T) {
	r := mustBuild(t, busyData())
	r.Table3.Closed.Natural = 4
	page := string(HTML(r, Check(r, nil)...))
	for _, want := range []string{
		`<th rowspan="3" colspan="3">` + Corner + `</th>`,
		`<th colspan="5">法人或其他组织</th>`,
		`<th rowspan="8">（三）不予公开</th>`,
		`<th rowspan="2" colspan="5">行政复议</th>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("HTML missing %q", want)
		}
	}
	if !strings.Contains(page, `<td id="t3.r7.natural" class="problem" title="`) {
		t.Error("the wrong （七） cell is not highlighted")
	}
	if !strings.Contains(page, `<td id="t3.r1.total">9</td>`) {
		t.Error("row 一 总计 cell missing or highlighted")
	}
	if strings.Contains(page, "<script") || strings.Contains(page, "<link") || strings.Contains(page, "http") {
		t.Error("HTML is not self-contained")
	}
	if strings.Contains(string(HTML(r)), `class="problem"`) {
		t.Error("highlight without problems passed in")
	}
}

func TestMarkdownCells(t *testing.T) {
	md := string(Markdown(mustBuild(t, busyData())))
	for _, want := range []string{
		"| " + LabelNew + " | 5 | 2 | 0 | 1 | 1 | 0 | 9 |",
		"| 4. 保护第三方合法权益 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |",
		"| " + LabelClosed + " | 5 | 2 | 0 | 1 | 1 | 0 | 9 |",
		"| 行政复议 | 1 | 0 | 1 | 0 | 2 |",
		"| 行政规范性文件 | 2 | 1 | 5 |",
		"| 行政事业性收费 | 0.15 |",
		"2022年1月19日",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown missing %q", want)
		}
	}
}

func TestXLSXCells(t *testing.T) {
	b, err := XLSX(mustBuild(t, busyData()))
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cases := []struct{ sheet, cell, want string }{
		{"表三", "A1", Corner},
		{"表三", "D2", "自然人"},
		{"表三", "G3", "社会公益组织"},
		{"表三", "J4", "9"},  // 一 总计
		{"表三", "D11", "1"}, // （三）4 自然人
		{"表三", "C9", "2. 其他法律行政法规禁止公开"},
		{"表三", "J27", "9"}, // （七）总计
		{"表三", "J28", "2"}, // 四 总计
		{"表二", "D4", "5"},  // 行政规范性文件 现行有效
		{"表二", "B14", "0.15"},
		{"表四", "E4", "2"},
		{"表四", "F2", "未经复议直接起诉"},
		{"总体情况", "A1", r0Title},
	}
	for _, c := range cases {
		got, err := f.GetCellValue(c.sheet, c.cell)
		if err != nil || got != c.want {
			t.Errorf("%s!%s = %q (%v), want %q", c.sheet, c.cell, got, err, c.want)
		}
	}
	merges, err := f.GetMergeCells("表三")
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]bool{}
	for _, m := range merges {
		found[m.GetStartAxis()+":"+m.GetEndAxis()] = true
	}
	for _, want := range []string{"A1:C3", "D1:J1", "E2:I2", "B8:B15", "A6:A27"} {
		if !found[want] {
			t.Errorf("表三 merge %s missing; have %v", want, found)
		}
	}
}

const r0Title = "阜新市乡村振兴局2021年政府信息公开工作年度报告"

func TestJSONRoundTrip(t *testing.T) {
	r := mustBuild(t, busyData())
	r.Table3.Closed.Total = 99 // a wrong stored total must survive the trip
	b, err := JSON(r)
	if err != nil {
		t.Fatal(err)
	}
	back, err := Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(r, back) {
		t.Errorf("round trip differs:\n%+v\n%+v", r, back)
	}
	for _, key := range []string{`"public_welfare"`, `"carried_out"`, `"fees_wan": "0.15"`, `"code": "3.2"`,
		`"prev_in_force": 4`, `"id": "s1.4.views"`} {
		if !bytes.Contains(b, []byte(key)) {
			t.Errorf("JSON missing %s", key)
		}
	}
	if got := briefs(Check(back, nil)); len(got) == 0 || got[0] != (brief{1, "t3.r4.total", "11", "101"}) {
		t.Errorf("loaded report problems = %v", got)
	}
}

func TestParseRejectsBadShape(t *testing.T) {
	r := mustBuild(t, seedData())
	r.Table3.Outcomes = r.Table3.Outcomes[:20]
	b, _ := JSON(r)
	if _, err := Parse(b); err == nil {
		t.Error("Parse accepted 20 outcome rows")
	}
	for _, bad := range []string{`{`, `{"format":"other"}`} {
		if _, err := Parse([]byte(bad)); err == nil {
			t.Errorf("Parse accepted %s", bad)
		}
	}
}
