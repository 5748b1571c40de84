package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"

	"gorm.io/gorm"

	"govmp/disclosure"
	"govmp/models"
)

// closedStates are the states in which a request has left the office's hands.
var closedStates = []string{string(disclosure.StateClosed), string(disclosure.StateWithdrawn)}

// CreateDisclosureRequest inserts r and gives it its receipt number,
// YSQ-<year>-<id padded to 5>, in the same transaction: numbers follow the
// order of submission and never collide across replicas.
func (s *Store) CreateDisclosureRequest(ctx context.Context, r *models.DisclosureRequest) error {
	err := s.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		b := make([]byte, 8)
		_, _ = rand.Read(b)
		r.Number = "tmp-" + hex.EncodeToString(b)
		r.Version = 1
		if err := tx.Create(r).Error; err != nil {
			return err
		}
		r.Number = fmt.Sprintf("YSQ-%d-%05d", r.SubmittedAt.In(disclosure.CST).Year(), r.ID)
		return tx.Model(r).Update("number", r.Number).Error
	})
	if err != nil {
		return fmt.Errorf("store: unable to create disclosure request: %w", err)
	}
	return nil
}

// DisclosureRequestByID returns one request or ENOTFOUND.
func (s *Store) DisclosureRequestByID(ctx context.Context, id uint) (*models.DisclosureRequest, error) {
	return s.findDisclosure(ctx, "id = ?", id)
}

// DisclosureRequestByNumber returns the request with that receipt number or ENOTFOUND.
func (s *Store) DisclosureRequestByNumber(ctx context.Context, number string) (*models.DisclosureRequest, error) {
	return s.findDisclosure(ctx, "number = ?", number)
}

// DisclosureRequestByQueryBlind returns the request whose query code has that
// blind index, or ENOTFOUND.
func (s *Store) DisclosureRequestByQueryBlind(ctx context.Context, blind string) (*models.DisclosureRequest, error) {
	return s.findDisclosure(ctx, "query_blind = ?", blind)
}

func (s *Store) findDisclosure(ctx context.Context, where string, arg any) (*models.DisclosureRequest, error) {
	var r models.DisclosureRequest
	err := s.DB.WithContext(ctx).Where(where, arg).Take(&r).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, models.Errorf(models.ENOTFOUND, "申请不存在 / request not found")
	}
	if err != nil {
		return nil, fmt.Errorf("store: unable to find disclosure request: %w", err)
	}
	return &r, nil
}

// UpdateDisclosureRequest writes every field of r if nobody changed the row
// since r was read (its Version), and bumps the version. A concurrent change
// gives ECONFLICT and writes nothing.
func (s *Store) UpdateDisclosureRequest(ctx context.Context, r *models.DisclosureRequest) error {
	return s.updateDisclosureTx(s.DB.WithContext(ctx), r)
}

func (s *Store) updateDisclosureTx(tx *gorm.DB, r *models.DisclosureRequest) error {
	old := r.Version
	r.Version = old + 1
	res := tx.Model(&models.DisclosureRequest{}).Where("id = ? AND version = ?", r.ID, old).
		Select("*").Omit("id", "number", "created_at").Updates(r)
	if res.Error != nil {
		r.Version = old
		return fmt.Errorf("store: unable to update disclosure request: %w", res.Error)
	}
	if res.RowsAffected == 0 {
		r.Version = old
		return models.Errorf(models.ECONFLICT, "申请已被他人修改，请刷新后重试 / the request was changed by someone else, reload and retry")
	}
	return nil
}

// DisclosureFilter narrows ListDisclosureRequests.
type DisclosureFilter struct {
	State  string
	OpenID string
	// OpenOnly keeps requests still in the office's hands.
	OpenOnly bool
	Limit    int
	Offset   int
}

// ListDisclosureRequests returns requests, newest first, and the total matching.
func (s *Store) ListDisclosureRequests(ctx context.Context, f DisclosureFilter) ([]*models.DisclosureRequest, int64, error) {
	q := s.DB.WithContext(ctx).Model(&models.DisclosureRequest{})
	if f.State != "" {
		q = q.Where("state = ?", f.State)
	}
	if f.OpenID != "" {
		q = q.Where("open_id = ?", f.OpenID)
	}
	if f.OpenOnly {
		q = q.Where("state NOT IN ?", closedStates)
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, fmt.Errorf("store: unable to count disclosure requests: %w", err)
	}
	if f.Limit <= 0 {
		f.Limit = 1000
	}
	var out []*models.DisclosureRequest
	if err := q.Order("id DESC").Limit(f.Limit).Offset(f.Offset).Find(&out).Error; err != nil {
		return nil, 0, fmt.Errorf("store: unable to list disclosure requests: %w", err)
	}
	return out, total, nil
}

// CountApplicantMonth counts the requests one applicant (same blind ID number
// or credit code) submitted in the natural month of month ("YYYY-MM") up to
// and including request id: the 按件 fee counts per applicant per month.
func (s *Store) CountApplicantMonth(ctx context.Context, r *models.DisclosureRequest, month string) (int, error) {
	q := s.DB.WithContext(ctx).Model(&models.DisclosureRequest{}).
		Where("id <= ? AND received_on LIKE ?", r.ID, month+"-%")
	switch {
	case r.IDNumberBlind != "":
		q = q.Where("id_number_blind = ?", r.IDNumberBlind)
	case r.CreditCode != "":
		q = q.Where("credit_code = ?", r.CreditCode)
	default:
		return 1, nil
	}
	var n int64
	if err := q.Count(&n).Error; err != nil {
		return 0, fmt.Errorf("store: unable to count an applicant's requests: %w", err)
	}
	return int(n), nil
}

// DisclosureYear returns every request that counts in the annual report of
// year: received by 31 December and not closed before 1 January. The
// requests carry no personal data, only what table 三 needs (applicant kind,
// dates, state and outcome) and the clock's data.
func (s *Store) DisclosureYear(ctx context.Context, year int) ([]*disclosure.Request, error) {
	end := strconv.Itoa(year) + "-12-31"
	start := strconv.Itoa(year) + "-01-01"
	var rows []*models.DisclosureRequest
	err := s.DB.WithContext(ctx).
		Select("id, number, channel, submitted_at, received_on, state, applicant_kind, correction_notice_at, correction_deadline, correction_received_on, consultations, extension_days, extension_approver, extension_notice_at, fee_method, fee_quantity, fee_amount, fee_notice_sent_at, fee_notice_arrived_on, fee_paid_on, outcome, reply_sent_at, closed_on").
		Where("received_on <> '' AND received_on <= ?", end).
		Where("(state NOT IN ? OR closed_on >= ?)", closedStates, start).
		Order("id").Find(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("store: unable to read the year's disclosure requests: %w", err)
	}
	out := make([]*disclosure.Request, 0, len(rows))
	for _, row := range rows {
		r, err := DisclosureToDomain(row)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}
