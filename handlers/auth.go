package handlers

import (
	"crypto/subtle"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"govmp/models"
)

const (
	sessionCookie = "govmp_session"
	csrfCookie    = "govmp_csrf"
	sessionTTL    = 8 * time.Hour // a working day; the console asks again the next morning
	bearerTTL     = 90 * 24 * time.Hour
)

type ctxKey string

const userKey ctxKey = "user"

// currentUser returns the authenticated user set by authenticate.
func currentUser(c *gin.Context) *models.User {
	u, _ := c.Get(string(userKey))
	user, _ := u.(*models.User)
	return user
}

type loginRequest struct {
	Username string `json:"username"`
	Password string `json:"password"`
}

// login checks the password, sets the session and CSRF cookies, and returns the user.
func (s *server) login(c *gin.Context) {
	var req loginRequest
	if err := bindJSON(c, &req); err != nil {
		writeError(c, s.Log, err)
		return
	}
	u, err := s.Store.Authenticate(c.Request.Context(), req.Username, req.Password)
	if err != nil {
		_ = s.Store.Audit(c.Request.Context(), req.Username, "login.failed", "", "")
		writeError(c, s.Log, err)
		return
	}
	token, err := s.Store.NewSession(c.Request.Context(), u.ID, "cookie", sessionTTL)
	if err != nil {
		writeError(c, s.Log, err)
		return
	}
	csrf := randomToken()
	secure := strings.HasPrefix(s.Config.PublicURL, "https://")
	c.SetSameSite(http.SameSiteLaxMode)
	c.SetCookie(sessionCookie, token, int(sessionTTL.Seconds()), "/", "", secure, true)
	c.SetCookie(csrfCookie, csrf, int(sessionTTL.Seconds()), "/", "", secure, false)
	_ = s.Store.Audit(c.Request.Context(), u.Username, "login", "", "")
	c.JSON(http.StatusOK, gin.H{"user": u, "csrf_token": csrf})
}

// logout ends the current session.
func (s *server) logout(c *gin.Context) {
	if tok, err := c.Cookie(sessionCookie); err == nil {
		_ = s.Store.EndSession(c.Request.Context(), tok)
	}
	if tok, ok := bearer(c); ok {
		_ = s.Store.EndSession(c.Request.Context(), tok)
	}
	c.SetCookie(sessionCookie, "", -1, "/", "", false, true)
	c.SetCookie(csrfCookie, "", -1, "/", "", false, false)
	_ = s.Store.Audit(c.Request.Context(), currentUser(c).Username, "logout", "", "")
	c.JSON(http.StatusOK, gin.H{"ok": true})
}

// me returns the signed-in user.
func (s *server) me(c *gin.Context) { c.JSON(http.StatusOK, gin.H{"user": currentUser(c)}) }

// createToken issues a bearer token for scripts, shown once.
func (s *server) createToken(c *gin.Context) {
	u := currentUser(c)
	token, err := s.Store.NewSession(c.Request.Context(), u.ID, "bearer", bearerTTL)
	if err != nil {
		writeError(c, s.Log, err)
		return
	}
	_ = s.Store.Audit(c.Request.Context(), u.Username, "token.create", "", "")
	c.JSON(http.StatusCreated, gin.H{"token": token, "expires_in": int(bearerTTL.Seconds())})
}

func bearer(c *gin.Context) (string, bool) {
	h := c.GetHeader("Authorization")
	tok, ok := strings.CutPrefix(h, "Bearer ")
	return strings.TrimSpace(tok), ok && tok != ""
}

// authenticate accepts a bearer token or the session cookie.
func (s *server) authenticate() gin.HandlerFunc {
	return func(c *gin.Context) {
		kind, token := "bearer", ""
		if t, ok := bearer(c); ok {
			token = t
		} else if t, err := c.Cookie(sessionCookie); err == nil {
			kind, token = "cookie", t
		}
		if token == "" {
			writeError(c, s.Log, models.Errorf(models.EUNAUTHORIZED, "请先登录 / sign in first"))
			return
		}
		u, err := s.Store.SessionUser(c.Request.Context(), token, kind)
		if err != nil {
			writeError(c, s.Log, err)
			return
		}
		c.Set(string(userKey), u)
		c.Set("auth_kind", kind)
		c.Next()
	}
}

// csrf requires cookie-authenticated state changes to echo the CSRF cookie
// in a header or form field (double submit); bearer requests carry no cookie
// a browser could replay, so they are exempt.
func (s *server) csrf() gin.HandlerFunc {
	return func(c *gin.Context) {
		switch c.Request.Method {
		case http.MethodGet, http.MethodHead, http.MethodOptions:
			c.Next()
			return
		}
		if c.GetString("auth_kind") != "cookie" {
			c.Next()
			return
		}
		want, err := c.Cookie(csrfCookie)
		got := c.GetHeader("X-CSRF-Token")
		if got == "" {
			got = c.PostForm("_csrf")
		}
		if err != nil || want == "" || subtle.ConstantTimeCompare([]byte(want), []byte(got)) != 1 {
			writeError(c, s.Log, models.Errorf(models.EFORBIDDEN, "CSRF 校验失败，请刷新页面后重试 / CSRF check failed"))
			return
		}
		c.Next()
	}
}

// require lets through users holding one of roles (admins always).
func (s *server) require(roles ...string) gin.HandlerFunc {
	return func(c *gin.Context) {
		if !currentUser(c).Can(roles...) {
			writeError(c, s.Log, models.Errorf(models.EFORBIDDEN, "您的角色无权进行此操作 / your role may not do this"))
			return
		}
		c.Next()
	}
}
