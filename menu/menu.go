// Package menu models the WeChat custom menu (自定义菜单), checks it against
// WeChat's limits before it is pushed, parses the JSON WeChat and admins
// use, and provides the bureau's default menu.
package menu

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// Menu is the body of menu/create: {"button":[…]}.
type Menu struct {
	Button []Button `json:"button"`
}

// Button is a top-level button or a sub-button, with WeChat's field names.
// A top-level button either has SubButtons (and no Type) or is a leaf.
type Button struct {
	Type       string   `json:"type,omitempty"`
	Name       string   `json:"name"`
	Key        string   `json:"key,omitempty"`
	URL        string   `json:"url,omitempty"`
	MediaID    string   `json:"media_id,omitempty"`
	AppID      string   `json:"appid,omitempty"`
	PagePath   string   `json:"pagepath,omitempty"`
	ArticleID  string   `json:"article_id,omitempty"`
	SubButtons []Button `json:"sub_button,omitempty"`
}

// getResponse is the shape menu/get returns. Its other known fields are
// declared so strict decoding accepts them; conditional menus are ignored.
type getResponse struct {
	Menu struct {
		Button []Button `json:"button"`
		MenuID int64    `json:"menuid"`
	} `json:"menu"`
	ConditionalMenu json.RawMessage `json:"conditionalmenu,omitempty"`
}

// Parse reads a menu from WeChat's JSON: either the menu/create body
// {"button":[…]} or the menu/get answer {"menu":{"button":[…]},…}. Unknown
// fields are refused so a typo ("sub_buttons", "URL") is caught instead of
// silently dropping part of the menu. Parse does not call Validate.
func Parse(data []byte) (Menu, error) {
	var probe map[string]json.RawMessage
	if err := json.Unmarshal(data, &probe); err != nil {
		return Menu{}, fmt.Errorf("菜单JSON格式错误: %w", err)
	}
	if _, ok := probe["menu"]; ok {
		var r getResponse
		if err := decodeStrict(data, &r); err != nil {
			return Menu{}, err
		}
		return Menu{Button: r.Menu.Button}, nil
	}
	var m Menu
	if err := decodeStrict(data, &m); err != nil {
		return Menu{}, err
	}
	return m, nil
}

// decodeStrict decodes exactly one JSON value with no unknown fields.
func decodeStrict(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("菜单JSON格式错误: %w", err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return errors.New("菜单JSON格式错误: 末尾有多余内容")
	}
	return nil
}

// Menu keys the callback handler understands. COLUMN:<slug> opens a column.
const (
	KeyColumnPrefix    = "COLUMN:"
	KeyDisclosureApply = "DISCLOSURE:APPLY"
	KeyDisclosureQuery = "DISCLOSURE:QUERY"
	KeyDisclosureGuide = "DISCLOSURE:GUIDE"
	// KeyDisclosureReports stands in for the annual-report page when no
	// public URL is configured.
	KeyDisclosureReports = "DISCLOSURE:REPORTS"
	// KeyNewsLatest stands in for the columns page when no public URL is configured.
	KeyNewsLatest = "NEWS:LATEST"
)
