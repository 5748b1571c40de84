package content

import (
	"html"
	"regexp"
	"strings"
)

// imgTagRE matches an <img> start tag, allowing '>' inside quoted values.
var imgTagRE = regexp.MustCompile(`(?i)<img\b(?:[^>"']|"[^"]*"|'[^']*')*>`)

// attrRE walks a tag's attributes one by one, so text inside one attribute
// (alt="… src=x") is never mistaken for another attribute.
var attrRE = regexp.MustCompile(`([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?`)

// srcAttr locates the src attribute of an <img> tag: the byte range of the
// whole attribute within tag, and its decoded value.
func srcAttr(tag string) (start, end int, value string, ok bool) {
	// Skip "<img" so the tag name is not read as an attribute.
	const skip = len("<img")
	for _, m := range attrRE.FindAllStringSubmatchIndex(tag[skip:], -1) {
		name := tag[skip+m[2] : skip+m[3]]
		if !strings.EqualFold(name, "src") {
			continue
		}
		for g := 4; g <= 8; g += 2 {
			if m[g] >= 0 {
				value = html.UnescapeString(tag[skip+m[g] : skip+m[g+1]])
				break
			}
		}
		return skip + m[0], skip + m[1], strings.TrimSpace(value), true
	}
	return 0, 0, "", false
}

// ImageURLs returns the src of every inline <img>, in document order, each
// once. Publishing uploads these to WeChat (uploadimg) before adding a draft.
func ImageURLs(body string) []string {
	var out []string
	seen := map[string]bool{}
	for _, tag := range imgTagRE.FindAllString(body, -1) {
		_, _, v, ok := srcAttr(tag)
		if !ok || v == "" || seen[v] {
			continue
		}
		seen[v] = true
		out = append(out, v)
	}
	return out
}

// RewriteImageURLs replaces the src of every <img> whose URL is a key of
// urls with the mapped value, leaving all other markup untouched. It is used
// after uploading inline images, whose WeChat URLs must replace ours.
func RewriteImageURLs(body string, urls map[string]string) string {
	if len(urls) == 0 {
		return body
	}
	return imgTagRE.ReplaceAllStringFunc(body, func(tag string) string {
		start, end, v, ok := srcAttr(tag)
		if !ok {
			return tag
		}
		nu, found := urls[v]
		if !found {
			return tag
		}
		return tag[:start] + `src="` + html.EscapeString(nu) + `"` + tag[end:]
	})
}
