package desk

import (
	"context"
	"errors"
	"sort"
	"time"

	"govmp/disclosure"
	"govmp/models"
	"govmp/pii"
	"govmp/store"
)

// Clock is where a request stands against its deadlines today.
type Clock struct {
	// Due is the reply due date, "" while the clock is stopped.
	Due string `json:"due,omitempty"`
	// DaysLeft counts working days to Due: 0 today, negative when overdue.
	DaysLeft *int `json:"days_left,omitempty"`
	Overdue  bool `json:"overdue"`
	// Next is the nearest deadline of any kind (补正 notice, payment …).
	Next *Deadline `json:"next,omitempty"`
	// Problem explains why deadlines cannot be computed (a year the
	// calendar does not cover), instead of guessing.
	Problem string `json:"problem,omitempty"`
}

// Deadline is one deadline with its working days left.
type Deadline struct {
	Kind     string `json:"kind"`
	Due      string `json:"due"`
	DaysLeft int    `json:"days_left"`
}

// Summary is one line of the officer's list: personal data masked.
type Summary struct {
	ID            uint      `json:"id"`
	Number        string    `json:"number"`
	Channel       string    `json:"channel"`
	ChannelLabel  string    `json:"channel_label"`
	State         string    `json:"state"`
	StateLabel    string    `json:"state_label"`
	ApplicantKind string    `json:"applicant_kind"`
	KindLabel     string    `json:"kind_label"`
	Applicant     string    `json:"applicant"`
	IDNumber      string    `json:"id_number,omitempty"`
	Phone         string    `json:"phone,omitempty"`
	Description   string    `json:"description"`
	SubmittedAt   time.Time `json:"submitted_at"`
	ReceivedOn    string    `json:"received_on,omitempty"`
	Outcome       string    `json:"outcome,omitempty"`
	OutcomeLabel  string    `json:"outcome_label,omitempty"`
	ClosedOn      string    `json:"closed_on,omitempty"`
	Purged        bool      `json:"purged,omitempty"`
	Clock
}

// applicant decrypts the stored applicant. Without a data key the numbers
// stay hidden rather than failing the whole view.
func (s *Service) applicant(row *models.DisclosureRequest) (disclosure.Applicant, error) {
	a := disclosure.Applicant{Kind: row.ApplicantKind, Name: row.ApplicantName, IDType: row.IDType,
		WorkUnit: row.WorkUnit, CreditCode: row.CreditCode, LegalRep: row.LegalRep, ContactPerson: row.ContactPerson,
		Address: row.Address, Postcode: row.Postcode, Email: row.Email}
	if s.Cipher == nil {
		return a, nil
	}
	var err error
	if a.IDNumber, err = s.Cipher.Decrypt(row.IDNumberEnc); err != nil {
		return a, err
	}
	a.Phone, err = s.Cipher.Decrypt(row.PhoneEnc)
	return a, err
}

// masked returns the applicant with names and numbers masked.
func (s *Service) masked(row *models.DisclosureRequest) disclosure.Applicant {
	a, err := s.applicant(row)
	if err != nil {
		s.Log.Error("requests: cannot decrypt applicant", "request", row.Number, "err", err)
	}
	a.IDNumber, a.Phone = pii.MaskID(a.IDNumber), pii.MaskPhone(a.Phone)
	a.Email, a.ContactPerson, a.LegalRep = pii.MaskEmail(a.Email), pii.MaskName(a.ContactPerson), pii.MaskName(a.LegalRep)
	if a.Kind == disclosure.KindNatural {
		a.Name = pii.MaskName(a.Name)
		a.Address, a.WorkUnit = "", ""
	}
	if a.Address != "" {
		a.Address = "（已隐藏）"
	}
	return a
}

// summary builds the masked list line with its clock.
func (s *Service) summary(row *models.DisclosureRequest, cal *disclosure.Calendar, today time.Time) Summary {
	a := s.masked(row)
	sum := Summary{ID: row.ID, Number: row.Number, Channel: row.Channel, ChannelLabel: disclosure.Channel(row.Channel).Label(),
		State: row.State, StateLabel: disclosure.State(row.State).Label(), ApplicantKind: row.ApplicantKind,
		KindLabel: disclosure.KindLabel(row.ApplicantKind), Applicant: a.Name, IDNumber: a.IDNumber, Phone: a.Phone,
		Description: clip(row.Description, 60), SubmittedAt: row.SubmittedAt, ReceivedOn: row.ReceivedOn,
		Outcome: row.Outcome, ClosedOn: row.ClosedOn, Purged: row.PurgedAt != nil}
	if o, err := disclosure.OutcomeByCode(row.Outcome); err == nil {
		sum.OutcomeLabel = o.Title()
	}
	req, err := store.DisclosureToDomain(row)
	if err != nil {
		sum.Problem = err.Error()
		return sum
	}
	sum.Clock = clockOf(req, cal, today)
	return sum
}

// clockOf computes due date, days left, overdue and the nearest deadline.
func clockOf(req *disclosure.Request, cal *disclosure.Calendar, today time.Time) Clock {
	var c Clock
	if !req.State.Open() {
		return c
	}
	due, err := req.Due(cal, today)
	switch {
	case errors.Is(err, disclosure.ErrClockStopped):
	case err != nil:
		c.Problem = domainErr(err).Error()
		return c
	default:
		left, err := cal.WorkdaysBetween(today, due)
		if err != nil {
			c.Problem = domainErr(err).Error()
			return c
		}
		c.Due, c.DaysLeft, c.Overdue = store.DateString(due), &left, today.After(due)
	}
	ds, err := req.Deadlines(cal, today)
	if err != nil {
		c.Problem = domainErr(err).Error()
		return c
	}
	if len(ds) > 0 {
		c.Next = &Deadline{Kind: ds[0].Kind, Due: store.DateString(ds[0].Due), DaysLeft: ds[0].DaysLeft}
	}
	return c
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// List returns the officer's list, masked, most urgent first: requests whose
// deadlines cannot be computed come first (they need an administrator),
// then by the nearest deadline's working days left (overdue first), then
// those waiting for receipt to be confirmed, then the rest, newest first.
func (s *Service) List(ctx context.Context, f store.DisclosureFilter) ([]Summary, int64, error) {
	rows, total, err := s.Store.ListDisclosureRequests(ctx, f)
	if err != nil {
		return nil, 0, err
	}
	cal, err := s.Calendar(ctx)
	if err != nil {
		return nil, 0, domainErr(err)
	}
	today := s.today()
	out := make([]Summary, 0, len(rows))
	for _, row := range rows {
		out = append(out, s.summary(row, cal, today))
	}
	sort.SliceStable(out, func(i, j int) bool { return urgencyLess(out[i], out[j]) })
	return out, total, nil
}

func urgencyLess(a, b Summary) bool {
	rank := func(s Summary) int {
		switch {
		case s.Problem != "":
			return 0
		case s.Next != nil:
			return 1
		case s.State == string(disclosure.StateSubmitted):
			return 2 // waiting for the office to confirm receipt
		}
		return 3
	}
	ra, rb := rank(a), rank(b)
	if ra != rb || ra != 1 {
		return ra < rb
	}
	if a.Next.DaysLeft != b.Next.DaysLeft {
		return a.Next.DaysLeft < b.Next.DaysLeft
	}
	return a.Next.Due < b.Next.Due
}
