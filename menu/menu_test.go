package menu

import (
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// leaf returns a valid click button with a unique key.
func leaf(name, key string) Button { return Button{Type: TypeClick, Name: name, Key: key} }

// problems returns the paths Validate complains about.
func problems(t *testing.T, m Menu) []string {
	t.Helper()
	err := Validate(m)
	if err == nil {
		return nil
	}
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("error %v is not *ValidationError", err)
	}
	var paths []string
	for _, p := range ve.Problems {
		if p.Message == "" {
			t.Fatalf("problem at %s has no message", p.Path)
		}
		paths = append(paths, p.Path)
	}
	return paths
}

func subs(n int) []Button {
	out := make([]Button, n)
	for i := range out {
		out[i] = leaf("子菜单", "K"+strings.Repeat("x", i))
	}
	return out
}

func TestValidateLimits(t *testing.T) {
	cases := []struct {
		name string
		menu Menu
		want []string // problem paths; nil means valid
	}{
		{"one button", Menu{Button: []Button{leaf("最新", "A")}}, nil},
		{"no buttons", Menu{}, []string{"button"}},
		{"three buttons", Menu{Button: []Button{leaf("a", "A"), leaf("b", "B"), leaf("c", "C")}}, nil},
		{"four buttons", Menu{Button: []Button{leaf("a", "A"), leaf("b", "B"), leaf("c", "C"), leaf("d", "D")}}, []string{"button"}},
		{"five subs", Menu{Button: []Button{{Name: "专栏", SubButtons: subs(5)}}}, nil},
		{"six subs", Menu{Button: []Button{{Name: "专栏", SubButtons: subs(6)}}}, []string{"button[0].sub_button"}},
		{"top name 15 bytes", Menu{Button: []Button{leaf("依申请公开", "A")}}, nil},
		{"top name 16 bytes", Menu{Button: []Button{leaf("依申请公开X", "A")}}, nil},
		{"top name 17 bytes", Menu{Button: []Button{leaf("依申请公开XY", "A")}}, []string{"button[0].name"}},
		{"top name 18 bytes", Menu{Button: []Button{leaf("依申请公开啊", "A")}}, []string{"button[0].name"}},
		{"empty name", Menu{Button: []Button{leaf(" ", "A")}}, []string{"button[0].name"}},
		{"sub name 60 bytes", Menu{Button: []Button{{Name: "a", SubButtons: []Button{leaf(strings.Repeat("汉", 20), "A")}}}}, nil},
		{"sub name 61 bytes", Menu{Button: []Button{{Name: "a", SubButtons: []Button{leaf(strings.Repeat("汉", 20)+"x", "A")}}}}, []string{"button[0].sub_button[0].name"}},
		{"parent with type", Menu{Button: []Button{{Type: TypeClick, Name: "a", Key: "P", SubButtons: subs(1)}}}, []string{"button[0].type"}},
		{"leaf without type", Menu{Button: []Button{{Name: "a"}}}, []string{"button[0].type"}},
		{"unknown type", Menu{Button: []Button{{Type: "news", Name: "a"}}}, []string{"button[0].type"}},
		{"third level", Menu{Button: []Button{{Name: "a", SubButtons: []Button{{Type: TypeClick, Name: "b", Key: "B", SubButtons: subs(1)}}}}}, []string{"button[0].sub_button[0].sub_button"}},
		{"key 128 bytes", Menu{Button: []Button{leaf("a", strings.Repeat("k", 128))}}, nil},
		{"key 129 bytes", Menu{Button: []Button{leaf("a", strings.Repeat("k", 129))}}, []string{"button[0].key"}},
		{"click without key", Menu{Button: []Button{{Type: TypePicWeixin, Name: "a"}}}, []string{"button[0].key"}},
		{"duplicate keys", Menu{Button: []Button{leaf("a", "K"), {Name: "b", SubButtons: []Button{leaf("c", "J"), leaf("d", "K")}}}}, []string{"button[1].sub_button[1].key"}},
		{"view ok", Menu{Button: []Button{{Type: TypeView, Name: "a", URL: "https://gov.cn/x"}}}, nil},
		{"view bad scheme", Menu{Button: []Button{{Type: TypeView, Name: "a", URL: "javascript:alert(1)"}}}, []string{"button[0].url"}},
		{"view relative", Menu{Button: []Button{{Type: TypeView, Name: "a", URL: "/h5/columns"}}}, []string{"button[0].url"}},
		{"view no url", Menu{Button: []Button{{Type: TypeView, Name: "a"}}}, []string{"button[0].url"}},
		{"view url 1024 bytes", Menu{Button: []Button{{Type: TypeView, Name: "a", URL: "https://a.cn/" + strings.Repeat("p", 1024-13)}}}, nil},
		{"view url 1025 bytes", Menu{Button: []Button{{Type: TypeView, Name: "a", URL: "https://a.cn/" + strings.Repeat("p", 1025-13)}}}, []string{"button[0].url"}},
		{"miniprogram ok", Menu{Button: []Button{{Type: TypeMiniprogram, Name: "a", AppID: "wx1", PagePath: "pages/index", URL: "https://a.cn"}}}, nil},
		{"miniprogram missing all", Menu{Button: []Button{{Type: TypeMiniprogram, Name: "a"}}}, []string{"button[0].appid", "button[0].pagepath", "button[0].url"}},
		{"media_id", Menu{Button: []Button{{Type: TypeMediaID, Name: "a"}, {Type: TypeViewLimited, Name: "b", MediaID: "m"}}}, []string{"button[0].media_id"}},
		{"article_id", Menu{Button: []Button{{Type: TypeArticleID, Name: "a", ArticleID: "x"}, {Type: TypeArticleViewLimited, Name: "b"}}}, []string{"button[1].article_id"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := problems(t, tc.menu); !slices.Equal(got, tc.want) {
				t.Fatalf("problems %q, want %q", got, tc.want)
			}
		})
	}
}

func TestValidateReportsEverything(t *testing.T) {
	m := Menu{Button: []Button{
		leaf("依申请公开申请", "DUP"),
		{Name: "", SubButtons: append(subs(6), leaf("x", "DUP"))},
		{Type: TypeView, Name: "b", URL: "ftp://x"},
		leaf("d", "D"),
	}}
	want := []string{
		"button", "button[0].name", "button[1].name", "button[1].sub_button",
		"button[1].sub_button[6].key", "button[2].url",
	}
	if got := problems(t, m); !slices.Equal(got, want) {
		t.Fatalf("problems %q, want %q", got, want)
	}
	if msg := Validate(m).Error(); !strings.Contains(msg, "button[1].sub_button[6].key") || !strings.Contains(msg, "重复") {
		t.Fatalf("error text %q", msg)
	}
}

func TestDefault(t *testing.T) {
	for _, base := range []string{"https://gov.example.cn", "https://gov.example.cn/", "", "not a url"} {
		m := Default(base)
		if err := Validate(m); err != nil {
			t.Fatalf("Default(%q) invalid: %v", base, err)
		}
		if len(m.Button) != 3 || m.Button[0].Name != "专栏" || m.Button[1].Name != "依申请公开" || m.Button[2].Name != "最新" {
			t.Fatalf("unexpected default %+v", m)
		}
	}
	m := Default("https://gov.example.cn/")
	if got := m.Button[1].SubButtons[3]; got.Type != TypeView || got.URL != "https://gov.example.cn/h5/reports" {
		t.Fatalf("年度报告 %+v", got)
	}
	if got := m.Button[2]; got.Type != TypeView || got.URL != "https://gov.example.cn/h5/columns" {
		t.Fatalf("最新 %+v", got)
	}
	if got := Default("").Button[2]; got.Type != TypeClick || got.Key != KeyNewsLatest {
		t.Fatalf("fallback 最新 %+v", got)
	}
	keys := []string{}
	for _, b := range m.Button[0].SubButtons {
		keys = append(keys, b.Key)
	}
	if !slices.Equal(keys, []string{"COLUMN:dangshi", "COLUMN:tuopin", "COLUMN:yiqing"}) {
		t.Fatalf("column keys %q", keys)
	}
}

func TestParse(t *testing.T) {
	want := Menu{Button: []Button{
		{Type: TypeClick, Name: "最新", Key: "NEWS:LATEST"},
		{Name: "专栏", SubButtons: []Button{
			{Type: TypeView, Name: "网页", URL: "https://a.cn"},
			{Type: TypeMiniprogram, Name: "小程序", AppID: "wx1", PagePath: "p/i", URL: "https://a.cn"},
			{Type: TypeArticleID, Name: "文章", ArticleID: "A1"},
			{Type: TypeMediaID, Name: "素材", MediaID: "M1"},
		}},
	}}
	createBody := `{"button":[{"type":"click","name":"最新","key":"NEWS:LATEST"},
 {"name":"专栏","sub_button":[{"type":"view","name":"网页","url":"https://a.cn"},
  {"type":"miniprogram","name":"小程序","appid":"wx1","pagepath":"p/i","url":"https://a.cn"},
  {"type":"article_id","name":"文章","article_id":"A1"},{"type":"media_id","name":"素材","media_id":"M1"}]}]}`
	getBody := `{"menu":{"button":[{"type":"click","name":"最新","key":"NEWS:LATEST","sub_button":[]},
 {"name":"专栏","sub_button":[{"type":"view","name":"网页","url":"https://a.cn","sub_button":[]},
  {"type":"miniprogram","name":"小程序","appid":"wx1","pagepath":"p/i","url":"https://a.cn","sub_button":[]},
  {"type":"article_id","name":"文章","article_id":"A1","sub_button":[]},{"type":"media_id","name":"素材","media_id":"M1","sub_button":[]}]}],
 "menuid":208396938},"conditionalmenu":[{"button":[],"matchrule":{"tag_id":"2"},"menuid":1}]}`
	for name, body := range map[string]string{"create": createBody, "get": getBody} {
		got, err := Parse([]byte(body))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !reflect.DeepEqual(normalise(got), want) {
			t.Fatalf("%s: got %+v", name, got)
		}
	}
	bad := []string{
		`{"button":[{"type":"click","name":"a","key":"k","colour":"red"}]}`,
		`{"button":[{"name":"a","sub_buttons":[]}]}`,
		`{"menu":{"button":[],"extra":1}}`,
		`{"button":[]} {"button":[]}`,
		`[1,2]`,
		`not json`,
	}
	for _, b := range bad {
		if _, err := Parse([]byte(b)); err == nil {
			t.Errorf("Parse(%s) accepted", b)
		}
	}
}

// normalise turns empty sub_button slices from menu/get into nil.
func normalise(m Menu) Menu {
	for i := range m.Button {
		if len(m.Button[i].SubButtons) == 0 {
			m.Button[i].SubButtons = nil
		}
		for j := range m.Button[i].SubButtons {
			m.Button[i].SubButtons[j].SubButtons = nil
		}
	}
	return m
}

func TestJSONRoundTrip(t *testing.T) {
	m := Default("https://gov.example.cn")
	data, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	for _, w := range []string{`"sub_button":[`, `"key":"COLUMN:dangshi"`, `"url":"https://gov.example.cn/h5/reports"`} {
		if !strings.Contains(s, w) {
			t.Fatalf("%s lacks %s", s, w)
		}
	}
	if strings.Contains(s, `"type":""`) || strings.Contains(s, `"media_id"`) {
		t.Fatalf("empty fields serialised: %s", s)
	}
	back, err := Parse(data)
	if err != nil || !reflect.DeepEqual(back, m) {
		t.Fatalf("round trip: %v %+v", err, back)
	}
}
