package models

import "time"

// Beijing is China Standard Time. A fixed zone (China has had no daylight
// saving since 1991) so that no tz database is needed in the container.
var Beijing = time.FixedZone("CST", 8*3600)

// DayOf returns the Beijing calendar day of t as YYYY-MM-DD, the unit every
// daily statistic is kept in.
func DayOf(t time.Time) string { return t.In(Beijing).Format("2006-01-02") }
