// Package wechattest is a fake WeChat: a real HTTP server that speaks the
// Official Account API (token, menu, material, draft, freepublish, mass send,
// user, datacube, custom message) with WeChat's own JSON shapes and error
// codes, and a client that signs and encrypts callbacks the way WeChat does.
//
// It is ordinary code rather than test-only code because the simulate
// command drives the whole product with it when no real account exists.
// It deliberately shares nothing with the SDK the product uses, so a
// misreading of the protocol in one cannot hide the same misreading in the
// other.
package wechattest

import (
	"net/http"
	"net/http/httptest"
	"sync"
	"time"
)

// Defaults for a fresh fake account.
const (
	DefaultAppID     = "wxfake0000000001"
	DefaultAppSecret = "fakesecret"
)

// Server is the fake WeChat API. All state lives in memory behind one mutex,
// so a Server is safe for concurrent use by the product and the test.
type Server struct {
	mu sync.Mutex

	appID, appSecret string
	verified         bool
	serviceAccount   bool
	now              func() time.Time
	autoPublish      *time.Duration // nil: publish jobs wait for FinishPublish

	ts      *httptest.Server
	seq     int64
	latency time.Duration
	calls   map[string]int
	faults  map[string]*fault

	tokens     map[string]*tokenRec
	classicCur string
	stableCur  string

	menu       []MenuButton
	menuID     int64
	users      []*User
	userIdx    map[string]*User
	lastSeen   map[string]time.Time
	custom     []CustomMessage
	materials  []Material
	drafts     []*Draft
	publishes  []*Publish
	masses     []*MassSend
	massByCID  map[string]*MassSend
	cube       cubeState
	nextPubID  int64
	nextMsgID  int64
	nextDataID int64
}

// Option configures a Server at construction.
type Option func(*Server)

// WithCredentials sets the AppID and AppSecret the token endpoints accept.
func WithCredentials(appID, appSecret string) Option {
	return func(s *Server) { s.appID, s.appSecret = appID, appSecret }
}

// WithAccount sets the account's capabilities. The default is a verified
// subscription account, the product's first customer.
func WithAccount(verified, serviceAccount bool) Option {
	return func(s *Server) { s.verified, s.serviceAccount = verified, serviceAccount }
}

// WithClock injects the clock used for token lifetimes, the 48-hour window,
// the daily mass-send quota and datacube's "yesterday", so tests can move
// time without sleeping.
func WithClock(now func() time.Time) Option {
	return func(s *Server) { s.now = now }
}

// WithAutoFinishPublish makes every freepublish job succeed (status 0) once
// the clock has moved d past its submission; d = 0 finishes it at once. The
// simulate command uses it because nobody is there to call FinishPublish.
func WithAutoFinishPublish(d time.Duration) Option {
	return func(s *Server) { s.autoPublish = &d }
}

// NewServer returns a fake with no followers, menu or content. Call Start to
// listen, or mount Handler yourself.
func NewServer(opts ...Option) *Server {
	s := &Server{
		appID:     DefaultAppID,
		appSecret: DefaultAppSecret,
		verified:  true,
		now:       time.Now,
		calls:     map[string]int{},
		faults:    map[string]*fault{},
		tokens:    map[string]*tokenRec{},
		userIdx:   map[string]*User{},
		lastSeen:  map[string]time.Time{},
		massByCID: map[string]*MassSend{},
		cube:      newCubeState(),
		// Start above 2^31 so a client that stores these IDs in an int32 or
		// expects a JSON string fails here rather than in production.
		nextPubID:  2650177668,
		nextMsgID:  3147483655,
		nextDataID: 2247483663,
		menuID:     400000000,
	}
	for _, o := range opts {
		o(s)
	}
	return s
}

// AppID returns the AppID the fake accepts.
func (s *Server) AppID() string { return s.appID }

// AppSecret returns the AppSecret the fake accepts.
func (s *Server) AppSecret() string { return s.appSecret }

// Start listens on a loopback port chosen by the system and returns s.
func (s *Server) Start() *Server {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ts == nil {
		s.ts = httptest.NewServer(s.Handler())
	}
	return s
}

// URL is the base URL that replaces https://api.weixin.qq.com; empty before
// Start.
func (s *Server) URL() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ts == nil {
		return ""
	}
	return s.ts.URL
}

// Close stops the listener started by Start.
func (s *Server) Close() {
	s.mu.Lock()
	ts := s.ts
	s.ts = nil
	s.mu.Unlock()
	if ts != nil {
		ts.Close()
	}
}

// Handler serves the API; it can be mounted without Start.
func (s *Server) Handler() http.Handler {
	return http.HandlerFunc(s.serve)
}

// nowLocked reads the injected clock; callers hold s.mu.
func (s *Server) nowLocked() time.Time { return s.now() }

// nextSeq returns a fresh number for IDs that only need to be unique.
func (s *Server) nextSeq() int64 {
	s.seq++
	return s.seq
}

// Clock is a settable clock for tests and simulations: pass its Now to
// WithClock and to CallbackClient, then Advance it.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

// NewClock returns a clock stopped at t.
func NewClock(t time.Time) *Clock { return &Clock{t: t} }

// Now returns the clock's current time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Advance moves the clock forward by d.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// Set moves the clock to t.
func (c *Clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}
