package annualreport

// FormatVersion identifies the JSON layout of a Report, so a stored report
// from an older layout is rejected by Parse instead of being misread.
const FormatVersion = "govmp.report.v1"

// Report is a built (or loaded) annual report. Every cell is stored, never
// recomputed on read: a report edited by hand or loaded from JSON may carry
// wrong totals, and Check must be able to see them.
type Report struct {
	Format       string `json:"format"`
	Year         int    `json:"year"`
	Organisation string `json:"organisation"`
	Account      string `json:"account"`
	// Columns are the 专栏 names quoted in 一(四).
	Columns []string `json:"columns"`
	// SignDate is the signing date as YYYY-MM-DD, or empty.
	SignDate string `json:"sign_date"`

	Prose     Prose      `json:"prose"`
	Proactive []Category `json:"proactive"`
	Platform  Platform   `json:"platform"`
	// Figures are the numbers quoted in the generated prose, kept as values
	// so check 7 knows what each sentence claimed and where it came from.
	Figures []Figure `json:"figures"`

	Table2 Table2 `json:"table2"`
	Table3 Table3 `json:"table3"`
	Table4 Table4 `json:"table4"`

	// PrevCarriedOut is last year's table 三 row 四, when known (check 4).
	PrevCarriedOut *Cells `json:"prev_carried_out,omitempty"`
}

// Prose holds the text sections. Paragraphs are separated by "\n".
type Prose struct {
	Intro       string `json:"intro"`       // opening of section 一
	Proactive   string `json:"proactive"`   // 一(一), generated
	Requests    string `json:"requests"`    // 一(二), generated
	Management  string `json:"management"`  // 一(三)
	Platform    string `json:"platform"`    // 一(四), generated
	Supervision string `json:"supervision"` // 一(五)
	Problems    string `json:"problems"`    // 五
	Other       string `json:"other"`       // 六
}

// Category is one line of proactive disclosure counts, in display order.
type Category struct {
	Name  string `json:"name"`
	Count int64  `json:"count"`
}

// Platform holds the subscription-account figures of 一(四) and, for each,
// where it came from (e.g. "datacube" or "local"), so a reader can judge it.
type Platform struct {
	PublishedArticles int64  `json:"published_articles"`
	Subscribers       int64  `json:"subscribers"`
	Views             int64  `json:"views"`
	ArticlesSource    string `json:"articles_source"`
	SubscribersSource string `json:"subscribers_source"`
	ViewsSource       string `json:"views_source"`
	// WebsiteVisits is the portal's yearly visit count for 一(一), if known.
	WebsiteVisits *int64 `json:"website_visits,omitempty"`
}

// Figure is a number quoted in generated prose.
type Figure struct {
	ID      string `json:"id"`      // stable id, e.g. "s1.4.articles"
	Section string `json:"section"` // Prose field: proactive, requests or platform
	Label   string `json:"label"`   // what the number is, in Chinese
	Value   int64  `json:"value"`   // the value printed
	Text    string `json:"text"`    // the value as printed, e.g. "5.1万"
}

// Cells is one row of table 三: six applicant columns and 总计.
type Cells struct {
	Natural       int64 `json:"natural"`
	Commercial    int64 `json:"commercial"`
	Research      int64 `json:"research"`
	PublicWelfare int64 `json:"public_welfare"`
	LegalService  int64 `json:"legal_service"`
	OtherOrg      int64 `json:"other_org"`
	Total         int64 `json:"total"`
}

// At returns the cell of a column index (0–5 applicants, 6 总计).
func (c *Cells) At(i int) *int64 {
	return [...]*int64{&c.Natural, &c.Commercial, &c.Research, &c.PublicWelfare,
		&c.LegalService, &c.OtherOrg, &c.Total}[i]
}

// applicantSum adds the six applicant columns, ignoring the stored 总计.
func (c *Cells) applicantSum() int64 {
	var s int64
	for i := range Applicants {
		s += *c.At(i)
	}
	return s
}

// OutcomeRow is one of the 21 leaves of table 三.
type OutcomeRow struct {
	Code  string `json:"code"`
	Cells Cells  `json:"cells"`
}

// Table3 is 收到和处理政府信息公开申请情况.
type Table3 struct {
	New        Cells        `json:"new"`         // 一
	CarriedIn  Cells        `json:"carried_in"`  // 二
	Outcomes   []OutcomeRow `json:"outcomes"`    // 三, the 21 leaves in table order
	Closed     Cells        `json:"closed"`      // 三（七）总计
	CarriedOut Cells        `json:"carried_out"` // 四
}

// DocRow is a 第二十条第（一）项 row. PrevInForce is last year's 现行有效件数,
// nil when unknown (check 5 is then skipped unless a previous report is given).
type DocRow struct {
	Issued      int64  `json:"issued"`
	Abolished   int64  `json:"abolished"`
	InForce     int64  `json:"in_force"`
	PrevInForce *int64 `json:"prev_in_force,omitempty"`
}

// Table2 is 主动公开政府信息情况. FeesWan is the fee amount in 万元 as a
// decimal string ("0", "0.15"): the official unit has decimals, and a string
// keeps the printed value exact where a float could not.
type Table2 struct {
	Rules     DocRow `json:"rules"`     // 规章
	Normative DocRow `json:"normative"` // 行政规范性文件
	Licensing int64  `json:"licensing"` // 行政许可
	Penalty   int64  `json:"penalty"`   // 行政处罚
	Coercion  int64  `json:"coercion"`  // 行政强制
	FeesWan   string `json:"fees_wan"`  // 行政事业性收费, 万元
}

// CaseRow is one group of table 四 with its stored 总计.
type CaseRow struct {
	Upheld    int64 `json:"upheld"`
	Corrected int64 `json:"corrected"`
	Other     int64 `json:"other"`
	Pending   int64 `json:"pending"`
	Total     int64 `json:"total"`
}

// at returns the cell of a column index in t4Columns order.
func (c *CaseRow) at(i int) *int64 {
	return [...]*int64{&c.Upheld, &c.Corrected, &c.Other, &c.Pending, &c.Total}[i]
}

// Table4 is 政府信息公开行政复议、行政诉讼情况.
type Table4 struct {
	Review      CaseRow `json:"review"`       // 行政复议
	Direct      CaseRow `json:"direct"`       // 行政诉讼：未经复议直接起诉
	AfterReview CaseRow `json:"after_review"` // 行政诉讼：复议后起诉
}

// group returns a table 四 group by index in t4Groups order.
func (t *Table4) group(i int) *CaseRow {
	return [...]*CaseRow{&t.Review, &t.Direct, &t.AfterReview}[i]
}

// Title is the report's title, e.g. 阜新市乡村振兴局2021年政府信息公开工作年度报告.
func (r *Report) Title() string {
	return r.Organisation + itoa(int64(r.Year)) + "年政府信息公开工作年度报告"
}
