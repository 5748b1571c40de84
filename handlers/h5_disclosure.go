package handlers

import (
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"

	"govmp/disclosure"
	"govmp/disclosure/desk"
	"govmp/models"
	"govmp/wechat"
)

// maxFormBody caps an application form post; the longest legal form is far smaller.
const maxFormBody = 64 << 10

// option is one choice of a select.
type option struct{ Value, Label string }

// formPage is the data of apply.html.
type formPage struct {
	Title, Hint, Action, Ticket string
	V                           map[string]string
	Errors                      map[string]string
	Kinds, IDTypes, Forms, Ways []option
}

func newFormPage(action, ticket string) *formPage {
	p := &formPage{Title: "政府信息公开申请", Hint: desk.OneMatterHint, Action: action, Ticket: ticket,
		V: map[string]string{}, Errors: map[string]string{}}
	for _, k := range disclosure.ApplicantKinds {
		label := disclosure.KindLabel(k)
		if k != disclosure.KindNatural {
			label = "法人或其他组织：" + label
		}
		p.Kinds = append(p.Kinds, option{k, label})
	}
	for _, t := range []string{disclosure.IDResidentCard, disclosure.IDPassport, disclosure.IDHKMacauPermit,
		disclosure.IDTaiwanPermit, disclosure.IDForeignResidence, disclosure.IDOther} {
		p.IDTypes = append(p.IDTypes, option{t, disclosure.IDTypeLabel(t)})
	}
	for _, f := range []string{disclosure.FormElectronic, disclosure.FormPaper, disclosure.FormDisc} {
		p.Forms = append(p.Forms, option{f, disclosure.FormLabel(f)})
	}
	for _, w := range []string{disclosure.WayEmail, disclosure.WayPost, disclosure.WayPickup, disclosure.WayOnSite} {
		p.Ways = append(p.Ways, option{w, disclosure.WayLabel(w)})
	}
	return p
}

// formFields are the inputs of apply.html, named as the JSON fields.
var formFields = []string{"kind", "name", "id_type", "id_number", "work_unit", "credit_code", "legal_rep",
	"contact_person", "phone", "address", "postcode", "email", "description", "purpose", "form", "way"}

// submissionOf reads the posted form.
func submissionOf(v map[string]string) desk.Submission {
	a := disclosure.Applicant{Kind: v["kind"], Name: v["name"], Phone: v["phone"], Address: v["address"],
		Postcode: v["postcode"], Email: v["email"]}
	if a.Kind == disclosure.KindNatural {
		a.IDType, a.IDNumber, a.WorkUnit = v["id_type"], v["id_number"], v["work_unit"]
	} else {
		a.CreditCode, a.LegalRep, a.ContactPerson = v["credit_code"], v["legal_rep"], v["contact_person"]
	}
	return desk.Submission{Applicant: a,
		Info: disclosure.InfoSought{Description: v["description"], Purpose: v["purpose"], Form: v["form"], Way: v["way"]}}
}

// render writes one of the embedded pages.
func (s *server) render(c *gin.Context, status int, page string, data any) {
	c.Header("Content-Type", "text/html; charset=utf-8")
	c.Header("Cache-Control", "no-store")
	c.Header("X-Content-Type-Options", "nosniff")
	c.Status(status)
	if err := s.Disclosure.pages.ExecuteTemplate(c.Writer, page, data); err != nil {
		s.Log.Error("handlers: template failed", "page", page, "err", err)
	}
}

// message shows a plain page with a message.
func (s *server) message(c *gin.Context, status int, title, msg string) {
	s.render(c, status, "message.html", gin.H{"Title": title, "Message": msg})
}

// h5OpenID reads the ticket of an H5 link; an expired or forged one gets a
// page telling the follower to open the menu again.
func (s *server) h5OpenID(c *gin.Context, t string) (string, bool) {
	id, err := s.Disclosure.Desk.TicketOpenID(t)
	if err != nil {
		s.message(c, http.StatusForbidden, "链接已失效", models.ErrorMessage(err))
		return "", false
	}
	return id, true
}

func (s *server) h5ApplyForm(c *gin.Context) {
	t := c.Query("t")
	if _, ok := s.h5OpenID(c, t); !ok {
		return
	}
	p := newFormPage("/h5/disclosure/apply", t)
	p.V["kind"], p.V["id_type"] = disclosure.KindNatural, disclosure.IDResidentCard
	s.render(c, http.StatusOK, "apply.html", p)
}

func (s *server) h5ApplySubmit(c *gin.Context) {
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, maxFormBody)
	t := c.PostForm("t")
	openID, ok := s.h5OpenID(c, t)
	if !ok {
		return
	}
	s.applySubmit(c, "/h5/disclosure/apply", t, disclosure.ChannelWeChat, openID)
}

// applySubmit stores the posted form, or shows it again with the mistakes.
func (s *server) applySubmit(c *gin.Context, action, t string, ch disclosure.Channel, openID string) {
	p := newFormPage(action, t)
	for _, f := range formFields {
		p.V[f] = strings.TrimSpace(c.PostForm(f))
	}
	sub := submissionOf(p.V)
	sub.Channel, sub.OpenID, sub.IP = ch, openID, c.ClientIP()
	rc, err := s.Disclosure.Desk.Submit(c.Request.Context(), sub)
	var fe disclosure.FieldErrors
	switch {
	case errors.As(err, &fe):
		p.Errors = fe
		s.render(c, http.StatusBadRequest, "apply.html", p)
	case err != nil:
		code := models.ErrorCode(err)
		if code == models.EINTERNAL {
			s.Log.Error("handlers: disclosure submit failed", "err", err)
		}
		p.Errors = map[string]string{"_": models.ErrorMessage(err)}
		s.render(c, statusOf[code], "apply.html", p)
	default:
		s.render(c, http.StatusOK, "receipt.html", gin.H{"Title": "申请已提交", "Receipt": rc})
	}
}

func (s *server) h5Mine(c *gin.Context) {
	openID, ok := s.h5OpenID(c, c.Query("t"))
	if !ok {
		return
	}
	items, err := s.Disclosure.Desk.Mine(c.Request.Context(), openID, 50)
	if err != nil {
		s.Log.Error("handlers: disclosure mine failed", "err", err)
		s.message(c, http.StatusInternalServerError, "我的申请", models.ErrorMessage(err))
		return
	}
	s.render(c, http.StatusOK, "mine.html", gin.H{"Title": "我的申请", "Items": items,
		"ApplyURL": s.Disclosure.Desk.ApplyLink(openID)})
}

func (s *server) h5Guide(c *gin.Context) {
	text, err := s.Disclosure.Desk.Guide(c.Request.Context())
	if err != nil {
		s.message(c, http.StatusInternalServerError, "政府信息公开指南", models.ErrorMessage(err))
		return
	}
	s.render(c, http.StatusOK, "guide.html", gin.H{"Title": "政府信息公开指南", "Guide": text})
}

func (s *server) webApplyForm(c *gin.Context) {
	p := newFormPage("/disclosure/apply", "")
	p.V["kind"], p.V["id_type"] = disclosure.KindNatural, disclosure.IDResidentCard
	s.render(c, http.StatusOK, "apply.html", p)
}

func (s *server) webApplySubmit(c *gin.Context) {
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, maxFormBody)
	s.applySubmit(c, "/disclosure/apply", "", disclosure.ChannelWeb, "")
}

// webQuery looks a request up by its query code, rate limited per address:
// the search limit (a flood of any queries) and the lookup limit (guessing
// codes). A refused lookup answers 429 so clients and proxies see it is a
// limit, not an answer.
func (s *server) webQuery(c *gin.Context) {
	code := strings.TrimSpace(c.Query("code"))
	data := gin.H{"Title": "申请进度查询", "Action": "/disclosure/query", "Code": code}
	status := http.StatusOK
	if code != "" {
		if !s.searchLimit.Allow(c.Request.Context(), "ip:"+c.ClientIP()) {
			status, data["Message"] = http.StatusTooManyRequests, wechat.SearchBusyText
		} else if err := s.Disclosure.Desk.LimitLookup(c.Request.Context(), c.ClientIP()); err != nil {
			status, data["Message"] = statusOf[models.ErrorCode(err)], models.ErrorMessage(err)
		} else if o, found, err := s.Disclosure.Desk.Lookup(c.Request.Context(), "", code); err != nil {
			data["Message"] = models.ErrorMessage(err)
		} else if !found {
			data["Message"] = "未找到该查询码对应的申请，请核对后重试。"
		} else {
			data["Item"] = o
		}
	}
	if status == http.StatusTooManyRequests {
		c.Header("Retry-After", "60")
	}
	s.render(c, status, "query.html", data)
}

// h5OAuthStart sends the follower through WeChat's silent authorisation
// (verified service accounts only); the state cookie ties the answer to
// this browser.
func (s *server) h5OAuthStart(c *gin.Context) {
	next := c.Query("next")
	if next != "apply" && next != "mine" {
		next = "apply"
	}
	state := randomToken()
	redirect := strings.TrimRight(s.Config.PublicURL, "/") + "/h5/disclosure/oauth/callback?next=" + next
	u, err := s.WeChat.SnsapiBaseURL(redirect, state)
	if err != nil {
		s.message(c, http.StatusServiceUnavailable, "无法进入", models.ErrorMessage(err))
		return
	}
	c.SetSameSite(http.SameSiteLaxMode)
	c.SetCookie("govmp_oauth_state", state, 600, "/h5/disclosure/", "", strings.HasPrefix(s.Config.PublicURL, "https://"), true)
	c.Redirect(http.StatusFound, u)
}

// h5OAuthCallback turns the authorisation code into a ticket link.
func (s *server) h5OAuthCallback(c *gin.Context) {
	want, err := c.Cookie("govmp_oauth_state")
	if err != nil || want == "" || want != c.Query("state") || c.Query("code") == "" {
		s.message(c, http.StatusForbidden, "无法进入", "授权已失效，请在公众号菜单中重新进入。")
		return
	}
	openID, err := s.WeChat.SnsapiBaseOpenID(c.Request.Context(), c.Query("code"))
	if err != nil || openID == "" {
		s.Log.Warn("handlers: oauth code exchange failed", "err", err)
		s.message(c, http.StatusServiceUnavailable, "无法进入", "微信授权失败，请稍后在公众号菜单中重新进入。")
		return
	}
	next := "/h5/disclosure/apply"
	if c.Query("next") == "mine" {
		next = "/h5/disclosure/mine"
	}
	c.Redirect(http.StatusFound, next+"?t="+url.QueryEscape(s.Disclosure.Desk.SignTicket(openID)))
}
