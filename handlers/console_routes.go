package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"govmp/models"
	consoleweb "govmp/web/console"
)

// Who may use what. The console allows exactly what the JSON API allows
// for the same data, so a role sees the same thing through either door.
var (
	rolesStaff    = []string{models.RoleAdmin, models.RoleViewer, models.RoleEditor, models.RoleReviewer, models.RoleOfficer}
	rolesEditor   = []string{models.RoleEditor}
	rolesReview   = []string{models.RoleReviewer}
	rolesWorkflow = []string{models.RoleEditor, models.RoleReviewer}
	rolesOfficer  = []string{models.RoleOfficer}
	rolesWriters  = []string{models.RoleOfficer}
	rolesAdmin    = []string{models.RoleAdmin}
)

// navLink is one entry of the side navigation.
type navLink struct {
	Path, Label string
	Roles       []string
	// Needs names the domain the page sits on ("content", "disclosure",
	// "reporting"); the link is left out when that part is not running.
	Needs string
}

// navSection groups links under a heading.
type navSection struct {
	Title string
	Links []navLink
}

var consoleNav = []navSection{
	{"概览", []navLink{{"/admin/", "工作台", rolesStaff, ""}}},
	{"内容", []navLink{
		{"/admin/articles", "文章", rolesStaff, "content"},
		{"/admin/articles/new", "写文章", rolesEditor, "content"},
		{"/admin/review", "待审核", rolesReview, "content"},
		{"/admin/publications", "发布记录", rolesStaff, "content"},
	}},
	{"依申请公开", []navLink{
		{"/admin/disclosure", "申请办理台", rolesOfficer, "disclosure"},
		{"/admin/disclosure/new", "登记申请", rolesOfficer, "disclosure"},
	}},
	{"年度报告", []navLink{
		{"/admin/reports", "年度报告", rolesStaff, "reporting"},
		{"/admin/registers", "登记簿（表二、表四）", rolesStaff, "reporting"},
	}},
	{"设置", []navLink{
		{"/admin/settings/menu", "自定义菜单", rolesAdmin, "content"},
		{"/admin/settings/replies", "自动回复", rolesAdmin, ""},
		{"/admin/settings/users", "用户与角色", rolesAdmin, ""},
		{"/admin/settings/audit", "审计日志", rolesAdmin, ""},
		{"/admin/settings/account", "公众号状态", rolesAdmin, ""},
	}},
}

// consoleRoutes adds the web console under /admin.
func (s *server) consoleRoutes(e *gin.Engine) {
	pages, err := consoleweb.Pages(consoleFuncs())
	if err != nil {
		panic(err) // the templates are embedded: a parse error is a build mistake
	}
	cs := &console{server: s, pages: pages}
	e.StaticFS("/admin/static", http.FS(consoleweb.Static()))
	e.GET("/admin", func(c *gin.Context) { c.Redirect(http.StatusMovedPermanently, "/admin/") })
	e.GET("/admin/login", cs.loginForm)
	e.POST("/admin/login", cs.loginSubmit)

	g := e.Group("/admin", cs.authenticate(), cs.csrf())
	g.POST("/logout", cs.logout)
	g.GET("/", cs.allow(rolesStaff...), cs.dashboard)
	cs.settingsRoutes(g)
	if s.Content.Publisher != nil {
		cs.contentRoutes(g)
	}
	if s.Disclosure.Desk != nil {
		cs.disclosureRoutes(g)
	}
	if s.Reporting.Reports != nil {
		cs.reportingRoutes(g)
	}
}

func (cs *console) settingsRoutes(g *gin.RouterGroup) {
	admin := g.Group("/settings", cs.allow(rolesAdmin...))
	admin.GET("/users", cs.usersPage)
	admin.POST("/users", cs.createUser)
	admin.POST("/users/:id", cs.updateUser)
	admin.GET("/audit", cs.auditPage)
	admin.GET("/replies", cs.repliesPage)
	admin.POST("/replies/settings", cs.saveReplySettings)
	admin.POST("/replies/keywords", cs.saveKeyword)
	admin.POST("/replies/keywords/:id/delete", cs.deleteKeyword)
	admin.GET("/account", cs.accountPage)
}

func (cs *console) contentRoutes(g *gin.RouterGroup) {
	staff, editor := g.Group("", cs.allow(rolesStaff...)), g.Group("", cs.allow(rolesEditor...))
	staff.GET("/articles", cs.articlesPage)
	editor.GET("/articles/new", cs.newArticle)
	editor.POST("/articles", cs.saveArticle)
	editor.POST("/articles/scan", cs.scanArticle)
	staff.GET("/articles/:id", cs.articlePage)
	editor.GET("/articles/:id/edit", cs.editArticle)
	editor.POST("/articles/:id", cs.saveArticle)
	g.POST("/articles/:id/do/:action", cs.allow(rolesWorkflow...), cs.articleAction)
	g.GET("/review", cs.allow(rolesReview...), cs.reviewPage)
	editor.POST("/publish", cs.publish)
	staff.GET("/publications", cs.publicationsPage)
	editor.POST("/publications/:id/retry", cs.retryPublication)
	admin := g.Group("/settings", cs.allow(rolesAdmin...))
	admin.GET("/menu", cs.menuPage)
	admin.POST("/menu", cs.saveMenu)
	admin.POST("/menu/push", cs.pushMenu)
}

func (cs *console) disclosureRoutes(g *gin.RouterGroup) {
	officer := g.Group("/disclosure", cs.allow(rolesOfficer...))
	officer.GET("", cs.deskPage)
	officer.GET("/new", cs.newRequest)
	officer.POST("", cs.registerRequest)
	officer.GET("/:id", cs.requestPage)
	officer.POST("/:id/full", cs.requestFull)
	officer.POST("/:id/act", cs.requestAct)
}

func (cs *console) reportingRoutes(g *gin.RouterGroup) {
	staff := g.Group("", cs.allow(rolesStaff...))
	staff.GET("/reports", cs.reportPage)
	staff.GET("/reports/:year/preview", cs.reportPreview)
	staff.GET("/reports/:year/download", cs.reportDownload)
	g.POST("/reports/:year/draft", cs.allow(rolesWriters...), cs.saveDraft)
	g.POST("/reports/:year/final", cs.allow(rolesAdmin...), cs.finalizeReport)
	staff.GET("/registers", cs.registersPage)
	g.POST("/registers/:register", cs.allow(rolesWriters...), cs.addRegisterEntry)
	g.POST("/registers/:register/:id/delete", cs.allow(rolesWriters...), cs.deleteRegisterEntry)
}

// running reports whether the domain a page needs is wired in this server.
func (cs *console) running(domain string) bool {
	switch domain {
	case "content":
		return cs.Content.Publisher != nil
	case "disclosure":
		return cs.Disclosure.Desk != nil
	case "reporting":
		return cs.Reporting.Reports != nil
	}
	return true
}

// navFor keeps the links the user may open and whose domain is running.
func (cs *console) navFor(u *models.User) []navSection {
	var out []navSection
	for _, sec := range consoleNav {
		var links []navLink
		for _, l := range sec.Links {
			if u.Can(l.Roles...) && cs.running(l.Needs) {
				links = append(links, l)
			}
		}
		if len(links) > 0 {
			out = append(out, navSection{Title: sec.Title, Links: links})
		}
	}
	return out
}
