package desk

import (
	"context"
	"fmt"
	"strings"
	"time"

	"govmp/disclosure"
	"govmp/models"
	"govmp/store"
)

// Action kinds an officer can take on a request.
const (
	ActReceive           = "receive"            // 确认收到（第三十一条）
	ActRequestCorrection = "request_correction" // 告知补正
	ActReceiveCorrection = "receive_correction" // 收到补正材料
	ActStartProcessing   = "start_processing"   // 开始办理
	ActStartConsultation = "start_consultation" // 征求第三方/其他机关意见
	ActEndConsultation   = "end_consultation"   // 征求意见结束
	ActExtend            = "extend"             // 延期答复
	ActNoticeFee         = "notice_fee"         // 发出收费通知
	ActPayFee            = "pay_fee"            // 已缴费
	ActClose             = "close"              // 答复办结
	ActWithdraw          = "withdraw"           // 申请人撤回
)

// Action is one move on a request with the data it needs. At defaults to
// now; dates are YYYY-MM-DD.
type Action struct {
	Action string    `json:"action"`
	At     time.Time `json:"at"`
	// Deadline is the 补正 period given to the applicant.
	Deadline string `json:"deadline"`
	// Text is what must be corrected, the extension reason, or the reply.
	Text string `json:"text"`
	// ConsultKind is third_party or other_agency; Party is who is consulted.
	ConsultKind string `json:"consult_kind"`
	Party       string `json:"party"`
	Days        int    `json:"days"`
	Approver    string `json:"approver"`
	// Method is by_count or by_pages; Quantity is pages, or the request's
	// ordinal in the applicant's month (0: counted from the register).
	Method    string `json:"method"`
	Quantity  int    `json:"quantity"`
	ArrivedOn string `json:"arrived_on"`
	Outcome   string `json:"outcome"`
}

// noticeFor names the notice each move sends the applicant, if any.
var noticeFor = map[string]string{
	ActReceive: models.NoticeAccepted, ActReceiveCorrection: models.NoticeAccepted,
	ActRequestCorrection: models.NoticeCorrection, ActExtend: models.NoticeExtension,
	ActClose: models.NoticeReply,
}

// Act applies one move. An illegal move or bad data is refused with a clear
// message (ECONFLICT or EINVALID) and nothing is stored; a legal one is
// stored, audited and notified.
func (s *Service) Act(ctx context.Context, actor string, id uint, a Action) (*Detail, error) {
	row, err := s.Store.DisclosureRequestByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if row.PurgedAt != nil {
		return nil, models.Errorf(models.ECONFLICT, "该申请的个人信息已按保存期限清除，不能再办理 / the request was purged")
	}
	req, err := store.DisclosureToDomain(row)
	if err != nil {
		return nil, err
	}
	if a.At.IsZero() {
		a.At = s.now()
	}
	if err := s.apply(ctx, row, req, a); err != nil {
		return nil, domainErr(err)
	}
	store.ApplyDomainState(row, req)
	switch a.Action {
	case ActRequestCorrection:
		row.CorrectionText = strings.TrimSpace(a.Text)
	}
	if err := s.Store.UpdateDisclosureRequest(ctx, row); err != nil {
		return nil, err
	}
	s.audit(ctx, actor, "disclosure."+a.Action, "disclosure:"+row.Number, auditDetail(row, a))
	if kind, ok := noticeFor[a.Action]; ok {
		s.notify(ctx, row, kind)
	}
	return s.detail(ctx, row, false)
}

// apply runs the state machine method for a.Action on req.
func (s *Service) apply(ctx context.Context, row *models.DisclosureRequest, req *disclosure.Request, a Action) error {
	switch a.Action {
	case ActReceive:
		return req.Receive(a.At)
	case ActRequestCorrection:
		if strings.TrimSpace(a.Text) == "" {
			return models.Invalid("text", "请一次性写明需要补正的全部事项 / list what must be corrected")
		}
		d, err := parseDay("deadline", a.Deadline)
		if err != nil {
			return err
		}
		return req.RequestCorrection(a.At, d)
	case ActReceiveCorrection:
		return req.ReceiveCorrection(a.At)
	case ActStartProcessing:
		return req.StartProcessing()
	case ActStartConsultation:
		return req.StartConsultation(a.ConsultKind, a.Party, a.At)
	case ActEndConsultation:
		return req.EndConsultation(a.At)
	case ActExtend:
		return req.Extend(a.Days, a.Approver, a.At, a.Text)
	case ActNoticeFee:
		return s.noticeFee(ctx, row, req, a)
	case ActPayFee:
		return req.PayFee(a.At)
	case ActClose:
		return req.Close(strings.TrimSpace(a.Outcome), a.Text, a.At)
	case ActWithdraw:
		return req.Withdraw(a.At)
	}
	return models.Invalid("action", fmt.Sprintf("未知的操作 %q / unknown action", a.Action))
}

// noticeFee computes the 按件 ordinal from the register when not given.
func (s *Service) noticeFee(ctx context.Context, row *models.DisclosureRequest, req *disclosure.Request, a Action) error {
	arrived, err := parseDay("arrived_on", a.ArrivedOn)
	if err != nil {
		return err
	}
	if a.Method == disclosure.FeeByItem && a.Quantity <= 0 && row.ReceivedOn != "" {
		n, err := s.Store.CountApplicantMonth(ctx, row, row.ReceivedOn[:7])
		if err != nil {
			return err
		}
		a.Quantity = n
	}
	return req.NoticeFee(a.Method, a.Quantity, a.At, arrived)
}

func parseDay(field, v string) (time.Time, error) {
	t, err := store.ParseDate(strings.TrimSpace(v))
	if err != nil || t.IsZero() {
		return time.Time{}, models.Invalid(field, "日期格式须为 YYYY-MM-DD / date must be YYYY-MM-DD")
	}
	return t, nil
}

// auditDetail summarises a move without personal data.
func auditDetail(row *models.DisclosureRequest, a Action) string {
	d := "state=" + row.State
	switch a.Action {
	case ActRequestCorrection:
		d += " deadline=" + row.CorrectionDeadline
	case ActExtend:
		d += fmt.Sprintf(" days=%d approver=%s", row.ExtensionDays, row.ExtensionApprover)
	case ActStartConsultation:
		d += " kind=" + a.ConsultKind
	case ActNoticeFee:
		d += fmt.Sprintf(" method=%s amount=%d", row.FeeMethod, row.FeeAmount)
	case ActClose:
		d += " outcome=" + row.Outcome
	}
	return d
}
