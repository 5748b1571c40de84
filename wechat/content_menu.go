package wechat

import (
	"context"

	sdkmenu "github.com/silenceper/wechat/v2/officialaccount/menu"

	govmenu "govmp/menu"
	"govmp/models"
)

// PushMenuSpec validates m and replaces the account's menu with it. A menu
// that fails validation is refused before WeChat is called, so nothing is
// half-pushed; an account WeChat will not give a menu is told so plainly.
func (c *Client) PushMenuSpec(ctx context.Context, m govmenu.Menu) error {
	if err := govmenu.Validate(m); err != nil {
		return err
	}
	if hasArticleID(m.Button) {
		// The SDK's button has no article_id field: such a button would
		// reach WeChat without its article and be refused.
		return models.Invalid("menu", "暂不支持“发布后的图文”（article_id）类型的菜单，请改用网页链接 / article_id buttons are not supported")
	}
	return c.PushMenu(ctx, sdkButtons(m.Button))
}

func hasArticleID(bs []govmenu.Button) bool {
	for _, b := range bs {
		if b.ArticleID != "" || hasArticleID(b.SubButtons) {
			return true
		}
	}
	return false
}

func sdkButtons(in []govmenu.Button) []*sdkmenu.Button {
	out := make([]*sdkmenu.Button, len(in))
	for i, b := range in {
		out[i] = &sdkmenu.Button{Type: b.Type, Name: b.Name, Key: b.Key, URL: b.URL, MediaID: b.MediaID,
			AppID: b.AppID, PagePath: b.PagePath, SubButtons: sdkButtons(b.SubButtons)}
		if len(b.SubButtons) == 0 {
			out[i].SubButtons = nil
		}
	}
	return out
}
