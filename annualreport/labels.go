package annualreport

// Applicant codes, shared with the disclosure package. They are plain string
// constants (not a named type) so callers can key their own map[string]int
// with them without conversions.
const (
	Natural       = "natural"        // 自然人
	Commercial    = "commercial"     // 商业企业
	Research      = "research"       // 科研机构
	PublicWelfare = "public_welfare" // 社会公益组织
	LegalService  = "legal_service"  // 法律服务机构
	OtherOrg      = "other_org"      // 其他
)

// TotalColumn is the cell-id column code of table 三's 总计 column.
const TotalColumn = "total"

// Applicants lists the six applicant codes in the column order of table 三.
var Applicants = []string{Natural, Commercial, Research, PublicWelfare, LegalService, OtherOrg}

// columnLabels holds the official column labels of table 三, index-aligned
// with Applicants followed by 总计. 社会公益组织 is the 2021 label; the older
// 社会组织 must not be used.
var columnLabels = []string{"自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"}

// columnCodes is Applicants followed by the 总计 code, index-aligned with
// columnLabels and with the fields of Cells.
var columnCodes = append(append([]string{}, Applicants...), TotalColumn)

// ColumnLabel returns the official label of an applicant code or "total".
func ColumnLabel(code string) string {
	for i, c := range columnCodes {
		if c == code {
			return columnLabels[i]
		}
	}
	return code
}

// Corner is the verbatim text of table 三's top-left cell.
const Corner = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

// Official row labels of table 三 outside the outcome leaves.
const (
	LabelNew        = "一、本年新收政府信息公开申请数量"
	LabelCarriedIn  = "二、上年结转政府信息公开申请数量"
	LabelResults    = "三、本年度办理结果"
	LabelClosed     = "（七）总计"
	LabelCarriedOut = "四、结转下年度继续办理"
)

// Outcome describes one of the 21 leaves of table 三.
type Outcome struct {
	Code  string // shared code, e.g. "3.2"
	Group string // group header, e.g. "（三）不予公开"; empty for （一） and （二）
	Label string // verbatim leaf label; numbered leaves include their "N. " prefix
}

// Outcomes lists the 21 leaves of table 三 in table order. Rows (三)–(六) are
// group headers without a subtotal, so only these leaves carry numbers.
var Outcomes = []Outcome{
	{"1", "", "（一）予以公开"},
	{"2", "", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"},
	{"3.1", groupWithhold, "1. 属于国家秘密"},
	{"3.2", groupWithhold, "2. 其他法律行政法规禁止公开"},
	{"3.3", groupWithhold, "3. 危及“三安全一稳定”"},
	{"3.4", groupWithhold, "4. 保护第三方合法权益"},
	{"3.5", groupWithhold, "5. 属于三类内部事务信息"},
	{"3.6", groupWithhold, "6. 属于四类过程性信息"},
	{"3.7", groupWithhold, "7. 属于行政执法案卷"},
	{"3.8", groupWithhold, "8. 属于行政查询事项"},
	{"4.1", groupUnable, "1. 本机关不掌握相关政府信息"},
	{"4.2", groupUnable, "2. 没有现成信息需要另行制作"},
	{"4.3", groupUnable, "3. 补正后申请内容仍不明确"},
	{"5.1", groupNotHandled, "1. 信访举报投诉类申请"},
	{"5.2", groupNotHandled, "2. 重复申请"},
	{"5.3", groupNotHandled, "3. 要求提供公开出版物"},
	{"5.4", groupNotHandled, "4. 无正当理由大量反复申请"},
	{"5.5", groupNotHandled, "5. 要求行政机关确认或重新出具已获取信息"},
	{"6.1", groupOther, "1. 申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"},
	{"6.2", groupOther, "2. 申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"},
	{"6.3", groupOther, "3. 其他"},
}

const (
	groupWithhold   = "（三）不予公开"
	groupUnable     = "（四）无法提供"
	groupNotHandled = "（五）不予处理"
	groupOther      = "（六）其他处理"
)

// outcomeIndex returns the position of an outcome code in Outcomes, or -1.
func outcomeIndex(code string) int {
	for i, o := range Outcomes {
		if o.Code == code {
			return i
		}
	}
	return -1
}

// applicantIndex returns the position of an applicant code, or -1.
func applicantIndex(code string) int {
	for i, a := range Applicants {
		if a == code {
			return i
		}
	}
	return -1
}

// Labels of table 二.
const (
	t2Item1     = "第二十条第（一）项"
	t2Item5     = "第二十条第（五）项"
	t2Item6     = "第二十条第（六）项"
	t2Item8     = "第二十条第（八）项"
	t2Content   = "信息内容"
	t2Issued    = "本年制发件数"
	t2Abolished = "本年废止件数"
	t2InForce   = "现行有效件数"
	t2Decisions = "本年处理决定数量"
	t2FeeAmount = "本年收费金额（单位：万元）"
	t2Rules     = "规章"
	t2Normative = "行政规范性文件"
	t2Licensing = "行政许可"
	t2Penalty   = "行政处罚"
	t2Coercion  = "行政强制"
	t2Fees      = "行政事业性收费"
)

// Labels of table 四.
const (
	t4Review      = "行政复议"
	t4Litigation  = "行政诉讼"
	t4Direct      = "未经复议直接起诉"
	t4AfterReview = "复议后起诉"
)

// t4Groups and t4Columns give table 四's cell-id codes with their labels, in
// table order.
var (
	t4Groups     = []string{"review", "direct", "after_review"}
	t4GroupLabel = []string{t4Review, t4Direct, t4AfterReview}
	t4Columns    = []string{"upheld", "corrected", "other", "pending", "total"}
	t4ColLabel   = []string{"结果维持", "结果纠正", "其他结果", "尚未审结", "总计"}
)

// Section headings of the report.
const (
	h1 = "一、总体情况"
	h2 = "二、主动公开政府信息情况"
	h3 = "三、收到和处理政府信息公开申请情况"
	h4 = "四、政府信息公开行政复议、行政诉讼情况"
	h5 = "五、存在的主要问题及改进情况"
	h6 = "六、其他需要报告的事项"
)

// Sub-headings of section 一.
var s1Headings = []string{
	"（一）主动公开政府信息情况",
	"（二）依申请公开情况",
	"（三）政府信息管理情况",
	"（四）平台建设情况",
	"（五）监督保障情况",
}
