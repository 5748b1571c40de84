package models

import (
	"strings"
	"time"
	"unicode/utf8"
)

// Kinds of documents in the 第二十条第（一）项 register.
const (
	DocRule      = "rule"      // 规章
	DocNormative = "normative" // 行政规范性文件
)

// Kinds of yearly decision figures of table 二.
const (
	DecisionLicensing = "licensing" // 行政许可
	DecisionPenalty   = "penalty"   // 行政处罚
	DecisionCoercion  = "coercion"  // 行政强制
	DecisionFee       = "fee"       // 行政事业性收费
)

// Kinds and results of the table 四 case register.
const (
	CaseReview      = "review"       // 行政复议
	CaseDirect      = "direct"       // 行政诉讼：未经复议直接起诉
	CaseAfterReview = "after_review" // 行政诉讼：复议后起诉

	ResultUpheld    = "upheld"    // 结果维持
	ResultCorrected = "corrected" // 结果纠正
	ResultOther     = "other"     // 其他结果
	ResultPending   = "pending"   // 尚未审结
)

// RegisterDocument is one 规章 or 行政规范性文件 the bureau issued. Issued,
// abolished and in-force counts of any year are derived from the dates, so
// 现行有效 always equals last year's + 制发 − 废止.
type RegisterDocument struct {
	ID          uint      `gorm:"primaryKey" json:"id"`
	Kind        string    `gorm:"size:16;not null;index" json:"kind"`
	Title       string    `gorm:"size:200;not null" json:"title"`
	DocNo       string    `gorm:"size:64" json:"doc_no"` // 文号
	IssuedOn    string    `gorm:"size:10;not null;index" json:"issued_on"`
	AbolishedOn *string   `gorm:"size:10;index" json:"abolished_on,omitempty"`
	Note        string    `gorm:"size:500" json:"note"`
	CreatedBy   string    `gorm:"size:64" json:"created_by"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
}

// Validate checks a document entry before it is stored.
func (d RegisterDocument) Validate() error {
	switch {
	case d.Kind != DocRule && d.Kind != DocNormative:
		return Invalid("kind", "文件类型须为 rule（规章）或 normative（行政规范性文件） / kind must be rule or normative")
	case strings.TrimSpace(d.Title) == "" || utf8.RuneCountInString(d.Title) > 200:
		return Invalid("title", "文件名称须为1–200个字 / title must be 1–200 characters")
	case utf8.RuneCountInString(d.DocNo) > 64:
		return Invalid("doc_no", "文号最多64个字 / doc_no is at most 64 characters")
	case !ValidDay(d.IssuedOn):
		return Invalid("issued_on", "制发日期须为 YYYY-MM-DD / issued_on must be YYYY-MM-DD")
	case d.AbolishedOn != nil && !ValidDay(*d.AbolishedOn):
		return Invalid("abolished_on", "废止日期须为 YYYY-MM-DD / abolished_on must be YYYY-MM-DD")
	case d.AbolishedOn != nil && *d.AbolishedOn < d.IssuedOn:
		return Invalid("abolished_on", "废止日期不能早于制发日期 / abolished_on is before issued_on")
	case utf8.RuneCountInString(d.Note) > 500:
		return Invalid("note", "备注最多500个字 / note is at most 500 characters")
	}
	return nil
}

// RegisterDecision is a count of decisions (or a fee amount) entered for a
// period: officers enter monthly or yearly totals from the business systems
// that hold the individual decisions. Day dates the entry into its year.
type RegisterDecision struct {
	ID    uint   `gorm:"primaryKey" json:"id"`
	Kind  string `gorm:"size:16;not null;index" json:"kind"`
	Day   string `gorm:"size:10;not null;index" json:"day"`
	Count int64  `gorm:"not null" json:"count"`
	// AmountYuan is the fee total in whole 元 (fees are charged in whole 元);
	// the report prints it in 万元.
	AmountYuan int64     `gorm:"not null" json:"amount_yuan"`
	Note       string    `gorm:"size:500" json:"note"`
	CreatedBy  string    `gorm:"size:64" json:"created_by"`
	CreatedAt  time.Time `json:"created_at"`
	UpdatedAt  time.Time `json:"updated_at"`
}

// Validate checks a decision entry: counts for decisions, an amount for fees.
func (d RegisterDecision) Validate() error {
	switch {
	case d.Kind != DecisionLicensing && d.Kind != DecisionPenalty && d.Kind != DecisionCoercion && d.Kind != DecisionFee:
		return Invalid("kind", "类型须为 licensing、penalty、coercion 或 fee / unknown kind")
	case !ValidDay(d.Day):
		return Invalid("day", "日期须为 YYYY-MM-DD / day must be YYYY-MM-DD")
	case d.Count < 0:
		return Invalid("count", "数量不能为负数 / count must not be negative")
	case d.AmountYuan < 0:
		return Invalid("amount_yuan", "金额不能为负数 / amount must not be negative")
	case d.Kind == DecisionFee && d.Count != 0:
		return Invalid("count", "收费请填写金额（元），不填数量 / a fee entry has an amount, not a count")
	case d.Kind != DecisionFee && d.AmountYuan != 0:
		return Invalid("amount_yuan", "只有收费填写金额 / only fee entries have an amount")
	case utf8.RuneCountInString(d.Note) > 500:
		return Invalid("note", "备注最多500个字 / note is at most 500 characters")
	}
	return nil
}

// RegisterCase is one 行政复议 or 行政诉讼 case about disclosure. A case is
// 尚未审结 in every year-end before ConcludedOn.
type RegisterCase struct {
	ID          uint      `gorm:"primaryKey" json:"id"`
	Kind        string    `gorm:"size:16;not null;index" json:"kind"`
	CaseNo      string    `gorm:"size:64" json:"case_no"`
	FiledOn     string    `gorm:"size:10;not null;index" json:"filed_on"`
	Result      string    `gorm:"size:16;not null" json:"result"`
	ConcludedOn *string   `gorm:"size:10;index" json:"concluded_on,omitempty"`
	Note        string    `gorm:"size:500" json:"note"`
	CreatedBy   string    `gorm:"size:64" json:"created_by"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
}

// Validate checks a case entry: a concluded case has a result and a date,
// a pending one has neither.
func (c RegisterCase) Validate() error {
	switch {
	case c.Kind != CaseReview && c.Kind != CaseDirect && c.Kind != CaseAfterReview:
		return Invalid("kind", "案件类型须为 review、direct 或 after_review / unknown kind")
	case utf8.RuneCountInString(c.CaseNo) > 64:
		return Invalid("case_no", "案号最多64个字 / case_no is at most 64 characters")
	case !ValidDay(c.FiledOn):
		return Invalid("filed_on", "立案日期须为 YYYY-MM-DD / filed_on must be YYYY-MM-DD")
	case c.Result != ResultUpheld && c.Result != ResultCorrected && c.Result != ResultOther && c.Result != ResultPending:
		return Invalid("result", "结果须为 upheld、corrected、other 或 pending / unknown result")
	case c.Result == ResultPending && c.ConcludedOn != nil:
		return Invalid("concluded_on", "尚未审结的案件不能有审结日期 / a pending case has no conclusion date")
	case c.Result != ResultPending && c.ConcludedOn == nil:
		return Invalid("concluded_on", "已审结的案件须填写审结日期 / a concluded case needs concluded_on")
	case c.ConcludedOn != nil && !ValidDay(*c.ConcludedOn):
		return Invalid("concluded_on", "审结日期须为 YYYY-MM-DD / concluded_on must be YYYY-MM-DD")
	case c.ConcludedOn != nil && *c.ConcludedOn < c.FiledOn:
		return Invalid("concluded_on", "审结日期不能早于立案日期 / concluded_on is before filed_on")
	case utf8.RuneCountInString(c.Note) > 500:
		return Invalid("note", "备注最多500个字 / note is at most 500 characters")
	}
	return nil
}

// ValidDay reports whether s is a real calendar day written YYYY-MM-DD.
func ValidDay(s string) bool {
	_, err := time.Parse("2006-01-02", s)
	return err == nil && len(s) == 10
}
