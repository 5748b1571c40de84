package models

// JobFence holds the latest fencing token handed to a scheduled job. A run
// that took its lease with an older token (it was paused past its lease and
// another replica took over) is refused when it tries to commit.
type JobFence struct {
	Job   string `gorm:"primaryKey;size:64"`
	Token int64  `gorm:"not null"`
}
