package desk

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"govmp/disclosure"
	"govmp/models"
	"govmp/store"
)

// RunReminders raises the 5- and 2-working-day reminders due today and
// records each once, so the console shows them and a rerun adds nothing.
// A request whose deadlines fall in a year the calendar does not cover is
// reported in the log and skipped: the rest still get their reminders.
func (s *Service) RunReminders(ctx context.Context) (int, error) {
	rows, _, err := s.Store.ListDisclosureRequests(ctx, store.DisclosureFilter{OpenOnly: true, Limit: 100000})
	if err != nil {
		return 0, err
	}
	cal, err := s.Calendar(ctx)
	if err != nil {
		return 0, err
	}
	today := s.today()
	if work, err := cal.IsWorkday(today); err != nil || !work {
		return 0, err
	}
	added := 0
	for _, row := range rows {
		req, err := store.DisclosureToDomain(row)
		if err != nil {
			return added, err
		}
		due, err := disclosure.Reminders(cal, []*disclosure.Request{req}, today)
		if err != nil {
			s.Log.Warn("requests: reminders skipped", "request", row.Number, "err", err)
			continue
		}
		for _, d := range due {
			n, err := s.remind(ctx, row, d)
			if err != nil {
				return added, err
			}
			added += n
		}
	}
	return added, nil
}

func (s *Service) remind(ctx context.Context, row *models.DisclosureRequest, d disclosure.Deadline) (int, error) {
	dueDay := store.DateString(d.Due)
	rem := &models.DisclosureReminder{
		DedupeKey: fmt.Sprintf("%d:%s:%s:%d", row.ID, d.Kind, dueDay, d.DaysLeft),
		RequestID: row.ID, RequestNumber: row.Number, Kind: d.Kind, Due: dueDay, DaysLeft: d.DaysLeft,
		Day: store.DateString(s.now()), CreatedAt: s.now(),
	}
	fresh, err := s.Store.AddDisclosureReminder(ctx, rem)
	if err != nil || !fresh {
		return 0, err
	}
	s.Log.Info("requests: deadline reminder", "request", row.Number, "kind", d.Kind, "due", dueDay, "days_left", d.DaysLeft)
	return 1, nil
}

// Reminders lists the reminders raised in the last 30 days.
func (s *Service) Reminders(ctx context.Context) ([]models.DisclosureReminder, error) {
	return s.Store.DisclosureReminders(ctx, store.DateString(s.now().AddDate(0, 0, -30)), 500)
}

// DefaultRetentionYears keeps closed requests this many full years after
// closing before their personal data may be purged.
const DefaultRetentionYears = 5

// Retention returns the configured retention in years.
func (s *Service) Retention(ctx context.Context) (int, error) {
	v, err := s.Store.Setting(ctx, models.SettingDisclosureRetention, strconv.Itoa(DefaultRetentionYears))
	if err != nil {
		return 0, err
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || n < 1 {
		return DefaultRetentionYears, nil
	}
	return n, nil
}

// SetRetention sets the retention in years (1–30).
func (s *Service) SetRetention(ctx context.Context, actor string, years int) error {
	if years < 1 || years > 30 {
		return models.Invalid("years", "保存期限须为1至30年 / retention must be 1–30 years")
	}
	if err := s.Store.SetSetting(ctx, models.SettingDisclosureRetention, strconv.Itoa(years)); err != nil {
		return err
	}
	s.audit(ctx, actor, "disclosure.retention.set", "setting:"+models.SettingDisclosureRetention, strconv.Itoa(years))
	return nil
}

// Purge erases the personal data of requests closed before the retention
// period (counted in whole years back from today) and records the purge.
func (s *Service) Purge(ctx context.Context, actor string) (*models.DisclosurePurge, error) {
	years, err := s.Retention(ctx)
	if err != nil {
		return nil, err
	}
	before := store.DateString(s.today().AddDate(-years, 0, 0))
	rec, err := s.Store.PurgeDisclosureRequests(ctx, actor, before, s.now())
	if err != nil {
		return nil, err
	}
	s.audit(ctx, actor, "disclosure.purge", "disclosure:*", fmt.Sprintf("before=%s count=%d", before, rec.Count))
	return rec, nil
}
