package handlers

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"govmp/menu"
	"govmp/models"
	"govmp/wechat"
)

// storedMenu returns the saved menu, or the default one when none was saved.
func (s *server) storedMenu(c *gin.Context) (menu.Menu, bool, error) {
	raw, err := s.Store.MenuJSON(c.Request.Context())
	if err != nil {
		return menu.Menu{}, false, err
	}
	if raw == "" {
		return menu.Default(s.Config.PublicURL), false, nil
	}
	m, err := menu.Parse([]byte(raw))
	return m, true, err
}

func (s *server) getMenu(c *gin.Context) {
	m, stored, err := s.storedMenu(c)
	if err != nil {
		writeError(c, s.Log, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"menu": m, "stored": stored, "pushable": s.Config.CanUseAdvancedAPIs()})
}

// putMenu validates and stores the menu; one that breaks WeChat's rules is
// refused with every problem listed and nothing stored.
func (s *server) putMenu(c *gin.Context) {
	raw, err := io.ReadAll(io.LimitReader(c.Request.Body, 64<<10))
	if err != nil {
		writeError(c, s.Log, models.Invalid("menu", "无法读取请求 / unreadable body"))
		return
	}
	m, err := menu.Parse(withoutReadOnlyFields(raw))
	if err != nil {
		writeError(c, s.Log, models.Invalid("menu", err.Error()))
		return
	}
	if err := menu.Validate(m); err != nil {
		writeError(c, s.Log, menuError(err))
		return
	}
	canonical, _ := json.Marshal(m) // a parsed menu always marshals
	if err := s.Store.SaveMenuJSON(c.Request.Context(), string(canonical)); err != nil {
		writeError(c, s.Log, err)
		return
	}
	s.audit(c, "menu.save", "menu", "")
	c.JSON(http.StatusOK, gin.H{"menu": m, "stored": true})
}

// menuError turns validation problems into one field error naming them all.
func menuError(err error) error {
	var ve *menu.ValidationError
	if errors.As(err, &ve) && len(ve.Problems) > 0 {
		parts := make([]string, len(ve.Problems))
		for i, p := range ve.Problems {
			parts[i] = p.Path + "：" + p.Message
		}
		return &models.Error{Code: models.EINVALID, Field: ve.Problems[0].Path, Message: "菜单不符合微信要求：" + strings.Join(parts, "；")}
	}
	return models.Invalid("menu", err.Error())
}

// withoutReadOnlyFields drops the facts GET /menu adds beside the menu
// ("stored", "pushable"), so what a client read can be sent back as is.
// Anything else unknown still reaches the strict parser and is refused.
func withoutReadOnlyFields(raw []byte) []byte {
	var obj map[string]json.RawMessage
	if json.Unmarshal(raw, &obj) != nil || obj["menu"] == nil {
		return raw
	}
	delete(obj, "stored")
	delete(obj, "pushable")
	out, err := json.Marshal(obj)
	if err != nil {
		return raw
	}
	return out
}

// pushMenu sends the stored menu to WeChat.
func (s *server) pushMenu(c *gin.Context) {
	m, _, err := s.storedMenu(c)
	if err != nil {
		writeError(c, s.Log, err)
		return
	}
	if err := menu.Validate(m); err != nil {
		writeError(c, s.Log, menuError(err))
		return
	}
	if err := s.WeChat.PushMenuSpec(c.Request.Context(), m); err != nil {
		s.audit(c, "menu.push.failed", "menu", models.ErrorMessage(wechat.UserError(err)))
		writeError(c, s.Log, wechat.UserError(err))
		return
	}
	s.audit(c, "menu.push", "menu", "")
	c.JSON(http.StatusOK, gin.H{"ok": true, "menu": m})
}

func (s *server) getSecrecyMarkers(c *gin.Context) {
	markers, err := s.Store.SecrecyMarkers(c.Request.Context(), nil)
	if err != nil {
		writeError(c, s.Log, err)
		return
	}
	stored := markers != nil
	if !stored {
		markers = defaultMarkers()
	}
	c.JSON(http.StatusOK, gin.H{"markers": markers, "stored": stored})
}

type markersInput struct {
	Markers []string `json:"markers"`
}

// putSecrecyMarkers replaces the 涉密 marker list.
func (s *server) putSecrecyMarkers(c *gin.Context) {
	var in markersInput
	if err := bindJSON(c, &in); err != nil {
		writeError(c, s.Log, err)
		return
	}
	var clean []string
	for _, m := range in.Markers {
		if m = strings.TrimSpace(m); m != "" && len([]rune(m)) <= 32 {
			clean = append(clean, m)
		}
	}
	if len(clean) == 0 || len(clean) > 200 {
		writeError(c, s.Log, models.Invalid("markers", "须有1–200个标识，每个1–32字 / give 1–200 markers of 1–32 characters"))
		return
	}
	if err := s.Store.SetSecrecyMarkers(c.Request.Context(), clean); err != nil {
		writeError(c, s.Log, err)
		return
	}
	s.audit(c, "secrecy.markers.save", "secrecy_markers", strings.Join(clean, "、"))
	c.JSON(http.StatusOK, gin.H{"markers": clean, "stored": true})
}
