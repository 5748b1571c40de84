package handlers

import (
	"html"
	"regexp"
	"strings"
)

// The article editor takes Markdown, the simplest thing to type on an old
// PC without a rich-text widget; a body that starts with a tag is taken as
// HTML (articles written before, or pasted from a WeChat editor). Either way
// the result goes through the content sanitiser before it is stored.

var (
	mdImage  = regexp.MustCompile(`!\[([^\]]*)\]\(((?:https?://|/)[^\s)]+)\)`)
	mdLink   = regexp.MustCompile(`\[([^\]]+)\]\((https?://[^\s)]+)\)`)
	mdBold   = regexp.MustCompile(`\*\*([^*]+)\*\*`)
	mdOrderd = regexp.MustCompile(`^\d+[.、]\s*`)
)

// bodyHTML turns the editor's text into HTML.
func bodyHTML(text string) string {
	t := strings.TrimSpace(text)
	if t == "" || strings.HasPrefix(t, "<") {
		return t
	}
	return markdownHTML(t)
}

// markdownHTML converts a small Markdown subset: headings, paragraphs, line
// breaks, lists, quotes, bold, links and images.
func markdownHTML(text string) string {
	var b strings.Builder
	for _, block := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n\n") {
		lines := strings.Split(strings.TrimSpace(block), "\n")
		if len(lines) == 0 || lines[0] == "" {
			continue
		}
		first := lines[0]
		switch {
		case strings.HasPrefix(first, "### "):
			b.WriteString("<h3>" + mdInline(first[4:]) + "</h3>\n")
		case strings.HasPrefix(first, "## "):
			b.WriteString("<h2>" + mdInline(first[3:]) + "</h2>\n")
		case strings.HasPrefix(first, "# "):
			b.WriteString("<h1>" + mdInline(first[2:]) + "</h1>\n")
		case allHave(lines, func(l string) bool { return strings.HasPrefix(l, "- ") || strings.HasPrefix(l, "* ") }):
			mdList(&b, "ul", lines, func(l string) string { return l[2:] })
		case allHave(lines, mdOrderd.MatchString):
			mdList(&b, "ol", lines, func(l string) string { return mdOrderd.ReplaceAllString(l, "") })
		case allHave(lines, func(l string) bool { return strings.HasPrefix(l, ">") }):
			for i, l := range lines {
				lines[i] = mdInline(strings.TrimSpace(strings.TrimPrefix(l, ">")))
			}
			b.WriteString("<blockquote><p>" + strings.Join(lines, "<br>") + "</p></blockquote>\n")
		default:
			for i, l := range lines {
				lines[i] = mdInline(l)
			}
			b.WriteString("<p>" + strings.Join(lines, "<br>") + "</p>\n")
		}
	}
	return strings.TrimSpace(b.String())
}

func mdList(b *strings.Builder, tag string, lines []string, item func(string) string) {
	b.WriteString("<" + tag + ">")
	for _, l := range lines {
		b.WriteString("<li>" + mdInline(item(l)) + "</li>")
	}
	b.WriteString("</" + tag + ">\n")
}

func allHave(lines []string, ok func(string) bool) bool {
	for _, l := range lines {
		if !ok(l) {
			return false
		}
	}
	return true
}

// mdInline escapes a line, then applies images, links and bold.
func mdInline(s string) string {
	s = html.EscapeString(strings.TrimSpace(s))
	s = mdImage.ReplaceAllString(s, `<img src="$2" alt="$1">`)
	s = mdLink.ReplaceAllString(s, `<a href="$2">$1</a>`)
	return mdBold.ReplaceAllString(s, `<strong>$1</strong>`)
}
