package stats

import (
	"context"
	"encoding/csv"
	"io"
	"slices"
	"strconv"
	"time"

	"govmp/models"
	"govmp/store"
)

// Metric names of the metrics API.
const (
	MetricSubscribers = "subscribers"
	MetricViews       = "views"
	MetricArticles    = "articles"
	MetricMenuClicks  = "menu-clicks"
	MetricRequests    = "requests"
)

// Granularities of a series.
const (
	ByDay   = "day"
	ByMonth = "month"
	ByYear  = "year"
)

// Query asks for one metric over [From, To] (YYYY-MM-DD).
type Query struct {
	Metric      string
	From, To    string
	Granularity string
	ColumnID    uint   // articles and views only
	CategoryID  uint   // articles and views only
	Key         string // menu-clicks only: one menu key
}

// maxSpan bounds a query so one request cannot make the server add up decades.
const maxSpan = 10 * 366

// Validate checks a query; the errors name the parameter.
func (q Query) Validate() error {
	f, err1 := time.Parse(time.DateOnly, q.From)
	t, err2 := time.Parse(time.DateOnly, q.To)
	switch {
	case !slices.Contains([]string{MetricSubscribers, MetricViews, MetricArticles, MetricMenuClicks, MetricRequests}, q.Metric):
		return models.Invalid("metric", "指标须为 subscribers、views、articles、menu-clicks 或 requests / unknown metric")
	case err1 != nil:
		return models.Invalid("from", "日期格式须为 YYYY-MM-DD / from must be YYYY-MM-DD")
	case err2 != nil:
		return models.Invalid("to", "日期格式须为 YYYY-MM-DD / to must be YYYY-MM-DD")
	case t.Before(f):
		return models.Invalid("to", "结束日期不能早于开始日期 / to is before from")
	case t.Sub(f).Hours()/24 > maxSpan:
		return models.Invalid("from", "日期范围最长10年 / the range is at most 10 years")
	case q.Granularity != ByDay && q.Granularity != ByMonth && q.Granularity != ByYear:
		return models.Invalid("granularity", "粒度须为 day、month 或 year / granularity must be day, month or year")
	case (q.ColumnID != 0 || q.CategoryID != 0) && q.Metric != MetricArticles && q.Metric != MetricViews:
		return models.Invalid("column_id", "只有 articles 和 views 可按栏目或类别筛选 / only articles and views filter by column or category")
	}
	return nil
}

// Point is one period of a series: "2021-03-05", "2021-03", "2021" or "total".
type Point struct {
	Period  string            `json:"period"`
	Figures map[string]Figure `json:"figures"`
}

// Series is a metric by period, with the whole range as Total.
type Series struct {
	Metric      string   `json:"metric"`
	Granularity string   `json:"granularity"`
	From        string   `json:"from"`
	To          string   `json:"to"`
	Fields      []string `json:"fields"`
	Points      []Point  `json:"points"`
	Total       Point    `json:"total"`
}

// field is one figure of a metric with its daily inputs; level figures
// (cumulative followers) take the period's last day instead of a sum.
type field struct {
	name  string
	level bool
	v     dayValues
}

// Metrics answers the metrics API from the sources.
type Metrics struct {
	Src Sources
}

// Series computes a metric by period. It returns EINVALID for a bad query.
func (m *Metrics) Series(ctx context.Context, q Query) (*Series, error) {
	if err := q.Validate(); err != nil {
		return nil, err
	}
	var fields []field
	var err error
	switch q.Metric {
	case MetricSubscribers:
		fields, err = m.subscriberFields(ctx, q.From, q.To)
	case MetricViews:
		fields, err = m.viewFields(ctx, q)
	case MetricArticles:
		fields, err = m.articleFields(ctx, q)
	case MetricMenuClicks:
		fields, err = m.menuFields(ctx, q)
	default:
		fields, err = m.requestFields(ctx, q)
	}
	if err != nil {
		return nil, err
	}
	return assemble(q, fields), nil
}

// assemble groups the days into periods and adds each field up.
func assemble(q Query, fields []field) *Series {
	s := &Series{Metric: q.Metric, Granularity: q.Granularity, From: q.From, To: q.To}
	for _, f := range fields {
		s.Fields = append(s.Fields, f.name)
	}
	days := daysBetween(q.From, q.To)
	width := map[string]int{ByDay: 10, ByMonth: 7, ByYear: 4}[q.Granularity]
	point := func(period string, ds []string) Point {
		p := Point{Period: period, Figures: map[string]Figure{}}
		for _, f := range fields {
			if f.level {
				p.Figures[f.name] = f.v.lastFigure(ds)
			} else {
				p.Figures[f.name] = f.v.sumFigure(ds)
			}
		}
		return p
	}
	for i := 0; i < len(days); {
		j := i
		for j < len(days) && days[j][:width] == days[i][:width] {
			j++
		}
		s.Points = append(s.Points, point(days[i][:width], days[i:j]))
		i = j
	}
	s.Total = point("total", days)
	return s
}

// subscriberFields: new, cancelled, net and cumulative followers, from
// datacube where synced and from the follower events otherwise.
func (m *Metrics) subscriberFields(ctx context.Context, from, to string) ([]field, error) {
	local, err := m.Src.Followers.FollowerDays(ctx, "", to)
	if err != nil {
		return nil, err
	}
	cube, err := m.Src.Followers.CubeUsers(ctx, from, to)
	if err != nil {
		return nil, err
	}
	covered, err := m.Src.Followers.CubeCovered(ctx, from, to, models.APIUserSummary)
	if err != nil {
		return nil, err
	}
	nw, cancel, net, cum := newDayValues(covered), newDayValues(covered), newDayValues(covered), newDayValues(map[string]bool{})
	var running int64
	next := 0
	for _, d := range daysBetween(from, to) {
		for next < len(local) && local[next].Day <= d {
			if local[next].Day == d {
				nw.local[d], cancel.local[d] = local[next].New, local[next].Cancelled
				net.local[d] = local[next].Net
			}
			running = local[next].Cumulative
			next++
		}
		cum.local[d] = running
		if c := cube[d]; c != nil {
			nw.cube[d], cancel.cube[d], net.cube[d] = c.New, c.Cancelled, c.New-c.Cancelled
			if c.Cumulate != nil {
				cum.cube[d], cum.covered[d] = *c.Cumulate, true
			}
		}
	}
	return []field{{"new", false, nw}, {"cancelled", false, cancel}, {"net", false, net}, {"cumulative", true, cum}}, nil
}

func newDayValues(covered map[string]bool) dayValues {
	return dayValues{cube: map[string]int64{}, covered: covered, local: map[string]int64{}, hasLocal: true}
}

// readAPIs are the endpoints whose days count as synced article reads.
var readAPIs = []string{models.APIArticleRead, models.APIBizSummary, models.APIUserRead}

// viewFields: article reads from datacube where synced, else H5 page views.
// With a column or category filter only getarticleread rows of matching
// articles count, since the other endpoints cannot be split by article.
func (m *Metrics) viewFields(ctx context.Context, q Query) ([]field, error) {
	v, err := viewValues(ctx, m.Src, q.From, q.To, store.ContentFilter{ColumnID: q.ColumnID, CategoryID: q.CategoryID})
	if err != nil {
		return nil, err
	}
	return []field{{"views", false, v}}, nil
}

// viewValues gathers the daily inputs of 浏览量.
func viewValues(ctx context.Context, src Sources, from, to string, f store.ContentFilter) (dayValues, error) {
	v := dayValues{local: map[string]int64{}}
	var msgids []string
	apis := readAPIs
	var err error
	if f != (store.ContentFilter{}) {
		if msgids, err = src.Reads.ArticleMsgIDs(ctx, f); err != nil {
			return v, err
		}
		apis = []string{models.APIArticleRead}
	}
	if v.cube, err = src.Reads.CubeReads(ctx, from, to, msgids); err != nil {
		return v, err
	}
	if v.covered, err = src.Reads.CubeCovered(ctx, from, to, apis...); err != nil {
		return v, err
	}
	if src.Views != nil {
		v.hasLocal = true
		if v.local, err = src.Views.LocalViewsByDay(ctx, from, to, f); err != nil {
			return v, err
		}
	}
	return v, nil
}

// articleFields: articles published per day (each article of a push counts).
func (m *Metrics) articleFields(ctx context.Context, q Query) ([]field, error) {
	start, end := DayBounds(q.From, q.To)
	times, err := m.Src.Articles.PublishedTimes(ctx, start, end, store.ContentFilter{ColumnID: q.ColumnID, CategoryID: q.CategoryID})
	if err != nil {
		return nil, err
	}
	v := newDayValues(map[string]bool{})
	for _, t := range times {
		v.local[models.DayOf(t)]++
	}
	return []field{{"articles", false, v}}, nil
}

// menuFields: menu CLICK and VIEW events, optionally for one key.
func (m *Metrics) menuFields(ctx context.Context, q Query) ([]field, error) {
	rows, err := m.Src.Menu.MenuClicks(ctx, q.From, q.To)
	if err != nil {
		return nil, err
	}
	click, view := newDayValues(map[string]bool{}), newDayValues(map[string]bool{})
	for _, r := range rows {
		if q.Key != "" && r.Key != q.Key {
			continue
		}
		if r.Event == "CLICK" {
			click.local[r.Day] += r.Count
		} else {
			view.local[r.Day] += r.Count
		}
	}
	return []field{{"click", false, click}, {"view", false, view}}, nil
}

// requestFields: 依申请公开 requests received and closed per day.
func (m *Metrics) requestFields(ctx context.Context, q Query) ([]field, error) {
	recv, closed := newDayValues(map[string]bool{}), newDayValues(map[string]bool{})
	if m.Src.Requests == nil {
		recv.hasLocal, closed.hasLocal = false, false
		return []field{{"received", false, recv}, {"closed", false, closed}}, nil
	}
	facts, err := m.Src.Requests.RequestFacts(ctx, q.To)
	if err != nil {
		return nil, err
	}
	for _, f := range facts {
		recv.local[f.ReceivedOn]++
		if f.ClosedOn != "" {
			closed.local[f.ClosedOn]++
		}
	}
	return []field{{"received", false, recv}, {"closed", false, closed}}, nil
}

// WriteCSV writes a series as CSV: the period, then for each field its
// value, source, datacube and local figures and their difference.
func WriteCSV(w io.Writer, s *Series) error {
	cw := csv.NewWriter(w)
	head := []string{"period"}
	for _, f := range s.Fields {
		head = append(head, f, f+"_source", f+"_datacube", f+"_local", f+"_difference")
	}
	_ = cw.Write(head)
	for _, p := range append(append([]Point{}, s.Points...), s.Total) {
		row := []string{p.Period}
		for _, name := range s.Fields {
			f := p.Figures[name]
			row = append(row, strconv.FormatInt(f.Value, 10), f.Source, optInt(f.Datacube), optInt(f.Local), optInt(f.Difference))
		}
		_ = cw.Write(row)
	}
	cw.Flush()
	return cw.Error()
}

func optInt(p *int64) string {
	if p == nil {
		return ""
	}
	return strconv.FormatInt(*p, 10)
}
