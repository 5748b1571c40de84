package handlers

import (
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"govmp/models"
	"govmp/store"
)

func (s *server) listFollowers(c *gin.Context) {
	f := store.FollowerFilter{Limit: queryInt(c, "limit", 50, 1, 500), Offset: queryInt(c, "offset", 0, 0, 1<<30)}
	if v := c.Query("subscribed"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			writeError(c, s.Log, models.Invalid("subscribed", "subscribed 须为 true 或 false"))
			return
		}
		f.Subscribed = &b
	}
	list, total, err := s.Store.ListFollowers(c.Request.Context(), f)
	if err != nil {
		writeError(c, s.Log, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"followers": list, "total": total})
}

// dayRange reads from/to (YYYY-MM-DD), defaulting to the last 30 days.
func dayRange(c *gin.Context) (string, string, error) {
	to := c.DefaultQuery("to", models.DayOf(time.Now()))
	from := c.DefaultQuery("from", models.DayOf(time.Now().AddDate(0, 0, -30)))
	ft, err1 := time.Parse("2006-01-02", from)
	tt, err2 := time.Parse("2006-01-02", to)
	switch {
	case err1 != nil:
		return "", "", models.Invalid("from", "日期格式须为 YYYY-MM-DD / from must be YYYY-MM-DD")
	case err2 != nil:
		return "", "", models.Invalid("to", "日期格式须为 YYYY-MM-DD / to must be YYYY-MM-DD")
	case tt.Before(ft):
		return "", "", models.Invalid("to", "结束日期不能早于开始日期 / to is before from")
	case tt.Sub(ft) > 3*366*24*time.Hour:
		return "", "", models.Invalid("from", "日期范围最长3年 / the range is at most 3 years")
	}
	return from, to, nil
}

// followerStats returns local daily new/cancelled/net/cumulative counts.
func (s *server) followerStats(c *gin.Context) {
	from, to, err := dayRange(c)
	if err != nil {
		writeError(c, s.Log, err)
		return
	}
	days, err := s.Store.FollowerDays(c.Request.Context(), from, to)
	if err != nil {
		writeError(c, s.Log, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"source": "local", "days": days})
}

// menuClicks returns CLICK and VIEW counts per key per day.
func (s *server) menuClicks(c *gin.Context) {
	from, to, err := dayRange(c)
	if err != nil {
		writeError(c, s.Log, err)
		return
	}
	rows, err := s.Store.MenuClicks(c.Request.Context(), from, to)
	if err != nil {
		writeError(c, s.Log, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"clicks": rows})
}

// accountStatus tells admins what WeChat will let this account do.
func (s *server) accountStatus(c *gin.Context) {
	_, tokErr := s.KV.Get(c.Request.Context(), s.WeChat.Tokens.Key)
	c.JSON(http.StatusOK, gin.H{
		"appid": s.Config.AppID, "type": s.Config.AccountType, "verified": s.Config.Verified,
		"advanced_apis": s.Config.CanUseAdvancedAPIs(), "oauth": s.Config.UsesOAuth(),
		"safe_mode": s.Config.AESKey != "", "token_cached": tokErr == nil,
	})
}
