package content

import (
	"strings"
	"testing"
)

func TestSanitizeHTML(t *testing.T) {
	cases := []struct {
		name    string
		in      string
		want    []string // substrings that must remain
		notWant []string // substrings that must be gone
	}{
		{"script", `<p>正文</p><script>alert(1)</script>`, []string{"<p>正文</p>"}, []string{"script", "alert"}},
		{"onerror", `<img src="https://a.cn/x.png" onerror="alert(1)">`, []string{`<img src="https://a.cn/x.png"`}, []string{"onerror", "alert"}},
		{"javascript href", `<a href="javascript:alert(1)">点我</a>`, []string{"点我"}, []string{"javascript", "href"}},
		{"javascript href mixed case", `<a href="JaVaScRiPt:alert(1)">x</a>`, nil, []string{"alert"}},
		{"https link kept", `<a href="https://www.fuxin.gov.cn/">市政府</a>`, []string{`href="https://www.fuxin.gov.cn/"`, "市政府"}, nil},
		{"https image kept", `<img src="https://mmbiz.qpic.cn/a.jpg" alt="图">`, []string{`src="https://mmbiz.qpic.cn/a.jpg"`, `alt="图"`}, nil},
		{"data image dropped", `<img src="data:image/png;base64,AAAA">`, nil, []string{"data:", "<img"}},
		{"relative image dropped", `<img src="/up/a.png">`, nil, []string{"/up/a.png"}},
		{"table kept", `<table><thead><tr><th>项目</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>`,
			[]string{"<table>", "<th>项目</th>", "<td>1</td>"}, nil},
		{"style dropped", `<p style="color:red;font-size:20px">红字</p>`, []string{"<p>红字</p>"}, []string{"style", "color"}},
		{"wechat section", `<section style="margin:0" data-tools="135"><section><p style="text-align:center"><span style="color:#333">标题</span></p></section></section>`,
			[]string{"<section><section><p><span>标题</span></p></section></section>"}, []string{"style", "data-tools"}},
		{"formatting kept", `<h2>一、概述</h2><ul><li><strong>重点</strong><em>说明</em></li></ul><br>`,
			[]string{"<h2>一、概述</h2>", "<li><strong>重点</strong><em>说明</em></li>", "<br>"}, nil},
		{"iframe dropped", `<iframe src="https://evil.example"></iframe>正文`, []string{"正文"}, []string{"iframe"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := SanitizeHTML(tc.in)
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("%q lacks %q", got, w)
				}
			}
			for _, w := range tc.notWant {
				if strings.Contains(strings.ToLower(got), strings.ToLower(w)) {
					t.Errorf("%q still has %q", got, w)
				}
			}
		})
	}
}

func TestPlainText(t *testing.T) {
	in := `<h1>标题</h1><p>第一段&amp;说明</p><p>第二段<br>换行</p><script>x()</script><table><tr><td>a</td><td>b</td></tr></table>`
	want := "标题\n第一段&说明\n第二段\n换行\nab"
	if got := PlainText(in); got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestDigest(t *testing.T) {
	body := "<p>" + strings.Repeat("乡", 40) + "</p><p>" + strings.Repeat("村", 40) + "</p>"
	got := Digest("", body)
	if n := len([]rune(got)); n != DigestRunes {
		t.Fatalf("digest %q has %d runes", got, n)
	}
	if !strings.HasPrefix(got, strings.Repeat("乡", 40)+" 村") {
		t.Fatalf("digest %q", got)
	}
	if got := Digest("  自定义摘要 ", body); got != "自定义摘要" {
		t.Fatalf("explicit digest: %q", got)
	}
	if got := Digest("", "<p>短</p>"); got != "短" {
		t.Fatalf("short body: %q", got)
	}
}

func TestImageURLs(t *testing.T) {
	body := `<p><img alt='x src="https://fake/"' src="https://a.cn/1.png?a=1&amp;b=2"></p>
<IMG SRC='https://a.cn/2.png' data-src="https://lazy/">
<img data-src="https://only-lazy/">
<img src=https://a.cn/3.png>
<img src="https://a.cn/1.png?a=1&b=2">`
	got := ImageURLs(body)
	want := []string{"https://a.cn/1.png?a=1&b=2", "https://a.cn/2.png", "https://a.cn/3.png"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestRewriteImageURLs(t *testing.T) {
	body := `<p>图<img alt="src=a" src="https://a.cn/1.png?a=1&amp;b=2" width="100"></p><img src='https://a.cn/2.png'><img src="https://keep/3.png"><a href="https://a.cn/2.png">链接</a>`
	got := RewriteImageURLs(body, map[string]string{
		"https://a.cn/1.png?a=1&b=2": "http://mmbiz.qpic.cn/1?x=1&y=2",
		"https://a.cn/2.png":         "http://mmbiz.qpic.cn/2",
	})
	want := `<p>图<img alt="src=a" src="http://mmbiz.qpic.cn/1?x=1&amp;y=2" width="100"></p><img src="http://mmbiz.qpic.cn/2"><img src="https://keep/3.png"><a href="https://a.cn/2.png">链接</a>`
	if got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
	if RewriteImageURLs(body, nil) != body {
		t.Fatal("nil map changed body")
	}
}
