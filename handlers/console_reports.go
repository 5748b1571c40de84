package handlers

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"govmp/annualreport"
	"govmp/annualreport/gather"
	"govmp/disclosure"
	"govmp/models"
)

// proseSections are the report's prose, in report order; generated ones
// keep the text built from the data while left empty.
var proseSections = []struct {
	Key, Label string
	Generated  bool
}{
	{"intro", "一、总体情况（开头）", false}, {"proactive", "（一）主动公开", true}, {"requests", "（二）依申请公开", true},
	{"management", "（三）政府信息管理", false}, {"platform", "（四）平台建设", true}, {"supervision", "（五）监督保障", false},
	{"problems", "五、存在的主要问题及改进情况", false}, {"other", "六、其他需要报告的事项", false},
}

// consoleYear reads the year from the path or the query, defaulting to
// last year (the report written each January).
func consoleYear(c *gin.Context) (int, error) {
	s := c.Param("year")
	if s == "" {
		s = c.Query("year")
	}
	if s == "" {
		return max(2021, time.Now().In(models.Beijing).Year()-1), nil
	}
	y, err := strconv.Atoi(s)
	if err != nil {
		return 0, models.Invalid("year", "年度须为数字，如 2021")
	}
	return y, nil
}

// reportPage shows a year's report with every check, the table 三 totals,
// the prose to edit, the downloads and (for admins) the final button.
func (cs *console) reportPage(c *gin.Context) {
	year, err := consoleYear(c)
	if err != nil {
		cs.fail(c, err)
		return
	}
	v := cs.newView(c, strconv.Itoa(year)+"年度报告")
	d, err := cs.Reporting.Reports.GetDraft(c.Request.Context(), year)
	if err != nil {
		cs.fail(c, err)
		return
	}
	v.Form = draftForm(d)
	cs.showReport(c, http.StatusOK, v, year)
}

func (cs *console) showReport(c *gin.Context, status int, v *view, year int) {
	res, err := cs.Reporting.Reports.Current(c.Request.Context(), year)
	if err != nil {
		cs.fail(c, err)
		return
	}
	var years []int
	for y := time.Now().In(models.Beijing).Year(); y >= 2021; y-- {
		years = append(years, y)
	}
	v.D["Year"], v.D["Years"], v.D["Res"], v.D["Sections"] = year, years, res, proseSections
	v.D["Table3"] = table3Summary(&res.Report.Table3)
	cs.render(c, status, "report", v)
}

// t3Line is one row of the table 三 summary: its cell id and totals.
type t3Line struct {
	ID, Label      string
	Natural, Total int64
}

func table3Summary(t *annualreport.Table3) []t3Line {
	lines := []t3Line{{"t3.r1", "一、本年新收政府信息公开申请数量", t.New.Natural, t.New.Total},
		{"t3.r2", "二、上年结转政府信息公开申请数量", t.CarriedIn.Natural, t.CarriedIn.Total}}
	for _, o := range t.Outcomes {
		label := o.Code
		if out, err := outcomeTitle(o.Code); err == nil {
			label = out
		}
		lines = append(lines, t3Line{"t3.o" + o.Code, "三、" + label, o.Cells.Natural, o.Cells.Total})
	}
	return append(lines, t3Line{"t3.r7", "三、（七）总计", t.Closed.Natural, t.Closed.Total},
		t3Line{"t3.r4", "四、结转下年度继续办理", t.CarriedOut.Natural, t.CarriedOut.Total})
}

// outcomeTitle names an outcome leaf as table 三 prints it, with its group.
func outcomeTitle(code string) (string, error) {
	o, err := disclosure.OutcomeByCode(code)
	if err != nil {
		return "", err
	}
	if o.Number == 0 {
		return o.Title(), nil
	}
	group, _, _ := strings.Cut(o.Group, "（区分")
	return group + " " + o.Title(), nil
}

// draftForm fills the prose form from the stored draft.
func draftForm(d *gather.Draft) map[string][]string {
	f := map[string][]string{"organisation": {d.Organisation}, "account": {d.Account}, "sign_date": {d.SignDate}}
	if d.WebsiteVisits != nil {
		f["website_visits"] = []string{strconv.FormatInt(*d.WebsiteVisits, 10)}
	}
	p := d.Prose
	for k, val := range map[string]string{"intro": p.Intro, "proactive": p.Proactive, "requests": p.Requests, "management": p.Management,
		"platform": p.Platform, "supervision": p.Supervision, "problems": p.Problems, "other": p.Other} {
		f["prose."+k] = []string{val}
	}
	return f
}

// saveDraft stores the prose and settings; refusals show next to the field.
func (cs *console) saveDraft(c *gin.Context) {
	year, err := consoleYear(c)
	if err != nil {
		cs.fail(c, err)
		return
	}
	v := cs.newView(c, strconv.Itoa(year)+"年度报告")
	_ = c.Request.ParseForm()
	v.Form = c.Request.PostForm
	f := v.Form
	d := gather.Draft{Organisation: strings.TrimSpace(f.Get("organisation")), Account: strings.TrimSpace(f.Get("account")),
		SignDate: strings.TrimSpace(f.Get("sign_date")), Prose: annualreport.Prose{Intro: f.Get("prose.intro"), Proactive: f.Get("prose.proactive"),
			Requests: f.Get("prose.requests"), Management: f.Get("prose.management"), Platform: f.Get("prose.platform"),
			Supervision: f.Get("prose.supervision"), Problems: f.Get("prose.problems"), Other: f.Get("prose.other")}}
	if s := strings.TrimSpace(f.Get("website_visits")); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			v.Errors["website_visits"] = "请填写整数"
			cs.showReport(c, http.StatusBadRequest, v, year)
			return
		}
		d.WebsiteVisits = &n
	}
	if err := cs.Reporting.Reports.SaveDraft(c.Request.Context(), year, d, currentUser(c).Username); err != nil {
		if !formError(v, err) {
			if models.ErrorCode(err) != models.ECONFLICT {
				cs.fail(c, err)
				return
			}
			v.Errors["_form"] = zh(models.ErrorMessage(err))
		}
		cs.showReport(c, statusOf[models.ErrorCode(err)], v, year)
		return
	}
	cs.redirect(c, "/admin/reports?year="+strconv.Itoa(year), "报告文字已保存。")
}

// finalizeReport freezes the year when every check passes.
func (cs *console) finalizeReport(c *gin.Context) {
	year, err := consoleYear(c)
	if err != nil {
		cs.fail(c, err)
		return
	}
	back := "/admin/reports?year=" + strconv.Itoa(year)
	if _, err := cs.Reporting.Reports.Finalize(c.Request.Context(), year, currentUser(c).Username); err != nil {
		if models.ErrorCode(err) == models.EINTERNAL {
			cs.fail(c, err)
			return
		}
		cs.redirect(c, back, "!未能定稿："+zh(models.ErrorMessage(err)))
		return
	}
	cs.redirect(c, back, strconv.Itoa(year)+"年度报告已定稿，并已在公众号“年度报告”页面公布。")
}

// reportPreview is the printable report with failing cells highlighted; the
// report page shows it in a frame and its problem list links into it.
func (cs *console) reportPreview(c *gin.Context) {
	year, err := consoleYear(c)
	if err != nil {
		cs.fail(c, err)
		return
	}
	res, err := cs.Reporting.Reports.Current(c.Request.Context(), year)
	if err != nil {
		cs.fail(c, err)
		return
	}
	c.Header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'")
	c.Header("Cache-Control", "no-store")
	c.Data(http.StatusOK, "text/html; charset=utf-8", annualreport.HTML(res.Report, res.Problems...))
}

// reportDownload renders the year's report as xlsx, html, md or json.
func (cs *console) reportDownload(c *gin.Context) {
	year, err := consoleYear(c)
	if err != nil {
		cs.fail(c, err)
		return
	}
	format := c.DefaultQuery("format", "xlsx")
	f, known := gather.Formats[format]
	if !known {
		cs.fail(c, models.Invalid("format", "格式须为 xlsx、html、md 或 json"))
		return
	}
	res, err := cs.Reporting.Reports.Current(c.Request.Context(), year)
	if err != nil {
		cs.fail(c, err)
		return
	}
	body, err := gather.Render(res.Report, format, res.Problems)
	if err != nil {
		cs.fail(c, err)
		return
	}
	c.Header("Content-Disposition", `attachment; filename="report-`+strconv.Itoa(year)+"."+f.Ext+`"`)
	c.Data(http.StatusOK, f.ContentType, body)
}
