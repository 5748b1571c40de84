package models

import "time"

// DisclosureRequest is one stored 政府信息公开申请. The rules live in package
// disclosure; this row is their persistent form.
//
// Civil dates (receipt, deadlines, closing) are "YYYY-MM-DD" strings: they
// compare correctly as text on SQLite and MySQL alike, and no time zone can
// shift them by a day. ID and phone numbers are held only as ciphertext
// (…Enc) and a keyed blind index (…Blind); never in clear.
type DisclosureRequest struct {
	ID uint `gorm:"primaryKey" json:"id"`
	// Number is the receipt number given to the applicant, e.g. YSQ-2026-00012.
	Number string `gorm:"size:32;uniqueIndex;not null" json:"number"`
	// QueryBlind is the blind index of the query code shown once at submission.
	QueryBlind   string    `gorm:"size:64;index" json:"-"`
	Channel      string    `gorm:"size:16;not null" json:"channel"`
	OpenID       string    `gorm:"size:64;index" json:"-"`
	SubmittedAt  time.Time `gorm:"not null" json:"submitted_at"`
	ReceivedOn   string    `gorm:"size:10;index" json:"received_on,omitempty"`
	State        string    `gorm:"size:24;not null;index" json:"state"`
	RegisteredBy string    `gorm:"size:64" json:"registered_by,omitempty"`

	ApplicantKind string `gorm:"size:16;not null;index" json:"applicant_kind"`
	ApplicantName string `gorm:"size:100" json:"-"`
	IDType        string `gorm:"size:24" json:"-"`
	IDNumberEnc   string `gorm:"size:255" json:"-"`
	IDNumberBlind string `gorm:"size:64;index" json:"-"`
	WorkUnit      string `gorm:"size:100" json:"-"`
	CreditCode    string `gorm:"size:18" json:"-"`
	LegalRep      string `gorm:"size:50" json:"-"`
	ContactPerson string `gorm:"size:50" json:"-"`
	PhoneEnc      string `gorm:"size:255" json:"-"`
	PhoneBlind    string `gorm:"size:64;index" json:"-"`
	Address       string `gorm:"size:200" json:"-"`
	Postcode      string `gorm:"size:6" json:"-"`
	Email         string `gorm:"size:100" json:"-"`
	Description   string `gorm:"type:text" json:"-"`
	Purpose       string `gorm:"type:text" json:"-"`
	Form          string `gorm:"size:16" json:"form"`
	Way           string `gorm:"size:16" json:"way"`

	CorrectionNoticeAt   *time.Time `json:"-"`
	CorrectionDeadline   string     `gorm:"size:10" json:"-"`
	CorrectionReceivedOn string     `gorm:"size:10" json:"-"`
	CorrectionText       string     `gorm:"type:text" json:"-"`
	// Consultations is the JSON list of third-party / other-agency rounds.
	Consultations string `gorm:"type:text" json:"-"`

	ExtensionDays     int        `json:"-"`
	ExtensionApprover string     `gorm:"size:64" json:"-"`
	ExtensionNoticeAt *time.Time `json:"-"`
	ExtensionReason   string     `gorm:"type:text" json:"-"`

	FeeMethod          string     `gorm:"size:16" json:"-"`
	FeeQuantity        int        `json:"-"`
	FeeAmount          int        `json:"-"`
	FeeNoticeSentAt    *time.Time `json:"-"`
	FeeNoticeArrivedOn string     `gorm:"size:10" json:"-"`
	FeePaidOn          string     `gorm:"size:10" json:"-"`

	Outcome     string     `gorm:"size:8;index" json:"outcome,omitempty"`
	ReplyText   string     `gorm:"type:text" json:"-"`
	ReplySentAt *time.Time `json:"-"`
	ClosedOn    string     `gorm:"size:10;index" json:"closed_on,omitempty"`

	// PurgedAt is set when the retention period ran out and the personal
	// data and texts were erased; the statistical skeleton stays so that past
	// annual reports still balance.
	PurgedAt *time.Time `json:"purged_at,omitempty"`
	// Version guards against two officers changing the request at once.
	Version   int       `gorm:"not null;default:1" json:"-"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Notice kinds sent to an applicant inside WeChat.
const (
	NoticeAccepted   = "accepted"   // 受理
	NoticeCorrection = "correction" // 补正
	NoticeExtension  = "extension"  // 延期
	NoticeReply      = "reply"      // 答复
)

// Notice states.
const (
	NoticePending = "pending" // waiting for the 48-hour window to open
	NoticeSent    = "sent"
)

// DisclosureNotice is a customer message to an applicant. It is sent at once
// while WeChat's 48-hour window is open, otherwise held as pending until the
// follower next interacts.
type DisclosureNotice struct {
	ID            uint       `gorm:"primaryKey" json:"id"`
	RequestID     uint       `gorm:"index;not null" json:"request_id"`
	RequestNumber string     `gorm:"size:32" json:"request_number"`
	OpenID        string     `gorm:"size:64;index;not null" json:"-"`
	Kind          string     `gorm:"size:16;not null" json:"kind"`
	Text          string     `gorm:"type:text;not null" json:"text"`
	Status        string     `gorm:"size:16;not null;index" json:"status"`
	Attempts      int        `gorm:"not null" json:"attempts"`
	LastAttemptAt *time.Time `json:"last_attempt_at,omitempty"`
	LastError     string     `gorm:"size:255" json:"last_error,omitempty"`
	SentAt        *time.Time `json:"sent_at,omitempty"`
	CreatedAt     time.Time  `gorm:"index" json:"created_at"`
}

// DisclosureReminder records a deadline reminder the job raised for officers,
// once per request, deadline and day count.
type DisclosureReminder struct {
	ID            uint      `gorm:"primaryKey" json:"id"`
	DedupeKey     string    `gorm:"size:128;uniqueIndex;not null" json:"-"`
	RequestID     uint      `gorm:"index;not null" json:"request_id"`
	RequestNumber string    `gorm:"size:32" json:"request_number"`
	Kind          string    `gorm:"size:24;not null" json:"kind"`
	Due           string    `gorm:"size:10;not null" json:"due"`
	DaysLeft      int       `json:"days_left"`
	Day           string    `gorm:"size:10;index;not null" json:"day"`
	CreatedAt     time.Time `json:"created_at"`
}

// DisclosureCalendarYear is an administrator's transcription of one year's
// State Council holiday notice. Off and Work are JSON lists of dates.
type DisclosureCalendarYear struct {
	Year      int       `gorm:"primaryKey;autoIncrement:false" json:"year"`
	Off       string    `gorm:"type:text" json:"-"`
	Work      string    `gorm:"type:text" json:"-"`
	UpdatedBy string    `gorm:"size:64" json:"updated_by"`
	UpdatedAt time.Time `json:"updated_at"`
}

// DisclosureAttachment is a file of a reply document.
type DisclosureAttachment struct {
	ID          uint      `gorm:"primaryKey" json:"id"`
	RequestID   uint      `gorm:"index;not null" json:"request_id"`
	Name        string    `gorm:"size:200;not null" json:"name"`
	ContentType string    `gorm:"size:100" json:"content_type"`
	Size        int       `json:"size"`
	Data        []byte    `json:"-"`
	UploadedBy  string    `gorm:"size:64" json:"uploaded_by"`
	CreatedAt   time.Time `json:"created_at"`
}

// DisclosurePurge records one run of the retention purge: who, the cut-off
// and which requests lost their personal data.
type DisclosurePurge struct {
	ID        uint      `gorm:"primaryKey" json:"id"`
	Actor     string    `gorm:"size:64;not null" json:"actor"`
	Before    string    `gorm:"size:10;not null" json:"before"`
	Count     int       `json:"count"`
	Numbers   string    `gorm:"type:text" json:"numbers"`
	CreatedAt time.Time `json:"created_at"`
}

// Disclosure setting keys.
const (
	SettingDisclosureGuide     = "disclosure.guide"
	SettingDisclosureRetention = "disclosure.retention_years"
)
