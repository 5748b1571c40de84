package menu

import (
	"fmt"
	"strings"
)

// Button types WeChat accepts.
const (
	TypeClick              = "click"
	TypeView               = "view"
	TypeMiniprogram        = "miniprogram"
	TypeScancodePush       = "scancode_push"
	TypeScancodeWaitmsg    = "scancode_waitmsg"
	TypePicSysphoto        = "pic_sysphoto"
	TypePicPhotoOrAlbum    = "pic_photo_or_album"
	TypePicWeixin          = "pic_weixin"
	TypeLocationSelect     = "location_select"
	TypeMediaID            = "media_id"
	TypeViewLimited        = "view_limited"
	TypeArticleID          = "article_id"
	TypeArticleViewLimited = "article_view_limited"
)

// WeChat's menu limits (menu/create errors 40016–40027).
const (
	MaxTopButtons   = 3
	MaxSubButtons   = 5
	MaxTopNameBytes = 16
	MaxSubNameBytes = 60
	MaxKeyBytes     = 128
	MaxURLBytes     = 1024
)

// keyTypes are the types that send an event with the button's key.
var keyTypes = map[string]bool{
	TypeClick: true, TypeScancodePush: true, TypeScancodeWaitmsg: true,
	TypePicSysphoto: true, TypePicPhotoOrAlbum: true, TypePicWeixin: true,
	TypeLocationSelect: true,
}

// Problem is one rule a menu breaks, at a JSON path such as
// "button[1].sub_button[3].name".
type Problem struct {
	Path    string
	Message string
}

// ValidationError lists every problem found, so the admin can fix them all
// in one go instead of one push attempt per mistake.
type ValidationError struct {
	Problems []Problem
}

// Error implements error.
func (e *ValidationError) Error() string {
	parts := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		parts[i] = p.Path + ": " + p.Message
	}
	return "菜单不符合微信要求: " + strings.Join(parts, "; ")
}

// validator accumulates problems and remembers where each key was first used.
type validator struct {
	problems []Problem
	keys     map[string]string
}

func (v *validator) add(path, format string, args ...any) {
	v.problems = append(v.problems, Problem{Path: path, Message: fmt.Sprintf(format, args...)})
}

// Validate checks m against WeChat's rules and returns a *ValidationError
// listing every problem, or nil.
func Validate(m Menu) error {
	v := &validator{keys: map[string]string{}}
	switch n := len(m.Button); {
	case n == 0:
		v.add("button", "至少需要1个一级菜单")
	case n > MaxTopButtons:
		v.add("button", "一级菜单最多%d个，当前%d个", MaxTopButtons, n)
	}
	for i, b := range m.Button {
		path := fmt.Sprintf("button[%d]", i)
		v.name(path, b.Name, MaxTopNameBytes)
		if len(b.SubButtons) == 0 {
			v.leaf(path, b)
			continue
		}
		v.parent(path, b)
	}
	if len(v.problems) == 0 {
		return nil
	}
	return &ValidationError{Problems: v.problems}
}

// parent checks a top-level button that opens a sub-menu.
func (v *validator) parent(path string, b Button) {
	if b.Type != "" {
		v.add(path+".type", "含二级菜单的按钮不能设置类型")
	}
	if n := len(b.SubButtons); n > MaxSubButtons {
		v.add(path+".sub_button", "二级菜单最多%d个，当前%d个", MaxSubButtons, n)
	}
	for j, s := range b.SubButtons {
		sp := fmt.Sprintf("%s.sub_button[%d]", path, j)
		v.name(sp, s.Name, MaxSubNameBytes)
		if len(s.SubButtons) > 0 {
			v.add(sp+".sub_button", "菜单最多两级，二级菜单不能再含子菜单")
		}
		v.leaf(sp, s)
	}
}

// name checks presence and byte length (WeChat counts UTF-8 bytes: a Chinese
// character is 3).
func (v *validator) name(path, name string, limit int) {
	switch {
	case strings.TrimSpace(name) == "":
		v.add(path+".name", "菜单名称不能为空")
	case len(name) > limit:
		v.add(path+".name", "菜单名称最长%d字节（约%d个汉字），当前%d字节", limit, limit/3, len(name))
	}
}

// leaf checks a button that does something when tapped.
func (v *validator) leaf(path string, b Button) {
	switch {
	case b.Type == "":
		v.add(path+".type", "没有二级菜单的按钮必须设置类型")
	case keyTypes[b.Type]:
		v.key(path, b.Key)
	case b.Type == TypeView:
		v.url(path, b.URL)
	case b.Type == TypeMiniprogram:
		v.required(path+".appid", b.AppID, "小程序菜单须填写appid")
		v.required(path+".pagepath", b.PagePath, "小程序菜单须填写pagepath")
		// WeChat opens url instead on clients without mini-program support.
		v.url(path, b.URL)
	case b.Type == TypeMediaID || b.Type == TypeViewLimited:
		v.required(path+".media_id", b.MediaID, "该类型菜单须填写media_id")
	case b.Type == TypeArticleID || b.Type == TypeArticleViewLimited:
		v.required(path+".article_id", b.ArticleID, "该类型菜单须填写article_id")
	default:
		v.add(path+".type", "不支持的菜单类型“%s”", b.Type)
	}
	// A key on a view button is legal and still reaches us, so uniqueness
	// is checked for every key, not just click-like ones.
	if b.Key != "" {
		if first, dup := v.keys[b.Key]; dup {
			v.add(path+".key", "菜单key“%s”与%s重复", b.Key, first)
		} else {
			v.keys[b.Key] = path
		}
	}
}

func (v *validator) required(path, value, msg string) {
	if strings.TrimSpace(value) == "" {
		v.add(path, "%s", msg)
	}
}

func (v *validator) key(path, key string) {
	switch {
	case strings.TrimSpace(key) == "":
		v.add(path+".key", "该类型菜单须填写key")
	case len(key) > MaxKeyBytes:
		v.add(path+".key", "key最长%d字节，当前%d字节", MaxKeyBytes, len(key))
	}
}

func (v *validator) url(path, u string) {
	switch {
	case strings.TrimSpace(u) == "":
		v.add(path+".url", "须填写网页链接")
	case len(u) > MaxURLBytes:
		v.add(path+".url", "链接最长%d字节，当前%d字节", MaxURLBytes, len(u))
	case !isHTTPURL(u):
		v.add(path+".url", "链接须为http或https开头的完整网址")
	}
}
