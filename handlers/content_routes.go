package handlers

import (
	"html/template"
	"time"

	"github.com/gin-gonic/gin"

	"govmp/content/bot"
	"govmp/content/publishing"
	"govmp/content/views"
	"govmp/models"
	"govmp/ticket"
)

// ContentDeps are the dependencies of the articles, columns, categories, publishing, menu, H5 article pages and view counting routes.
type ContentDeps struct {
	Publisher *publishing.Publisher
	Views     *views.Counter
	Tickets   *ticket.Signer
	Bot       *bot.Bot
	// Pages are the parsed H5 templates (web.ContentTemplates).
	Pages *template.Template
	// Account is the name shown on H5 pages.
	Account string
	Now     func() time.Time
	// cache keeps rendered article pages briefly (see h5_article.go).
	cache *pageCache
}

// contentRoutes adds the articles, columns, categories, publishing, menu, H5 article pages and view counting routes; authed is /api/v1 behind authentication.
func (s *server) contentRoutes(e *gin.Engine, authed *gin.RouterGroup) {
	if s.Content.Publisher == nil {
		return // the content part was not wired (tests of other areas)
	}
	s.Content.cache = newPageCache(5 * time.Second)
	staff := authed.Group("", s.require(models.RoleAdmin, models.RoleViewer, models.RoleEditor, models.RoleReviewer, models.RoleOfficer))
	editor := authed.Group("", s.require(models.RoleEditor))
	reviewer := authed.Group("", s.require(models.RoleEditor, models.RoleReviewer))
	admin := authed.Group("", s.require(models.RoleAdmin))

	staff.GET("/columns", s.listColumns)
	admin.POST("/columns", s.saveColumn)
	admin.PUT("/columns/:id", s.saveColumn)
	staff.GET("/categories", s.listCategories)
	admin.POST("/categories", s.saveCategory)
	admin.PUT("/categories/:id", s.saveCategory)

	staff.GET("/articles", s.listArticles)
	staff.GET("/articles/:id", s.getArticle)
	staff.GET("/articles/:id/history", s.articleHistory)
	staff.GET("/articles/:id/views", s.articleViews)
	editor.POST("/articles", s.createArticle)
	editor.PUT("/articles/:id", s.updateArticle)
	reviewer.POST("/articles/:id/:action", s.articleAction)
	editor.POST("/images", s.uploadImage)

	staff.GET("/publish/quota", s.publishQuota)
	editor.POST("/publish", s.publish)
	staff.GET("/publications", s.listPublications)
	editor.POST("/publications/:id/retry", s.retryPublication)

	staff.GET("/oversight", s.oversight)
	staff.GET("/content/stats", s.contentStats)
	staff.GET("/views", s.viewsByDay)

	admin.GET("/menu", s.getMenu)
	admin.PUT("/menu", s.putMenu)
	admin.POST("/menu/push", s.pushMenu)
	admin.GET("/secrecy-markers", s.getSecrecyMarkers)
	admin.PUT("/secrecy-markers", s.putSecrecyMarkers)

	h5 := e.Group("/h5")
	h5.GET("/articles/:id", s.h5Article)
	h5.GET("/columns", s.h5Columns)
	h5.GET("/columns/:slug", s.h5Column)
	h5.GET("/images/:id", s.h5Image)
	h5.StaticFS("/static", staticFS())
}
