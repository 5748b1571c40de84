package console

import (
	"fmt"
	"html/template"
	"math"
	"strings"
)

// Series is one line, or one colour of bars, of a chart.
type Series struct {
	Name   string
	Color  string // any CSS colour
	Values []float64
}

// Chart is a small line or bar chart over labelled points (days, weeks …).
// It is drawn on the server as an inline SVG: no script, no external file,
// and it prints.
type Chart struct {
	Title  string
	Kind   string // "line" (default) or "bar"
	Labels []string
	Series []Series
	// Limit draws a dashed horizontal reference line, e.g. a rule's threshold.
	Limit     *float64
	LimitName string
	Width     int // viewBox size; the SVG scales to its container
	Height    int
}

const (
	padLeft, padRight, padTop, padBottom = 52.0, 14.0, 30.0, 30.0
)

// SVG renders the chart. Every text it draws is escaped.
func (c Chart) SVG() template.HTML {
	w, h := float64(orInt(c.Width, 480)), float64(orInt(c.Height, 220))
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart" viewBox="0 0 %g %g" role="img" aria-label="%s" xmlns="http://www.w3.org/2000/svg">`, w, h, esc(c.Title))
	fmt.Fprintf(&b, `<title>%s</title>`, esc(c.Title))
	if len(c.Labels) == 0 {
		fmt.Fprintf(&b, `<text x="%g" y="%g" text-anchor="middle" class="chart-empty">暂无数据</text></svg>`, w/2, h/2)
		return template.HTML(b.String())
	}
	top := c.maxValue()
	step := niceStep(top / 4)
	top = math.Max(step, math.Ceil(top/step)*step)
	plotW, plotH := w-padLeft-padRight, h-padTop-padBottom
	y := func(v float64) float64 { return padTop + plotH - v/top*plotH }
	for v := 0.0; v <= top+step/2; v += step {
		fmt.Fprintf(&b, `<line x1="%g" x2="%g" y1="%.1f" y2="%.1f" stroke="#e3e6ea"/>`, padLeft, w-padRight, y(v), y(v))
		fmt.Fprintf(&b, `<text x="%g" y="%.1f" text-anchor="end" font-size="11" fill="#555">%s</text>`, padLeft-6, y(v)+4, number(v))
	}
	c.legend(&b)
	xs := c.xPositions(plotW)
	c.xLabels(&b, xs, plotW, h)
	if c.Kind == "bar" {
		c.bars(&b, xs, plotW, y)
	} else {
		c.lines(&b, xs, y)
	}
	if c.Limit != nil {
		ly := y(*c.Limit)
		fmt.Fprintf(&b, `<line x1="%g" x2="%g" y1="%.1f" y2="%.1f" stroke="#c0392b" stroke-dasharray="6 4"/>`, padLeft, w-padRight, ly, ly)
		fmt.Fprintf(&b, `<text x="%g" y="%.1f" text-anchor="end" font-size="11" fill="#c0392b">%s</text>`, w-padRight, ly-4, esc(c.LimitName))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

func (c Chart) maxValue() float64 {
	top := 0.0
	for _, s := range c.Series {
		for _, v := range s.Values {
			top = math.Max(top, v)
		}
	}
	if c.Limit != nil {
		top = math.Max(top, *c.Limit)
	}
	return math.Max(top, 1)
}

// xPositions places points evenly: at the ends for lines, at slot centres for bars.
func (c Chart) xPositions(plotW float64) []float64 {
	n := len(c.Labels)
	xs := make([]float64, n)
	for i := range xs {
		switch {
		case c.Kind == "bar":
			xs[i] = padLeft + (float64(i)+0.5)*plotW/float64(n)
		case n == 1:
			xs[i] = padLeft + plotW/2
		default:
			xs[i] = padLeft + float64(i)*plotW/float64(n-1)
		}
	}
	return xs
}

// xLabels writes as many labels as fit, evenly thinned.
func (c Chart) xLabels(b *strings.Builder, xs []float64, plotW, h float64) {
	every := int(math.Ceil(float64(len(c.Labels)) / math.Max(1, plotW/56)))
	for i, l := range c.Labels {
		last := i == len(c.Labels)-1 && (len(c.Labels)-1)%every >= (every+1)/2
		if i%every != 0 && !last {
			continue
		}
		fmt.Fprintf(b, `<text x="%.1f" y="%g" text-anchor="middle" font-size="11" fill="#555">%s</text>`, xs[i], h-padBottom+16, esc(l))
	}
}

func (c Chart) legend(b *strings.Builder) {
	x := padLeft
	for _, s := range c.Series {
		fmt.Fprintf(b, `<rect x="%g" y="8" width="12" height="12" fill="%s"/>`, x, esc(s.Color))
		fmt.Fprintf(b, `<text x="%g" y="18" font-size="12" fill="#333">%s</text>`, x+16, esc(s.Name))
		x += 28 + 13*float64(len([]rune(s.Name)))
	}
}

func (c Chart) lines(b *strings.Builder, xs []float64, y func(float64) float64) {
	for _, s := range c.Series {
		pts := make([]string, 0, len(s.Values))
		for i, v := range s.Values {
			if i < len(xs) {
				pts = append(pts, fmt.Sprintf("%.1f,%.1f", xs[i], y(v)))
			}
		}
		fmt.Fprintf(b, `<polyline fill="none" stroke="%s" stroke-width="2" points="%s"/>`, esc(s.Color), strings.Join(pts, " "))
		if len(xs) > 62 {
			continue // too dense for markers; the line is enough
		}
		for i, v := range s.Values {
			if i < len(xs) {
				fmt.Fprintf(b, `<circle cx="%.1f" cy="%.1f" r="2.5" fill="%s"><title>%s %s：%s</title></circle>`,
					xs[i], y(v), esc(s.Color), esc(c.Labels[i]), esc(s.Name), number(v))
			}
		}
	}
}

func (c Chart) bars(b *strings.Builder, xs []float64, plotW float64, y func(float64) float64) {
	slot := plotW / float64(len(c.Labels))
	bw := slot * 0.8 / float64(max(1, len(c.Series)))
	for si, s := range c.Series {
		for i, v := range s.Values {
			if i >= len(xs) {
				break
			}
			x := xs[i] - slot*0.4 + float64(si)*bw
			fmt.Fprintf(b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"><title>%s %s：%s</title></rect>`,
				x, y(v), math.Max(bw-1, 1), y(0)-y(v), esc(s.Color), esc(c.Labels[i]), esc(s.Name), number(v))
		}
	}
}

// niceStep rounds a raw tick step up to 1, 2 or 5 times a power of ten.
func niceStep(raw float64) float64 {
	if raw <= 0 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5, 10} {
		if raw <= m*p {
			return math.Max(1, m*p)
		}
	}
	return 10 * p
}

// number prints whole numbers plainly and large ones the way the report
// does (5.1万).
func number(v float64) string {
	if v >= 10000 {
		return strings.TrimSuffix(fmt.Sprintf("%.1f", v/10000), ".0") + "万"
	}
	return fmt.Sprintf("%.0f", v)
}

func esc(s string) string { return template.HTMLEscapeString(s) }

func orInt(v, def int) int {
	if v <= 0 {
		return def
	}
	return v
}
