package handlers

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"govmp/annualreport/gather"
	"govmp/models"
)

// reportYear reads :year; an invalid one is answered with EINVALID.
func (s *server) reportYear(c *gin.Context) (int, bool) {
	y, err := strconv.Atoi(c.Param("year"))
	if err != nil {
		writeError(c, s.Log, models.Invalid("year", "年度须为数字，如 2021 / year must be a number such as 2021"))
		return 0, false
	}
	return y, true
}

// listReports lists the final reports.
func (s *server) listReports(c *gin.Context) {
	list, err := s.Reporting.Reports.Finals(c.Request.Context())
	if err != nil {
		writeError(c, s.Log, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"final": list})
}

// currentReport is the final snapshot, or a live build with ?live=1 or
// when the year is not final.
func (s *server) currentReport(c *gin.Context, year int) (*gather.Result, error) {
	if c.Query("live") == "1" || c.Query("live") == "true" {
		return s.Reporting.Reports.Live(c.Request.Context(), year)
	}
	return s.Reporting.Reports.Current(c.Request.Context(), year)
}

// getReport returns a year's report with its check results and cells.
func (s *server) getReport(c *gin.Context) {
	year, ok := s.reportYear(c)
	if !ok {
		return
	}
	res, err := s.currentReport(c, year)
	if err != nil {
		writeError(c, s.Log, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"report": res.Report, "problems": res.Problems, "final": res.Final,
		"notes": res.Notes, "cells": gather.Cells(res.Report)})
}

// downloadReport renders a year's report as md, html, xlsx or json.
func (s *server) downloadReport(c *gin.Context) {
	year, ok := s.reportYear(c)
	if !ok {
		return
	}
	format := c.DefaultQuery("format", "html")
	f, known := gather.Formats[format]
	if !known {
		writeError(c, s.Log, models.Invalid("format", "格式须为 md、html、xlsx 或 json / format must be md, html, xlsx or json"))
		return
	}
	res, err := s.currentReport(c, year)
	if err != nil {
		writeError(c, s.Log, err)
		return
	}
	body, err := gather.Render(res.Report, format, res.Problems)
	if err != nil {
		writeError(c, s.Log, err)
		return
	}
	c.Header("Content-Disposition", `attachment; filename="report-`+strconv.Itoa(year)+"."+f.Ext+`"`)
	c.Data(http.StatusOK, f.ContentType, body)
}

// getReportDraft returns what people wrote for the year.
func (s *server) getReportDraft(c *gin.Context) {
	year, ok := s.reportYear(c)
	if !ok {
		return
	}
	d, err := s.Reporting.Reports.GetDraft(c.Request.Context(), year)
	if err != nil {
		writeError(c, s.Log, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"draft": d})
}

// putReportDraft saves the year's prose and settings (refused once final).
func (s *server) putReportDraft(c *gin.Context) {
	year, ok := s.reportYear(c)
	if !ok {
		return
	}
	var d gather.Draft
	if err := bindJSON(c, &d); err != nil {
		writeError(c, s.Log, err)
		return
	}
	if err := s.Reporting.Reports.SaveDraft(c.Request.Context(), year, d, currentUser(c).Username); err != nil {
		writeError(c, s.Log, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"draft": d})
}

// finalizeReport freezes the year if every check passes; otherwise it
// answers with the error and the problems, each naming its cell.
func (s *server) finalizeReport(c *gin.Context) {
	year, ok := s.reportYear(c)
	if !ok {
		return
	}
	res, err := s.Reporting.Reports.Finalize(c.Request.Context(), year, currentUser(c).Username)
	if gather.IsChecksFailed(err) {
		var body ErrorBody
		body.Error.Code, body.Error.Message = models.ErrorCode(err), models.ErrorMessage(err)
		c.AbortWithStatusJSON(statusOf[body.Error.Code], gin.H{"error": body.Error, "problems": res.Problems})
		return
	}
	if err != nil {
		writeError(c, s.Log, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"report": res.Report, "final": true})
}

type reopenRequest struct {
	Reason string `json:"reason"`
}

// reopenReport removes the final snapshot so a published report can be corrected.
func (s *server) reopenReport(c *gin.Context) {
	year, ok := s.reportYear(c)
	if !ok {
		return
	}
	var req reopenRequest
	if err := bindJSON(c, &req); err != nil {
		writeError(c, s.Log, err)
		return
	}
	if err := s.Reporting.Reports.Reopen(c.Request.Context(), year, currentUser(c).Username, req.Reason); err != nil {
		writeError(c, s.Log, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"ok": true})
}

// diffReport compares the final snapshot with the live data, cell by cell.
func (s *server) diffReport(c *gin.Context) {
	year, ok := s.reportYear(c)
	if !ok {
		return
	}
	diff, err := s.Reporting.Reports.Diff(c.Request.Context(), year)
	if err != nil {
		writeError(c, s.Log, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"year": year, "differences": diff})
}
