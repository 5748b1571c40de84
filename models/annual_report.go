package models

import "time"

// AnnualReportDraft is what people write for one year's report: the
// organisation and account names, the signing date, the portal's visit
// count (kept outside govmp) and the prose sections, as JSON of
// report.Prose. Empty prose fields get the generated text.
type AnnualReportDraft struct {
	Year          int       `gorm:"primaryKey;autoIncrement:false" json:"year"`
	Organisation  string    `gorm:"size:128" json:"organisation"`
	Account       string    `gorm:"size:64" json:"account"`
	SignDate      string    `gorm:"size:10" json:"sign_date"`
	WebsiteVisits *int64    `json:"website_visits,omitempty"`
	Prose         string    `gorm:"type:text" json:"-"`
	UpdatedBy     string    `gorm:"size:64" json:"updated_by"`
	UpdatedAt     time.Time `json:"updated_at"`
}

// AnnualReportFinal is a report marked final: the stored JSON snapshot is
// what is published and what later data changes never alter.
type AnnualReportFinal struct {
	Year        int       `gorm:"primaryKey;autoIncrement:false" json:"year"`
	Snapshot    string    `gorm:"type:mediumtext;not null" json:"-"`
	FinalizedBy string    `gorm:"size:64;not null" json:"finalized_by"`
	FinalizedAt time.Time `gorm:"not null" json:"finalized_at"`
}
