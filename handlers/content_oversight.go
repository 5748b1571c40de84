package handlers

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"govmp/content"
	"govmp/models"
)

func defaultMarkers() []string { return content.DefaultSecrecyMarkers() }

// oversight reports how long the account has been quiet (国办秘函〔2019〕19号:
// warn at 7 days, alarm at 14) and original vs reposted articles per month.
func (s *server) oversight(c *gin.Context) {
	now := s.Content.Now().In(models.Beijing)
	last, err := s.Store.LastPublishedAt(c.Request.Context())
	if err != nil {
		writeError(c, s.Log, err)
		return
	}
	fresh := content.Freshness(last, now)
	from := time.Date(now.Year()-1, now.Month(), 1, 0, 0, 0, 0, models.Beijing)
	pubs, err := s.Store.Publications(c.Request.Context(), from, now.Add(time.Second))
	if err != nil {
		writeError(c, s.Log, err)
		return
	}
	cp := make([]content.Publication, len(pubs))
	for i, p := range pubs {
		cp[i] = content.Publication{PublishedAt: p.PublishedAt, Original: p.Original}
	}
	var lastAt *time.Time
	if !last.IsZero() {
		lastAt = &last
	}
	c.JSON(http.StatusOK, gin.H{
		"freshness": gin.H{"level": fresh.Level, "days": fresh.Days, "never": fresh.Never, "last_published_at": lastAt,
			"warn_days": content.WarnDays, "alarm_days": content.AlarmDays},
		"months": content.MonthlyCounts(cp, models.Beijing),
	})
}

// contentStats counts a year's published articles per category and column.
func (s *server) contentStats(c *gin.Context) {
	year := queryInt(c, "year", s.Content.Now().In(models.Beijing).Year(), 2000, 2100)
	from := time.Date(year, 1, 1, 0, 0, 0, 0, models.Beijing)
	to := from.AddDate(1, 0, 0)
	cats, err := s.Store.CountByCategory(c.Request.Context(), from, to)
	if err != nil {
		writeError(c, s.Log, err)
		return
	}
	cols, err := s.Store.CountByColumn(c.Request.Context(), from, to)
	if err != nil {
		writeError(c, s.Log, err)
		return
	}
	var total int64
	for _, x := range cats {
		total += x.Count
	}
	c.JSON(http.StatusOK, gin.H{"year": year, "total": total, "categories": cats, "columns": cols})
}

// viewsByDay sums H5 views per day between from and to (YYYY-MM-DD).
func (s *server) viewsByDay(c *gin.Context) {
	today := models.DayOf(s.Content.Now())
	from, to := c.DefaultQuery("from", today[:4]+"-01-01"), c.DefaultQuery("to", today)
	if !validDay(from) || !validDay(to) {
		writeError(c, s.Log, models.Invalid("from", "日期格式须为 YYYY-MM-DD / dates are YYYY-MM-DD"))
		return
	}
	days, err := s.Store.ViewsByDay(c.Request.Context(), from, to)
	if err != nil {
		writeError(c, s.Log, err)
		return
	}
	total, err := s.Store.TotalViews(c.Request.Context(), from, to)
	if err != nil {
		writeError(c, s.Log, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"from": from, "to": to, "days": days, "total": total})
}

func validDay(d string) bool {
	_, err := time.Parse(time.DateOnly, d)
	return err == nil
}

func (s *server) articleViews(c *gin.Context) {
	id, err := pathID(c)
	if err != nil {
		writeError(c, s.Log, err)
		return
	}
	days, err := s.Store.ArticleViews(c.Request.Context(), id)
	if err != nil {
		writeError(c, s.Log, err)
		return
	}
	var pv, uv int64
	for _, d := range days {
		pv, uv = pv+d.PV, uv+d.UV
	}
	c.JSON(http.StatusOK, gin.H{"article_id": id, "days": days, "pv": pv, "uv": uv})
}
