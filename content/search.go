package content

import (
	"strings"
	"time"
	"unicode"
)

// Candidate is an article a text search may answer with.
type Candidate struct {
	ID          uint
	Title       string
	PublishedAt time.Time
}

// Match strengths, in order: exact title, title starts with the query,
// title contains it, then partial overlap of character bigrams.
const (
	scoreExact    = 4.0
	scorePrefix   = 3.0
	scoreContains = 2.0
	// minOverlap is the share of the query's bigrams a title must contain
	// to count at all: below half, the answer is more often wrong than right.
	minOverlap = 0.5
)

// MatchScore rates how well title answers query: 4 exact, 3 prefix,
// 2 contains, between 0.5 and 1 for bigram overlap, 0 for no match.
// Case, full-width forms, spaces and punctuation are ignored.
func MatchScore(query, title string) float64 {
	q, t := searchFold(query), searchFold(title)
	if q == "" || t == "" {
		return 0
	}
	switch {
	case q == t:
		return scoreExact
	case strings.HasPrefix(t, q):
		return scorePrefix
	case strings.Contains(t, q):
		return scoreContains
	}
	qb := bigrams(q)
	if len(qb) == 0 {
		return 0
	}
	tb := map[string]bool{}
	for _, b := range bigrams(t) {
		tb[b] = true
	}
	hit := 0
	for _, b := range qb {
		if tb[b] {
			hit++
		}
	}
	share := float64(hit) / float64(len(qb))
	if share < minOverlap {
		return 0
	}
	return share
}

// BestMatch returns the candidate whose title best matches query; among
// equal scores the most recently published wins, because citizens asking by
// keyword usually want the latest notice. ok is false when nothing matches.
func BestMatch(query string, titles []Candidate) (best Candidate, ok bool) {
	bestScore := 0.0
	for _, c := range titles {
		s := MatchScore(query, c.Title)
		if s == 0 {
			continue
		}
		if !ok || s > bestScore || (s == bestScore && c.PublishedAt.After(best.PublishedAt)) {
			best, bestScore, ok = c, s, true
		}
	}
	return best, ok
}

// searchFold keeps letters and digits only, width-folded and lower-cased.
func searchFold(s string) string {
	var b strings.Builder
	for _, r := range s {
		r = foldWidth(r)
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// bigrams splits s into overlapping two-character pieces, the usual cheap
// substitute for word segmentation in Chinese. A one-character string is its
// own single piece.
func bigrams(s string) []string {
	r := []rune(s)
	if len(r) == 1 {
		return []string{s}
	}
	out := make([]string, 0, len(r))
	for i := 0; i+1 < len(r); i++ {
		out = append(out, string(r[i:i+2]))
	}
	return out
}
