package handlers

import (
	"bytes"
	"errors"
	"html/template"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"govmp/content"
	"govmp/disclosure"
	"govmp/models"
	consoleweb "govmp/web/console"
)

// console serves the web console: server-rendered pages over the same store
// and domain services the JSON API uses.
type console struct {
	*server
	pages map[string]*template.Template
}

// view is what every console template receives.
type view struct {
	Title   string
	Account string
	// PublicURL lets templates show stored pictures from this server.
	PublicURL string
	User      *models.User
	CSRF      string
	Nav       []navSection
	Active    string
	Flash     string
	FlashOK   bool
	// Errors holds a message per form field, shown next to that field.
	Errors map[string]string
	// Form is what was typed, so a refused form comes back filled in.
	Form url.Values
	// D is the page's own data.
	D gin.H
}

const flashCookie = "govmp_flash"

var roleLabels = map[string]string{
	models.RoleAdmin: "管理员", models.RoleReviewer: "审核", models.RoleEditor: "编辑",
	models.RoleOfficer: "公开专员", models.RoleViewer: "查看",
}

// consoleFuncs are the helpers the templates may call.
func consoleFuncs() template.FuncMap {
	return template.FuncMap{
		"roleLabel":    func(r string) string { return roleLabels[r] },
		"articleState": func(s string) string { return content.State(s).Label() },
		"when":         formatWhen,
		"day":          func(t time.Time) string { return t.In(models.Beijing).Format(time.DateOnly) },
		"field":        func(v url.Values, k string) string { return v.Get(k) },
		"has":          func(v url.Values, k, want string) bool { return contains(v[k], want) },
		"svg":          func(c consoleweb.Chart) template.HTML { return c.SVG() },
		"urgency":      urgency,
		"dict":         dict,
		"inc":          func(i int) int { return i + 1 },
		"local":        localURL,
		"deref":        func(p *int) int { return derefInt(p) },
	}
}

// dict builds a map for passing several values to a partial template.
func dict(kv ...any) map[string]any {
	m := map[string]any{}
	for i := 0; i+1 < len(kv); i += 2 {
		if k, ok := kv[i].(string); ok {
			m[k] = kv[i+1]
		}
	}
	return m
}

func derefInt(p *int) int {
	if p == nil {
		return 0
	}
	return *p
}

// zh keeps the Chinese half of a bilingual "中文 / English" message: the
// console speaks Chinese only.
func zh(msg string) string {
	if i := strings.Index(msg, " / "); i > 0 {
		return msg[:i]
	}
	return msg
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// formatWhen prints a time (or *time.Time) in Beijing time; zero prints "—".
func formatWhen(v any) string {
	var t time.Time
	switch x := v.(type) {
	case time.Time:
		t = x
	case *time.Time:
		if x != nil {
			t = *x
		}
	}
	if t.IsZero() {
		return "—"
	}
	return t.In(models.Beijing).Format("2006-01-02 15:04")
}

// newView starts a page's view for the signed-in user.
func (cs *console) newView(c *gin.Context, title string) *view {
	v := &view{Title: title, Account: cs.accountName(), PublicURL: cs.Config.PublicURL, User: currentUser(c), Errors: map[string]string{},
		Form: url.Values{}, D: gin.H{}, Active: c.Request.URL.Path}
	v.CSRF, _ = c.Cookie(csrfCookie)
	if v.User != nil {
		v.Nav = cs.navFor(v.User)
	}
	if msg, err := c.Cookie(flashCookie); err == nil && msg != "" {
		if text, err := url.QueryUnescape(msg); err == nil {
			v.Flash, v.FlashOK = strings.TrimPrefix(text, "!"), !strings.HasPrefix(text, "!")
		}
		c.SetCookie(flashCookie, "", -1, "/admin", "", false, true)
	}
	return v
}

// localURL and localImages point pictures stored under the public address
// at this server instead: the console often runs on an intranet that cannot
// reach the public address (and must not need to).
func localURL(publicURL, u string) string {
	base := strings.TrimRight(publicURL, "/")
	if base != "" && strings.HasPrefix(u, base+"/h5/images/") {
		return strings.TrimPrefix(u, base)
	}
	return u
}

func (cs *console) localImages(html string) template.HTML {
	base := strings.TrimRight(cs.Config.PublicURL, "/")
	if base == "" {
		return template.HTML(html)
	}
	return template.HTML(strings.ReplaceAll(html, `src="`+base+`/h5/images/`, `src="/h5/images/`))
}

func (cs *console) accountName() string {
	if cs.Content.Account != "" {
		return cs.Content.Account
	}
	return "阜新乡村振兴政务"
}

// render writes a page; a template failure is logged and answered plainly
// rather than with half a page.
func (cs *console) render(c *gin.Context, status int, page string, v *view) {
	t, ok := cs.pages[page]
	var buf bytes.Buffer
	err := errors.New("no such page")
	if ok {
		err = t.ExecuteTemplate(&buf, "layout", v)
	}
	if err != nil {
		cs.Log.Error("console: render failed", "page", page, "err", err)
		c.Data(http.StatusInternalServerError, "text/plain; charset=utf-8", []byte("系统内部错误，请稍后再试。"))
		c.Abort()
		return
	}
	c.Header("Cache-Control", "no-store")
	c.Header("Content-Security-Policy", "default-src 'self'; img-src 'self' data: http: https:; style-src 'self'; frame-ancestors 'self'")
	c.Header("X-Content-Type-Options", "nosniff")
	c.Data(status, "text/html; charset=utf-8", buf.Bytes())
}

// redirect answers a successful form with a flash message and a redirect
// (post/redirect/get), so a reload does not post again.
func (cs *console) redirect(c *gin.Context, to, flash string) {
	if flash != "" {
		c.SetCookie(flashCookie, url.QueryEscape(flash), 60, "/admin", "", false, true)
	}
	c.Redirect(http.StatusSeeOther, to)
}

// fail shows an error page for an error that is not about one form field.
func (cs *console) fail(c *gin.Context, err error) {
	code := models.ErrorCode(err)
	if code == models.EINTERNAL {
		cs.Log.Error("console: internal error", "path", c.FullPath(), "err", err)
	}
	status := statusOf[code]
	if status == 0 {
		status = http.StatusInternalServerError
	}
	v := cs.newView(c, "出错了")
	v.D["Status"], v.D["Message"] = status, zh(models.ErrorMessage(err))
	cs.render(c, status, "error", v)
	c.Abort()
}

// formError puts err next to its field when it names one (or several, as
// the disclosure form's errors do); it returns false when err is not about input.
func formError(v *view, err error) bool {
	if fe, ok := fieldErrors(err); ok {
		for k, msg := range fe {
			v.Errors[k] = zh(msg)
		}
		return true
	}
	var me *models.Error
	if errors.As(err, &me) && me.Code == models.EINVALID {
		field := me.Field
		if field == "" {
			field = "_form"
		}
		v.Errors[field] = zh(me.Message)
		return true
	}
	return false
}

// fieldErrors finds the per-field messages of a disclosure form error.
func fieldErrors(err error) (disclosure.FieldErrors, bool) {
	var fe disclosure.FieldErrors
	ok := errors.As(err, &fe)
	return fe, ok
}

func asModelError(err error, target **models.Error) bool { return errors.As(err, target) }
