package handlers

import (
	"github.com/gin-gonic/gin"

	"govmp/models"
)

// routes lists govmp's whole HTTP surface.
func (s *server) routes(e *gin.Engine) {
	e.GET("/healthz", s.healthz)
	e.GET("/readyz", s.readyz)
	e.GET("/metrics", gin.WrapH(s.Metrics.Handler()))
	e.GET("/api/openapi.json", s.openAPI)

	e.GET("/wechat", s.callbackVerify)
	e.POST("/wechat", s.callbackReceive)

	api := e.Group("/api/v1")
	api.POST("/login", s.login)
	authed := api.Group("", s.authenticate(), s.csrf())
	authed.POST("/logout", s.logout)
	authed.GET("/me", s.me)
	authed.POST("/tokens", s.createToken)

	admin := authed.Group("", s.require(models.RoleAdmin))
	admin.GET("/users", s.listUsers)
	admin.POST("/users", s.createUser)
	admin.PATCH("/users/:id", s.updateUser)
	admin.GET("/audit", s.listAudit)
	admin.GET("/replies/keywords", s.listKeywordRules)
	admin.POST("/replies/keywords", s.saveKeywordRule)
	admin.PUT("/replies/keywords/:id", s.saveKeywordRule)
	admin.DELETE("/replies/keywords/:id", s.deleteKeywordRule)
	admin.GET("/replies/settings", s.getReplySettings)
	admin.PUT("/replies/settings", s.putReplySettings)
	admin.GET("/account", s.accountStatus)

	staff := authed.Group("", s.require(models.RoleAdmin, models.RoleViewer, models.RoleEditor, models.RoleReviewer, models.RoleOfficer))
	staff.GET("/followers", s.listFollowers)
	staff.GET("/followers/stats", s.followerStats)
	staff.GET("/interactions/menu-clicks", s.menuClicks)

	s.contentRoutes(e, authed)
	s.disclosureRoutes(e, authed)
	s.reportingRoutes(e, authed)
	s.consoleRoutes(e)
}
