package gather

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"time"

	"govmp/annualreport"
	"govmp/models"
	"govmp/stats"
)

// Reports manages each year's annual report: built live from the data,
// checked, edited (prose), frozen as a final snapshot and compared.
type Reports struct {
	Src stats.Sources
	Now func() time.Time
}

// Result is a report with its check results. Final says it is the stored
// snapshot rather than a live build.
type Result struct {
	Report   *annualreport.Report   `json:"report"`
	Problems []annualreport.Problem `json:"problems"`
	Final    bool                   `json:"final"`
	Notes    []string               `json:"notes,omitempty"`
}

// validYear keeps years inside the 2021 format's range and the near future.
func (s *Reports) validYear(year int) error {
	if year < 2021 || year > s.Now().In(models.Beijing).Year()+1 {
		return models.Invalid("year", "年度须在2021年（本格式启用）至明年之间 / year must be from 2021 to next year")
	}
	return nil
}

// prevFinal returns last year's final report, or nil when it has none.
func (s *Reports) prevFinal(ctx context.Context, year int) (*annualreport.Report, error) {
	r, err := s.final(ctx, year-1)
	if models.ErrorCode(err) == models.ENOTFOUND {
		return nil, nil
	}
	return r, err
}

// final loads a year's frozen snapshot; ENOTFOUND when there is none.
func (s *Reports) final(ctx context.Context, year int) (*annualreport.Report, error) {
	f, err := s.Src.Reports.FinalReport(ctx, year)
	if err != nil {
		return nil, err
	}
	r, err := annualreport.Parse([]byte(f.Snapshot))
	if err != nil {
		return nil, fmt.Errorf("reporting: final report %d is unreadable: %w", year, err)
	}
	return r, nil
}

// Live builds the year's report from the data as it is now and checks it
// against last year's final report.
func (s *Reports) Live(ctx context.Context, year int) (*Result, error) {
	if err := s.validYear(year); err != nil {
		return nil, err
	}
	prev, err := s.prevFinal(ctx, year)
	if err != nil {
		return nil, err
	}
	g, err := Gather(ctx, s.Src, year, prev)
	if err != nil {
		return nil, err
	}
	r, err := annualreport.Build(g.Data)
	if err != nil {
		// The stores only hold validated data, so this is a defect, not input.
		return nil, fmt.Errorf("reporting: build %d: %w", year, err)
	}
	return &Result{Report: r, Problems: nonNil(annualreport.Check(r, prev)), Notes: g.Notes}, nil
}

// Current returns the final snapshot when the year is final, else a live build.
func (s *Reports) Current(ctx context.Context, year int) (*Result, error) {
	if err := s.validYear(year); err != nil {
		return nil, err
	}
	r, err := s.final(ctx, year)
	switch {
	case err == nil:
		prev, perr := s.prevFinal(ctx, year)
		if perr != nil {
			return nil, perr
		}
		return &Result{Report: r, Problems: nonNil(annualreport.Check(r, prev)), Final: true}, nil
	case models.ErrorCode(err) == models.ENOTFOUND:
		return s.Live(ctx, year)
	}
	return nil, err
}

func nonNil(ps []annualreport.Problem) []annualreport.Problem {
	if ps == nil {
		return []annualreport.Problem{}
	}
	return ps
}

// ErrChecksFailed is returned by Finalize when a check fails; the Result
// then lists the problems, each naming its cell and both values.
var ErrChecksFailed = models.Errorf(models.EINVALID, "报告未通过校验，不能定稿 / the report fails its checks and cannot be made final")

// Finalize freezes the year: only a live build that passes every check is
// stored, and a year already final is ECONFLICT.
func (s *Reports) Finalize(ctx context.Context, year int, actor string) (*Result, error) {
	res, err := s.Live(ctx, year)
	if err != nil {
		return nil, err
	}
	if len(res.Problems) > 0 {
		return res, ErrChecksFailed
	}
	snap, err := annualreport.JSON(res.Report)
	if err != nil {
		return nil, fmt.Errorf("reporting: encode report: %w", err)
	}
	f := &models.AnnualReportFinal{Year: year, Snapshot: string(snap), FinalizedBy: actor, FinalizedAt: s.Now().UTC()}
	audit := models.AuditEntry{Actor: actor, Action: "report.finalize", Target: strconv.Itoa(year)}
	if err := s.Src.Reports.SaveFinalReport(ctx, f, audit); err != nil {
		return nil, err
	}
	res.Final = true
	return res, nil
}

// Reopen removes a year's final snapshot so it can be corrected.
func (s *Reports) Reopen(ctx context.Context, year int, actor, reason string) error {
	if reason == "" {
		return models.Invalid("reason", "请说明撤销定稿的原因 / give a reason")
	}
	return s.Src.Reports.ReopenReport(ctx, year, models.AuditEntry{Actor: actor, Action: "report.reopen",
		Target: strconv.Itoa(year), Detail: reason})
}

// Draft is what people edit for a year: names, signing date, the portal's
// visits and the prose (empty fields keep the generated text).
type Draft struct {
	Organisation  string             `json:"organisation"`
	Account       string             `json:"account"`
	SignDate      string             `json:"sign_date"`
	WebsiteVisits *int64             `json:"website_visits"`
	Prose         annualreport.Prose `json:"prose"`
}

// maxProse bounds each prose section; the official report is a few pages.
const maxProse = 5000

// SaveDraft validates and stores the year's draft; ECONFLICT once final.
func (s *Reports) SaveDraft(ctx context.Context, year int, d Draft, actor string) error {
	if err := s.validYear(year); err != nil {
		return err
	}
	if err := d.validate(); err != nil {
		return err
	}
	prose, _ := json.Marshal(d.Prose) // plain strings: cannot fail
	row := &models.AnnualReportDraft{Year: year, Organisation: d.Organisation, Account: d.Account, SignDate: d.SignDate,
		WebsiteVisits: d.WebsiteVisits, Prose: string(prose), UpdatedBy: actor}
	return s.Src.Reports.SaveReportDraft(ctx, row, models.AuditEntry{Actor: actor, Action: "report.draft", Target: strconv.Itoa(year)})
}

func (d Draft) validate() error {
	switch {
	case len([]rune(d.Organisation)) > 64:
		return models.Invalid("organisation", "机关名称最多64个字 / organisation is at most 64 characters")
	case len([]rune(d.Account)) > 32:
		return models.Invalid("account", "公众号名称最多32个字 / account is at most 32 characters")
	case d.SignDate != "" && !models.ValidDay(d.SignDate):
		return models.Invalid("sign_date", "落款日期须为 YYYY-MM-DD / sign_date must be YYYY-MM-DD")
	case d.WebsiteVisits != nil && *d.WebsiteVisits < 0:
		return models.Invalid("website_visits", "网站访问量不能为负数 / website_visits must not be negative")
	}
	p := d.Prose
	for name, text := range map[string]string{"intro": p.Intro, "proactive": p.Proactive, "requests": p.Requests,
		"management": p.Management, "platform": p.Platform, "supervision": p.Supervision, "problems": p.Problems, "other": p.Other} {
		if len([]rune(text)) > maxProse {
			return models.Invalid("prose."+name, "每段文字最多5000字 / each section is at most 5000 characters")
		}
	}
	return nil
}

// GetDraft returns what people wrote for the year.
func (s *Reports) GetDraft(ctx context.Context, year int) (*Draft, error) {
	if err := s.validYear(year); err != nil {
		return nil, err
	}
	row, err := s.Src.Reports.ReportDraft(ctx, year)
	if err != nil {
		return nil, err
	}
	d := &Draft{Organisation: row.Organisation, Account: row.Account, SignDate: row.SignDate, WebsiteVisits: row.WebsiteVisits}
	if row.Prose != "" {
		if err := json.Unmarshal([]byte(row.Prose), &d.Prose); err != nil {
			return nil, fmt.Errorf("reporting: stored prose of %d is unreadable: %w", year, err)
		}
	}
	return d, nil
}

// CellDiff is one addressable value that differs between the final
// snapshot and the live data.
type CellDiff struct {
	Cell  string `json:"cell"`
	Final string `json:"final"`
	Live  string `json:"live"`
}

// Diff compares the year's final snapshot with a live build, cell by cell.
func (s *Reports) Diff(ctx context.Context, year int) ([]CellDiff, error) {
	if err := s.validYear(year); err != nil {
		return nil, err
	}
	frozen, err := s.final(ctx, year)
	if err != nil {
		return nil, err
	}
	live, err := s.Live(ctx, year)
	if err != nil {
		return nil, err
	}
	a, b := Cells(frozen), Cells(live.Report)
	out := []CellDiff{}
	for k, v := range a {
		if b[k] != v {
			out = append(out, CellDiff{Cell: k, Final: v, Live: b[k]})
		}
	}
	for k, v := range b {
		if _, ok := a[k]; !ok {
			out = append(out, CellDiff{Cell: k, Live: v})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Cell < out[j].Cell })
	return out, nil
}

// FinalSummary is one line of the list of final reports.
type FinalSummary struct {
	Year        int       `json:"year"`
	Title       string    `json:"title"`
	FinalizedAt time.Time `json:"finalized_at"`
}

// Finals lists the final reports, newest first, for the H5 page and the console.
func (s *Reports) Finals(ctx context.Context) ([]FinalSummary, error) {
	rows, err := s.Src.Reports.FinalReports(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]FinalSummary, 0, len(rows))
	for _, f := range rows {
		r, err := s.final(ctx, f.Year)
		if err != nil {
			return nil, err
		}
		out = append(out, FinalSummary{Year: f.Year, Title: r.Title(), FinalizedAt: f.FinalizedAt})
	}
	return out, nil
}

// Final returns the year's frozen report; ENOTFOUND when it is not final.
func (s *Reports) Final(ctx context.Context, year int) (*annualreport.Report, error) {
	return s.final(ctx, year)
}

// IsChecksFailed reports whether err is Finalize's failed-checks error.
func IsChecksFailed(err error) bool { return errors.Is(err, ErrChecksFailed) }
