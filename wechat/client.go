package wechat

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/silenceper/wechat/v2/credential"
	"github.com/silenceper/wechat/v2/officialaccount"
	"github.com/silenceper/wechat/v2/officialaccount/broadcast"
	oaconfig "github.com/silenceper/wechat/v2/officialaccount/config"
	"github.com/silenceper/wechat/v2/officialaccount/datacube"
	"github.com/silenceper/wechat/v2/officialaccount/draft"
	"github.com/silenceper/wechat/v2/officialaccount/freepublish"
	"github.com/silenceper/wechat/v2/officialaccount/material"
	"github.com/silenceper/wechat/v2/officialaccount/menu"
	"github.com/silenceper/wechat/v2/officialaccount/message"
	"github.com/silenceper/wechat/v2/officialaccount/oauth"
	"github.com/silenceper/wechat/v2/officialaccount/user"
	"github.com/silenceper/wechat/v2/util"
	"github.com/sirupsen/logrus"

	"govmp/config"
	"govmp/kv"
	"govmp/models"
)

const officialAPIBase = "https://api.weixin.qq.com"

var (
	setupOnce sync.Once
	apiBase   atomic.Value // string
)

// configureSDK sets the SDK's package globals exactly once per process: an
// HTTP client with a timeout (the SDK's default has none) and a URI modifier
// that sends every call to the configured API base. The base itself is
// read atomically so the process can point at another base (a test's fake)
// without racing in-flight calls.
func configureSDK(base string, timeout time.Duration) {
	apiBase.Store(strings.TrimRight(base, "/"))
	setupOnce.Do(func() {
		// The SDK logs decrypted messages at Debug: citizens' messages are personal data.
		logrus.SetLevel(logrus.WarnLevel)
		util.DefaultHTTPClient = &http.Client{Timeout: timeout}
		util.SetURIModifier(func(uri string) string {
			b, _ := apiBase.Load().(string)
			if b == "" || b == officialAPIBase {
				return uri
			}
			return strings.Replace(uri, officialAPIBase, b, 1)
		})
	})
}

// Client calls the WeChat API for one account. Build it once at start-up:
// the SDK's lazy getters race on first concurrent use.
type Client struct {
	cfg         config.Config
	Tokens      *TokenSource
	menu        *menu.Menu
	users       *user.User
	custom      *message.Manager
	material    *material.Material
	draft       *draft.Draft
	freepublish *freepublish.FreePublish
	broadcast   *broadcast.Broadcast
	datacube    *datacube.DataCube
	oauth       *oauth.Oauth
	log         *slog.Logger
	// OnCall observes every API call with its WeChat error code (0 = ok,
	// -2 = no answer), for metrics.
	OnCall  func(api string, code int64)
	breaker *Breaker
}

// NewClient builds the SDK objects once with the shared token source.
func NewClient(cfg config.Config, store kv.Store, log *slog.Logger) *Client {
	configureSDK(cfg.APIBase, cfg.APITimeout)
	stable := credential.NewStableAccessToken(cfg.AppID, cfg.AppSecret, credential.CacheKeyOfficialAccountPrefix, noCache{}).(*credential.StableAccessToken)
	tokens := &TokenSource{
		KV: store, Key: "govmp:wechat:token:" + cfg.AppID, Log: log, Now: time.Now, Backoff: 30 * time.Second,
		Fetch: func(ctx context.Context) (string, int64, error) {
			res, err := stable.GetAccessTokenDirectly(ctx, false)
			if err != nil {
				return "", 0, asAPIError("stable_token", err)
			}
			return res.AccessToken, res.ExpiresIn, nil
		},
	}
	oa := officialaccount.NewOfficialAccount(&oaconfig.Config{
		AppID: cfg.AppID, AppSecret: cfg.AppSecret, Token: cfg.Token, EncodingAESKey: cfg.AESKey,
		Cache: noCache{}, UseStableAK: true,
	})
	oa.SetAccessTokenHandle(tokens)
	return &Client{
		cfg: cfg, Tokens: tokens, log: log,
		menu: oa.GetMenu(), users: oa.GetUser(), custom: oa.GetCustomerMessageManager(),
		material: oa.GetMaterial(), draft: oa.GetDraft(), freepublish: oa.GetFreePublish(),
		broadcast: oa.GetBroadcast(), datacube: oa.GetDataCube(), oauth: oa.GetOauth(),
		breaker: &Breaker{Threshold: 5, Cooldown: 30 * time.Second, Now: time.Now},
	}
}

// requireAdvanced refuses, before calling WeChat, what an unverified
// account cannot do: WeChat would only answer 48001.
func (c *Client) requireAdvanced(what string) error {
	if c.cfg.CanUseAdvancedAPIs() {
		return nil
	}
	return models.Errorf(models.EUNAVAILABLE, "未认证的公众号不能使用%s接口（微信会返回48001），请先完成微信认证 / an unverified account cannot use the %s API", what, what)
}

// call runs fn; when WeChat rejects the token as invalid or expired it drops
// the token and retries exactly once with a fresh one.
// While the breaker is open it fails fast instead of calling WeChat.
func (c *Client) call(ctx context.Context, api string, fn func() error) error {
	if !c.breaker.Allow() {
		return ErrCircuitOpen
	}
	err := c.observe(api, asAPIError(api, fn()))
	var ae *APIError
	if errors.As(err, &ae) && tokenRejected(ae.Code) {
		if tok, terr := c.Tokens.GetAccessTokenContext(ctx); terr == nil {
			c.Tokens.Invalidate(ctx, tok)
		}
		err = c.observe(api, asAPIError(api, fn()))
	}
	c.breaker.Record(err)
	return err
}

func (c *Client) observe(api string, err error) error {
	if c.OnCall == nil {
		return err
	}
	var ae *APIError
	switch {
	case err == nil:
		c.OnCall(api, 0)
	case errors.As(err, &ae):
		c.OnCall(api, ae.Code)
	default:
		c.OnCall(api, -2)
	}
	return err
}

// Config returns the account settings the client was built with.
func (c *Client) Config() config.Config { return c.cfg }

// PushMenu replaces the account's menu.
func (c *Client) PushMenu(ctx context.Context, buttons []*menu.Button) error {
	if err := c.requireAdvanced("自定义菜单"); err != nil {
		return err
	}
	return c.call(ctx, "menu/create", func() error { return c.menu.SetMenu(buttons) })
}

// SendText sends a customer-service text message (inside the 48-hour window).
func (c *Client) SendText(ctx context.Context, openID, text string) error {
	if err := c.requireAdvanced("客服消息"); err != nil {
		return err
	}
	return c.call(ctx, "custom/send", func() error {
		return c.custom.Send(message.NewCustomerTextMessage(openID, text))
	})
}

// ListFollowerIDs returns one page of follower openids starting after next.
func (c *Client) ListFollowerIDs(ctx context.Context, next string) (ids []string, nextID string, total int, err error) {
	if err := c.requireAdvanced("用户管理"); err != nil {
		return nil, "", 0, err
	}
	var res *user.OpenidList
	err = c.call(ctx, "user/get", func() error {
		var e error
		res, e = c.users.ListUserOpenIDs(next)
		return e
	})
	if err != nil {
		return nil, "", 0, err
	}
	return res.Data.OpenIDs, res.NextOpenID, res.Total, nil
}

// FollowerInfo is what WeChat still tells about a follower (no nickname since 2021-12-27).
type FollowerInfo struct {
	OpenID, UnionID, Scene, QRScene string
	Subscribed                      bool
	SubscribedAt                    time.Time
}

// FollowerInfo fetches up to 100 followers' details.
func (c *Client) FollowerInfo(ctx context.Context, openIDs []string) ([]FollowerInfo, error) {
	if err := c.requireAdvanced("用户管理"); err != nil {
		return nil, err
	}
	items := make([]user.BatchGetUserListItem, len(openIDs))
	for i, id := range openIDs {
		items[i] = user.BatchGetUserListItem{OpenID: id, Lang: "zh_CN"}
	}
	var res *user.InfoList
	err := c.call(ctx, "user/info/batchget", func() error {
		var e error
		res, e = c.users.BatchGetUserInfo(user.BatchGetUserInfoParams{UserList: items})
		return e
	})
	if err != nil {
		return nil, err
	}
	out := make([]FollowerInfo, 0, len(res.UserInfoList))
	for _, u := range res.UserInfoList {
		out = append(out, FollowerInfo{
			OpenID: u.OpenID, UnionID: u.UnionID, Scene: u.SubscribeScene, QRScene: u.QrSceneStr,
			Subscribed: u.Subscribe == 1, SubscribedAt: time.Unix(int64(u.SubscribeTime), 0),
		})
	}
	return out, nil
}

// noCache satisfies the SDK's cache parameter; our TokenSource does the caching.
type noCache struct{}

func (noCache) Get(string) interface{}                       { return nil }
func (noCache) Set(string, interface{}, time.Duration) error { return nil }
func (noCache) IsExist(string) bool                          { return false }
func (noCache) Delete(string) error                          { return nil }
