package inbox

import (
	"regexp"
	"strings"

	"govmp/pii"
)

// Mainland mobile numbers and resident ID numbers (18 digits, the last may be
// X; or the old 15-digit form) inside free text. Digits right next to them
// are excluded so a longer number (an order number) is not half-masked.
var (
	idRE    = regexp.MustCompile(`(^|[^0-9])([1-9][0-9]{16}[0-9Xx]|[1-9][0-9]{14})([^0-9Xx]|$)`)
	phoneRE = regexp.MustCompile(`(^|[^0-9])(1[3-9][0-9]{9})([^0-9]|$)`)
)

// MaskText hides phone and ID numbers inside a citizen's message, for lists
// and previews. Viewing the text in full is a separate, audited act.
func MaskText(s string) string {
	s = replaceGroup(idRE, s, pii.MaskID)
	return replaceGroup(phoneRE, s, pii.MaskPhone)
}

// HasPersonalNumbers reports whether MaskText would change s, so the console
// offers "查看完整内容" only when there is something hidden.
func HasPersonalNumbers(s string) bool { return MaskText(s) != s }

// replaceGroup replaces the second submatch of every match, keeping the
// guards on either side. Matches are found repeatedly because adjacent
// numbers share a guard character.
func replaceGroup(re *regexp.Regexp, s string, f func(string) string) string {
	for {
		loc := re.FindStringSubmatchIndex(s)
		if loc == nil {
			return s
		}
		masked := f(s[loc[4]:loc[5]])
		s = s[:loc[4]] + masked + s[loc[5]:]
		if !strings.ContainsAny(masked, "*") { // nothing changed: avoid looping
			return s
		}
	}
}

// Flags returns the sensitive words found in a message, for staff to see.
// A message is never dropped or hidden for them: a citizen's complaint that
// quotes an abusive word still deserves an answer.
func Flags(words []string, text string) []string {
	var out []string
	lower := strings.ToLower(text)
	for _, w := range words {
		w = strings.TrimSpace(w)
		if w != "" && strings.Contains(lower, strings.ToLower(w)) {
			out = append(out, w)
		}
	}
	return out
}
