package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"govmp/annualreport/gather"
	"govmp/models"
	webreports "govmp/web/reports"
)

// h5Reports lists the published (final) annual reports for citizens.
func (s *server) h5Reports(c *gin.Context) {
	list, err := s.Reporting.Reports.Finals(c.Request.Context())
	if err != nil {
		s.h5ReportError(c, err)
		return
	}
	items := make([]webreports.Item, len(list))
	for i, f := range list {
		items[i] = webreports.Item{Year: f.Year, Title: f.Title, FinalizedAt: f.FinalizedAt.In(models.Beijing)}
	}
	page, err := webreports.List(items)
	if err != nil {
		s.h5ReportError(c, err)
		return
	}
	c.Data(http.StatusOK, "text/html; charset=utf-8", page)
}

// h5Report shows one published report as its printable page; only final
// reports are public, never a live build.
func (s *server) h5Report(c *gin.Context) {
	year, ok := s.reportYear(c)
	if !ok {
		return
	}
	r, err := s.Reporting.Reports.Final(c.Request.Context(), year)
	if err != nil {
		s.h5ReportError(c, err)
		return
	}
	page, _ := gather.Render(r, "html", nil) // html rendering cannot fail
	c.Data(http.StatusOK, "text/html; charset=utf-8", page)
}

// h5ReportError answers a citizen's page with a plain message and the right status.
func (s *server) h5ReportError(c *gin.Context, err error) {
	code := models.ErrorCode(err)
	if code == models.EINTERNAL {
		s.Log.Error("handlers: h5 report", "err", err)
	}
	msg := "页面暂时无法显示，请稍后再试。"
	if code == models.ENOTFOUND {
		msg = "该年度报告尚未发布。"
	}
	c.Data(statusOf[code], "text/html; charset=utf-8",
		[]byte(`<!DOCTYPE html><html lang="zh-CN"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><p style="padding:16px">`+msg+`</p></html>`))
}
