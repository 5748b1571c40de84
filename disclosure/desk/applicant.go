package desk

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"strings"

	"govmp/disclosure"
	"govmp/models"
	"govmp/store"
)

// DefaultGuide is the 政府信息公开指南 until an administrator edits it.
const DefaultGuide = `阜新市乡村振兴局政府信息公开指南

一、依申请公开的受理机构：阜新市乡村振兴局办公室。
二、申请方式：公众号菜单“依申请公开—在线申请”，或当面、邮寄、传真、电子邮件提交《政府信息公开申请表》。
三、申请内容：申请人姓名或名称、身份证明、联系方式；所需政府信息的名称、文号或便于查询的其他特征性描述；提供信息的形式和获取方式。` + OneMatterHint + `
四、办理时限：能够当场答复的当场答复；不能当场答复的，自收到申请之日起20个工作日内答复；需要延长的，经批准可延长不超过20个工作日。
五、进度查询：在公众号发送“查询 申请编号”或“查询 查询码”。`

// Own is an applicant's view of one of their requests: no personal data,
// just where it stands.
type Own struct {
	Number       string `json:"number"`
	SubmittedOn  string `json:"submitted_on"`
	Description  string `json:"description"`
	StateLabel   string `json:"state_label"`
	Due          string `json:"due,omitempty"`
	OutcomeLabel string `json:"outcome_label,omitempty"`
	ClosedOn     string `json:"closed_on,omitempty"`
	Correction   string `json:"correction,omitempty"`
}

// pageURL is the H5 link for page ("apply", "mine") for openID: through
// OAuth on a verified service account, else with a signed ticket.
func (s *Service) pageURL(page, openID string) string {
	base := strings.TrimRight(s.PublicURL, "/") + "/h5/disclosure/"
	if s.OAuth {
		return base + "oauth?next=" + page
	}
	return base + page + "?t=" + url.QueryEscape(s.Tickets.Sign(openID, TicketTTL))
}

// ApplyLink is the link the DISCLOSURE:APPLY menu answers with.
func (s *Service) ApplyLink(openID string) string { return s.pageURL("apply", openID) }

// MineLink is the link to the applicant's "my requests" page.
func (s *Service) MineLink(openID string) string { return s.pageURL("mine", openID) }

// TicketOpenID returns the openid a ticket stands for.
func (s *Service) TicketOpenID(t string) (string, error) {
	id, err := s.Tickets.Verify(t)
	if err != nil {
		return "", models.Errorf(models.EUNAUTHORIZED, "链接已失效，请在公众号菜单“依申请公开”中重新进入 / the link has expired")
	}
	return id, nil
}

// Mine lists the requests a follower submitted, newest first.
func (s *Service) Mine(ctx context.Context, openID string, limit int) ([]Own, error) {
	rows, _, err := s.Store.ListDisclosureRequests(ctx, store.DisclosureFilter{OpenID: openID, Limit: limit})
	if err != nil {
		return nil, err
	}
	return s.owns(ctx, rows)
}

func (s *Service) owns(ctx context.Context, rows []*models.DisclosureRequest) ([]Own, error) {
	cal, err := s.Calendar(ctx)
	if err != nil {
		return nil, domainErr(err)
	}
	out := make([]Own, 0, len(rows))
	for _, row := range rows {
		o := Own{Number: row.Number, SubmittedOn: store.DateString(row.SubmittedAt), Description: clip(row.Description, 40),
			StateLabel: disclosure.State(row.State).Label(), ClosedOn: row.ClosedOn}
		if oc, err := disclosure.OutcomeByCode(row.Outcome); err == nil && row.State == string(disclosure.StateClosed) {
			o.OutcomeLabel = oc.Label
		}
		if row.State == string(disclosure.StateCorrectionPending) {
			o.Correction = clip(row.CorrectionText, 200) + "（请于" + row.CorrectionDeadline + "前补正）"
		}
		if req, err := store.DisclosureToDomain(row); err == nil {
			o.Due = clockOf(req, cal, s.today()).Due
		}
		out = append(out, o)
	}
	return out, nil
}

var numberRe = regexp.MustCompile(`^YSQ-\d{4}-\d{5,}$`)

// Lookup finds a request by receipt number (only the sender's own) or by
// query code (whoever holds the code). found=false when nothing matches.
func (s *Service) Lookup(ctx context.Context, openID, q string) (*Own, bool, error) {
	q = strings.ToUpper(strings.TrimSpace(q))
	var row *models.DisclosureRequest
	var err error
	switch {
	case numberRe.MatchString(q):
		row, err = s.Store.DisclosureRequestByNumber(ctx, q)
		if err == nil && (openID == "" || row.OpenID != openID) {
			return nil, false, nil
		}
	case len(q) == 8 && s.Cipher != nil:
		row, err = s.Store.DisclosureRequestByQueryBlind(ctx, s.Cipher.Blind("query:"+q))
	default:
		return nil, false, nil
	}
	if models.ErrorCode(err) == models.ENOTFOUND {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	list, err := s.owns(ctx, []*models.DisclosureRequest{row})
	if err != nil {
		return nil, false, err
	}
	return &list[0], true, nil
}

// OwnText words one request for a chat reply.
func OwnText(o Own) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s（%s提交）\n状态：%s", o.Number, o.SubmittedOn, o.StateLabel)
	if o.Due != "" {
		b.WriteString("\n答复期限：" + o.Due)
	}
	if o.Correction != "" {
		b.WriteString("\n需补正：" + o.Correction)
	}
	if o.OutcomeLabel != "" {
		b.WriteString("\n办理结果：" + o.OutcomeLabel + "（" + o.ClosedOn + "答复）")
	}
	return b.String()
}

// MineText answers DISCLOSURE:QUERY: the sender's latest requests.
func (s *Service) MineText(ctx context.Context, openID string) (string, error) {
	list, err := s.Mine(ctx, openID, 5)
	if err != nil {
		return "", err
	}
	if len(list) == 0 {
		return "您还没有提交过政府信息公开申请。点击菜单“依申请公开—在线申请”即可提交。", nil
	}
	parts := make([]string, 0, len(list)+1)
	for _, o := range list {
		parts = append(parts, OwnText(o))
	}
	parts = append(parts, fmt.Sprintf(`<a href="%s">查看全部申请</a>`, s.MineLink(openID)))
	return "您的政府信息公开申请：\n\n" + strings.Join(parts, "\n\n"), nil
}

// Guide returns the 公开指南 text.
func (s *Service) Guide(ctx context.Context) (string, error) {
	return s.Store.Setting(ctx, models.SettingDisclosureGuide, DefaultGuide)
}

// SetGuide replaces the 公开指南 text.
func (s *Service) SetGuide(ctx context.Context, actor, text string) error {
	text = strings.TrimSpace(text)
	if text == "" || len([]rune(text)) > 20000 {
		return models.Invalid("text", "指南内容不能为空，且不超过20000字 / the guide must be 1–20000 characters")
	}
	if err := s.Store.SetSetting(ctx, models.SettingDisclosureGuide, text); err != nil {
		return err
	}
	s.audit(ctx, actor, "disclosure.guide.set", "setting:"+models.SettingDisclosureGuide, fmt.Sprintf("%d chars", len([]rune(text))))
	return nil
}

// LookupText answers "查询 <number or code>" in the chat. handled=false
// means the text does not look like a receipt number or query code, so
// other handlers (article search) may take it.
func (s *Service) LookupText(ctx context.Context, openID, q string) (string, bool, error) {
	q = strings.ToUpper(strings.TrimSpace(q))
	if !numberRe.MatchString(q) && !codeRe.MatchString(q) {
		return "", false, nil
	}
	o, found, err := s.Lookup(ctx, openID, q)
	if err != nil {
		return "", true, err
	}
	if !found {
		return "未找到编号或查询码为“" + q + "”的申请。编号形如 YSQ-2026-00001，只能查询本人提交的申请；查询码为提交时显示的8位字符。", true, nil
	}
	return OwnText(*o), true, nil
}

var codeRe = regexp.MustCompile(`^[` + codeAlphabet + `]{8}$`)

// SignTicket returns a ticket for openID, for links built after OAuth.
func (s *Service) SignTicket(openID string) string { return s.Tickets.Sign(openID, TicketTTL) }
