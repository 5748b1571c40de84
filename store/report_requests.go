package store

import (
	"context"
	"fmt"

	"govmp/models"
)

// RequestFact is what the report's table 三 needs of one 依申请公开 request,
// without any personal data.
type RequestFact struct {
	ID         string
	Kind       string // applicant code
	ReceivedOn string // YYYY-MM-DD
	ClosedOn   string // YYYY-MM-DD, "" while the office still holds it
	Outcome    string // leaf code of table 三 once closed
}

// RequestFacts returns every received request with a receipt date on or
// before through (YYYY-MM-DD), as table 三 and the metrics count them.
func (s *Store) RequestFacts(ctx context.Context, through string) ([]RequestFact, error) {
	var rows []struct {
		Number, ApplicantKind, ReceivedOn, ClosedOn, State, Outcome string
	}
	err := s.DB.WithContext(ctx).Model(&models.DisclosureRequest{}).
		Select("number, applicant_kind, received_on, closed_on, state, outcome").
		Where("received_on <> '' AND received_on <= ?", through).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("store: unable to read requests for the report: %w", err)
	}
	out := make([]RequestFact, len(rows))
	for i, r := range rows {
		f := RequestFact{ID: r.Number, Kind: r.ApplicantKind, ReceivedOn: r.ReceivedOn, Outcome: r.Outcome}
		switch r.State {
		case "closed", "withdrawn":
			f.ClosedOn = r.ClosedOn
			if f.Outcome == "" && r.State == "withdrawn" {
				f.Outcome = "6.3" // a withdrawal counts as 其他处理 3
			}
		}
		out[i] = f
	}
	return out, nil
}
