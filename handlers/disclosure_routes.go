package handlers

import (
	"html/template"

	"github.com/gin-gonic/gin"

	"govmp/disclosure/desk"
	"govmp/models"
	disclosureweb "govmp/web/disclosure"
)

// DisclosureDeps are the dependencies of the 依申请公开 requests, the H5 application form and notices routes.
type DisclosureDeps struct {
	// Desk is the disclosure service; nil leaves the routes out.
	Desk  *desk.Service
	pages *template.Template
}

// disclosureRoutes adds the 依申请公开 requests, the H5 application form and notices routes; authed is /api/v1 behind authentication.
func (s *server) disclosureRoutes(e *gin.Engine, authed *gin.RouterGroup) {
	if s.Disclosure.Desk == nil {
		return
	}
	s.Disclosure.pages = disclosureweb.Templates()

	h5 := e.Group("/h5/disclosure")
	h5.GET("/apply", s.h5ApplyForm)
	h5.POST("/apply", s.h5ApplySubmit)
	h5.GET("/mine", s.h5Mine)
	h5.GET("/guide", s.h5Guide)
	h5.GET("/oauth", s.h5OAuthStart)
	h5.GET("/oauth/callback", s.h5OAuthCallback)

	web := e.Group("/disclosure")
	web.GET("/apply", s.webApplyForm)
	web.POST("/apply", s.webApplySubmit)
	web.GET("/query", s.webQuery)
	web.GET("/guide", s.h5Guide)

	officer := authed.Group("/disclosure", s.require(models.RoleOfficer))
	officer.GET("/requests", s.listDisclosure)
	officer.POST("/requests", s.registerDisclosure)
	officer.GET("/requests/:id", s.getDisclosure)
	officer.GET("/requests/:id/full", s.getDisclosureFull)
	officer.POST("/requests/:id/actions", s.actDisclosure)
	officer.POST("/requests/:id/attachments", s.addDisclosureAttachment)
	officer.GET("/requests/:id/attachments/:aid", s.getDisclosureAttachment)
	officer.GET("/export.csv", s.exportDisclosure)
	officer.GET("/notices", s.pendingDisclosureNotices)
	officer.GET("/reminders", s.disclosureReminders)
	officer.GET("/outcomes", s.disclosureOutcomes)
	officer.GET("/calendar", s.disclosureCalendar)
	officer.GET("/guide", s.getDisclosureGuide)

	admin := authed.Group("/disclosure", s.require(models.RoleAdmin))
	admin.PUT("/calendar/:year", s.putDisclosureCalendar)
	admin.DELETE("/calendar/:year", s.deleteDisclosureCalendar)
	admin.PUT("/guide", s.putDisclosureGuide)
	admin.GET("/retention", s.getDisclosureRetention)
	admin.PUT("/retention", s.putDisclosureRetention)
	admin.POST("/purge", s.purgeDisclosure)
	admin.GET("/purges", s.listDisclosurePurges)
}
