package handlers

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"govmp/menu"
	"govmp/models"
	"govmp/wechat"
)

// menuTypes are the button types the form offers; value is what the
// type's one setting means.
var menuTypes = []choice{{menu.TypeClick, "发送事件（key）"}, {menu.TypeView, "打开网页（网址）"},
	{menu.TypeArticleID, "已发布图文（article_id）"}, {menu.TypeMediaID, "素材（media_id）"}}

// menuPage shows the stored menu (or the default) as a form beside a phone preview.
func (cs *console) menuPage(c *gin.Context) {
	m, stored, err := cs.storedMenu(c)
	if err != nil {
		cs.fail(c, err)
		return
	}
	v := cs.newView(c, "自定义菜单")
	v.Form = menuForm(m)
	v.D["Stored"] = stored
	cs.showMenu(c, http.StatusOK, v, m)
}

func (cs *console) showMenu(c *gin.Context, status int, v *view, m menu.Menu) {
	v.D["Menu"], v.D["Types"], v.D["Pushable"] = m, menuTypes, cs.Config.CanUseAdvancedAPIs()
	v.D["Tops"], v.D["Subs"] = []int{0, 1, 2}, []int{0, 1, 2, 3, 4}
	cs.render(c, status, "menu", v)
}

// menuForm flattens a menu into the form's fields b{i}_name, b{i}_s{j}_type …
func menuForm(m menu.Menu) url.Values {
	f := url.Values{}
	put := func(prefix string, b menu.Button) {
		f.Set(prefix+"_name", b.Name)
		f.Set(prefix+"_type", b.Type)
		f.Set(prefix+"_value", buttonValue(b))
	}
	for i, b := range m.Button {
		put(fmt.Sprintf("b%d", i), b)
		for j, s := range b.SubButtons {
			put(fmt.Sprintf("b%d_s%d", i, j), s)
		}
	}
	return f
}

func buttonValue(b menu.Button) string {
	switch b.Type {
	case menu.TypeView:
		return b.URL
	case menu.TypeArticleID:
		return b.ArticleID
	case menu.TypeMediaID:
		return b.MediaID
	}
	return b.Key
}

// formButton reads one button of the form; ok is false when its name is empty.
func formButton(c *gin.Context, prefix string) (menu.Button, bool) {
	b := menu.Button{Name: strings.TrimSpace(c.PostForm(prefix + "_name")), Type: c.PostForm(prefix + "_type")}
	val := strings.TrimSpace(c.PostForm(prefix + "_value"))
	switch b.Type {
	case menu.TypeView:
		b.URL = val
	case menu.TypeArticleID:
		b.ArticleID = val
	case menu.TypeMediaID:
		b.MediaID = val
	default:
		b.Key = val
	}
	return b, b.Name != ""
}

// menuFromForm builds the menu and remembers which form row each button
// came from, so a problem can be shown on the row that has it.
func menuFromForm(c *gin.Context) (menu.Menu, map[string]string) {
	var m menu.Menu
	rows := map[string]string{}
	for i := 0; i < 3; i++ {
		top, ok := formButton(c, fmt.Sprintf("b%d", i))
		if !ok {
			continue
		}
		ti := len(m.Button)
		rows[fmt.Sprintf("button[%d]", ti)] = fmt.Sprintf("b%d", i)
		for j := 0; j < 5; j++ {
			if sub, ok := formButton(c, fmt.Sprintf("b%d_s%d", i, j)); ok {
				rows[fmt.Sprintf("button[%d].sub_button[%d]", ti, len(top.SubButtons))] = fmt.Sprintf("b%d_s%d", i, j)
				top.SubButtons = append(top.SubButtons, sub)
			}
		}
		if len(top.SubButtons) > 0 {
			top.Type, top.Key, top.URL, top.ArticleID, top.MediaID = "", "", "", "", ""
		}
		m.Button = append(m.Button, top)
	}
	return m, rows
}

var problemRow = regexp.MustCompile(`^button\[\d+\](?:\.sub_button\[\d+\])?`)

// saveMenu validates and stores the menu; every problem is shown on its row
// and nothing is stored until all are fixed.
func (cs *console) saveMenu(c *gin.Context) {
	m, rows := menuFromForm(c)
	v := cs.newView(c, "自定义菜单")
	if err := c.Request.ParseForm(); err == nil {
		v.Form = c.Request.PostForm
	}
	if err := menu.Validate(m); err != nil {
		var ve *menu.ValidationError
		if !errors.As(err, &ve) {
			cs.fail(c, err)
			return
		}
		for _, p := range ve.Problems {
			key := "_form"
			if r, ok := rows[problemRow.FindString(p.Path)]; ok {
				key = r
			}
			v.Errors[key] = strings.TrimPrefix(v.Errors[key]+"；", "；") + p.Message
		}
		if _, ok := v.Errors["_form"]; !ok {
			v.Errors["_form"] = "菜单不符合微信要求，请按各行提示修改。"
		}
		cs.showMenu(c, http.StatusBadRequest, v, m)
		return
	}
	canonical, _ := json.Marshal(m) // a built menu always marshals
	if err := cs.Store.SaveMenuJSON(c.Request.Context(), string(canonical)); err != nil {
		cs.fail(c, err)
		return
	}
	cs.audit(c, "menu.save", "menu", "")
	cs.redirect(c, "/admin/settings/menu", "菜单已保存。点“推送到微信”后粉丝才能看到新菜单。")
}

// pushMenu sends the stored menu to WeChat and says plainly what happened.
func (cs *console) pushMenu(c *gin.Context) {
	m, _, err := cs.storedMenu(c)
	if err == nil {
		err = menu.Validate(m)
	}
	if err != nil {
		cs.redirect(c, "/admin/settings/menu", "!不能推送："+zh(models.ErrorMessage(menuError(err))))
		return
	}
	if err := cs.WeChat.PushMenuSpec(c.Request.Context(), m); err != nil {
		msg := zh(models.ErrorMessage(wechat.UserError(err)))
		cs.audit(c, "menu.push.failed", "menu", msg)
		cs.redirect(c, "/admin/settings/menu", "!推送失败："+msg)
		return
	}
	cs.audit(c, "menu.push", "menu", strconv.Itoa(len(m.Button))+" buttons")
	cs.redirect(c, "/admin/settings/menu", "菜单已推送到微信，粉丝重新进入公众号后可见。")
}
