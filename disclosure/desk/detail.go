package desk

import (
	"context"
	"time"

	"govmp/disclosure"
	"govmp/models"
	"govmp/store"
)

// Detail is one request with everything the officer handles: the applicant
// (masked unless the full view was asked for and audited), the information
// sought, the history of the clock, the reply, notices and attachments.
type Detail struct {
	Summary
	Full           bool                          `json:"full"`
	Applicant      disclosure.Applicant          `json:"applicant"`
	IDTypeLabel    string                        `json:"id_type_label,omitempty"`
	Info           disclosure.InfoSought         `json:"info"`
	FormLabel      string                        `json:"form_label"`
	WayLabel       string                        `json:"way_label"`
	Correction     *disclosure.Correction        `json:"correction,omitempty"`
	CorrectionText string                        `json:"correction_text,omitempty"`
	Consultations  []disclosure.Consultation     `json:"consultations,omitempty"`
	Extension      *disclosure.Extension         `json:"extension,omitempty"`
	Fee            *disclosure.Fee               `json:"fee,omitempty"`
	ReplyText      string                        `json:"reply_text,omitempty"`
	ReplySentAt    *time.Time                    `json:"reply_sent_at,omitempty"`
	Deadlines      []Deadline                    `json:"deadlines"`
	Notices        []models.DisclosureNotice     `json:"notices"`
	Attachments    []models.DisclosureAttachment `json:"attachments"`
}

// Get returns the masked detail of a request.
func (s *Service) Get(ctx context.Context, id uint) (*Detail, error) {
	row, err := s.Store.DisclosureRequestByID(ctx, id)
	if err != nil {
		return nil, err
	}
	return s.detail(ctx, row, false)
}

// GetFull returns the detail with the applicant's full personal data, and
// records in the audit log who looked.
func (s *Service) GetFull(ctx context.Context, actor string, id uint) (*Detail, error) {
	if s.Cipher == nil {
		return nil, ErrNoDataKey
	}
	row, err := s.Store.DisclosureRequestByID(ctx, id)
	if err != nil {
		return nil, err
	}
	d, err := s.detail(ctx, row, true)
	if err != nil {
		return nil, err
	}
	s.audit(ctx, actor, "disclosure.view_full", "disclosure:"+row.Number, "查看申请人完整信息")
	return d, nil
}

func (s *Service) detail(ctx context.Context, row *models.DisclosureRequest, full bool) (*Detail, error) {
	cal, err := s.Calendar(ctx)
	if err != nil {
		return nil, domainErr(err)
	}
	today := s.today()
	req, err := store.DisclosureToDomain(row)
	if err != nil {
		return nil, err
	}
	d := &Detail{Summary: s.summary(row, cal, today), Full: full,
		Info:      disclosure.InfoSought{Description: row.Description, Purpose: row.Purpose, Form: row.Form, Way: row.Way},
		FormLabel: disclosure.FormLabel(row.Form), WayLabel: disclosure.WayLabel(row.Way),
		Correction: req.Correction, CorrectionText: row.CorrectionText, Consultations: req.Consultations,
		Extension: req.Extension, Fee: req.Fee, ReplyText: row.ReplyText, ReplySentAt: row.ReplySentAt,
		Deadlines: []Deadline{}, IDTypeLabel: disclosure.IDTypeLabel(row.IDType)}
	if full {
		if d.Applicant, err = s.applicant(row); err != nil {
			return nil, err
		}
	} else {
		d.Applicant = s.masked(row)
	}
	if ds, err := req.Deadlines(cal, today); err == nil {
		for _, x := range ds {
			d.Deadlines = append(d.Deadlines, Deadline{Kind: x.Kind, Due: store.DateString(x.Due), DaysLeft: x.DaysLeft})
		}
	}
	if d.Notices, err = s.Store.DisclosureNotices(ctx, row.ID); err != nil {
		return nil, err
	}
	if d.Attachments, err = s.Store.DisclosureAttachments(ctx, row.ID); err != nil {
		return nil, err
	}
	return d, nil
}

// Outcomes lists the 21 leaves of table 三 for the officer's picker.
func Outcomes() []disclosure.Outcome { return disclosure.Outcomes() }

// MaxAttachment is the largest reply attachment accepted.
const MaxAttachment = 10 << 20

// AddAttachment stores a file of the reply document and audits it.
func (s *Service) AddAttachment(ctx context.Context, actor string, id uint, name, contentType string, data []byte) (*models.DisclosureAttachment, error) {
	row, err := s.Store.DisclosureRequestByID(ctx, id)
	if err != nil {
		return nil, err
	}
	switch {
	case name == "" || len([]rune(name)) > 200:
		return nil, models.Invalid("file", "附件文件名无效 / invalid file name")
	case len(data) == 0:
		return nil, models.Invalid("file", "附件为空 / empty file")
	case len(data) > MaxAttachment:
		return nil, models.Invalid("file", "附件不能超过10MB / the file is larger than 10 MB")
	}
	a := &models.DisclosureAttachment{RequestID: row.ID, Name: name, ContentType: contentType, Size: len(data), Data: data, UploadedBy: actor}
	if err := s.Store.AddDisclosureAttachment(ctx, a); err != nil {
		return nil, err
	}
	s.audit(ctx, actor, "disclosure.attach", "disclosure:"+row.Number, name)
	a.Data = nil
	return a, nil
}
