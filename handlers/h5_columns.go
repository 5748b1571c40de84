package handlers

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"govmp/models"
)

// columnPageSize is how many articles a column page lists.
const columnPageSize = 20

// h5Columns lists the columns and the latest articles.
func (s *server) h5Columns(c *gin.Context) {
	cols, err := s.Store.Columns(c.Request.Context(), true)
	if err != nil {
		s.h5Error(c, err)
		return
	}
	latest, err := s.Store.LatestPublished(c.Request.Context(), 10)
	if err != nil {
		s.h5Error(c, err)
		return
	}
	q := s.ticketQuery(c)
	d := pageData{Title: "专栏", Query: q, Columns: cols, Items: s.items(latest, q)}
	c.Data(http.StatusOK, "text/html; charset=utf-8", s.renderPage("columns", d))
}

// h5Column lists a column's published articles, newest first, by page.
func (s *server) h5Column(c *gin.Context) {
	col, err := s.Store.ColumnBySlug(c.Request.Context(), c.Param("slug"))
	if models.ErrorCode(err) == models.ENOTFOUND {
		s.h5NotFound(c, "栏目不存在")
		return
	}
	if err != nil {
		s.h5Error(c, err)
		return
	}
	page := queryInt(c, "page", 1, 1, 10000)
	arts, err := s.Store.PublishedInColumn(c.Request.Context(), col.ID, columnPageSize+1, (page-1)*columnPageSize)
	if err != nil {
		s.h5Error(c, err)
		return
	}
	q := s.ticketQuery(c)
	d := pageData{Title: col.Name, Query: q, Column: col}
	more := len(arts) > columnPageSize
	if more {
		arts = arts[:columnPageSize]
	}
	d.Items = s.items(arts, q)
	link := func(p int) string {
		sep := "?"
		if q != "" {
			sep = "&"
		}
		return "/h5/columns/" + col.Slug + q + sep + "page=" + strconv.Itoa(p)
	}
	if page > 1 {
		d.Prev = link(page - 1)
	}
	if more {
		d.Next = link(page + 1)
	}
	c.Data(http.StatusOK, "text/html; charset=utf-8", s.renderPage("column", d))
}

// h5Image serves an uploaded picture; ids never change content, so it caches long.
func (s *server) h5Image(c *gin.Context) {
	id, err := strconv.ParseUint(c.Param("id"), 10, 32)
	if err != nil || id == 0 {
		c.Status(http.StatusNotFound)
		return
	}
	img, err := s.Store.Image(c.Request.Context(), uint(id))
	if err != nil {
		if models.ErrorCode(err) != models.ENOTFOUND {
			s.Log.Error("handlers: image", "err", err)
		}
		c.Status(http.StatusNotFound)
		return
	}
	c.Header("Cache-Control", "public, max-age=31536000, immutable")
	c.Header("X-Content-Type-Options", "nosniff")
	c.Data(http.StatusOK, strings.TrimSpace(img.ContentType), img.Data)
}

func (s *server) h5Error(c *gin.Context, err error) {
	s.Log.Error("handlers: h5 page", "path", c.FullPath(), "err", err)
	c.Data(http.StatusInternalServerError, "text/html; charset=utf-8",
		s.renderPage("notfound", pageData{Title: "暂时无法访问", Message: "页面暂时无法显示，请稍后再试。"}))
}
