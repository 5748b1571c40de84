package handlers

import "testing"

func TestBodyHTML(t *testing.T) {
	for in, want := range map[string]string{
		"":                        "",
		"<p>已是HTML</p>":           "<p>已是HTML</p>",
		"第一行\n第二行\n\n第二段":         "<p>第一行<br>第二行</p>\n<p>第二段</p>",
		"## 工作动态":                 "<h2>工作动态</h2>",
		"- 甲\n- 乙":                "<ul><li>甲</li><li>乙</li></ul>",
		"1. 甲\n2、乙":               "<ol><li>甲</li><li>乙</li></ol>",
		"**重点** <b>x</b>":         "<p><strong>重点</strong> &lt;b&gt;x&lt;/b&gt;</p>",
		"![封面](/h5/images/3)":     `<p><img src="/h5/images/3" alt="封面"></p>`,
		"[链接](https://gov.cn/a)":  `<p><a href="https://gov.cn/a">链接</a></p>`,
		"[坏链接](javascript:alert)": "<p>[坏链接](javascript:alert)</p>",
		"> 引用":                    "<blockquote><p>引用</p></blockquote>",
	} {
		if got := bodyHTML(in); got != want {
			t.Errorf("bodyHTML(%q) = %q, want %q", in, got, want)
		}
	}
}
