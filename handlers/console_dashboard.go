package handlers

import (
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"govmp/content"
	"govmp/models"
	"govmp/stats"
	"govmp/store"
	consoleweb "govmp/web/console"
)

// chartRanges are the ranges the dashboard offers, in days.
var chartRanges = []int{7, 30, 90, 365}

// dashboard is the start page: charts for everyone, then the work waiting
// for the user's role.
func (cs *console) dashboard(c *gin.Context) {
	v := cs.newView(c, "工作台")
	u := currentUser(c)
	days := queryInt(c, "days", 30, 1, 366)
	if !contains([]string{"7", "30", "90", "365"}, strconv.Itoa(days)) {
		days = 30
	}
	v.Form.Set("days", strconv.Itoa(days))
	v.D["Ranges"] = chartRanges
	now := time.Now().In(models.Beijing)
	from, to := models.DayOf(now.AddDate(0, 0, -days+1)), models.DayOf(now)
	steps := []func(*gin.Context, *view, string, string) error{cs.followerChart, cs.menuClicks}
	if cs.Content.Publisher != nil {
		steps = append(steps, cs.readsChart, cs.weeklyChart, cs.contentWork)
	}
	if cs.Disclosure.Desk != nil && u.Can(rolesOfficer...) {
		steps = append(steps, cs.openRequests)
	}
	if u.Can(rolesAdmin...) {
		steps = append(steps, func(c *gin.Context, v *view, _, _ string) error { return cs.accountFacts(c, v) })
	}
	for _, step := range steps {
		if err := step(c, v, from, to); err != nil {
			cs.fail(c, err)
			return
		}
	}
	cs.render(c, http.StatusOK, "dashboard", v)
}

// followerChart draws new, cancelled and cumulative followers by day:
// datacube's figures where synced (through the metrics service), our own
// event history otherwise.
func (cs *console) followerChart(c *gin.Context, v *view, from, to string) error {
	var labels []string
	var nw, cancel, cum []float64
	if cs.Reporting.Metrics != nil {
		s, err := cs.Reporting.Metrics.Series(c.Request.Context(), stats.Query{Metric: stats.MetricSubscribers, From: from, To: to, Granularity: stats.ByDay})
		if err != nil {
			return err
		}
		for _, p := range s.Points {
			labels = append(labels, p.Period[5:])
			nw, cancel = append(nw, float64(p.Figures["new"].Value)), append(cancel, float64(p.Figures["cancelled"].Value))
			cum = append(cum, float64(p.Figures["cumulative"].Value))
		}
		v.D["Followers"] = strconv.FormatInt(s.Total.Figures["cumulative"].Value, 10) // a string, so 0 still shows
	} else {
		rows, err := cs.Store.FollowerDays(c.Request.Context(), from, to)
		if err != nil {
			return err
		}
		for _, d := range rows {
			labels = append(labels, d.Day[5:])
			nw, cancel, cum = append(nw, float64(d.New)), append(cancel, float64(d.Cancelled)), append(cum, float64(d.Cumulative))
		}
	}
	v.D["FollowerChart"] = consoleweb.Chart{Title: "粉丝变化（新增、取消关注）", Labels: labels, Series: []consoleweb.Series{
		{Name: "新增关注", Color: "#1a7f37", Values: nw}, {Name: "取消关注", Color: "#c0392b", Values: cancel}}}
	v.D["CumulativeChart"] = consoleweb.Chart{Title: "累计关注人数", Labels: labels, Series: []consoleweb.Series{
		{Name: "累计关注", Color: "#0d4a8a", Values: cum}}}
	return nil
}

// readsChart draws article reads (datacube, with our H5 page views beside).
func (cs *console) readsChart(c *gin.Context, v *view, from, to string) error {
	var labels []string
	var reads []float64
	if cs.Reporting.Metrics != nil {
		s, err := cs.Reporting.Metrics.Series(c.Request.Context(), stats.Query{Metric: stats.MetricViews, From: from, To: to, Granularity: stats.ByDay})
		if err != nil {
			return err
		}
		for _, p := range s.Points {
			labels, reads = append(labels, p.Period[5:]), append(reads, float64(p.Figures["views"].Value))
		}
		v.D["Reads"] = strconv.FormatInt(s.Total.Figures["views"].Value, 10)
	} else {
		days, err := cs.Store.ViewsByDay(c.Request.Context(), from, to)
		if err != nil {
			return err
		}
		for _, d := range days {
			labels, reads = append(labels, d.Day[5:]), append(reads, float64(d.PV))
		}
	}
	v.D["ReadsChart"] = consoleweb.Chart{Title: "文章阅读量", Labels: labels, Series: []consoleweb.Series{{Name: "阅读", Color: "#7b3fa0", Values: reads}}}
	return nil
}

// weeklyChart counts articles published per week over twelve weeks, beside
// the 国办秘函〔2019〕19号 freshness rule (warn at 7 days, alarm at 14).
func (cs *console) weeklyChart(c *gin.Context, v *view, _, _ string) error {
	now := time.Now().In(models.Beijing)
	monday := time.Date(now.Year(), now.Month(), now.Day()-(int(now.Weekday())+6)%7, 0, 0, 0, 0, models.Beijing)
	start := monday.AddDate(0, 0, -7*11)
	pubs, err := cs.Store.Publications(c.Request.Context(), start, now.Add(time.Second))
	if err != nil {
		return err
	}
	counts := make([]float64, 12)
	labels := make([]string, 12)
	for i := range labels {
		labels[i] = start.AddDate(0, 0, 7*i).Format("01-02")
	}
	for _, p := range pubs {
		if w := int(p.PublishedAt.In(models.Beijing).Sub(start).Hours() / (24 * 7)); w >= 0 && w < 12 {
			counts[w]++
		}
	}
	v.D["WeeklyChart"] = consoleweb.Chart{Title: "每周发布篇数（近12周）", Kind: "bar", Labels: labels,
		Series: []consoleweb.Series{{Name: "发布篇数", Color: "#0d4a8a", Values: counts}}}
	last, err := cs.Store.LastPublishedAt(c.Request.Context())
	if err != nil {
		return err
	}
	v.D["Freshness"] = content.Freshness(last, now)
	v.D["WarnDays"], v.D["AlarmDays"] = content.WarnDays, content.AlarmDays
	return nil
}

// contentWork lists what waits for review and what failed to publish.
func (cs *console) contentWork(c *gin.Context, v *view, _, _ string) error {
	pending, total, err := cs.Store.ListArticles(c.Request.Context(), store.ArticleFilter{State: string(content.StateSubmitted), Limit: 5})
	if err != nil {
		return err
	}
	failed, err := cs.Store.Publishes(c.Request.Context(), models.PublishFailed, 5)
	if err != nil {
		return err
	}
	v.D["Pending"], v.D["PendingTotal"], v.D["Failed"] = pending, total, failed
	return nil
}

// openRequests lists open disclosure requests, most urgent first.
func (cs *console) openRequests(c *gin.Context, v *view, _, _ string) error {
	list, total, err := cs.Disclosure.Desk.List(c.Request.Context(), store.DisclosureFilter{OpenOnly: true, Limit: 200})
	if err != nil {
		return err
	}
	if len(list) > 8 {
		list = list[:8]
	}
	v.D["Requests"], v.D["RequestsTotal"] = list, total
	return nil
}

// menuClicks sums menu clicks per key over the range.
func (cs *console) menuClicks(c *gin.Context, v *view, from, to string) error {
	rows, err := cs.Store.MenuClicks(c.Request.Context(), from, to)
	if err != nil {
		return err
	}
	byKey := map[string]int64{}
	var keys []string
	for _, r := range rows {
		if _, seen := byKey[r.Key]; !seen {
			keys = append(keys, r.Key)
		}
		byKey[r.Key] += r.Count
	}
	type keyCount struct {
		Key   string
		Count int64
	}
	out := make([]keyCount, len(keys))
	for i, k := range keys {
		out[i] = keyCount{k, byKey[k]}
	}
	v.D["Clicks"] = out
	return nil
}

// urgency classes a request by working days left, for its colour.
func urgency(daysLeft *int, overdue bool) string {
	switch {
	case overdue || (daysLeft != nil && *daysLeft <= 2):
		return "days-bad"
	case daysLeft != nil && *daysLeft <= 5:
		return "days-warn"
	}
	return "days-ok"
}
