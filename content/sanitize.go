package content

import (
	"regexp"
	"strings"

	"github.com/microcosm-cc/bluemonday"
)

// bodyPolicy is built once: bluemonday policies are safe for concurrent use
// once configured.
var bodyPolicy = newBodyPolicy()

// newBodyPolicy is UGCPolicy tightened for article bodies that end up on
// WeChat and on our H5 pages.
func newBodyPolicy() *bluemonday.Policy {
	p := bluemonday.UGCPolicy()
	// Relative URLs mean nothing once the body is pushed to WeChat, and
	// refusing them keeps <img src> to http/https only (no data: either,
	// which UGCPolicy already refuses).
	p.AllowRelativeURLs(false)
	p.AllowURLSchemes("http", "https", "mailto")
	// Links open outside the article view; keep the rel that UGCPolicy adds.
	p.AddTargetBlankToFullyQualifiedLinks(true)
	return p
}

// SanitizeHTML cleans an article body. Scripts, event handlers (on*),
// javascript: URLs and style attributes are removed; paragraphs, headings,
// lists, tables, images with http(s) sources and common inline formatting
// are kept. Markup from WeChat editors (<section>, <p style="…">, <span
// style="…">) keeps its text and structure and loses only the styling.
func SanitizeHTML(body string) string {
	return strings.TrimSpace(bodyPolicy.Sanitize(body))
}

// blockBreakRE matches tags after which plain text should break a line.
var blockBreakRE = regexp.MustCompile(`(?i)<\s*(?:br|hr)\b[^>]*>|<\s*/\s*(?:p|div|section|article|li|tr|h[1-6]|blockquote|table|ul|ol|pre|figure|figcaption)\s*>`)

// PlainText renders HTML as readable text: tags removed, entities decoded,
// block elements separated by newlines, runs of blank space collapsed.
func PlainText(body string) string {
	s := blockBreakRE.ReplaceAllString(body, "$0\n")
	s = stripTags(s)
	var lines []string
	for _, line := range strings.Split(s, "\n") {
		if f := strings.Fields(line); len(f) > 0 {
			lines = append(lines, strings.Join(f, " "))
		}
	}
	return strings.Join(lines, "\n")
}

// DigestRunes is how many characters WeChat takes from the body when an
// article's digest (摘要) is left empty.
const DigestRunes = 54

// Digest returns digest trimmed, or, when it is empty, the first DigestRunes
// characters of the body's plain text on one line, as WeChat does.
func Digest(digest, body string) string {
	if d := strings.TrimSpace(digest); d != "" {
		return d
	}
	text := strings.Join(strings.Fields(PlainText(body)), " ")
	r := []rune(text)
	if len(r) > DigestRunes {
		r = r[:DigestRunes]
	}
	return strings.TrimSpace(string(r))
}
