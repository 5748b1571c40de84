package handlers

import (
	"log/slog"
	"time"

	"github.com/gin-gonic/gin"

	"govmp/config"
	"govmp/kv"
	"govmp/metrics"
	"govmp/store"
	"govmp/wechat"
)

// Deps is everything the HTTP surface needs; built once by the serve command.
type Deps struct {
	Config    config.Config
	Store     *store.Store
	KV        kv.Store
	Callbacks *wechat.Callbacks
	Replies   *wechat.ReplyBook
	WeChat    *wechat.Client
	Metrics   *metrics.Metrics
	Log       *slog.Logger
	Version   string

	// Each domain keeps its own dependencies in its own file.
	Content    ContentDeps
	Disclosure DisclosureDeps
	Reporting  ReportingDeps
}

// server carries Deps into the handler makers.
type server struct {
	Deps
	// searchLimit caps the web query page per address.
	searchLimit *kv.Limiter
}

// NewServer builds the Gin engine with every route (see routes.go).
func NewServer(d Deps) *gin.Engine {
	gin.SetMode(gin.ReleaseMode)
	e := gin.New()
	e.ContextWithFallback = true
	// Gin believes X-Forwarded-For from any peer unless told otherwise, so
	// any client could choose the address the per-address rate limits count.
	// Only the configured proxies are believed (Validate checked the list).
	proxies, _ := d.Config.Proxies()
	if err := e.SetTrustedProxies(proxies); err != nil {
		panic(err) // Validate accepted the list: a mismatch is a build mistake
	}
	s := &server{Deps: d}
	n, window, _ := d.Config.SearchRate()
	s.searchLimit = &kv.Limiter{Store: d.KV, Prefix: "govmp:search:rl:", Max: n, Window: window}
	e.Use(s.recovery(), s.observe())
	s.routes(e)
	return e
}

// recovery turns a panic into a 500 with the standard error shape: no panic
// reaches a client as a dropped connection or a stack trace.
func (s *server) recovery() gin.HandlerFunc {
	return gin.CustomRecoveryWithWriter(nil, func(c *gin.Context, err any) {
		s.Log.Error("handlers: panic", "path", c.FullPath(), "panic", err)
		if c.Request.URL.Path == "/wechat" {
			c.String(200, "success")
			c.Abort()
			return
		}
		var body ErrorBody
		body.Error.Code = "internal"
		body.Error.Message = "Internal error. 系统内部错误，请稍后再试。"
		c.AbortWithStatusJSON(500, body)
	})
}

// observe records request latency per route.
func (s *server) observe() gin.HandlerFunc {
	return func(c *gin.Context) {
		start := time.Now()
		c.Next()
		route := c.FullPath()
		if route == "" {
			route = "unmatched"
		}
		s.Metrics.HTTPLatency.WithLabelValues(route).Observe(time.Since(start).Seconds())
	}
}
