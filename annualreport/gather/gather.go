package gather

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"govmp/annualreport"
	"govmp/models"
	"govmp/stats"
	"govmp/store"
)

// The bureau the product was first built for; a year's draft may name
// another organisation or account.
const (
	DefaultOrganisation = "阜新市乡村振兴局"
	DefaultAccount      = "阜新乡村振兴政务"
)

// Gathered is a year's report input with what a reader should know about it.
type Gathered struct {
	Data annualreport.Data
	// Notes explain gaps: a source not wired, requests that could not be placed.
	Notes []string `json:"notes,omitempty"`
}

// Gather collects report.Data for year from every source. prev is last
// year's final report, or nil; its carried-out row feeds check 4.
func Gather(ctx context.Context, src stats.Sources, year int, prev *annualreport.Report) (*Gathered, error) {
	g := &Gathered{Data: annualreport.Data{Year: year}}
	d := &g.Data
	if err := gatherDraft(ctx, src, year, d); err != nil {
		return nil, err
	}
	steps := []func(context.Context, stats.Sources, *Gathered) error{gatherContent, gatherPlatform, gatherRequests, gatherRegisters}
	for _, step := range steps {
		if err := step(ctx, src, g); err != nil {
			return nil, err
		}
	}
	if prev != nil {
		d.PrevCarriedOut = map[string]int{}
		for i, a := range annualreport.Applicants {
			d.PrevCarriedOut[a] = int(*prev.Table3.CarriedOut.At(i))
		}
	}
	return g, nil
}

// gatherDraft applies what people wrote for the year.
func gatherDraft(ctx context.Context, src stats.Sources, year int, d *annualreport.Data) error {
	draft, err := src.Reports.ReportDraft(ctx, year)
	if err != nil {
		return err
	}
	d.Organisation, d.Account = or(draft.Organisation, DefaultOrganisation), or(draft.Account, DefaultAccount)
	if draft.SignDate != "" {
		d.SignDate, _ = time.Parse(time.DateOnly, draft.SignDate)
	}
	d.Platform.WebsiteVisits = draft.WebsiteVisits
	if draft.Prose != "" {
		if err := json.Unmarshal([]byte(draft.Prose), &d.Prose); err != nil {
			return fmt.Errorf("reporting: stored prose of %d is unreadable: %w", year, err)
		}
	}
	return nil
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// yearDays returns a year's first and last day.
func yearDays(year int) (string, string) {
	y := strconv.Itoa(year)
	return y + "-01-01", y + "-12-31"
}

// gatherContent: the columns and the articles published by category (一(一)),
// and their total (发布信息 of 一(四)).
func gatherContent(ctx context.Context, src stats.Sources, g *Gathered) error {
	d := &g.Data
	cols, err := src.Articles.Columns(ctx, true)
	if err != nil {
		return err
	}
	for _, c := range cols {
		d.Columns = append(d.Columns, c.Name)
	}
	start, end := stats.DayBounds(yearDays(d.Year))
	cats, err := src.Articles.PublishedByCategory(ctx, start, end)
	if err != nil {
		return err
	}
	for _, c := range cats {
		d.Proactive = append(d.Proactive, annualreport.Category{Name: c.Name, Count: c.Count})
	}
	times, err := src.Articles.PublishedTimes(ctx, start, end, store.ContentFilter{})
	if err != nil {
		return err
	}
	d.Platform.PublishedArticles, d.Platform.ArticlesSource = int64(len(times)), stats.SourceLocal
	return nil
}

// gatherPlatform: 订阅人数 (followers on 12-31) and 浏览量 (reads in the year).
func gatherPlatform(ctx context.Context, src stats.Sources, g *Gathered) error {
	d := &g.Data
	first, last := yearDays(d.Year)
	sub, err := stats.SubscribersAt(ctx, src, last)
	if err != nil {
		return err
	}
	d.Platform.Subscribers, d.Platform.SubscribersSource = sub.Value, sub.Source
	views, err := stats.ViewsOver(ctx, src, first, last)
	if err != nil {
		return err
	}
	d.Platform.Views, d.Platform.ViewsSource = views.Value, views.Source
	if views.Source == stats.SourceNone {
		g.Notes = append(g.Notes, "浏览量：本年度既无微信数据统计，也无本地浏览记录 / no reads from either source")
	}
	return nil
}

// gatherRequests: table 三 from the 依申请公开 requests.
func gatherRequests(ctx context.Context, src stats.Sources, g *Gathered) error {
	d := &g.Data
	if src.Requests == nil {
		g.Notes = append(g.Notes, "表三：依申请公开数据源尚未接入 / the request source is not wired")
		return nil
	}
	_, last := yearDays(d.Year)
	facts, err := src.Requests.RequestFacts(ctx, last)
	if err != nil {
		return err
	}
	c := CountRequests(facts, d.Year)
	d.New, d.CarriedIn, d.CarriedOut, d.Outcomes = c.New, c.CarriedIn, c.CarriedOut, c.Outcomes
	g.Notes = append(g.Notes, c.Anomalies...)
	return nil
}

// gatherRegisters: table 二 and table 四 from the registers.
func gatherRegisters(ctx context.Context, src stats.Sources, g *Gathered) error {
	d := &g.Data
	for kind, row := range map[string]*annualreport.DocRow{models.DocRule: &d.Rules, models.DocNormative: &d.Normative} {
		c, err := src.Registers.DocumentYear(ctx, kind, d.Year)
		if err != nil {
			return err
		}
		prev := c.PrevInForce
		*row = annualreport.DocRow{Issued: c.Issued, Abolished: c.Abolished, InForce: c.InForce, PrevInForce: &prev}
	}
	counts, fee, err := src.Registers.DecisionYear(ctx, d.Year)
	if err != nil {
		return err
	}
	d.Licensing, d.Penalty, d.Coercion = counts[models.DecisionLicensing], counts[models.DecisionPenalty], counts[models.DecisionCoercion]
	d.FeesYuan = fee
	cases, err := src.Registers.CaseYear(ctx, d.Year)
	if err != nil {
		return err
	}
	for kind, c := range map[string]*annualreport.Cases{models.CaseReview: &d.Review, models.CaseDirect: &d.Direct, models.CaseAfterReview: &d.AfterReview} {
		m := cases[kind]
		*c = annualreport.Cases{Upheld: m[models.ResultUpheld], Corrected: m[models.ResultCorrected], Other: m[models.ResultOther], Pending: m[models.ResultPending]}
	}
	return nil
}
