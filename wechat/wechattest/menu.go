package wechattest

import "slices"

// MenuButton is one menu item as WeChat's menu/create and menu/get carry it.
type MenuButton struct {
	Type       string       `json:"type,omitempty"`
	Name       string       `json:"name"`
	Key        string       `json:"key,omitempty"`
	URL        string       `json:"url,omitempty"`
	MediaID    string       `json:"media_id,omitempty"`
	AppID      string       `json:"appid,omitempty"`
	PagePath   string       `json:"pagepath,omitempty"`
	ArticleID  string       `json:"article_id,omitempty"`
	SubButtons []MenuButton `json:"sub_button,omitempty"`
}

// keyTypes are the button types that carry a key and raise an event.
var keyTypes = []string{"click", "scancode_push", "scancode_waitmsg", "pic_sysphoto",
	"pic_photo_or_album", "pic_weixin", "location_select"}

// otherTypes are the remaining types menu/create accepts.
var otherTypes = []string{"view", "miniprogram", "media_id", "view_limited", "article_id", "article_view_limited"}

// menuCodes are the error codes for one level of the menu: top-level items
// and sub-buttons are checked alike but reported with different codes.
type menuCodes struct{ size, typ, name, key, url, nameMax int }

var (
	topCodes = menuCodes{size: 40016, typ: 40017, name: 40018, key: 40019, url: 40020, nameMax: 16}
	subCodes = menuCodes{size: 40023, typ: 40024, name: 40025, key: 40026, url: 40027, nameMax: 60}
)

// validateMenu applies WeChat's documented limits and returns the first
// violated rule's code, or 0.
func validateMenu(buttons []MenuButton) int {
	if len(buttons) < 1 || len(buttons) > 3 {
		return topCodes.size
	}
	for _, b := range buttons {
		if len(b.SubButtons) == 0 {
			if code := validateLeaf(b, topCodes); code != 0 {
				return code
			}
			continue
		}
		if b.Name == "" || len(b.Name) > topCodes.nameMax {
			return topCodes.name
		}
		if len(b.SubButtons) > 5 {
			return subCodes.size
		}
		for _, sb := range b.SubButtons {
			if len(sb.SubButtons) > 0 {
				return subCodes.typ // WeChat menus are two levels deep
			}
			if code := validateLeaf(sb, subCodes); code != 0 {
				return code
			}
		}
	}
	return 0
}

// validateLeaf checks a button that does something when tapped. Names are
// measured in bytes, as WeChat does, so four Chinese characters fill a
// top-level name.
func validateLeaf(b MenuButton, c menuCodes) int {
	isKey := slices.Contains(keyTypes, b.Type)
	if !isKey && !slices.Contains(otherTypes, b.Type) {
		return c.typ
	}
	if b.Name == "" || len(b.Name) > c.nameMax {
		return c.name
	}
	switch {
	case isKey && (b.Key == "" || len(b.Key) > 128):
		return c.key
	case (b.Type == "view" || b.Type == "miniprogram") && (b.URL == "" || len(b.URL) > 1024):
		return c.url
	case b.Type == "miniprogram" && (b.AppID == "" || b.PagePath == ""):
		return c.typ
	case (b.Type == "media_id" || b.Type == "view_limited") && b.MediaID == "":
		return 40007
	case (b.Type == "article_id" || b.Type == "article_view_limited") && b.ArticleID == "":
		return c.typ
	}
	return 0
}

// handleMenuCreate replaces the menu when it passes validation.
func (s *Server) handleMenuCreate(rq *request) any {
	var in struct {
		Button []MenuButton `json:"button"`
	}
	if e := decode(rq, &in); e != nil {
		return *e
	}
	if code := validateMenu(in.Button); code != 0 {
		return fail(code)
	}
	s.menu = cloneButtons(in.Button)
	s.menuID++
	return ok()
}

// handleMenuGet answers 46003 when no menu was created through the API.
func (s *Server) handleMenuGet(*request) any {
	if s.menu == nil {
		return fail(46003)
	}
	return map[string]any{"menu": map[string]any{"button": cloneButtons(s.menu), "menuid": s.menuID}}
}

// handleMenuDelete removes the menu; deleting an absent menu is not an error.
func (s *Server) handleMenuDelete(*request) any {
	s.menu = nil
	return ok()
}

// handleSelfMenuInfo answers get_current_selfmenu_info, whose shape differs
// from menu/get: sub-menus sit under "sub_button":{"list":[…]}.
func (s *Server) handleSelfMenuInfo(*request) any {
	if s.menu == nil {
		return map[string]any{"is_menu_open": 0, "selfmenu_info": map[string]any{"button": []any{}}}
	}
	buttons := make([]any, 0, len(s.menu))
	for _, b := range s.menu {
		if len(b.SubButtons) == 0 {
			buttons = append(buttons, b)
			continue
		}
		buttons = append(buttons, map[string]any{
			"name":       b.Name,
			"sub_button": map[string]any{"list": cloneButtons(b.SubButtons)},
		})
	}
	return map[string]any{"is_menu_open": 1, "selfmenu_info": map[string]any{"button": buttons}}
}

// Menu returns a copy of the current menu and whether one exists.
func (s *Server) Menu() ([]MenuButton, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return cloneButtons(s.menu), s.menu != nil
}

// MenuID returns the id of the current menu, as VIEW events report it.
func (s *Server) MenuID() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.menuID
}

func cloneButtons(in []MenuButton) []MenuButton {
	if in == nil {
		return nil
	}
	out := make([]MenuButton, len(in))
	for i, b := range in {
		b.SubButtons = cloneButtons(b.SubButtons)
		out[i] = b
	}
	return out
}
