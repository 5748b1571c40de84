package models

import "time"

// Datacube endpoint names, as WeChat spells them after /datacube/.
const (
	APIUserSummary        = "getusersummary"
	APIUserCumulate       = "getusercumulate"
	APIArticleRead        = "getarticleread"
	APIBizSummary         = "getbizsummary"
	APIArticleTotalDetail = "getarticletotaldetail"
	APIUserRead           = "getuserread"
)

// CubeEpoch is the first day WeChat's datacube has data for; nothing earlier
// is ever requested.
const CubeEpoch = "2014-12-01"

// CubeUserDay is one getusersummary row: new and cancelled followers of one
// day through one user_source. WeChat keeps only what it keeps, so every day
// pulled is stored here for good.
type CubeUserDay struct {
	Day        string `gorm:"primaryKey;size:10" json:"day"`
	Source     int    `gorm:"primaryKey;autoIncrement:false" json:"user_source"`
	NewUser    int64  `gorm:"not null" json:"new_user"`
	CancelUser int64  `gorm:"not null" json:"cancel_user"`
}

// CubeCumulate is one getusercumulate row: the follower total at the end of a day.
type CubeCumulate struct {
	Day          string `gorm:"primaryKey;size:10" json:"day"`
	CumulateUser int64  `gorm:"not null" json:"cumulate_user"`
}

// CubeArticleRead is one getarticleread row: readers of one article
// (msgid "<msg_data_id>_<idx>") on one day.
type CubeArticleRead struct {
	Day      string `gorm:"primaryKey;size:10" json:"day"`
	MsgID    string `gorm:"primaryKey;size:64" json:"msgid"`
	ReadUser int64  `gorm:"not null" json:"read_user"`
}

// CubeBizDay is one getbizsummary row: the whole account's reading on a day.
type CubeBizDay struct {
	Day            string `gorm:"primaryKey;size:10" json:"day"`
	ReadUser       int64  `gorm:"not null" json:"read_user"`
	ShareUser      int64  `gorm:"not null" json:"share_user"`
	ZaikanUser     int64  `gorm:"not null" json:"zaikan_user"`
	LikeUser       int64  `gorm:"not null" json:"like_user"`
	CommentCount   int64  `gorm:"not null" json:"comment_count"`
	CollectionUser int64  `gorm:"not null" json:"collection_user"`
}

// CubeArticleTotal is one day of one article's getarticletotaldetail
// statistics; PublishDay is the day it was queried under.
type CubeArticleTotal struct {
	MsgID      string `gorm:"primaryKey;size:64" json:"msgid"`
	StatDate   string `gorm:"primaryKey;size:10" json:"stat_date"`
	PublishDay string `gorm:"size:10;index;not null" json:"publish_day"`
	Title      string `gorm:"size:128" json:"title"`
	ReadUser   int64  `gorm:"not null" json:"read_user"`
	ShareUser  int64  `gorm:"not null" json:"share_user"`
	LikeUser   int64  `gorm:"not null" json:"like_user"`
}

// CubeUserRead is one getuserread row (the older endpoint, the fallback
// for reads where the newer ones have nothing).
type CubeUserRead struct {
	Day        string `gorm:"primaryKey;size:10" json:"day"`
	Source     int    `gorm:"primaryKey;autoIncrement:false" json:"user_source"`
	ReadUser   int64  `gorm:"not null" json:"int_page_read_user"`
	ReadCount  int64  `gorm:"not null" json:"int_page_read_count"`
	ShareUser  int64  `gorm:"not null" json:"share_user"`
	ShareCount int64  `gorm:"not null" json:"share_count"`
}

// CubePull records that one endpoint's data for one day was pulled. Delayed
// keeps WeChat's is_delay: such a day is pulled again until WeChat stops
// saying its figures are still being corrected.
type CubePull struct {
	API      string    `gorm:"primaryKey;size:32" json:"api"`
	Day      string    `gorm:"primaryKey;size:10" json:"day"`
	Delayed  bool      `gorm:"not null;index" json:"delayed"`
	Rows     int       `gorm:"not null" json:"rows"`
	PulledAt time.Time `gorm:"not null" json:"pulled_at"`
}

// SyncState keeps a sync's progress between runs (such as the follower
// list's next_openid), so an interrupted sync resumes where it stopped.
type SyncState struct {
	Key       string    `gorm:"primaryKey;size:64" json:"key"`
	Value     string    `gorm:"size:255" json:"value"`
	UpdatedAt time.Time `json:"updated_at"`
}
