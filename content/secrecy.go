package content

import (
	"html"
	"regexp"
	"strings"
	"unicode"

	"github.com/microcosm-cc/bluemonday"
)

// DefaultSecrecyMarkers returns the built-in 涉密 markers. Admins may edit
// the list; callers pass the current one to ScanSecrecy.
//
// 涉密 inside the negations 不涉密 and 非涉密 is not a hit (see
// secrecyNegations): an honest "本文不涉密" must not block submission.
func DefaultSecrecyMarkers() []string {
	return []string{"绝密", "机密", "秘密", "★", "内部资料", "内部文件", "涉密"}
}

// secrecyNegations are phrases that state the absence of a marker. A marker
// occurrence lying wholly inside one of them is ignored.
var secrecyNegations = []string{"不涉密", "非涉密"}

// Match is one marker found by ScanSecrecy.
type Match struct {
	// Word is the marker as configured.
	Word string
	// Text is the index of the scanned text (argument order of ScanSecrecy)
	// so the console can say whether it is in the title, digest or body.
	Text int
	// Context is a short snippet of the plain text around the first hit.
	Context string
	// Count is how many times the marker occurs in that text.
	Count int
}

// contextRunes is how much surrounding text a snippet shows on each side.
const contextRunes = 10

// ScanSecrecy looks for markers in each text. Texts may be HTML: tags are
// removed without inserting spaces so a marker split by markup (机<b>密</b>)
// is still found. Full-width letters and digits, letter case, whitespace and
// zero-width characters are ignored when comparing, because they are the
// usual ways a marker slips past a naive search. Symbols are compared as they
// are (★ and ☆ differ). One Match is returned per marker per text.
func ScanSecrecy(markers []string, texts ...string) []Match {
	var out []Match
	for i, t := range texts {
		plain := []rune(stripTags(t))
		norm, pos := foldRunes(plain)
		negated := negatedRunes(norm)
		for _, m := range markers {
			needle, _ := foldRunes([]rune(m))
			if len(needle) == 0 {
				continue
			}
			first, count := findAll(norm, needle, negated)
			if count == 0 {
				continue
			}
			start := pos[first]
			end := pos[first+len(needle)-1] + 1
			out = append(out, Match{Word: m, Text: i, Count: count, Context: snippet(plain, start, end)})
		}
	}
	return out
}

// strictPolicy removes every tag; script and style contents go too.
var strictPolicy = bluemonday.StrictPolicy()

// commentRE matches HTML comments, which could otherwise hide a split marker.
var commentRE = regexp.MustCompile(`(?s)<!--.*?-->`)

// stripTags turns HTML (or plain text) into unescaped plain text with no
// separators added where tags were.
func stripTags(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return s
	}
	s = commentRE.ReplaceAllString(s, "")
	return html.UnescapeString(strictPolicy.Sanitize(s))
}

// foldRunes normalises runes for comparison and returns, for every kept
// rune, its index in the input.
func foldRunes(rs []rune) ([]rune, []int) {
	out := make([]rune, 0, len(rs))
	pos := make([]int, 0, len(rs))
	for i, r := range rs {
		if unicode.IsSpace(r) || isZeroWidth(r) {
			continue
		}
		out = append(out, foldWidth(r))
		pos = append(pos, i)
	}
	return out, pos
}

// foldWidth maps full-width ASCII forms to ASCII and lower-cases letters.
func foldWidth(r rune) rune {
	if r >= 0xFF01 && r <= 0xFF5E {
		r -= 0xFEE0
	}
	return unicode.ToLower(r)
}

func isZeroWidth(r rune) bool {
	switch r {
	case '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD':
		return true
	}
	return false
}

// negatedRunes marks the runes of hay covered by a negation phrase.
func negatedRunes(hay []rune) []bool {
	mask := make([]bool, len(hay))
	for _, n := range secrecyNegations {
		needle, _ := foldRunes([]rune(n))
		for i := 0; i+len(needle) <= len(hay); i++ {
			if runesEqual(hay[i:i+len(needle)], needle) {
				for j := i; j < i+len(needle); j++ {
					mask[j] = true
				}
			}
		}
	}
	return mask
}

// findAll returns the index of the first occurrence of needle in hay and the
// number of non-overlapping occurrences, skipping occurrences that lie wholly
// inside a negation (negated marks those runes).
func findAll(hay, needle []rune, negated []bool) (first, count int) {
	first = -1
	for i := 0; i+len(needle) <= len(hay); {
		if runesEqual(hay[i:i+len(needle)], needle) && !allTrue(negated[i:i+len(needle)]) {
			if first < 0 {
				first = i
			}
			count++
			i += len(needle)
			continue
		}
		i++
	}
	return first, count
}

func allTrue(bs []bool) bool {
	for _, b := range bs {
		if !b {
			return false
		}
	}
	return true
}

func runesEqual(a, b []rune) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// snippet returns the plain text around [start,end) with whitespace collapsed.
func snippet(rs []rune, start, end int) string {
	from := max(0, start-contextRunes)
	to := min(len(rs), end+contextRunes)
	s := strings.Join(strings.Fields(string(rs[from:to])), " ")
	if from > 0 {
		s = "…" + s
	}
	if to < len(rs) {
		s += "…"
	}
	return s
}
