package console

import (
	"encoding/xml"
	"strings"
	"testing"
)

func TestChartSVGIsWellFormedAndEscaped(t *testing.T) {
	limit := 14.0
	for _, c := range []Chart{
		{Title: "粉丝 <script>", Labels: []string{"03-01", "03-02", "03-03"},
			Series: []Series{{Name: "新增", Color: "#1a7f37", Values: []float64{1, 5, 12000}}, {Name: "取消&", Color: "red", Values: []float64{0, 1, 2}}}},
		{Title: "发布", Kind: "bar", Labels: []string{"W1", "W2"}, Series: []Series{{Name: "篇数", Color: "#333", Values: []float64{3, 0}}}, Limit: &limit, LimitName: "14天"},
		{Title: "空"},
		{Title: "一点", Labels: []string{"x"}, Series: []Series{{Name: "a", Color: "#000", Values: []float64{0}}}},
	} {
		svg := string(c.SVG())
		if strings.Contains(svg, "<script>") {
			t.Fatalf("unescaped title: %s", svg)
		}
		d := xml.NewDecoder(strings.NewReader(svg))
		for {
			_, err := d.Token()
			if err != nil {
				if err.Error() != "EOF" {
					t.Fatalf("%s: not well-formed: %v\n%s", c.Title, err, svg)
				}
				break
			}
		}
	}
}

func TestChartNumbersAndSteps(t *testing.T) {
	if got := number(51000); got != "5.1万" {
		t.Fatalf("number(51000) = %s", got)
	}
	if got := number(20000); got != "2万" {
		t.Fatalf("number(20000) = %s", got)
	}
	for raw, want := range map[float64]float64{0: 1, 0.3: 1, 3: 5, 12: 20, 180: 200, 4500: 5000} {
		if got := niceStep(raw); got != want {
			t.Errorf("niceStep(%g) = %g, want %g", raw, got, want)
		}
	}
}
