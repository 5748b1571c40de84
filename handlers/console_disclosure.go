package handlers

import (
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"govmp/disclosure"
	"govmp/disclosure/desk"
	"govmp/models"
	"govmp/store"
)

// choice is one option of a select.
type choice struct{ Value, Label string }

// Choices of the registration form, in the order of the official format.
var (
	offlineChannels = []choice{{string(disclosure.ChannelInPerson), "当面提交"}, {string(disclosure.ChannelSignedMail), "邮寄（需签收）"},
		{string(disclosure.ChannelOrdinaryMail), "邮寄（平常信函）"}, {string(disclosure.ChannelFax), "传真"}, {string(disclosure.ChannelEmail), "电子邮件"}}
	applicantKinds = []choice{{disclosure.KindNatural, "自然人"}, {disclosure.KindCommercial, "法人或其他组织：商业企业"},
		{disclosure.KindResearch, "法人或其他组织：科研机构"}, {disclosure.KindPublicWelfare, "法人或其他组织：社会公益组织"},
		{disclosure.KindLegalService, "法人或其他组织：法律服务机构"}, {disclosure.KindOtherOrg, "法人或其他组织：其他"}}
	idTypes = []choice{{disclosure.IDResidentCard, "居民身份证"}, {disclosure.IDPassport, "护照"}, {disclosure.IDHKMacauPermit, "港澳居民来往内地通行证"},
		{disclosure.IDTaiwanPermit, "台湾居民来往大陆通行证"}, {disclosure.IDForeignResidence, "外国人永久居留身份证"}, {disclosure.IDOther, "其他有效身份证件"}}
	deliveryForms = []choice{{disclosure.FormPaper, "纸质"}, {disclosure.FormElectronic, "电子"}, {disclosure.FormDisc, "光盘"}}
	deliveryWays  = []choice{{disclosure.WayPost, "邮寄"}, {disclosure.WayEmail, "电子邮件"}, {disclosure.WayPickup, "自行领取"}, {disclosure.WayOnSite, "当场查阅"}}
)

// requestFields are the registration form's fields (the JSON names the
// domain's field errors use).
var requestFields = []string{"channel", "submitted_on", "ack_on", "kind", "name", "id_type", "id_number", "work_unit", "credit_code",
	"legal_rep", "contact_person", "phone", "address", "postcode", "email", "description", "purpose", "form", "way"}

// deskPage is the officer's list, most urgent first.
func (cs *console) deskPage(c *gin.Context) {
	v := cs.newView(c, "申请办理台")
	open := c.DefaultQuery("open", "1") == "1"
	v.Form.Set("open", map[bool]string{true: "1", false: "0"}[open])
	list, total, err := cs.Disclosure.Desk.List(c.Request.Context(), store.DisclosureFilter{OpenOnly: open, Limit: 500})
	if err != nil {
		cs.fail(c, err)
		return
	}
	pending, err := cs.Disclosure.Desk.PendingNotices(c.Request.Context())
	if err != nil {
		cs.fail(c, err)
		return
	}
	v.D["Requests"], v.D["Total"], v.D["PendingNotices"] = list, total, pending
	cs.render(c, http.StatusOK, "desk", v)
}

func (cs *console) newRequest(c *gin.Context) {
	v := cs.newView(c, "登记申请")
	v.Form.Set("channel", string(disclosure.ChannelInPerson))
	v.Form.Set("kind", disclosure.KindNatural)
	v.Form.Set("id_type", disclosure.IDResidentCard)
	v.Form.Set("submitted_on", time.Now().In(models.Beijing).Format(time.DateOnly))
	cs.showRequestForm(c, http.StatusOK, v)
}

func (cs *console) showRequestForm(c *gin.Context, status int, v *view) {
	v.D["Channels"], v.D["Kinds"], v.D["IDTypes"] = offlineChannels, applicantKinds, idTypes
	v.D["Forms"], v.D["Ways"], v.D["Hint"] = deliveryForms, deliveryWays, desk.OneMatterHint
	cs.render(c, status, "request_new", v)
}

// registerRequest registers a request received in person, by mail, fax or email.
func (cs *console) registerRequest(c *gin.Context) {
	v := cs.newView(c, "登记申请")
	for _, k := range requestFields {
		v.Form.Set(k, strings.TrimSpace(c.PostForm(k)))
	}
	f := v.Form
	sub := desk.Submission{Channel: disclosure.Channel(f.Get("channel")), Actor: currentUser(c).Username,
		Applicant: disclosure.Applicant{Kind: f.Get("kind"), Name: f.Get("name"), IDType: f.Get("id_type"), IDNumber: f.Get("id_number"),
			WorkUnit: f.Get("work_unit"), CreditCode: f.Get("credit_code"), LegalRep: f.Get("legal_rep"), ContactPerson: f.Get("contact_person"),
			Phone: f.Get("phone"), Address: f.Get("address"), Postcode: f.Get("postcode"), Email: f.Get("email")},
		Info: disclosure.InfoSought{Description: f.Get("description"), Purpose: f.Get("purpose"), Form: f.Get("form"), Way: f.Get("way")}}
	var bad bool
	if sub.SubmittedAt, bad = dayField(v, "submitted_on"); !bad {
		sub.AckAt, bad = dayField(v, "ack_on")
	}
	if bad {
		cs.showRequestForm(c, http.StatusBadRequest, v)
		return
	}
	rc, err := cs.Disclosure.Desk.Submit(c.Request.Context(), sub)
	if err != nil {
		if !formError(v, err) {
			cs.fail(c, err)
			return
		}
		cs.showRequestForm(c, http.StatusBadRequest, v)
		return
	}
	cs.redirect(c, fmt.Sprintf("/admin/disclosure/%d", rc.ID),
		fmt.Sprintf("已登记申请 %s（%s）。查询码：%s（只显示这一次，请告知申请人）", rc.Number, rc.StateLabel, rc.QueryCode))
}

// dayField parses an optional YYYY-MM-DD field as a Beijing date at noon
// (a day, not an instant, is what the officer knows); a bad one is a field error.
func dayField(v *view, name string) (time.Time, bool) {
	s := v.Form.Get(name)
	if s == "" {
		return time.Time{}, false
	}
	t, err := time.ParseInLocation(time.DateOnly, s, models.Beijing)
	if err != nil {
		v.Errors[name] = "日期格式须为 YYYY-MM-DD"
		return time.Time{}, true
	}
	now := time.Now().In(models.Beijing)
	if t.Format(time.DateOnly) == now.Format(time.DateOnly) {
		return now, false
	}
	if t.After(now) {
		v.Errors[name] = "日期不能晚于今天"
		return time.Time{}, true
	}
	return t.Add(12 * time.Hour), false
}

// requestPage shows one request: masked applicant, clock, timeline and the
// forms for the next steps.
func (cs *console) requestPage(c *gin.Context) {
	id, err := pathID(c)
	if err != nil {
		cs.fail(c, err)
		return
	}
	d, err := cs.Disclosure.Desk.Get(c.Request.Context(), id)
	if err != nil {
		cs.fail(c, err)
		return
	}
	cs.showRequest(c, http.StatusOK, cs.newView(c, "申请 "+d.Number), d)
}

// requestFull shows the applicant's full personal data; the service writes
// who looked to the audit log. It is a POST so that no link, prefetch or
// history entry opens it by accident.
func (cs *console) requestFull(c *gin.Context) {
	id, err := pathID(c)
	if err != nil {
		cs.fail(c, err)
		return
	}
	d, err := cs.Disclosure.Desk.GetFull(c.Request.Context(), currentUser(c).Username, id)
	if err != nil {
		cs.fail(c, err)
		return
	}
	cs.showRequest(c, http.StatusOK, cs.newView(c, "申请 "+d.Number), d)
}

// timelineItem is one step or notice of a request, in time order.
type timelineItem struct {
	At   time.Time
	Who  string
	Text string
}

func (cs *console) showRequest(c *gin.Context, status int, v *view, d *desk.Detail) {
	var entries []models.AuditEntry
	err := cs.Store.DB.WithContext(c.Request.Context()).Where("target = ?", "disclosure:"+d.Number).Order("id").Limit(500).Find(&entries).Error
	if err != nil {
		cs.fail(c, fmt.Errorf("handlers: request timeline: %w", err))
		return
	}
	var items []timelineItem
	for _, e := range entries {
		items = append(items, timelineItem{At: e.CreatedAt, Who: e.Actor, Text: stepLabel(e.Action) + " " + e.Detail})
	}
	for _, n := range d.Notices {
		items = append(items, timelineItem{At: n.CreatedAt, Who: "通知申请人", Text: noticeLabel(n) + "：" + n.Text})
	}
	sort.SliceStable(items, func(i, j int) bool { return items[i].At.Before(items[j].At) })
	v.D["R"], v.D["Timeline"], v.D["Outcomes"] = d, items, outcomeGroups()
	v.D["Urgency"] = urgency(d.DaysLeft, d.Overdue)
	cs.render(c, status, "request", v)
}

// stepLabels names the audited moves in Chinese.
var stepLabels = map[string]string{
	"disclosure.submit": "登记/提交申请", "disclosure.receive": "确认收到", "disclosure.request_correction": "告知补正",
	"disclosure.receive_correction": "收到补正材料", "disclosure.start_processing": "开始办理", "disclosure.start_consultation": "征求意见",
	"disclosure.end_consultation": "征求意见结束", "disclosure.extend": "延期答复", "disclosure.notice_fee": "发出收费通知",
	"disclosure.pay_fee": "已缴费", "disclosure.close": "答复办结", "disclosure.withdraw": "申请人撤回", "disclosure.view_full": "查看完整个人信息",
}

func stepLabel(action string) string {
	if l, ok := stepLabels[action]; ok {
		return l
	}
	return action
}

func noticeLabel(n models.DisclosureNotice) string {
	switch n.Status {
	case "sent":
		return "已发送"
	case "pending":
		return "待发送（等待申请人48小时内互动）"
	}
	return n.Status
}

// outcomeGroup is one group of table 三's outcome leaves, for the picker.
type outcomeGroup struct {
	Group  string
	Leaves []choice
}

func outcomeGroups() []outcomeGroup {
	var out []outcomeGroup
	for _, o := range desk.Outcomes() {
		if len(out) == 0 || out[len(out)-1].Group != o.Group {
			out = append(out, outcomeGroup{Group: o.Group})
		}
		g := &out[len(out)-1]
		label := o.Title()
		if o.Article != "" {
			label += "（" + o.Article + "）"
		}
		g.Leaves = append(g.Leaves, choice{o.Code, label})
	}
	return out
}

// actionInputs are the fields each officer form may post.
var actionInputs = []string{"text", "deadline", "consult_kind", "party", "days", "approver", "method", "quantity", "arrived_on", "outcome", "at"}

// requestAct applies one move from the request page's forms.
func (cs *console) requestAct(c *gin.Context) {
	id, err := pathID(c)
	if err != nil {
		cs.fail(c, err)
		return
	}
	act := c.PostForm("action")
	v := cs.newView(c, "申请")
	for _, k := range actionInputs {
		v.Form.Set(act+"."+k, c.PostForm(k))
	}
	a := desk.Action{Action: act, Deadline: c.PostForm("deadline"), Text: strings.TrimSpace(c.PostForm("text")),
		ConsultKind: c.PostForm("consult_kind"), Party: c.PostForm("party"), Approver: c.PostForm("approver"),
		Method: c.PostForm("method"), ArrivedOn: c.PostForm("arrived_on"), Outcome: c.PostForm("outcome")}
	a.Days, _ = strconv.Atoi(c.PostForm("days"))
	a.Quantity, _ = strconv.Atoi(c.PostForm("quantity"))
	if at, bad := dayField(v, "at"); bad {
		v.Errors[act] = v.Errors["at"]
	} else {
		a.At = at
	}
	if len(v.Errors) == 0 {
		d, err := cs.Disclosure.Desk.Act(c.Request.Context(), currentUser(c).Username, id, a)
		if err == nil {
			cs.redirect(c, fmt.Sprintf("/admin/disclosure/%d", id), fmt.Sprintf("已%s：%s（%s）", stepLabel("disclosure."+act), d.Number, d.StateLabel))
			return
		}
		if models.ErrorCode(err) == models.EINTERNAL || models.ErrorCode(err) == models.ENOTFOUND {
			cs.fail(c, err)
			return
		}
		key := act
		var me *models.Error
		if asModelError(err, &me) && me.Field != "" {
			key = act + "." + me.Field
		}
		v.Errors[key] = zh(models.ErrorMessage(err))
	}
	d, err := cs.Disclosure.Desk.Get(c.Request.Context(), id)
	if err != nil {
		cs.fail(c, err)
		return
	}
	cs.showRequest(c, http.StatusBadRequest, v, d)
}
