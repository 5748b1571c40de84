// Package stats gathers the figures of the metrics API from the stores
// (followers, WeChat statistics kept locally, articles, views, requests,
// registers) and keeps WeChat's statistics synced. Every source is a small
// interface, so a domain whose tables are not there yet can be plugged in
// later without touching the figures.
package stats

import (
	"context"
	"time"

	"govmp/models"
	"govmp/store"
	"govmp/wechat"
)

// FollowerCounter gives local follower history and datacube's follower figures.
type FollowerCounter interface {
	FollowerDays(ctx context.Context, from, to string) ([]store.DayCount, error)
	FollowerTotal(ctx context.Context, day string) (int64, error)
	CubeUsers(ctx context.Context, from, to string) (map[string]*store.CubeUserFigures, error)
	CubeCovered(ctx context.Context, from, to string, apis ...string) (map[string]bool, error)
}

// ReadCounter gives datacube's article reads by day; msgids (when not nil)
// narrows them to some articles.
type ReadCounter interface {
	CubeReads(ctx context.Context, from, to string, msgids []string) (map[string]int64, error)
	CubeCovered(ctx context.Context, from, to string, apis ...string) (map[string]bool, error)
	ArticleMsgIDs(ctx context.Context, f store.ContentFilter) ([]string, error)
}

// ArticleCounter gives the articles published, from the content workflow.
type ArticleCounter interface {
	PublishedByCategory(ctx context.Context, from, to time.Time) ([]store.CategoryCount, error)
	PublishedTimes(ctx context.Context, from, to time.Time, f store.ContentFilter) ([]time.Time, error)
	Columns(ctx context.Context, activeOnly bool) ([]models.Column, error)
}

// ViewCounter gives the H5 page views govmp counts itself, by day.
type ViewCounter interface {
	LocalViewsByDay(ctx context.Context, from, to string, f store.ContentFilter) (map[string]int64, error)
}

// MenuCounter gives menu CLICK and VIEW events per key per day.
type MenuCounter interface {
	MenuClicks(ctx context.Context, from, to string) ([]store.KeyCount, error)
}

// RequestCounter gives what table 三 needs of every 依申请公开 request
// received on or before through (YYYY-MM-DD).
type RequestCounter interface {
	RequestFacts(ctx context.Context, through string) ([]store.RequestFact, error)
}

// RegisterCounter gives the yearly figures of the table 二 and 四 registers.
type RegisterCounter interface {
	DocumentYear(ctx context.Context, kind string, year int) (store.DocCounts, error)
	DecisionYear(ctx context.Context, year int) (map[string]int64, int64, error)
	CaseYear(ctx context.Context, year int) (map[string]map[string]int64, error)
}

// ReportStore keeps each year's draft and final snapshot. Save and reopen
// calls write their audit entry in the same transaction.
type ReportStore interface {
	ReportDraft(ctx context.Context, year int) (*models.AnnualReportDraft, error)
	SaveReportDraft(ctx context.Context, d *models.AnnualReportDraft, audit models.AuditEntry) error
	FinalReport(ctx context.Context, year int) (*models.AnnualReportFinal, error)
	FinalReports(ctx context.Context) ([]models.AnnualReportFinal, error)
	SaveFinalReport(ctx context.Context, f *models.AnnualReportFinal, audit models.AuditEntry) error
	ReopenReport(ctx context.Context, year int, audit models.AuditEntry) error
}

// Sources are every input of the metrics and the report. Views and
// Requests may be nil: the figure is then reported as having no local source.
type Sources struct {
	Followers FollowerCounter
	Reads     ReadCounter
	Articles  ArticleCounter
	Views     ViewCounter
	Menu      MenuCounter
	Requests  RequestCounter
	Registers RegisterCounter
	Reports   ReportStore
}

// StoreSources wires every source to the store's tables.
func StoreSources(st *store.Store) Sources {
	return Sources{Followers: st, Reads: st, Articles: st, Views: st, Menu: st, Requests: st, Registers: st, Reports: st}
}

// CubeSource is the WeChat side of the sync.
type CubeSource interface {
	Datacube(ctx context.Context, api, begin, end string) (*wechat.CubeResult, error)
	ListFollowerIDs(ctx context.Context, next string) ([]string, string, int, error)
	FollowerInfo(ctx context.Context, openIDs []string) ([]wechat.FollowerInfo, error)
}

// SyncStore is where the sync keeps what it pulled and how far it got.
type SyncStore interface {
	SaveCube(ctx context.Context, api string, days []string, delayed bool, rows any, n int) error
	CubePulls(ctx context.Context, api, from, to string) (map[string]models.CubePull, error)
	SyncValue(ctx context.Context, key string) (string, error)
	SetSyncValue(ctx context.Context, key, value string) error
	UpsertSyncedFollowers(ctx context.Context, fs []models.Follower) error
	UnsubscribeUnseen(ctx context.Context, passStart time.Time) (int64, error)
}
