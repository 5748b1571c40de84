package handlers

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"govmp/models"
)

// accountPage tells admins what WeChat lets this account do.
func (cs *console) accountPage(c *gin.Context) {
	v := cs.newView(c, "公众号状态")
	if err := cs.accountFacts(c, v); err != nil {
		cs.fail(c, err)
		return
	}
	cs.render(c, http.StatusOK, "account", v)
}

// accountFacts adds the account's type, verification, token health and
// last statistics sync to a view.
func (cs *console) accountFacts(c *gin.Context, v *view) error {
	cfg := cs.Config
	_, tokErr := cs.KV.Get(c.Request.Context(), cs.WeChat.Tokens.Key)
	var last struct{ At *string }
	err := cs.Store.DB.WithContext(c.Request.Context()).Model(&models.CubePull{}).Select("MAX(pulled_at) AS at").Scan(&last).Error
	if err != nil {
		return err
	}
	kind := "订阅号"
	if cfg.AccountType == "service" {
		kind = "服务号"
	}
	lastSync := "尚未同步"
	if last.At != nil && *last.At != "" {
		lastSync = *last.At
		for _, layout := range []string{time.RFC3339Nano, "2006-01-02 15:04:05.999999999-07:00", "2006-01-02 15:04:05"} {
			if t, err := time.Parse(layout, *last.At); err == nil {
				lastSync = formatWhen(t)
				break
			}
		}
	}
	v.D["Account"] = gin.H{"AppID": cfg.AppID, "Type": kind, "Verified": cfg.Verified, "Advanced": cfg.CanUseAdvancedAPIs(),
		"OAuth": cfg.UsesOAuth(), "SafeMode": cfg.AESKey != "", "TokenCached": tokErr == nil, "LastSync": lastSync}
	return nil
}
