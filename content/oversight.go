package content

import (
	"sort"
	"time"
)

// Level is how urgently the account needs a new article.
type Level string

// Freshness levels. 国办秘函〔2019〕19号 fails an account with no update in
// two weeks, so the console warns at one week and alarms at two.
const (
	LevelOK    Level = "ok"
	LevelWarn  Level = "warn"
	LevelAlarm Level = "alarm"
)

// Thresholds, in calendar days since the last publication.
const (
	WarnDays  = 7
	AlarmDays = 14
)

// FreshnessReport says how long the account has been quiet.
type FreshnessReport struct {
	Level Level
	// Days is the number of calendar days since the last publication.
	Days int
	// Never is true when nothing has been published at all.
	Never bool
}

// Freshness grades the time since lastPublished. Days are calendar days in
// now's location (pass now in Asia/Shanghai), because inspectors count dates,
// not 24-hour periods. A zero lastPublished means never published: alarm.
func Freshness(lastPublished, now time.Time) FreshnessReport {
	if lastPublished.IsZero() {
		return FreshnessReport{Level: LevelAlarm, Never: true}
	}
	days := calendarDays(lastPublished.In(now.Location()), now)
	r := FreshnessReport{Level: LevelOK, Days: days}
	switch {
	case days >= AlarmDays:
		r.Level = LevelAlarm
	case days >= WarnDays:
		r.Level = LevelWarn
	}
	return r
}

// calendarDays counts date changes from a to b (both in the same location).
func calendarDays(a, b time.Time) int {
	da := time.Date(a.Year(), a.Month(), a.Day(), 0, 0, 0, 0, time.UTC)
	db := time.Date(b.Year(), b.Month(), b.Day(), 0, 0, 0, 0, time.UTC)
	return int(db.Sub(da).Hours() / 24)
}

// Publication is one published article as oversight counts it.
type Publication struct {
	PublishedAt time.Time
	// Original is false for reposted (转载) articles.
	Original bool
}

// MonthCount is the number of original and reposted articles in one month.
type MonthCount struct {
	// Month is "YYYY-MM".
	Month    string `json:"month"`
	Original int    `json:"original"`
	Reposted int
}

// Total is Original + Reposted.
func (m MonthCount) Total() int { return m.Original + m.Reposted }

// chinaTime is UTC+8 without needing the tz database on the host.
var chinaTime = time.FixedZone("CST", 8*3600)

// MonthlyCounts groups publications by month in loc (UTC+8 when nil) and
// returns the months that have any, oldest first.
func MonthlyCounts(pubs []Publication, loc *time.Location) []MonthCount {
	if loc == nil {
		loc = chinaTime
	}
	byMonth := map[string]*MonthCount{}
	for _, p := range pubs {
		key := p.PublishedAt.In(loc).Format("2006-01")
		mc := byMonth[key]
		if mc == nil {
			mc = &MonthCount{Month: key}
			byMonth[key] = mc
		}
		if p.Original {
			mc.Original++
		} else {
			mc.Reposted++
		}
	}
	out := make([]MonthCount, 0, len(byMonth))
	for _, mc := range byMonth {
		out = append(out, *mc)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Month < out[j].Month })
	return out
}
