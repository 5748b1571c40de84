package content

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestLimitNewsItems(t *testing.T) {
	items := make([]int, 10)
	cases := []struct {
		n     int
		event bool
		want  int
	}{{10, true, 8}, {8, true, 8}, {3, true, 3}, {10, false, 1}, {1, false, 1}, {0, false, 0}, {0, true, 0}}
	for _, tc := range cases {
		if got := len(LimitNewsItems(items[:tc.n], tc.event)); got != tc.want {
			t.Errorf("%d items, event=%v: got %d, want %d", tc.n, tc.event, got, tc.want)
		}
	}
}

func TestTruncateBytes(t *testing.T) {
	for _, s := range []string{
		strings.Repeat("中", 1000),          // 3-byte runes
		"a" + strings.Repeat("中", 1000),    // misaligned
		"ab" + strings.Repeat("😀", 600),    // 4-byte runes
		strings.Repeat("x", 3000),          // ASCII
		strings.Repeat("é", 1500) + "tail", // 2-byte runes
	} {
		got := TruncateBytes(s, MaxTextReplyBytes)
		if len(got) > MaxTextReplyBytes || !utf8.ValidString(got) || !strings.HasPrefix(s, got) {
			t.Fatalf("bad truncation: %d bytes, valid=%v", len(got), utf8.ValidString(got))
		}
		if MaxTextReplyBytes-len(got) >= utf8.UTFMax {
			t.Fatalf("cut too much: %d bytes", len(got))
		}
		r := TruncateTextReply(s)
		if len(r) > MaxTextReplyBytes || !utf8.ValidString(r) || !strings.HasSuffix(r, "…") {
			t.Fatalf("bad reply truncation: %d bytes", len(r))
		}
	}
	if got := TruncateTextReply("短消息"); got != "短消息" {
		t.Fatalf("short text changed: %q", got)
	}
	if TruncateBytes("中", 2) != "" || TruncateBytes("abc", 0) != "" {
		t.Fatal("tiny limits")
	}
}
