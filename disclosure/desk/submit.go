package desk

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"time"

	"govmp/disclosure"
	"govmp/kv"
	"govmp/models"
	"govmp/store"
)

// OneMatterHint is the 一事一申请 reminder shown on every form and reply.
const OneMatterHint = "请遵循“一事一申请”原则：一份申请只针对一项政府信息，需要多项信息的请分别提交，以便我们准确、及时办理。"

// Submission is a request as it arrives from the applicant or is typed in by
// an officer.
type Submission struct {
	Channel   disclosure.Channel    `json:"channel"`
	Applicant disclosure.Applicant  `json:"applicant"`
	Info      disclosure.InfoSought `json:"info"`
	// SubmittedAt is when the applicant handed it in (officer registrations
	// may give an earlier day; zero means now).
	SubmittedAt time.Time `json:"submitted_at"`
	// AckAt is the signature or confirmation time that fixes the Art. 31
	// receipt date for mail, fax and email; zero leaves the request waiting.
	AckAt time.Time `json:"ack_at"`

	// Set by the caller, not the client.
	OpenID string `json:"-"`
	IP     string `json:"-"`
	Actor  string `json:"-"`
}

// Receipt is what the applicant is given back: the receipt number and the
// query code, shown once.
type Receipt struct {
	ID          uint      `json:"id"`
	Number      string    `json:"number"`
	QueryCode   string    `json:"query_code"`
	State       string    `json:"state"`
	StateLabel  string    `json:"state_label"`
	SubmittedAt time.Time `json:"submitted_at"`
	ReceivedOn  string    `json:"received_on,omitempty"`
	Hint        string    `json:"hint"`
}

// online reports whether the applicant submitted the request themselves.
func online(ch disclosure.Channel) bool {
	return ch == disclosure.ChannelWeChat || ch == disclosure.ChannelWeb
}

// Submit validates and stores a request. Online submissions are rate limited
// per openid and IP; officers register the other channels. It returns
// disclosure.FieldErrors for a form with mistakes, and changes nothing then.
func (s *Service) Submit(ctx context.Context, sub Submission) (*Receipt, error) {
	if s.Cipher == nil {
		return nil, ErrNoDataKey
	}
	if !sub.Channel.Valid() {
		return nil, models.Invalid("channel", "提交渠道无效 / unknown channel")
	}
	if online(sub.Channel) != (sub.Actor == "") {
		return nil, models.Invalid("channel", "网上申请由申请人提交；当面、邮寄、传真、电子邮件申请由公开专员登记 / officers register offline channels only")
	}
	if sub.Channel == disclosure.ChannelWeChat && sub.OpenID == "" {
		return nil, models.Errorf(models.EUNAUTHORIZED, "请从公众号菜单“在线申请”进入 / open the form from the menu")
	}
	if sub.SubmittedAt.IsZero() || online(sub.Channel) {
		sub.SubmittedAt = s.now()
	}
	req, err := disclosure.NewRequest(sub.Channel, sub.SubmittedAt, trimApplicant(sub.Applicant), sub.Info)
	if err != nil {
		return nil, domainErr(err)
	}
	if err := req.Validate(); err != nil {
		return nil, err
	}
	if !sub.AckAt.IsZero() && req.State == disclosure.StateSubmitted {
		if err := req.Receive(sub.AckAt); err != nil {
			return nil, domainErr(err)
		}
	}
	if online(sub.Channel) {
		if err := s.checkLimits(ctx, sub.OpenID, sub.IP); err != nil {
			return nil, err
		}
	}
	row, code, err := s.newRow(req, sub)
	if err != nil {
		return nil, err
	}
	if err := s.Store.CreateDisclosureRequest(ctx, row); err != nil {
		return nil, err
	}
	actor := sub.Actor
	if actor == "" {
		actor = "applicant"
	}
	s.audit(ctx, actor, "disclosure.submit", "disclosure:"+row.Number,
		fmt.Sprintf("channel=%s kind=%s state=%s", row.Channel, row.ApplicantKind, row.State))
	if row.State == string(disclosure.StateReceived) {
		s.notify(ctx, row, models.NoticeAccepted)
	}
	return &Receipt{ID: row.ID, Number: row.Number, QueryCode: code, State: row.State,
		StateLabel: disclosure.State(row.State).Label(), SubmittedAt: row.SubmittedAt,
		ReceivedOn: row.ReceivedOn, Hint: OneMatterHint}, nil
}

func trimApplicant(a disclosure.Applicant) disclosure.Applicant {
	for _, p := range []*string{&a.Name, &a.IDNumber, &a.Phone, &a.Email, &a.CreditCode, &a.Postcode} {
		*p = strings.TrimSpace(*p)
	}
	a.IDNumber = strings.ToUpper(a.IDNumber)
	a.CreditCode = strings.ToUpper(a.CreditCode)
	return a
}

// newRow builds the stored row, encrypting the ID and phone numbers.
func (s *Service) newRow(req *disclosure.Request, sub Submission) (*models.DisclosureRequest, string, error) {
	a := req.Applicant
	idEnc, err := s.Cipher.Encrypt(a.IDNumber)
	if err != nil {
		return nil, "", err
	}
	phoneEnc, err := s.Cipher.Encrypt(a.Phone)
	if err != nil {
		return nil, "", err
	}
	code := queryCode()
	row := &models.DisclosureRequest{
		QueryBlind: s.Cipher.Blind("query:" + code), Channel: string(req.Channel), OpenID: sub.OpenID,
		SubmittedAt: req.SubmittedAt.UTC(), RegisteredBy: sub.Actor,
		ApplicantKind: a.Kind, ApplicantName: a.Name, IDType: a.IDType, IDNumberEnc: idEnc,
		WorkUnit: a.WorkUnit, CreditCode: a.CreditCode, LegalRep: a.LegalRep, ContactPerson: a.ContactPerson,
		PhoneEnc: phoneEnc, Address: a.Address, Postcode: a.Postcode, Email: a.Email,
		Description: strings.TrimSpace(req.Info.Description), Purpose: req.Info.Purpose,
		Form: req.Info.Form, Way: req.Info.Way,
	}
	if a.IDNumber != "" {
		row.IDNumberBlind = s.Cipher.Blind(a.IDNumber)
	}
	if a.Phone != "" {
		row.PhoneBlind = s.Cipher.Blind(a.Phone)
	}
	store.ApplyDomainState(row, req)
	return row, code, nil
}

// codeAlphabet leaves out 0/O, 1/I/L so a code read aloud or copied by hand
// comes out right.
const codeAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"

// queryCode returns 8 random characters: about 40 bits, with the rate
// limit on lookups that is far beyond guessing.
func queryCode() string {
	b := make([]byte, 8)
	for i := range b {
		n, _ := rand.Int(rand.Reader, big.NewInt(int64(len(codeAlphabet)))) // crypto/rand does not fail on supported platforms
		b[i] = codeAlphabet[n.Int64()]
	}
	return string(b)
}

// ErrRateLimited is returned when too many requests came from one follower
// or address: ETOOMANY, so the form answers 429 (a refusal of the person
// would be 403; this is only "not now").
var ErrRateLimited = models.Errorf(models.ETOOMANY, "提交过于频繁，请稍后再试 / too many submissions, try again later")

// checkLimits counts a submission against the openid and IP windows.
func (s *Service) checkLimits(ctx context.Context, openID, ip string) error {
	l := s.Limits
	if l.Window <= 0 {
		l = DefaultLimits
	}
	if openID != "" {
		if err := s.hit(ctx, "openid:"+s.Cipher.Blind(openID), l.PerOpenID, l.Window); err != nil {
			return err
		}
	}
	if ip != "" {
		return s.hit(ctx, "ip:"+ip, l.PerIP, l.Window)
	}
	return nil
}

// hit is a fixed-window counter on the shared KV store: SetNX opens the
// window, later hits read and rewrite the count. Two simultaneous hits may
// count once; for a flood limit that slack does not matter.
func (s *Service) hit(ctx context.Context, who string, max int, window time.Duration) error {
	now := s.now()
	slot := now.Truncate(window)
	key := "govmp:disclosure:rl:" + who + ":" + strconv.FormatInt(slot.Unix(), 10)
	ttl := slot.Add(window).Sub(now) + time.Second
	fresh, err := s.KV.SetNX(ctx, key, "1", ttl)
	if err != nil {
		s.Log.Warn("requests: rate limit store unavailable", "err", err)
		return nil
	}
	if fresh {
		return nil
	}
	v, err := s.KV.Get(ctx, key)
	if errors.Is(err, kv.ErrNotFound) {
		_, _ = s.KV.SetNX(ctx, key, "1", ttl)
		return nil
	}
	n, _ := strconv.Atoi(v)
	if err != nil || n >= max {
		if err == nil {
			return ErrRateLimited
		}
		return nil
	}
	_ = s.KV.Set(ctx, key, strconv.Itoa(n+1), ttl)
	return nil
}

// LimitLookup counts a query-code lookup from ip: 60 an hour is plenty for
// people and makes guessing codes hopeless.
func (s *Service) LimitLookup(ctx context.Context, ip string) error {
	if ip == "" {
		return nil
	}
	return s.hit(ctx, "lookup:"+ip, 60, time.Hour)
}
