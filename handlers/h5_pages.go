package handlers

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"time"

	"github.com/gin-gonic/gin"

	"govmp/content"
	"govmp/models"
	"govmp/web"
)

// visitorCookie identifies a browser that came without a ticket, so its
// views still count once a day as one visitor.
const visitorCookie = "govmp_vid"

func staticFS() http.FileSystem { return http.FS(web.Static()) }

// pageCache keeps rendered article pages for a few seconds: the page is the
// same for every reader, and a popular article should not cost a query per
// view. A withdrawal shows within the TTL on every replica.
type pageCache struct {
	mu    sync.Mutex
	ttl   time.Duration
	pages map[uint]cachedPage
}

type cachedPage struct {
	html   []byte
	status int
	at     time.Time
}

func newPageCache(ttl time.Duration) *pageCache {
	return &pageCache{ttl: ttl, pages: map[uint]cachedPage{}}
}

func (p *pageCache) get(id uint) (cachedPage, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	pg, ok := p.pages[id]
	if !ok || time.Since(pg.at) > p.ttl {
		return cachedPage{}, false
	}
	return pg, true
}

func (p *pageCache) put(id uint, pg cachedPage) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.pages) > 4096 {
		clear(p.pages)
	}
	pg.at = time.Now()
	p.pages[id] = pg
}

// pageData is what every H5 template gets.
type pageData struct {
	Title, Account, Query string
	Article               *models.Article
	Body                  template.HTML
	Published             string
	Columns               []models.Column
	Column                *models.Column
	Items                 []listItem
	Prev, Next, Message   string
}

type listItem struct {
	Title, URL, Cover, Date string
}

// h5Article shows a published article and counts the view.
func (s *server) h5Article(c *gin.Context) {
	id, err := strconv.ParseUint(c.Param("id"), 10, 32)
	if err != nil || id == 0 {
		s.h5NotFound(c, "文章不存在")
		return
	}
	pg, ok := s.Content.cache.get(uint(id))
	if !ok {
		pg = s.renderArticle(c, uint(id))
		s.Content.cache.put(uint(id), pg)
	}
	if pg.status == http.StatusOK {
		if err := s.Content.Views.View(c.Request.Context(), uint(id), s.visitor(c)); err != nil {
			s.Log.Warn("handlers: view not counted", "article", id, "err", err)
		}
	}
	c.Header("Cache-Control", "no-store")
	c.Data(pg.status, "text/html; charset=utf-8", pg.html)
}

func (s *server) renderArticle(c *gin.Context, id uint) cachedPage {
	a, err := s.Store.Article(c.Request.Context(), id)
	if err != nil || a.State != string(content.StatePublished) {
		if err != nil && models.ErrorCode(err) != models.ENOTFOUND {
			s.Log.Error("handlers: article page", "article", id, "err", err)
		}
		return cachedPage{status: http.StatusNotFound, html: s.renderPage("notfound", pageData{Title: "文章不存在", Message: "文章不存在或已撤回"})}
	}
	d := pageData{Title: a.Title, Article: a, Body: template.HTML(content.SanitizeHTML(a.Body))} // #nosec: sanitised just above
	if a.PublishedAt != nil {
		d.Published = a.PublishedAt.In(models.Beijing).Format("2006-01-02")
	}
	return cachedPage{status: http.StatusOK, html: s.renderPage("article", d)}
}

func (s *server) renderPage(name string, d pageData) []byte {
	d.Account = s.Content.Account
	var b bytes.Buffer
	if err := s.Content.Pages.ExecuteTemplate(&b, name, d); err != nil {
		s.Log.Error("handlers: template failed", "page", name, "err", err)
		return []byte("<!doctype html><meta charset=utf-8><p>页面暂时无法显示，请稍后再试。</p>")
	}
	return b.Bytes()
}

// visitor is the follower named by a valid ticket, or this browser's cookie id.
func (s *server) visitor(c *gin.Context) string {
	if t := c.Query("t"); t != "" {
		if openID, err := s.Content.Tickets.Verify(t); err == nil {
			return "o:" + openID
		}
	}
	if v, err := c.Cookie(visitorCookie); err == nil && len(v) == 32 {
		return "c:" + v
	}
	b := make([]byte, 16)
	_, _ = rand.Read(b) // crypto/rand does not fail on supported platforms
	v := hex.EncodeToString(b)
	c.SetSameSite(http.SameSiteLaxMode)
	c.SetCookie(visitorCookie, v, 400*24*3600, "/h5", "", false, true)
	return "c:" + v
}

func (s *server) h5NotFound(c *gin.Context, msg string) {
	c.Data(http.StatusNotFound, "text/html; charset=utf-8", s.renderPage("notfound", pageData{Title: msg, Message: msg}))
}

// ticketQuery carries a valid ticket on to the links of a list page, so a
// follower's views stay attributed as they browse.
func (s *server) ticketQuery(c *gin.Context) string {
	t := c.Query("t")
	if t == "" {
		return ""
	}
	if _, err := s.Content.Tickets.Verify(t); err != nil {
		return ""
	}
	return "?t=" + url.QueryEscape(t)
}

func (s *server) items(arts []models.Article, query string) []listItem {
	out := make([]listItem, len(arts))
	for i, a := range arts {
		out[i] = listItem{Title: a.Title, Cover: a.CoverURL, URL: "/h5/articles/" + strconv.FormatUint(uint64(a.ID), 10) + query}
		if a.PublishedAt != nil {
			out[i].Date = a.PublishedAt.In(models.Beijing).Format("2006-01-02")
		}
	}
	return out
}
