package content

import (
	"strings"
	"testing"
)

func TestScanSecrecy(t *testing.T) {
	def := DefaultSecrecyMarkers()
	cases := []struct {
		name    string
		markers []string
		texts   []string
		want    []string // matched words
		text    int      // index of the text of the first match
	}{
		{"title", def, []string{"机密通知", "", ""}, []string{"机密"}, 0},
		{"digest", def, []string{"标题", "本文为机密", ""}, []string{"机密"}, 1},
		{"body html", def, []string{"标题", "", "<p>这是<strong>机密</strong>内容</p>"}, []string{"机密"}, 2},
		{"split by tags", def, []string{"<p>机<b>密</b></p>"}, []string{"机密"}, 0},
		{"split by comment and nbsp", def, []string{"机<!-- x -->&nbsp;密"}, []string{"机密"}, 0},
		{"zero width", def, []string{"绝\u200b密"}, []string{"绝密"}, 0},
		{"star", def, []string{"秘密★一年"}, []string{"秘密", "★"}, 0},
		{"white star is not a marker", def, []string{"☆五星好评"}, nil, 0},
		{"clean", def, []string{"阜新市乡村振兴局召开工作会议", "<p>会议部署了<b>春耕</b>工作</p>"}, nil, 0},
		{"script content ignored", def, []string{"<script>var 机密=1</script>正文"}, nil, 0},
		{"custom list", []string{"内部 传阅", "ＦＯＵＯ"}, []string{"仅限内部传阅", "fouo draft"}, []string{"内部 传阅", "ＦＯＵＯ"}, 0},
		{"custom list replaces default", []string{"草稿"}, []string{"机密"}, nil, 0},
		{"negation is not a hit", def, []string{"本文不涉密", "<p>经审查非涉<b>密</b>，可以公开</p>"}, nil, 0},
		{"negation beside a real marker", def, []string{"本文不涉密", "其中涉密部分已删除"}, []string{"涉密"}, 1},
		{"empty marker skipped", []string{"", " "}, []string{"任何文本"}, nil, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := ScanSecrecy(tc.markers, tc.texts...)
			var words []string
			for _, m := range got {
				words = append(words, m.Word)
			}
			if strings.Join(words, ",") != strings.Join(tc.want, ",") {
				t.Fatalf("matched %q, want %q", words, tc.want)
			}
			if len(got) > 0 && got[0].Text != tc.text {
				t.Fatalf("text index %d, want %d", got[0].Text, tc.text)
			}
		})
	}
}

func TestScanSecrecyContextAndCount(t *testing.T) {
	long := strings.Repeat("甲", 30) + "机密" + strings.Repeat("乙", 30) + "机密"
	got := ScanSecrecy([]string{"机密"}, long)
	if len(got) != 1 || got[0].Count != 2 {
		t.Fatalf("got %+v", got)
	}
	want := "…" + strings.Repeat("甲", 10) + "机密" + strings.Repeat("乙", 10) + "…"
	if got[0].Context != want {
		t.Fatalf("context %q, want %q", got[0].Context, want)
	}
	split := ScanSecrecy([]string{"机密"}, "<p>机<b>密</b></p>")
	if split[0].Context != "机密" {
		t.Fatalf("context %q", split[0].Context)
	}
}
