package handlers

import (
	"github.com/gin-gonic/gin"

	"govmp/annualreport/gather"
	"govmp/models"
	"govmp/stats"
)

// ReportingDeps are the dependencies of the metrics and the annual report routes.
type ReportingDeps struct {
	Metrics *stats.Metrics
	Reports *gather.Reports
	// Sync runs backfills on demand; nil disables the sync endpoints.
	Sync *stats.Syncer
}

// reportingRoutes adds the metrics and the annual report routes; authed is /api/v1 behind authentication.
func (s *server) reportingRoutes(e *gin.Engine, authed *gin.RouterGroup) {
	if s.Reporting.Reports == nil {
		return
	}
	e.GET("/h5/reports", s.h5Reports)
	e.GET("/h5/reports/:year", s.h5Report)

	staff := authed.Group("", s.require(models.RoleAdmin, models.RoleViewer, models.RoleEditor, models.RoleReviewer, models.RoleOfficer))
	staff.GET("/metrics/:metric", s.metricSeries)
	staff.GET("/registers/:register", s.listRegister)
	staff.GET("/reports", s.listReports)
	staff.GET("/reports/:year", s.getReport)
	staff.GET("/reports/:year/download", s.downloadReport)
	staff.GET("/reports/:year/draft", s.getReportDraft)
	staff.GET("/reports/:year/diff", s.diffReport)

	// Officers keep the registers and write the report; admins freeze it.
	writers := authed.Group("", s.require(models.RoleAdmin, models.RoleOfficer))
	writers.POST("/registers/:register", s.saveRegister)
	writers.PUT("/registers/:register/:id", s.saveRegister)
	writers.DELETE("/registers/:register/:id", s.deleteRegister)
	writers.PUT("/reports/:year/draft", s.putReportDraft)

	admin := authed.Group("", s.require(models.RoleAdmin))
	admin.POST("/reports/:year/final", s.finalizeReport)
	admin.DELETE("/reports/:year/final", s.reopenReport)
	admin.POST("/sync/datacube", s.syncDatacube)
	admin.POST("/sync/followers", s.syncFollowers)
}
