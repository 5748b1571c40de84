// Package desk runs 依申请公开 end to end: it registers requests from
// every channel, moves them through the disclosure state machine with an
// audit entry for each move, keeps personal data encrypted, notifies
// applicants inside WeChat's 48-hour window (holding notices until the next
// interaction otherwise), raises deadline reminders and purges old requests.
// The rules themselves live in package disclosure; this package adds storage,
// identity and messaging around them.
package desk

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"govmp/disclosure"
	"govmp/kv"
	"govmp/models"
	"govmp/pii"
	"govmp/store"
	"govmp/ticket"
)

// Sender sends a WeChat customer text message. *wechat.Client implements
// it; a window-closed refusal must come back as an error whose WindowClosed
// check (see Service.WindowClosed) reports true.
type Sender interface {
	SendText(ctx context.Context, openID, text string) error
}

// Limits caps how many requests one follower and one IP address may submit
// online per window; the caps stop floods, not honest applicants.
type Limits struct {
	PerOpenID int
	PerIP     int
	Window    time.Duration
}

// DefaultLimits: 10 per follower and 30 per address an hour.
var DefaultLimits = Limits{PerOpenID: 10, PerIP: 30, Window: time.Hour}

// TicketTTL is how long an H5 link the bot sends stays valid: long enough to
// fill in the form, short enough that a forwarded link soon stops working.
const TicketTTL = 2 * time.Hour

// Service is the disclosure desk. Build it once; it keeps no state of its
// own between calls, so any number of replicas can run it side by side.
type Service struct {
	Store *store.Store
	KV    kv.Store
	// Cipher encrypts ID and phone numbers. Nil means no data key is
	// configured, and every operation that would store or show personal
	// data is refused (ErrNoDataKey).
	Cipher *pii.Cipher
	// Sender delivers notices; nil keeps them pending.
	Sender Sender
	// WindowClosed reports whether a Sender error means WeChat's 48-hour
	// window is closed (45015), so the notice waits instead of failing.
	WindowClosed func(error) bool
	Tickets      *ticket.Signer
	// PublicURL is the base of H5 links; OAuth sends links through WeChat's
	// snsapi_base authorisation instead of a ticket (verified service accounts).
	PublicURL string
	OAuth     bool
	Limits    Limits
	Log       *slog.Logger
	Now       func() time.Time
}

// ErrNoDataKey refuses to store personal data without encryption.
var ErrNoDataKey = models.Errorf(models.EUNAVAILABLE,
	"未配置个人信息加密密钥（GOVMP_DATA_KEY），系统不会以明文保存申请人的证件号码和电话，暂不能登记申请。请管理员配置后重试。 / GOVMP_DATA_KEY is not configured: personal data cannot be stored")

func (s *Service) now() time.Time {
	if s.Now == nil {
		return time.Now()
	}
	return s.Now()
}

func (s *Service) today() time.Time { return disclosure.DateOf(s.now()) }

// Calendar builds the working-day calendar from the library's holiday data
// and the administrators' overrides, read fresh so that an override saved on
// one replica applies on all of them at once.
func (s *Service) Calendar(ctx context.Context) (*disclosure.Calendar, error) {
	years, err := s.Store.DisclosureCalendarYears(ctx)
	if err != nil {
		return nil, err
	}
	ovs := make([]disclosure.YearOverride, 0, len(years))
	for _, y := range years {
		o, err := overrideOf(y)
		if err != nil {
			return nil, err
		}
		ovs = append(ovs, o)
	}
	return disclosure.NewCalendar(ovs...)
}

// domainErr turns the state machine's refusals into errors the API shows:
// an illegal move is a conflict, bad data is invalid input. FieldErrors and
// models errors pass through.
func domainErr(err error) error {
	var te *disclosure.TransitionError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &te) && errors.Is(err, disclosure.ErrIllegalTransition):
		return models.Errorf(models.ECONFLICT, "%s（当前状态：%s） / %s is not allowed from %s", te.Zh, te.From.Label(), te.Action, te.From)
	case errors.As(err, &te):
		return models.Errorf(models.EINVALID, "%s / %s: %s", te.Zh, te.Action, te.En)
	case errors.Is(err, disclosure.ErrYearNotCovered):
		return models.Errorf(models.EINVALID, "工作日历未覆盖该年度，请管理员先录入该年度国务院节假日安排 / %v", err)
	}
	return err
}

// audit writes an audit entry; a failure is logged, since the change it
// describes has already happened.
func (s *Service) audit(ctx context.Context, actor, action, target, detail string) {
	if err := s.Store.Audit(ctx, actor, action, target, detail); err != nil {
		s.Log.Error("requests: audit write failed", "action", action, "target", target, "err", err)
	}
}
