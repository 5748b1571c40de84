package disclosure

import (
	"errors"
	"fmt"
)

// Outcome is one of the 21 leaves of table 三 of the annual report
// (国办公开办函〔2021〕30号). Every closed request falls in exactly one.
type Outcome struct {
	// Code is the code shared with the report package, e.g. "3.3".
	Code string `json:"code"`
	// Group is the verbatim header of the row group, e.g. "（三）不予公开".
	// For （一） and （二）, which have no sub-rows, it is the row itself.
	Group string `json:"group"`
	// Number is the sub-row number within the group, 0 for （一） and （二）.
	Number int `json:"number"`
	// Label is the verbatim row text without the group or number prefix.
	Label string `json:"label"`
	// Article is the provision the outcome rests on, to help the officer pick.
	// It is empty where the law names no single provision (不予处理 5,
	// 其他处理 3), rather than a guess.
	Article string
}

// Group headers of table 三, verbatim.
const (
	GroupDisclosed   = "（一）予以公开"
	GroupPartial     = "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
	GroupWithheld    = "（三）不予公开"
	GroupUnavailable = "（四）无法提供"
	GroupNotHandled  = "（五）不予处理"
	GroupOther       = "（六）其他处理"
)

// Outcome codes that the state machine treats specially.
const (
	// OutcomeUnclearAfterCorrection is 无法提供 3, which presupposes a 补正.
	OutcomeUnclearAfterCorrection = "4.3"
	// OutcomeNoCorrection is 其他处理 1, closing a request whose 补正 lapsed.
	OutcomeNoCorrection = "6.1"
	// OutcomeFeeUnpaid is 其他处理 2, closing a request whose fee went unpaid.
	OutcomeFeeUnpaid = "6.2"
	// OutcomeOther is 其他处理 3; a withdrawn request is counted here so that
	// the report's 勾稽关系 still balances.
	OutcomeOther = "6.3"
)

var outcomes = []Outcome{
	{"1", GroupDisclosed, 0, "予以公开", "第二十七条、第三十六条（一）（二）"},
	{"2", GroupPartial, 0, "部分公开", "第三十七条"},
	{"3.1", GroupWithheld, 1, "属于国家秘密", "第十四条"},
	{"3.2", GroupWithheld, 2, "其他法律行政法规禁止公开", "第十四条"},
	{"3.3", GroupWithheld, 3, "危及“三安全一稳定”", "第十四条"},
	{"3.4", GroupWithheld, 4, "保护第三方合法权益", "第十五条、第三十二条"},
	{"3.5", GroupWithheld, 5, "属于三类内部事务信息", "第十六条第一款"},
	{"3.6", GroupWithheld, 6, "属于四类过程性信息", "第十六条第二款"},
	{"3.7", GroupWithheld, 7, "属于行政执法案卷", "第十六条第二款"},
	{"3.8", GroupWithheld, 8, "属于行政查询事项", "第三十六条（七）"},
	{"4.1", GroupUnavailable, 1, "本机关不掌握相关政府信息", "第三十六条（四）（五）"},
	{"4.2", GroupUnavailable, 2, "没有现成信息需要另行制作", "第三十八条"},
	{"4.3", GroupUnavailable, 3, "补正后申请内容仍不明确", "第三十条"},
	{"5.1", GroupNotHandled, 1, "信访举报投诉类申请", "第三十九条"},
	{"5.2", GroupNotHandled, 2, "重复申请", "第三十六条（六）"},
	{"5.3", GroupNotHandled, 3, "要求提供公开出版物", "第三十九条"},
	{"5.4", GroupNotHandled, 4, "无正当理由大量反复申请", "第三十五条"},
	{"5.5", GroupNotHandled, 5, "要求行政机关确认或重新出具已获取信息", ""},
	{"6.1", GroupOther, 1, "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "第三十条"},
	{"6.2", GroupOther, 2, "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "《政府信息公开信息处理费管理办法》"},
	{"6.3", GroupOther, 3, "其他", ""},
}

// ErrUnknownOutcome is returned for a code that is not one of the 21 leaves.
var ErrUnknownOutcome = errors.New("disclosure: 未知的办理结果 / unknown outcome code")

// Outcomes returns the 21 leaves in table order. The slice is a copy.
func Outcomes() []Outcome {
	return append([]Outcome(nil), outcomes...)
}

// OutcomeByCode looks up a leaf by its shared code.
func OutcomeByCode(code string) (Outcome, error) {
	for _, o := range outcomes {
		if o.Code == code {
			return o, nil
		}
	}
	return Outcome{}, fmt.Errorf("%w: %q", ErrUnknownOutcome, code)
}

// Title is the row as printed in table 三: the group header for （一） and
// （二）, and "N. label" for a numbered sub-row.
func (o Outcome) Title() string {
	if o.Number == 0 {
		return o.Group
	}
	return fmt.Sprintf("%d. %s", o.Number, o.Label)
}
