package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestDefaults(t *testing.T) {
	c, err := Load(env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if c.HTTPAddr != ":8080" || c.DBDSN != "sqlite://data/govmp.db" || c.RedisURL != "" || c.APIBase != "https://api.weixin.qq.com" {
		t.Fatalf("defaults %+v", c)
	}
	if c.CanUseAdvancedAPIs() || c.UsesOAuth() {
		t.Fatal("the default account is an unverified subscription account")
	}
}

func TestBadValuesNameTheVariable(t *testing.T) {
	cases := map[string]map[string]string{
		"GOVMP_DB_DSN":                    {"GOVMP_DB_DSN": "postgres://x"},
		"GOVMP_REDIS_URL":                 {"GOVMP_REDIS_URL": "http://x"},
		"GOVMP_WECHAT_AES_KEY":            {"GOVMP_WECHAT_AES_KEY": "short", "GOVMP_WECHAT_APPID": "wx1"},
		"GOVMP_WECHAT_APPID":              {"GOVMP_WECHAT_AES_KEY": "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"},
		"GOVMP_WECHAT_API_BASE":           {"GOVMP_WECHAT_API_BASE": "not a url"},
		"GOVMP_WECHAT_ACCOUNT_TYPE":       {"GOVMP_WECHAT_ACCOUNT_TYPE": "enterprise"},
		"GOVMP_WECHAT_VERIFIED":           {"GOVMP_WECHAT_VERIFIED": "maybe"},
		"GOVMP_DATA_KEY":                  {"GOVMP_DATA_KEY": "too-short"},
		"GOVMP_CALLBACK_TIMESTAMP_WINDOW": {"GOVMP_CALLBACK_TIMESTAMP_WINDOW": "soon"},
		"GOVMP_PUBLIC_URL":                {"GOVMP_PUBLIC_URL": "ftp://x"},
	}
	for name, vars := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := Load(env(vars))
			if err == nil || !strings.Contains(err.Error(), name) {
				t.Fatalf("error %v does not name %s", err, name)
			}
		})
	}
}

func TestSecretFilesAndYAML(t *testing.T) {
	dir := t.TempDir()
	secret := filepath.Join(dir, "secret")
	os.WriteFile(secret, []byte("s3cret\n"), 0o600)
	yml := filepath.Join(dir, "govmp.yaml")
	os.WriteFile(yml, []byte("wechat_appid: wxfromfile\nwechat_verified: true\nwechat_account_type: service\n"), 0o600)
	c, err := Load(env(map[string]string{
		"GOVMP_CONFIG_FILE": yml, "GOVMP_WECHAT_APPSECRET_FILE": secret, "GOVMP_WECHAT_APPID": "wxfromenv",
		"GOVMP_DB_DSN": "mysql://u:p@tcp(127.0.0.1:3306)/govmp",
	}))
	if err != nil {
		t.Fatal(err)
	}
	if c.AppSecret != "s3cret" || c.AppID != "wxfromenv" || !c.Verified || !c.UsesOAuth() {
		t.Fatalf("loaded %+v", c)
	}
	if _, err := Load(env(map[string]string{"GOVMP_WECHAT_APPSECRET_FILE": filepath.Join(dir, "missing")})); err == nil ||
		!strings.Contains(err.Error(), "GOVMP_WECHAT_APPSECRET_FILE") {
		t.Fatalf("missing secret file: %v", err)
	}
	os.WriteFile(yml, []byte("no_such_setting: 1\n"), 0o600)
	if _, err := Load(env(map[string]string{"GOVMP_CONFIG_FILE": yml})); err == nil {
		t.Fatal("an unknown YAML key must be refused")
	}
}

func TestPasswordNeverInError(t *testing.T) {
	_, err := Load(env(map[string]string{"GOVMP_DB_DSN": "postgres://user:hunter2@host/db"}))
	if err == nil || strings.Contains(err.Error(), "hunter2") {
		t.Fatalf("error leaks the password: %v", err)
	}
}
