package handlers

import (
	"bytes"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"govmp/models"
	"govmp/stats"
	"govmp/wechat"
)

// metricSeries answers /metrics/:metric?from&to&granularity&column_id&category_id&key&format=json|csv.
func (s *server) metricSeries(c *gin.Context) {
	q := stats.Query{
		Metric:      c.Param("metric"),
		From:        c.DefaultQuery("from", models.DayOf(time.Now().AddDate(0, 0, -30))),
		To:          c.DefaultQuery("to", models.DayOf(time.Now())),
		Granularity: c.DefaultQuery("granularity", stats.ByDay),
		Key:         c.Query("key"),
	}
	for name, dst := range map[string]*uint{"column_id": &q.ColumnID, "category_id": &q.CategoryID} {
		if v := c.Query(name); v != "" {
			n, err := strconv.ParseUint(v, 10, 32)
			if err != nil {
				writeError(c, s.Log, models.Invalid(name, name+" 须为正整数 / "+name+" must be a positive integer"))
				return
			}
			*dst = uint(n)
		}
	}
	format := c.DefaultQuery("format", "json")
	if format != "json" && format != "csv" {
		writeError(c, s.Log, models.Invalid("format", "格式须为 json 或 csv / format must be json or csv"))
		return
	}
	series, err := s.Reporting.Metrics.Series(c.Request.Context(), q)
	if err != nil {
		writeError(c, s.Log, err)
		return
	}
	if format == "json" {
		c.JSON(http.StatusOK, series)
		return
	}
	var buf bytes.Buffer
	if err := stats.WriteCSV(&buf, series); err != nil {
		writeError(c, s.Log, err)
		return
	}
	c.Header("Content-Disposition", `attachment; filename="`+q.Metric+"-"+q.From+"-"+q.To+`.csv"`)
	c.Data(http.StatusOK, "text/csv; charset=utf-8", buf.Bytes())
}

type syncRequest struct {
	From  string `json:"from"`
	To    string `json:"to"`
	Force bool   `json:"force"`
}

// syncDatacube backfills WeChat's statistics for a range of days.
func (s *server) syncDatacube(c *gin.Context) {
	if s.Reporting.Sync == nil {
		writeError(c, s.Log, models.Errorf(models.EUNAVAILABLE, "数据同步未启用 / sync is not enabled"))
		return
	}
	var req syncRequest
	if err := bindJSON(c, &req); err != nil {
		writeError(c, s.Log, err)
		return
	}
	if !models.ValidDay(req.From) || !models.ValidDay(req.To) || req.To < req.From {
		writeError(c, s.Log, models.Invalid("from", "from/to 须为 YYYY-MM-DD 且 from ≤ to / from and to must be days, from ≤ to"))
		return
	}
	res, err := s.Reporting.Sync.SyncCube(c.Request.Context(), req.From, req.To, req.Force)
	_ = s.Store.Audit(c.Request.Context(), currentUser(c).Username, "sync.datacube", req.From+".."+req.To, "")
	if err != nil {
		writeError(c, s.Log, wechat.UserError(err))
		return
	}
	c.JSON(http.StatusOK, res)
}

// syncFollowers pulls the follower list from WeChat, resuming an interrupted run.
func (s *server) syncFollowers(c *gin.Context) {
	if s.Reporting.Sync == nil {
		writeError(c, s.Log, models.Errorf(models.EUNAVAILABLE, "数据同步未启用 / sync is not enabled"))
		return
	}
	n, err := s.Reporting.Sync.SyncFollowers(c.Request.Context())
	_ = s.Store.Audit(c.Request.Context(), currentUser(c).Username, "sync.followers", "", strconv.Itoa(n))
	if err != nil {
		writeError(c, s.Log, wechat.UserError(err))
		return
	}
	c.JSON(http.StatusOK, gin.H{"followers": n})
}
