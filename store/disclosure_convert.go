package store

import (
	"encoding/json"
	"fmt"
	"time"

	"govmp/disclosure"
	"govmp/models"
)

// dateLayout is how civil dates are stored.
const dateLayout = "2006-01-02"

// DateString stores a civil date; the zero time becomes "".
func DateString(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return disclosure.DateOf(t).Format(dateLayout)
}

// ParseDate reads a stored civil date; "" becomes the zero time.
func ParseDate(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.ParseInLocation(dateLayout, s, disclosure.CST)
	if err != nil {
		return time.Time{}, fmt.Errorf("store: bad stored date %q: %w", s, err)
	}
	return t, nil
}

func timeOrZero(p *time.Time) time.Time {
	if p == nil {
		return time.Time{}
	}
	return *p
}

func ptrOrNil(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	u := t.UTC()
	return &u
}

// consultationJSON is the stored form of one consultation round.
type consultationJSON struct {
	Kind  string `json:"kind"`
	Party string `json:"party"`
	Start string `json:"start"`
	End   string `json:"end,omitempty"`
}

// DisclosureToDomain builds the domain request from a row, without personal
// data: callers that need the applicant decrypt it themselves. Only the kind
// is copied, which is all the annual report needs.
func DisclosureToDomain(row *models.DisclosureRequest) (*disclosure.Request, error) {
	r := &disclosure.Request{
		ID: row.Number, Channel: disclosure.Channel(row.Channel), SubmittedAt: row.SubmittedAt,
		State: disclosure.State(row.State), Outcome: row.Outcome, ReplyText: row.ReplyText,
		ReplySentAt: timeOrZero(row.ReplySentAt),
		Applicant:   disclosure.Applicant{Kind: row.ApplicantKind},
		Info:        disclosure.InfoSought{Form: row.Form, Way: row.Way},
	}
	var err error
	dates := []struct {
		dst *time.Time
		src string
	}{{&r.ReceivedOn, row.ReceivedOn}, {&r.ClosedOn, row.ClosedOn}}
	for _, d := range dates {
		if *d.dst, err = ParseDate(d.src); err != nil {
			return nil, err
		}
	}
	if row.CorrectionNoticeAt != nil {
		c := &disclosure.Correction{NoticeAt: *row.CorrectionNoticeAt}
		if c.Deadline, err = ParseDate(row.CorrectionDeadline); err != nil {
			return nil, err
		}
		if c.ReceivedOn, err = ParseDate(row.CorrectionReceivedOn); err != nil {
			return nil, err
		}
		r.Correction = c
	}
	if r.Consultations, err = consultationsOf(row.Consultations); err != nil {
		return nil, err
	}
	if row.ExtensionDays > 0 {
		r.Extension = &disclosure.Extension{Days: row.ExtensionDays, Approver: row.ExtensionApprover,
			NoticeAt: timeOrZero(row.ExtensionNoticeAt), Reason: row.ExtensionReason}
	}
	if row.FeeMethod != "" {
		f := &disclosure.Fee{Method: row.FeeMethod, Quantity: row.FeeQuantity, Amount: row.FeeAmount,
			NoticeSentAt: timeOrZero(row.FeeNoticeSentAt)}
		if f.NoticeArrivedOn, err = ParseDate(row.FeeNoticeArrivedOn); err != nil {
			return nil, err
		}
		if f.PaidOn, err = ParseDate(row.FeePaidOn); err != nil {
			return nil, err
		}
		r.Fee = f
	}
	return r, nil
}

func consultationsOf(raw string) ([]disclosure.Consultation, error) {
	if raw == "" {
		return nil, nil
	}
	var list []consultationJSON
	if err := json.Unmarshal([]byte(raw), &list); err != nil {
		return nil, fmt.Errorf("store: bad stored consultations: %w", err)
	}
	out := make([]disclosure.Consultation, 0, len(list))
	for _, c := range list {
		start, err := ParseDate(c.Start)
		if err != nil {
			return nil, err
		}
		end, err := ParseDate(c.End)
		if err != nil {
			return nil, err
		}
		out = append(out, disclosure.Consultation{Kind: c.Kind, Party: c.Party, Start: start, End: end})
	}
	return out, nil
}

// ApplyDomainState copies what the state machine may change from r back into
// row: state, dates, correction, consultations, extension, fee and outcome.
// The applicant and the information sought are never changed this way.
func ApplyDomainState(row *models.DisclosureRequest, r *disclosure.Request) {
	row.State = string(r.State)
	row.ReceivedOn = DateString(r.ReceivedOn)
	row.ClosedOn = DateString(r.ClosedOn)
	row.Outcome = r.Outcome
	row.ReplyText = r.ReplyText
	row.ReplySentAt = ptrOrNil(r.ReplySentAt)
	if c := r.Correction; c != nil {
		row.CorrectionNoticeAt = ptrOrNil(c.NoticeAt)
		row.CorrectionDeadline = DateString(c.Deadline)
		row.CorrectionReceivedOn = DateString(c.ReceivedOn)
	}
	list := make([]consultationJSON, 0, len(r.Consultations))
	for _, c := range r.Consultations {
		list = append(list, consultationJSON{Kind: c.Kind, Party: c.Party, Start: DateString(c.Start), End: DateString(c.End)})
	}
	row.Consultations = ""
	if len(list) > 0 {
		b, _ := json.Marshal(list) // plain strings always marshal
		row.Consultations = string(b)
	}
	if e := r.Extension; e != nil {
		row.ExtensionDays, row.ExtensionApprover, row.ExtensionReason = e.Days, e.Approver, e.Reason
		row.ExtensionNoticeAt = ptrOrNil(e.NoticeAt)
	}
	if f := r.Fee; f != nil {
		row.FeeMethod, row.FeeQuantity, row.FeeAmount = f.Method, f.Quantity, f.Amount
		row.FeeNoticeSentAt = ptrOrNil(f.NoticeSentAt)
		row.FeeNoticeArrivedOn = DateString(f.NoticeArrivedOn)
		row.FeePaidOn = DateString(f.PaidOn)
	}
}
