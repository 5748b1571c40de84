package handlers

import (
	"crypto/subtle"
	"net/http"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"

	"govmp/models"
)

// maxConsoleBody bounds a console form: a cover image (10 MB) and its fields.
const maxConsoleBody = maxUpload + 1<<20

// safeNext keeps a post-login redirect inside the console, so the login
// form cannot be used to send someone to another site.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/admin/") || strings.HasPrefix(next, "//") || strings.Contains(next, "\\") {
		return "/admin/"
	}
	return next
}

// ensureCSRF returns the CSRF cookie, setting one first when missing. The
// login form needs it too: a forged login would sign a user into someone
// else's account.
func (cs *console) ensureCSRF(c *gin.Context) string {
	if tok, err := c.Cookie(csrfCookie); err == nil && tok != "" {
		return tok
	}
	tok := randomToken()
	c.SetSameSite(http.SameSiteLaxMode)
	c.SetCookie(csrfCookie, tok, int(sessionTTL.Seconds()), "/", "", cs.secureCookies(), false)
	return tok
}

func (cs *console) secureCookies() bool { return strings.HasPrefix(cs.Config.PublicURL, "https://") }

func (cs *console) loginForm(c *gin.Context) {
	if tok, err := c.Cookie(sessionCookie); err == nil {
		if _, err := cs.Store.SessionUser(c.Request.Context(), tok, "cookie"); err == nil {
			c.Redirect(http.StatusSeeOther, safeNext(c.Query("next")))
			return
		}
	}
	v := cs.newView(c, "登录")
	v.CSRF = cs.ensureCSRF(c)
	v.Form.Set("next", safeNext(c.Query("next")))
	if c.Query("expired") == "1" {
		v.Flash = "登录已过期，请重新登录。"
	}
	cs.render(c, http.StatusOK, "login", v)
}

func (cs *console) loginSubmit(c *gin.Context) {
	v := cs.newView(c, "登录")
	v.CSRF = cs.ensureCSRF(c)
	if !csrfMatches(c) {
		v.Errors["_form"] = "页面已过期，请重新输入后登录。"
		cs.render(c, http.StatusForbidden, "login", v)
		return
	}
	name, pass := strings.TrimSpace(c.PostForm("username")), c.PostForm("password")
	v.Form.Set("username", name)
	v.Form.Set("next", safeNext(c.PostForm("next")))
	if name == "" {
		v.Errors["username"] = "请输入用户名"
	}
	if pass == "" {
		v.Errors["password"] = "请输入密码"
	}
	if len(v.Errors) > 0 {
		cs.render(c, http.StatusBadRequest, "login", v)
		return
	}
	u, err := cs.Store.Authenticate(c.Request.Context(), name, pass)
	if err != nil && models.ErrorCode(err) == models.EINTERNAL {
		cs.fail(c, err)
		return
	}
	if err != nil {
		_ = cs.Store.Audit(c.Request.Context(), name, "login.failed", "", "console")
		v.Errors["_form"] = zh(models.ErrorMessage(err))
		cs.render(c, http.StatusUnauthorized, "login", v)
		return
	}
	token, err := cs.Store.NewSession(c.Request.Context(), u.ID, "cookie", sessionTTL)
	if err != nil {
		cs.fail(c, err)
		return
	}
	c.SetSameSite(http.SameSiteLaxMode)
	c.SetCookie(sessionCookie, token, int(sessionTTL.Seconds()), "/", "", cs.secureCookies(), true)
	// A fresh CSRF token at login, so one planted before it is worthless.
	c.SetCookie(csrfCookie, randomToken(), int(sessionTTL.Seconds()), "/", "", cs.secureCookies(), false)
	_ = cs.Store.Audit(c.Request.Context(), u.Username, "login", "", "console")
	c.Redirect(http.StatusSeeOther, v.Form.Get("next"))
}

func (cs *console) logout(c *gin.Context) {
	if tok, err := c.Cookie(sessionCookie); err == nil {
		_ = cs.Store.EndSession(c.Request.Context(), tok)
	}
	c.SetCookie(sessionCookie, "", -1, "/", "", false, true)
	c.SetCookie(csrfCookie, "", -1, "/", "", false, false)
	_ = cs.Store.Audit(c.Request.Context(), currentUser(c).Username, "logout", "", "console")
	cs.redirect(c, "/admin/login", "您已退出登录。")
}

// authenticate lets through a live console session and sends everyone
// else to the login page, remembering where they were going.
func (cs *console) authenticate() gin.HandlerFunc {
	return func(c *gin.Context) {
		tok, err := c.Cookie(sessionCookie)
		if err == nil && tok != "" {
			if u, err := cs.Store.SessionUser(c.Request.Context(), tok, "cookie"); err == nil {
				c.Set(string(userKey), u)
				c.Set("auth_kind", "cookie")
				c.Next()
				return
			}
		}
		next := c.Request.URL.Path
		if c.Request.Method != http.MethodGet {
			next = "/admin/"
		} else if c.Request.URL.RawQuery != "" {
			next += "?" + c.Request.URL.RawQuery
		}
		q := url.Values{"next": {next}}
		if tok != "" {
			q.Set("expired", "1")
		}
		c.Redirect(http.StatusSeeOther, "/admin/login?"+q.Encode())
		c.Abort()
	}
}

// csrfMatches checks the double-submit token of a form post (or a script's header).
func csrfMatches(c *gin.Context) bool {
	want, err := c.Cookie(csrfCookie)
	got := c.GetHeader("X-CSRF-Token")
	if got == "" {
		got = c.PostForm("_csrf")
	}
	return err == nil && want != "" && subtle.ConstantTimeCompare([]byte(want), []byte(got)) == 1
}

// csrf refuses a state-changing console request that does not echo the token.
func (cs *console) csrf() gin.HandlerFunc {
	return func(c *gin.Context) {
		if c.Request.Method == http.MethodGet || c.Request.Method == http.MethodHead {
			c.Next()
			return
		}
		c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, maxConsoleBody)
		if !csrfMatches(c) {
			cs.fail(c, models.Errorf(models.EFORBIDDEN, "CSRF 校验失败，请刷新页面后重试。"))
			return
		}
		c.Next()
	}
}

// allow lets through users holding one of roles (admins always); others
// get the 403 page, whatever the method.
func (cs *console) allow(roles ...string) gin.HandlerFunc {
	return func(c *gin.Context) {
		if !currentUser(c).Can(roles...) {
			cs.fail(c, models.Errorf(models.EFORBIDDEN, "您的角色无权访问此页面或进行此操作。"))
			return
		}
		c.Next()
	}
}
