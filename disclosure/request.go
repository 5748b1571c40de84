package disclosure

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Channel is how a request reached the office.
type Channel string

// Channels. The officer registers the ones that do not arrive online.
const (
	ChannelWeChat       Channel = "wechat"        // 微信公众号 H5 表单
	ChannelWeb          Channel = "web"           // 网站
	ChannelInPerson     Channel = "in_person"     // 当面
	ChannelSignedMail   Channel = "signed_mail"   // 邮寄（需签收）
	ChannelOrdinaryMail Channel = "ordinary_mail" // 邮寄（平常信函）
	ChannelFax          Channel = "fax"           // 传真
	ChannelEmail        Channel = "email"         // 电子邮件
)

var channelLabels = map[Channel]string{
	ChannelWeChat:       "微信公众号",
	ChannelWeb:          "网站",
	ChannelInPerson:     "当面提交",
	ChannelSignedMail:   "邮寄（需签收）",
	ChannelOrdinaryMail: "邮寄（平常信函）",
	ChannelFax:          "传真",
	ChannelEmail:        "电子邮件",
}

// Label returns the Chinese name of the channel, or "" if unknown.
func (c Channel) Label() string { return channelLabels[c] }

// Valid reports whether c is a known channel.
func (c Channel) Valid() bool { _, ok := channelLabels[c]; return ok }

// Forms in which the information may be delivered (载体形式).
const (
	FormPaper      = "paper"      // 纸质
	FormElectronic = "electronic" // 电子
	FormDisc       = "disc"       // 光盘
)

// Ways of obtaining the information (获取方式).
const (
	WayPost   = "post"    // 邮寄
	WayEmail  = "email"   // 电子邮件
	WayPickup = "pickup"  // 自行领取
	WayOnSite = "on_site" // 当场查阅
)

var formLabels = map[string]string{FormPaper: "纸质", FormElectronic: "电子", FormDisc: "光盘"}
var wayLabels = map[string]string{WayPost: "邮寄", WayEmail: "电子邮件", WayPickup: "自行领取", WayOnSite: "当场查阅"}

// FormLabel returns the Chinese name of a delivery form, or "".
func FormLabel(f string) string { return formLabels[f] }

// WayLabel returns the Chinese name of a way of obtaining, or "".
func WayLabel(w string) string { return wayLabels[w] }

// InfoSought describes the information asked for (Art. 29 (二)(三)).
type InfoSought struct {
	// Description is the name, 文号 or other description that finds it.
	Description string `json:"description"`
	// Purpose (用途) is optional: Art. 29 does not require it.
	Purpose string `json:"purpose,omitempty"`
	Form    string `json:"form"`
	Way     string `json:"way"`
}

// ErrNotReceived is returned when a channel needs a confirmation or signature
// date to fix the date of receipt and none was given.
var ErrNotReceived = errors.New("disclosure: 尚未确认收到申请 / receipt not yet confirmed")

// ReceiptDate applies Art. 31. In person, the request is received the day it
// is handed in. By signed mail it is received the day the office signs for it;
// by ordinary mail, online, by fax or by email, the day receipt is confirmed
// with the applicant. ackAt is that signature or confirmation time and is
// ignored for in-person requests. The result is a civil date.
func ReceiptDate(ch Channel, submittedAt, ackAt time.Time) (time.Time, error) {
	if !ch.Valid() {
		return time.Time{}, fmt.Errorf("disclosure: 未知的提交渠道 / unknown channel %q", ch)
	}
	if submittedAt.IsZero() {
		return time.Time{}, errors.New("disclosure: 缺少提交时间 / submission time missing")
	}
	if ch == ChannelInPerson {
		return DateOf(submittedAt), nil
	}
	if ackAt.IsZero() {
		return time.Time{}, ErrNotReceived
	}
	if DateOf(ackAt).Before(DateOf(submittedAt)) {
		return time.Time{}, errors.New("disclosure: 确认收到日期早于提交日期 / receipt confirmed before submission")
	}
	return DateOf(ackAt), nil
}

// Request is the domain view of one 政府信息公开申请: what was asked, by whom,
// when the clock started and what has happened since. Storage is elsewhere;
// change its State only through the transition methods in state.go.
type Request struct {
	ID          string
	Channel     Channel
	SubmittedAt time.Time
	// ReceivedOn is the Art. 31 date of receipt (a civil date).
	ReceivedOn time.Time
	Applicant  Applicant
	Info       InfoSought
	State      State

	Correction    *Correction
	Consultations []Consultation
	Extension     *Extension
	Fee           *Fee

	// Outcome is the code of the leaf of table 三, set on closing.
	Outcome     string
	ReplyText   string
	ReplySentAt time.Time
	// ClosedOn is the civil date the request left the office's hands: the day
	// the reply was sent, or the day of withdrawal.
	ClosedOn time.Time
}

// Correction records the single 补正 notice Art. 30 allows.
type Correction struct {
	NoticeAt time.Time `json:"notice_at"`
	// Deadline is the period the office set for the applicant (a civil date).
	Deadline time.Time `json:"deadline"`
	// ReceivedOn is the date the corrected request arrived, zero until then.
	ReceivedOn time.Time
}

// Consultation kinds, whose time does not count toward the reply period.
const (
	ConsultThirdParty  = "third_party"  // 征求第三方意见（第三十二条）
	ConsultOtherAgency = "other_agency" // 征求其他机关意见（第三十四条）
)

// ConsultationPeriod is the 15 working days a third party (Art. 32) or other
// agency (Art. 34) has to answer.
const ConsultationPeriod = 15

// Consultation is one round of asking a third party or another agency.
type Consultation struct {
	Kind  string    `json:"kind"`
	Party string    `json:"party"`
	Start time.Time `json:"start"`
	// End is zero while the consultation is open.
	End time.Time
}

// Extension records the one extension Art. 33 allows.
type Extension struct {
	Days     int       `json:"days"`
	Approver string    `json:"approver"`
	NoticeAt time.Time `json:"notice_at"`
	Reason   string
}

// ClockStart is the date the reply period runs from: the receipt date, or the
// date the corrected request arrived, since Art. 30 restarts the period then.
func (r *Request) ClockStart() time.Time {
	if r.Correction != nil && !r.Correction.ReceivedOn.IsZero() {
		return r.Correction.ReceivedOn
	}
	return r.ReceivedOn
}

// Validate checks what the applicant submitted: the applicant, the
// information sought, and the contact fields the chosen way of delivery
// needs. It returns FieldErrors; applicant fields keep their own names.
func (r *Request) Validate() error {
	e := FieldErrors{}
	if err := r.Applicant.Validate(); err != nil {
		var fe FieldErrors
		if !errors.As(err, &fe) {
			return err
		}
		for k, v := range fe {
			e[k] = v
		}
	}
	desc := strings.TrimSpace(r.Info.Description)
	switch {
	case desc == "":
		e["description"] = "请填写所需信息的名称、文号或其他特征描述"
	case utf8.RuneCountInString(desc) > 2000:
		e["description"] = "所需信息描述不能超过2000个字"
	}
	if utf8.RuneCountInString(r.Info.Purpose) > 500 {
		e["purpose"] = "用途不能超过500个字"
	}
	if formLabels[r.Info.Form] == "" {
		e["form"] = "请选择信息的载体形式"
	}
	switch {
	case wayLabels[r.Info.Way] == "":
		e["way"] = "请选择获取信息的方式"
	case r.Info.Way == WayPost && strings.TrimSpace(r.Applicant.Address) == "":
		e["address"] = "选择邮寄的，请填写通信地址"
	case r.Info.Way == WayEmail && strings.TrimSpace(r.Applicant.Email) == "":
		e["email"] = "选择电子邮件的，请填写电子邮箱"
	}
	return e.orNil()
}
