package disclosure

import (
	"errors"
	"testing"
)

func TestOutcomeLabels(t *testing.T) {
	// Verbatim from table 三 of 国办公开办函〔2021〕30号.
	want := map[string]string{
		"1":   "（一）予以公开",
		"2":   "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
		"3.1": "1. 属于国家秘密",
		"3.2": "2. 其他法律行政法规禁止公开",
		"3.3": "3. 危及“三安全一稳定”",
		"3.4": "4. 保护第三方合法权益",
		"3.5": "5. 属于三类内部事务信息",
		"3.6": "6. 属于四类过程性信息",
		"3.7": "7. 属于行政执法案卷",
		"3.8": "8. 属于行政查询事项",
		"4.1": "1. 本机关不掌握相关政府信息",
		"4.2": "2. 没有现成信息需要另行制作",
		"4.3": "3. 补正后申请内容仍不明确",
		"5.1": "1. 信访举报投诉类申请",
		"5.2": "2. 重复申请",
		"5.3": "3. 要求提供公开出版物",
		"5.4": "4. 无正当理由大量反复申请",
		"5.5": "5. 要求行政机关确认或重新出具已获取信息",
		"6.1": "1. 申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
		"6.2": "2. 申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
		"6.3": "3. 其他",
	}
	groups := map[byte]string{'1': GroupDisclosed, '2': GroupPartial, '3': "（三）不予公开",
		'4': "（四）无法提供", '5': "（五）不予处理", '6': "（六）其他处理"}
	all := Outcomes()
	if len(all) != 21 {
		t.Fatalf("%d outcomes, want 21", len(all))
	}
	for _, o := range all {
		if o.Title() != want[o.Code] {
			t.Errorf("%s: %q, want %q", o.Code, o.Title(), want[o.Code])
		}
		if o.Group != groups[o.Code[0]] {
			t.Errorf("%s: group %q", o.Code, o.Group)
		}
		got, err := OutcomeByCode(o.Code)
		if err != nil || got != o {
			t.Errorf("OutcomeByCode(%s) = %+v, %v", o.Code, got, err)
		}
	}
	for _, bad := range []string{"", "3", "3.9", "7", "6.4"} {
		if _, err := OutcomeByCode(bad); !errors.Is(err, ErrUnknownOutcome) {
			t.Errorf("OutcomeByCode(%q): %v", bad, err)
		}
	}
}
