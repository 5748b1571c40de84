package menu

import (
	"net/url"
	"strings"
)

// Default is the bureau's starting menu: the three seeded columns, the
// 依申请公开 entry points and the latest articles. Links to H5 pages need
// the public base URL; without a usable one those buttons fall back to
// click keys so the menu still passes Validate and can be pushed.
func Default(publicURL string) Menu {
	base := strings.TrimRight(strings.TrimSpace(publicURL), "/")
	usable := isHTTPURL(base)
	link := func(name, path, fallbackKey string) Button {
		if usable {
			return Button{Type: TypeView, Name: name, URL: base + path}
		}
		return Button{Type: TypeClick, Name: name, Key: fallbackKey}
	}
	return Menu{Button: []Button{
		{Name: "专栏", SubButtons: []Button{
			{Type: TypeClick, Name: "党史学习教育", Key: KeyColumnPrefix + "dangshi"},
			{Type: TypeClick, Name: "脱贫攻坚网上展馆", Key: KeyColumnPrefix + "tuopin"},
			{Type: TypeClick, Name: "各地疫情防控措施", Key: KeyColumnPrefix + "yiqing"},
		}},
		{Name: "依申请公开", SubButtons: []Button{
			{Type: TypeClick, Name: "申请公开", Key: KeyDisclosureApply},
			{Type: TypeClick, Name: "我的申请", Key: KeyDisclosureQuery},
			{Type: TypeClick, Name: "公开指南", Key: KeyDisclosureGuide},
			link("年度报告", "/h5/reports", KeyDisclosureReports),
		}},
		link("最新", "/h5/columns", KeyNewsLatest),
	}}
}

// isHTTPURL reports whether s is an absolute http(s) URL with a host.
func isHTTPURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}
