package desk

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"govmp/disclosure"
	"govmp/models"
	"govmp/store"
)

// YearNotice is an administrator's transcription of one year's State Council
// holiday notice: Off lists weekdays that are 法定节假日, Work the 调休
// weekend days that are working days (dates as YYYY-MM-DD).
type YearNotice struct {
	Year      int       `json:"year"`
	Off       []string  `json:"off"`
	Work      []string  `json:"work"`
	UpdatedBy string    `json:"updated_by,omitempty"`
	UpdatedAt time.Time `json:"updated_at,omitempty"`
}

// CalendarInfo tells the console which years the calendar covers and which
// of them come from an administrator's override.
type CalendarInfo struct {
	CoveredYears []int        `json:"covered_years"`
	Overrides    []YearNotice `json:"overrides"`
	Today        string       `json:"today"`
	// Warning names a year the office will soon need but the calendar does
	// not cover: due dates reaching into it cannot be computed.
	Warning string `json:"warning,omitempty"`
}

func overrideOf(y models.DisclosureCalendarYear) (disclosure.YearOverride, error) {
	o := disclosure.YearOverride{Year: y.Year}
	for _, part := range []struct {
		raw string
		dst *[]time.Time
	}{{y.Off, &o.Off}, {y.Work, &o.Work}} {
		var days []string
		if part.raw != "" {
			if err := json.Unmarshal([]byte(part.raw), &days); err != nil {
				return o, fmt.Errorf("requests: bad stored calendar override %d: %w", y.Year, err)
			}
		}
		for _, d := range days {
			t, err := store.ParseDate(d)
			if err != nil {
				return o, err
			}
			*part.dst = append(*part.dst, t)
		}
	}
	return o, nil
}

// CalendarInfo reports the covered years and the overrides.
func (s *Service) CalendarInfo(ctx context.Context) (*CalendarInfo, error) {
	cal, err := s.Calendar(ctx)
	if err != nil {
		return nil, domainErr(err)
	}
	rows, err := s.Store.DisclosureCalendarYears(ctx)
	if err != nil {
		return nil, err
	}
	info := &CalendarInfo{CoveredYears: cal.CoveredYears(), Today: store.DateString(s.now()), Overrides: []YearNotice{}}
	for _, y := range rows {
		n := YearNotice{Year: y.Year, UpdatedBy: y.UpdatedBy, UpdatedAt: y.UpdatedAt}
		_ = json.Unmarshal([]byte(y.Off), &n.Off)
		_ = json.Unmarshal([]byte(y.Work), &n.Work)
		info.Overrides = append(info.Overrides, n)
	}
	// Two months of deadlines (20 + 20 working days) reach into next year
	// from about November on.
	next := s.today().AddDate(0, 2, 0).Year()
	if _, err := cal.IsWorkday(disclosure.MakeDate(next, time.January, 1)); err != nil {
		info.Warning = "工作日历尚未覆盖 " + strconv.Itoa(next) + " 年，请录入国务院办公厅该年度节假日安排通知 / the calendar does not cover " + strconv.Itoa(next)
	}
	return info, nil
}

// SetYearNotice saves an administrator's override for one year after
// checking it builds a valid calendar (dates inside the year, parseable).
func (s *Service) SetYearNotice(ctx context.Context, actor string, n YearNotice) error {
	if n.Year < 2000 || n.Year > 2100 {
		return models.Invalid("year", "年度无效 / invalid year")
	}
	off, err1 := json.Marshal(nonNil(n.Off))
	work, err2 := json.Marshal(nonNil(n.Work))
	if err1 != nil || err2 != nil {
		return models.Invalid("off", "日期列表无效 / invalid date list")
	}
	row := models.DisclosureCalendarYear{Year: n.Year, Off: string(off), Work: string(work), UpdatedBy: actor, UpdatedAt: s.now()}
	for _, list := range [][]string{n.Off, n.Work} {
		for _, d := range list {
			if _, err := time.Parse("2006-01-02", d); err != nil {
				return models.Invalid("off", "日期格式须为 YYYY-MM-DD："+d)
			}
		}
	}
	o, err := overrideOf(row)
	if err == nil {
		_, err = disclosure.NewCalendar(o)
	}
	if err != nil {
		return models.Errorf(models.EINVALID, "节假日安排有误：%v", err)
	}
	if err := s.Store.SaveDisclosureCalendarYear(ctx, &row); err != nil {
		return err
	}
	s.audit(ctx, actor, "disclosure.calendar.set", "calendar:"+strconv.Itoa(n.Year),
		fmt.Sprintf("off=%d work=%d", len(n.Off), len(n.Work)))
	return nil
}

// DeleteYearNotice removes an override; the library's data (if any) applies again.
func (s *Service) DeleteYearNotice(ctx context.Context, actor string, year int) error {
	if err := s.Store.DeleteDisclosureCalendarYear(ctx, year); err != nil {
		return err
	}
	s.audit(ctx, actor, "disclosure.calendar.delete", "calendar:"+strconv.Itoa(year), "")
	return nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
