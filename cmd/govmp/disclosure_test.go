package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"govmp/pii"
	"govmp/store"
	"govmp/wechat/wechattest"
)

const (
	e2eIDNumber = "210921199207180039"
	e2ePhone    = "13998765432"
	e2eDataKey  = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"
)

var (
	formTicketRe    = regexp.MustCompile(`name="t" value="([^"]+)"`)
	receiptNumberRe = regexp.MustCompile(`id="number">([^<]+)<`)
	queryCodeRe     = regexp.MustCompile(`id="code">([^<]+)<`)
)

// TestDisclosureRequestLifeThroughWeChat runs one request's whole life
// through the program against the fake WeChat: applied from the menu link
// through the H5 form, queried by text, 补正 asked and answered, extended and
// answered, with notices sent at once inside the 48-hour window and held
// then delivered after the applicant's next message outside it. Along the
// way it checks that the ID number never appears in clear in the database,
// the log or an API list.
func TestDisclosureRequestLifeThroughWeChat(t *testing.T) {
	noticeInterval = 200 * time.Millisecond
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			env := testEnv(b, map[string]string{"GOVMP_DATA_KEY": e2eDataKey, "GOVMP_LOG_FORMAT": "json"})
			discAddUser(t, env, "officer", "officer")
			discAddUser(t, env, "admin", "admin")
			logs := &discLogBuffer{}
			base := startServerWithLog(t, env, logs)
			f := &discFlow{t: t, base: base, st: openStore(t, b.dsn), cl: callbackClient(base),
				officer: discLogin(t, base, "officer"), openid: "oDisc" + strconv.FormatInt(time.Now().UnixNano(), 36)}
			ensureCalendar(t, discLogin(t, base, "admin"))
			f.post(f.cl.Subscribe(f.openid, ""))
			f.apply()
			f.queryInChat()
			f.insideWindow()
			f.outsideWindow()
			checkNoPlainID(t, f.officer, logs, f.st, f.id)
			checkOfficerRegistration(t, f.officer)
		})
	}
}

// discFlow is one applicant's request going through the program.
type discFlow struct {
	t            *testing.T
	base, openid string
	st           *store.Store
	cl           *wechattest.CallbackClient
	officer      *discAPI
	number, code string
	id           uint
}

func (f *discFlow) post(m wechattest.Message) *wechattest.Reply {
	f.t.Helper()
	r, err := f.cl.Post(context.Background(), m)
	if err != nil || r.Status != 200 {
		f.t.Fatalf("callback: %v %+v", err, r)
	}
	return r
}

// ask sends "查询 <q>" and returns the reply text.
func (f *discFlow) ask(q string) string {
	f.t.Helper()
	return f.post(f.cl.Text(f.openid, "查询 "+q, time.Now().UnixNano())).Content
}

// act applies an officer's move through the API.
func (f *discFlow) act(body map[string]any) {
	f.t.Helper()
	f.officer.must("POST", fmt.Sprintf("/api/v1/disclosure/requests/%d/actions", f.id), body, nil)
}

// apply opens the form from the menu link, is refused a malformed ID
// number field by field, then submits.
func (f *discFlow) apply() {
	t := f.t
	r := f.post(f.cl.Click(f.openid, "DISCLOSURE:APPLY"))
	if r.MsgType != "news" || len(r.Articles) != 1 || !strings.Contains(r.Articles[0].Description, "一事一申请") {
		t.Fatalf("apply reply: %+v", r)
	}
	status, page := discGet(t, strings.Replace(r.Articles[0].URL, "http://govmp.test", f.base, 1))
	m := formTicketRe.FindStringSubmatch(page)
	if status != 200 || m == nil || !strings.Contains(page, "一事一申请") {
		t.Fatalf("form page: HTTP %d %s", status, page)
	}
	form := url.Values{"t": {m[1]}, "kind": {"natural"}, "name": {"李四"}, "id_type": {"resident_id"},
		"id_number": {"210921199207180038"}, "phone": {e2ePhone}, "email": {"lisi@example.com"},
		"description": {"阜新市2021年度乡村振兴衔接资金分配方案（阜乡振发〔2021〕5号）"}, "form": {"electronic"}, "way": {"email"}}
	status, page = discPostForm(t, f.base+"/h5/disclosure/apply", form)
	if status != 400 || !strings.Contains(page, "居民身份证号码校验位不正确") || !strings.Contains(page, "李四") {
		t.Fatalf("malformed ID number: HTTP %d", status)
	}
	if n := countRows(t, f.st, "disclosure_requests", ""); n != 0 {
		t.Fatalf("a refused form stored %d requests", n)
	}
	form.Set("id_number", e2eIDNumber)
	status, page = discPostForm(t, f.base+"/h5/disclosure/apply", form)
	nm, cm := receiptNumberRe.FindStringSubmatch(page), queryCodeRe.FindStringSubmatch(page)
	if status != 200 || nm == nil || cm == nil {
		t.Fatalf("valid form: HTTP %d %s", status, page)
	}
	f.number, f.code = nm[1], cm[1]
	f.id = requestID(t, f.officer, f.number)
}

// queryInChat looks the request up by number, code and menu.
func (f *discFlow) queryInChat() {
	t := f.t
	if a := f.ask(f.number); !strings.Contains(a, f.number) || !strings.Contains(a, "待确认收到") {
		t.Fatalf("查询 number: %q", a)
	}
	if a := f.ask(f.code); !strings.Contains(a, f.number) {
		t.Fatalf("查询 code: %q", a)
	}
	if a := f.post(f.cl.Click(f.openid, "DISCLOSURE:QUERY")).Content; !strings.Contains(a, f.number) {
		t.Fatalf("DISCLOSURE:QUERY: %q", a)
	}
	if a := f.post(f.cl.Click(f.openid, "DISCLOSURE:GUIDE")).Content; !strings.Contains(a, "政府信息公开指南") {
		t.Fatalf("DISCLOSURE:GUIDE: %q", a)
	}
}

// insideWindow: 受理 and 补正 notices go out at once.
func (f *discFlow) insideWindow() {
	t := f.t
	f.act(map[string]any{"action": "receive"})
	deadline := time.Now().AddDate(0, 0, 15).Format("2006-01-02")
	f.act(map[string]any{"action": "request_correction", "deadline": deadline, "text": "请写明所需文件的发文年度"})
	if a := f.ask(f.number); !strings.Contains(a, "待补正") || !strings.Contains(a, "发文年度") {
		t.Fatalf("查询 while correction pending: %q", a)
	}
	f.act(map[string]any{"action": "receive_correction"})
	f.act(map[string]any{"action": "start_processing"})
	msgs := customTexts(f.openid)
	if len(msgs) != 3 || !strings.Contains(msgs[0], "受理") || !strings.Contains(msgs[1], "补正") || !strings.Contains(msgs[2], "补正材料") {
		t.Fatalf("notices inside the window: %q", msgs)
	}
}

type pendingList struct {
	Notices []struct {
		Kind          string `json:"kind"`
		RequestNumber string `json:"request_number"`
		Attempts      int    `json:"attempts"`
		LastError     string `json:"last_error"`
	} `json:"notices"`
}

// outsideWindow: after two days of silence the extension and reply notices
// are held, shown to the officer, and follow the applicant's next message.
func (f *discFlow) outsideWindow() {
	t := f.t
	old := time.Now().Add(-49 * time.Hour)
	// WeChat's window closes first: the extension notice is tried and
	// refused with 45015, then held.
	fake.Touch(f.openid, old)
	f.act(map[string]any{"action": "extend", "days": 20, "approver": "局办公室主任", "text": "需调取历年档案"})
	// Once the server knows too, the reply notice is held without trying.
	setLastInteraction(t, f.st, f.openid, old)
	f.act(map[string]any{"action": "close", "outcome": "1", "text": "经审查，您申请的信息予以公开，详见附件。"})
	var pending pendingList
	f.officer.must("GET", "/api/v1/disclosure/notices", nil, &pending)
	if len(pending.Notices) != 2 || pending.Notices[0].Kind != "extension" || !strings.Contains(pending.Notices[0].LastError, "48小时") ||
		pending.Notices[1].Kind != "reply" || pending.Notices[1].Attempts != 0 || pending.Notices[1].RequestNumber != f.number {
		t.Fatalf("pending notices: %+v", pending)
	}
	// Several job ticks, and the next message lands in a later second than
	// the refused attempt: nothing may be sent meanwhile.
	time.Sleep(1100 * time.Millisecond)
	if n := len(customTexts(f.openid)); n != 3 {
		t.Fatalf("%d notices sent outside the window", n)
	}
	if a := f.ask(f.number); !strings.Contains(a, "已办结") || !strings.Contains(a, "予以公开") {
		t.Fatalf("查询 after the reply: %q", a)
	}
	discWaitFor(t, "held notices", func() bool { return len(customTexts(f.openid)) == 5 })
	msgs := customTexts(f.openid)
	if !strings.Contains(msgs[3], "延长20个工作日") || !strings.Contains(msgs[4], "予以公开") {
		t.Fatalf("delivered notices: %q", msgs[3:])
	}
	discWaitFor(t, "no pending notices", func() bool {
		f.officer.must("GET", "/api/v1/disclosure/notices", nil, &pending)
		return len(pending.Notices) == 0
	})
}

// ensureCalendar makes sure the calendar covers this year and next, as an
// administrator would by transcribing the State Council notice. Where the
// library has no data yet, the test enters only 元旦 (1 January), which is a
// holiday every year; the other holidays do not matter to these dates.
func ensureCalendar(t *testing.T, admin *discAPI) {
	t.Helper()
	var cal struct {
		Calendar struct {
			CoveredYears []int `json:"covered_years"`
		} `json:"calendar"`
	}
	admin.must("GET", "/api/v1/disclosure/calendar", nil, &cal)
	for _, y := range []int{time.Now().Year(), time.Now().Year() + 1} {
		covered := false
		for _, c := range cal.Calendar.CoveredYears {
			covered = covered || c == y
		}
		if !covered {
			newYear := time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
			off := []string{}
			if wd := newYear.Weekday(); wd != time.Saturday && wd != time.Sunday {
				off = append(off, newYear.Format("2006-01-02"))
			}
			admin.must("PUT", "/api/v1/disclosure/calendar/"+strconv.Itoa(y), map[string]any{"off": off, "work": []string{}}, nil)
		}
	}
	// A malformed override is refused.
	if status, _ := admin.do("PUT", "/api/v1/disclosure/calendar/2030", map[string]any{"off": []string{"2031-01-01"}}); status != 400 {
		t.Fatalf("override with a date outside its year: HTTP %d", status)
	}
}

// requestID finds the request in the officer's list.
func requestID(t *testing.T, officer *discAPI, number string) uint {
	t.Helper()
	var list struct {
		Requests []struct {
			ID     uint   `json:"id"`
			Number string `json:"number"`
		} `json:"requests"`
	}
	officer.must("GET", "/api/v1/disclosure/requests", nil, &list)
	for _, r := range list.Requests {
		if r.Number == number {
			return r.ID
		}
	}
	t.Fatalf("request %s not in the officer's list", number)
	return 0
}

// checkNoPlainID looks for the ID and phone numbers in the raw table, the
// server's log and the API list and export; the audited full view is the
// one place they may appear.
func checkNoPlainID(t *testing.T, officer *discAPI, logs *discLogBuffer, st *store.Store, id uint) {
	t.Helper()
	var rows []map[string]any
	if err := st.DB.Table("disclosure_requests").Find(&rows).Error; err != nil || len(rows) != 1 {
		t.Fatalf("raw rows: %v (%d)", err, len(rows))
	}
	raw, _ := json.Marshal(rows)
	_, list := officer.do("GET", "/api/v1/disclosure/requests", nil)
	_, export := officer.do("GET", "/api/v1/disclosure/export.csv", nil)
	_, detail := officer.do("GET", fmt.Sprintf("/api/v1/disclosure/requests/%d", id), nil)
	for name, text := range map[string]string{"database": string(raw), "log": logs.String(),
		"list": string(list), "export": string(export), "detail": string(detail)} {
		for _, secret := range []string{e2eIDNumber, e2ePhone} {
			if strings.Contains(text, secret) {
				t.Errorf("%s contains %s in clear", name, secret)
			}
		}
	}
	if !strings.Contains(string(list), pii.MaskID(e2eIDNumber)) || !strings.Contains(logs.String(), "serving") {
		t.Fatalf("list without the masked number, or no log captured")
	}
	_, full := officer.do("GET", fmt.Sprintf("/api/v1/disclosure/requests/%d/full", id), nil)
	if !strings.Contains(string(full), e2eIDNumber) {
		t.Fatalf("full view: %s", full)
	}
	if n := countRows(t, st, "audit_entries", "action = ? AND actor = ?", "disclosure.view_full", "officer"); n != 1 {
		t.Fatalf("full view audited %d times", n)
	}
}

// checkOfficerRegistration registers a request that came by email: the
// form's mistakes come back field by field, then the corrected one is
// received on the day its receipt was confirmed.
func checkOfficerRegistration(t *testing.T, officer *discAPI) {
	t.Helper()
	applicant := map[string]any{"kind": "natural", "name": "王五", "id_type": "resident_id", "id_number": "21092119920718003",
		"phone": "0418-2812345", "email": "wangwu@example.com"}
	info := map[string]any{"description": " ", "form": "paper", "way": "email"}
	body := map[string]any{"channel": "email", "applicant": applicant, "info": info, "ack_at": time.Now()}
	status, raw := officer.do("POST", "/api/v1/disclosure/requests", body)
	var bad struct {
		Error struct {
			Fields map[string]string `json:"fields"`
		} `json:"error"`
	}
	_ = json.Unmarshal(raw, &bad)
	if status != 400 || bad.Error.Fields["id_number"] == "" || bad.Error.Fields["description"] == "" {
		t.Fatalf("malformed registration: HTTP %d %s", status, raw)
	}
	applicant["id_number"], info["description"] = "210902200002290003", "阜新市乡村振兴局2021年部门预算"
	var ok struct {
		Receipt struct {
			State      string `json:"state"`
			ReceivedOn string `json:"received_on"`
		} `json:"receipt"`
	}
	officer.must("POST", "/api/v1/disclosure/requests", body, &ok)
	if ok.Receipt.State != "received" || ok.Receipt.ReceivedOn != time.Now().In(time.FixedZone("CST", 8*3600)).Format("2006-01-02") {
		t.Fatalf("registered by email: %+v", ok.Receipt)
	}
}
