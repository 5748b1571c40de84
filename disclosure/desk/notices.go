package desk

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"govmp/disclosure"
	"govmp/models"
	"govmp/store"
)

// Why pending notices are delivered by a job and not by the callback:
// WeChat retries a callback it did not get an answer to within 5 s, and the
// router sends every retry through the handlers again, so a handler that
// sent messages could send twice and would slow the passive reply. Instead
// the callback only records the interaction (the follower's
// LastInteractionAt), and the "disclosure.notices" job, run every few
// seconds on one replica at a time, delivers the notices whose follower has
// interacted since the notice was held.

// notify stores a notice for the applicant of row and tries to send it now.
// Requests that did not come through WeChat have no openid: the office
// notifies those applicants by letter, so nothing is stored.
func (s *Service) notify(ctx context.Context, row *models.DisclosureRequest, kind string) {
	if row.OpenID == "" {
		return
	}
	n := &models.DisclosureNotice{RequestID: row.ID, RequestNumber: row.Number, OpenID: row.OpenID,
		Kind: kind, Text: s.noticeText(ctx, row, kind), Status: models.NoticePending, CreatedAt: s.now()}
	if err := s.Store.CreateDisclosureNotice(ctx, n); err != nil {
		s.Log.Error("requests: unable to store a notice", "request", row.Number, "kind", kind, "err", err)
		return
	}
	f, err := s.Store.FollowerByOpenID(ctx, row.OpenID)
	if err != nil || !f.WindowOpen(s.now()) {
		s.Log.Info("requests: notice held until the applicant's next interaction", "request", row.Number, "kind", kind)
		return
	}
	s.deliver(ctx, n)
}

// deliver sends one notice and records the attempt. The send happens under
// a short KV lock and only if nobody tried the notice since n was read, so
// the immediate send and the job on any replica never send it twice.
func (s *Service) deliver(ctx context.Context, n *models.DisclosureNotice) bool {
	if s.Sender == nil {
		return false
	}
	lock, owner := "govmp:disclosure:notice:"+strconv.FormatUint(uint64(n.ID), 10), queryCode()
	got, err := s.KV.SetNX(ctx, lock, owner, time.Minute)
	if err != nil || !got {
		return false
	}
	defer func() { _ = s.KV.DelIfEqual(context.WithoutCancel(ctx), lock, owner) }()
	cur, err := s.Store.DisclosureNoticeByID(ctx, n.ID)
	if err != nil || cur.Status != models.NoticePending || cur.Attempts != n.Attempts {
		return false
	}
	err = s.Sender.SendText(ctx, n.OpenID, n.Text)
	reason := ""
	switch {
	case err == nil:
	case s.WindowClosed != nil && s.WindowClosed(err):
		reason = windowClosedReason
	default:
		reason = clip(err.Error(), 200)
		s.Log.Warn("requests: notice not delivered", "request", n.RequestNumber, "kind", n.Kind, "err", err)
	}
	if rerr := s.Store.RecordNoticeAttempt(ctx, n.ID, s.now(), err == nil, reason); rerr != nil {
		s.Log.Error("requests: unable to record a notice attempt", "notice", n.ID, "err", rerr)
	}
	return err == nil
}

// noticeText words the notice. It names the request by number only: a
// customer message must not repeat personal data.
func (s *Service) noticeText(ctx context.Context, row *models.DisclosureRequest, kind string) string {
	head := fmt.Sprintf("【政府信息公开申请 %s】", row.Number)
	due := s.dueText(ctx, row)
	switch kind {
	case models.NoticeAccepted:
		if row.CorrectionReceivedOn != "" {
			return head + "已收到您的补正材料（" + row.CorrectionReceivedOn + "），答复期限重新计算" + due + "。"
		}
		return head + "您的申请已于" + row.ReceivedOn + "受理" + due + "。发送“查询 " + row.Number + "”可随时查看办理进度。"
	case models.NoticeCorrection:
		return head + "您的申请需要补正：" + clip(row.CorrectionText, 300) + "。请于" + row.CorrectionDeadline +
			"前补正，逾期无正当理由不补正的，视为放弃申请。"
	case models.NoticeExtension:
		return head + fmt.Sprintf("经%s批准，答复期限延长%d个工作日", row.ExtensionApprover, row.ExtensionDays) + due + "。"
	case models.NoticeReply:
		label := ""
		if o, err := disclosure.OutcomeByCode(row.Outcome); err == nil {
			label = "，办理结果：" + o.Label
		}
		return head + "已于" + row.ClosedOn + "答复" + label + "。答复书将按您选择的方式（" +
			disclosure.WayLabel(row.Way) + "）送达。"
	}
	return head + "办理状态已更新为：" + disclosure.State(row.State).Label() + "。"
}

func (s *Service) dueText(ctx context.Context, row *models.DisclosureRequest) string {
	req, err := store.DisclosureToDomain(row)
	if err != nil {
		return ""
	}
	cal, err := s.Calendar(ctx)
	if err != nil {
		return ""
	}
	due, err := req.Due(cal, s.now())
	if err != nil {
		return ""
	}
	return "，答复期限为" + store.DateString(due)
}

// DeliverPending sends the held notices whose follower has interacted since
// the notice was held (or last tried) and whose 48-hour window is open now.
// It reports how many were sent.
func (s *Service) DeliverPending(ctx context.Context) (int, error) {
	pending, err := s.Store.PendingDisclosureNotices(ctx, 500)
	if err != nil || len(pending) == 0 {
		return 0, err
	}
	ids := make([]string, 0, len(pending))
	for _, n := range pending {
		ids = append(ids, n.OpenID)
	}
	followers, err := s.Store.FollowersByOpenID(ctx, ids)
	if err != nil {
		return 0, err
	}
	now, sent := s.now(), 0
	for i := range pending {
		n := &pending[i]
		f, ok := followers[n.OpenID]
		if !ok || !f.WindowOpen(now) || !interactedSince(f, n) {
			continue
		}
		if s.deliver(ctx, n) {
			sent++
		}
	}
	return sent, nil
}

// windowClosedReason marks an attempt WeChat refused because the 48-hour
// window was closed; only a new interaction can change that.
const windowClosedReason = "48小时互动窗口已关闭，待申请人下次互动后发送"

// interactedSince reports whether a held notice may be tried again: it was
// never tried, or the last try failed for another reason than the window,
// or the follower interacted after that try.
func interactedSince(f models.Follower, n *models.DisclosureNotice) bool {
	if n.Attempts == 0 || n.LastAttemptAt == nil || n.LastError != windowClosedReason {
		return true
	}
	return f.LastInteractionAt != nil && f.LastInteractionAt.After(*n.LastAttemptAt)
}

// PendingNotices lists the notices still waiting, for the officer.
func (s *Service) PendingNotices(ctx context.Context) ([]models.DisclosureNotice, error) {
	return s.Store.PendingDisclosureNotices(ctx, 500)
}
