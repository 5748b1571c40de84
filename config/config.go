// Package config loads govmp's settings from GOVMP_* environment variables,
// an optional YAML file, and literal defaults, and validates them at start-up.
package config

import (
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"net"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// Account types WeChat distinguishes; they decide which APIs the account may call.
const (
	AccountSubscription = "subscription"
	AccountService      = "service"
)

// Config is everything a govmp process needs. Zero values are never used:
// Default fills every field and Load overrides from the environment.
type Config struct {
	HTTPAddr        string        `yaml:"http_addr"`
	DBDSN           string        `yaml:"db_dsn"`
	RedisURL        string        `yaml:"redis_url"`
	AppID           string        `yaml:"wechat_appid"`
	AppSecret       string        `yaml:"wechat_appsecret"`
	Token           string        `yaml:"wechat_token"`
	AESKey          string        `yaml:"wechat_aes_key"`
	APIBase         string        `yaml:"wechat_api_base"`
	AccountType     string        `yaml:"wechat_account_type"`
	Verified        bool          `yaml:"wechat_verified"`
	PublicURL       string        `yaml:"public_url"`
	DataKey         string        `yaml:"data_key"`
	TimestampWindow time.Duration `yaml:"callback_timestamp_window"`
	WelcomeText     string        `yaml:"welcome_text"`
	LogFormat       string        `yaml:"log_format"`
	APITimeout      time.Duration `yaml:"wechat_api_timeout"`
	SpoolDir        string        `yaml:"spool_dir"`
	ScheduleEvery   time.Duration `yaml:"publish_schedule_interval"`
	// SearchRateLimit caps searches per follower (chat texts) and per
	// address (the web query page), "N/duration"; "0" turns it off.
	SearchRateLimit string `yaml:"search_rate_limit"`
	// TrustedProxies are the addresses or CIDRs whose X-Forwarded-For is
	// believed, comma-separated; "none" believes no one. Per-address rate
	// limits are only as good as this: trusting every peer would let any
	// client pick its own address with a header.
	TrustedProxies string `yaml:"trusted_proxies"`
}

// Default returns the embedded defaults: SQLite under data/, in-process cache,
// the real WeChat API host, and an unverified subscription account (the
// bureau's account type, and the most restricted one).
func Default() Config {
	return Config{
		HTTPAddr:        ":8080",
		DBDSN:           "sqlite://data/govmp.db",
		APIBase:         "https://api.weixin.qq.com",
		AccountType:     AccountSubscription,
		PublicURL:       "http://localhost:8080",
		TimestampWindow: 5 * time.Minute,
		WelcomeText:     "欢迎关注“阜新乡村振兴政务”！点击菜单“专栏”阅读政策文章，“依申请公开”可在线提交政府信息公开申请。",
		LogFormat:       "text",
		APITimeout:      10 * time.Second,
		SpoolDir:        "data/spool",
		ScheduleEvery:   30 * time.Second,
		SearchRateLimit: "20/1m",
		TrustedProxies:  "127.0.0.1,::1",
	}
}

// field binds one environment variable to one Config field.
type field struct {
	env    string
	secret bool // a _FILE variant is accepted
	set    func(c *Config, v string) error
}

func str(p func(*Config) *string) func(*Config, string) error {
	return func(c *Config, v string) error { *p(c) = v; return nil }
}

var fields = []field{
	{"GOVMP_HTTP_ADDR", false, str(func(c *Config) *string { return &c.HTTPAddr })},
	{"GOVMP_DB_DSN", true, str(func(c *Config) *string { return &c.DBDSN })},
	{"GOVMP_REDIS_URL", true, str(func(c *Config) *string { return &c.RedisURL })},
	{"GOVMP_WECHAT_APPID", false, str(func(c *Config) *string { return &c.AppID })},
	{"GOVMP_WECHAT_APPSECRET", true, str(func(c *Config) *string { return &c.AppSecret })},
	{"GOVMP_WECHAT_TOKEN", true, str(func(c *Config) *string { return &c.Token })},
	{"GOVMP_WECHAT_AES_KEY", true, str(func(c *Config) *string { return &c.AESKey })},
	{"GOVMP_WECHAT_API_BASE", false, str(func(c *Config) *string { return &c.APIBase })},
	{"GOVMP_WECHAT_ACCOUNT_TYPE", false, str(func(c *Config) *string { return &c.AccountType })},
	{"GOVMP_WECHAT_VERIFIED", false, func(c *Config, v string) error {
		b, err := strconv.ParseBool(v)
		c.Verified = b
		return err
	}},
	{"GOVMP_PUBLIC_URL", false, str(func(c *Config) *string { return &c.PublicURL })},
	{"GOVMP_DATA_KEY", true, str(func(c *Config) *string { return &c.DataKey })},
	{"GOVMP_CALLBACK_TIMESTAMP_WINDOW", false, func(c *Config, v string) error {
		d, err := time.ParseDuration(v)
		c.TimestampWindow = d
		return err
	}},
	{"GOVMP_WELCOME_TEXT", false, str(func(c *Config) *string { return &c.WelcomeText })},
	{"GOVMP_LOG_FORMAT", false, str(func(c *Config) *string { return &c.LogFormat })},
	{"GOVMP_SPOOL_DIR", false, str(func(c *Config) *string { return &c.SpoolDir })},
	{"GOVMP_PUBLISH_SCHEDULE_INTERVAL", false, func(c *Config, v string) error {
		d, err := time.ParseDuration(v)
		c.ScheduleEvery = d
		return err
	}},
	{"GOVMP_WECHAT_API_TIMEOUT", false, func(c *Config, v string) error {
		d, err := time.ParseDuration(v)
		c.APITimeout = d
		return err
	}},
	{"GOVMP_SEARCH_RATE_LIMIT", false, str(func(c *Config) *string { return &c.SearchRateLimit })},
	{"GOVMP_TRUSTED_PROXIES", false, str(func(c *Config) *string { return &c.TrustedProxies })},
}

// Load builds a Config from defaults, then the YAML file named by
// GOVMP_CONFIG_FILE (if any), then GOVMP_* variables, then validates it.
// Errors name the variable at fault.
func Load(getenv func(string) string) (Config, error) {
	c := Default()
	if path := getenv("GOVMP_CONFIG_FILE"); path != "" {
		raw, err := os.ReadFile(path)
		if err != nil {
			return c, fmt.Errorf("config: GOVMP_CONFIG_FILE: %w", err)
		}
		dec := yaml.NewDecoder(strings.NewReader(string(raw)))
		dec.KnownFields(true)
		if err := dec.Decode(&c); err != nil {
			return c, fmt.Errorf("config: GOVMP_CONFIG_FILE %s: %w", path, err)
		}
	}
	for _, f := range fields {
		v, ok, err := lookup(getenv, f)
		if err != nil {
			return c, err
		}
		if !ok {
			continue
		}
		if err := f.set(&c, v); err != nil {
			return c, fmt.Errorf("config: %s=%q is invalid: %w", f.env, v, err)
		}
	}
	return c, c.Validate()
}

// lookup reads NAME, or the file named by NAME_FILE for secrets so that
// container secrets never sit in the environment.
func lookup(getenv func(string) string, f field) (string, bool, error) {
	if v := getenv(f.env); v != "" {
		return v, true, nil
	}
	if !f.secret {
		return "", false, nil
	}
	path := getenv(f.env + "_FILE")
	if path == "" {
		return "", false, nil
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		return "", false, fmt.Errorf("config: %s_FILE: %w", f.env, err)
	}
	return strings.TrimSpace(string(raw)), true, nil
}

// Validate reports the first setting that cannot work, naming its variable.
func (c Config) Validate() error {
	if c.HTTPAddr == "" {
		return fmt.Errorf("config: GOVMP_HTTP_ADDR must not be empty")
	}
	if !strings.HasPrefix(c.DBDSN, "sqlite://") && !strings.HasPrefix(c.DBDSN, "mysql://") {
		return fmt.Errorf("config: GOVMP_DB_DSN must start with sqlite:// or mysql://, got %q", redactDSN(c.DBDSN))
	}
	if c.RedisURL != "" {
		if u, err := url.Parse(c.RedisURL); err != nil || (u.Scheme != "redis" && u.Scheme != "rediss") {
			return fmt.Errorf("config: GOVMP_REDIS_URL must be redis://host:port/db")
		}
	}
	if c.AESKey != "" {
		if len(c.AESKey) != 43 {
			return fmt.Errorf("config: GOVMP_WECHAT_AES_KEY must be the 43-character EncodingAESKey, got %d characters", len(c.AESKey))
		}
		if _, err := base64.StdEncoding.DecodeString(c.AESKey + "="); err != nil {
			return fmt.Errorf("config: GOVMP_WECHAT_AES_KEY is not valid base64")
		}
		if c.AppID == "" {
			return fmt.Errorf("config: GOVMP_WECHAT_APPID is required when GOVMP_WECHAT_AES_KEY is set")
		}
	}
	if u, err := url.Parse(c.APIBase); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("config: GOVMP_WECHAT_API_BASE must be an http(s) URL, got %q", c.APIBase)
	}
	if u, err := url.Parse(c.PublicURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("config: GOVMP_PUBLIC_URL must be an http(s) URL, got %q", c.PublicURL)
	}
	if c.AccountType != AccountSubscription && c.AccountType != AccountService {
		return fmt.Errorf("config: GOVMP_WECHAT_ACCOUNT_TYPE must be %q or %q", AccountSubscription, AccountService)
	}
	if c.DataKey != "" && !validDataKey(c.DataKey) {
		return fmt.Errorf("config: GOVMP_DATA_KEY must be 32 bytes, given as 64 hex or 44 base64 characters")
	}
	if c.TimestampWindow <= 0 {
		return fmt.Errorf("config: GOVMP_CALLBACK_TIMESTAMP_WINDOW must be positive")
	}
	if c.APITimeout <= 0 {
		return fmt.Errorf("config: GOVMP_WECHAT_API_TIMEOUT must be positive")
	}
	if c.ScheduleEvery < time.Second {
		return fmt.Errorf("config: GOVMP_PUBLISH_SCHEDULE_INTERVAL must be at least 1s")
	}
	if c.SpoolDir == "" {
		return fmt.Errorf("config: GOVMP_SPOOL_DIR must not be empty")
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		return fmt.Errorf("config: GOVMP_LOG_FORMAT must be text or json")
	}
	if _, _, err := c.SearchRate(); err != nil {
		return err
	}
	if _, err := c.Proxies(); err != nil {
		return err
	}
	return nil
}

// SearchRate reads SearchRateLimit: at most n searches per window; n = 0
// means no limit.
func (c Config) SearchRate() (n int, window time.Duration, err error) {
	v := strings.TrimSpace(c.SearchRateLimit)
	if v == "" || v == "0" {
		return 0, 0, nil
	}
	count, per, ok := strings.Cut(v, "/")
	n, err1 := strconv.Atoi(strings.TrimSpace(count))
	window, err2 := time.ParseDuration(strings.TrimSpace(per))
	if !ok || err1 != nil || err2 != nil || n < 0 || window < time.Second {
		return 0, 0, fmt.Errorf("config: GOVMP_SEARCH_RATE_LIMIT must be N/duration such as 20/1m (window at least 1s), or 0, got %q", v)
	}
	return n, window, nil
}

// Proxies reads TrustedProxies; nil trusts no proxy.
func (c Config) Proxies() ([]string, error) {
	v := strings.TrimSpace(c.TrustedProxies)
	if v == "" || v == "none" {
		return nil, nil
	}
	var out []string
	for _, p := range strings.Split(v, ",") {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		if _, _, err := net.ParseCIDR(p); err != nil && net.ParseIP(p) == nil {
			return nil, fmt.Errorf("config: GOVMP_TRUSTED_PROXIES must be addresses or CIDRs separated by commas, or none, got %q", p)
		}
		out = append(out, p)
	}
	return out, nil
}

func validDataKey(k string) bool {
	if b, err := hex.DecodeString(k); err == nil && len(b) == 32 {
		return true
	}
	b, err := base64.StdEncoding.DecodeString(k)
	return err == nil && len(b) == 32
}

// CanUseAdvancedAPIs reports whether WeChat lets this account call the menu,
// customer-message, user, draft/publish and datacube APIs: an unverified
// subscription account gets 48001 for all of them.
func (c Config) CanUseAdvancedAPIs() bool {
	return c.Verified
}

// UsesOAuth reports whether H5 pages may identify followers with snsapi_base:
// only a verified service account has web authorisation.
func (c Config) UsesOAuth() bool {
	return c.Verified && c.AccountType == AccountService
}

// redactDSN hides a password so that a start-up error never prints it.
func redactDSN(dsn string) string {
	at := strings.LastIndex(dsn, "@")
	colon := strings.Index(dsn, ":")
	if at < 0 || colon < 0 {
		return dsn
	}
	rest := dsn[colon+1 : at]
	if i := strings.Index(rest, ":"); i >= 0 {
		return dsn[:colon+1] + rest[:i] + ":***" + dsn[at:]
	}
	return dsn
}
