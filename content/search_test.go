package content

import (
	"testing"
	"time"
)

func TestBestMatch(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2024, 1, d, 0, 0, 0, 0, time.UTC) }
	cands := []Candidate{
		{1, "关于春耕生产的通知", day(1)},
		{2, "春耕", day(2)},
		{3, "春耕生产工作部署", day(3)},
		{4, "全市春耕生产进展", day(4)},
		{5, "全市春耕生产进展情况", day(5)},
		{6, "乡村振兴工作会议", day(6)},
	}
	cases := []struct {
		name  string
		query string
		cands []Candidate
		want  uint
		ok    bool
	}{
		{"exact beats newer prefix", "春耕", cands, 2, true},
		{"prefix beats contains", "春耕生产", cands, 3, true},
		{"contains, newest wins tie", "春耕生产进展", cands, 5, true},
		{"contains tie by date", "生产", cands, 5, true},
		{"full-width and spaces ignored", " 春 耕！", cands, 2, true},
		{"bigram overlap", "乡村振兴会议", cands, 6, true},
		{"too little overlap", "振兴大豆", cands, 0, false},
		{"nothing", "疫情", cands, 0, false},
		{"empty query", "  ", cands, 0, false},
		{"no candidates", "春耕", nil, 0, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := BestMatch(tc.query, tc.cands)
			if ok != tc.ok || got.ID != tc.want {
				t.Fatalf("got %d/%v, want %d/%v", got.ID, ok, tc.want, tc.ok)
			}
		})
	}
}

func TestMatchScoreOrder(t *testing.T) {
	q := "春耕生产"
	exact, prefix := MatchScore(q, "春耕生产"), MatchScore(q, "春耕生产通知")
	contains, overlap := MatchScore(q, "全市春耕生产"), MatchScore(q, "春耕和生产")
	if !(exact > prefix && prefix > contains && contains > overlap && overlap > 0) {
		t.Fatalf("scores %v %v %v %v", exact, prefix, contains, overlap)
	}
}
